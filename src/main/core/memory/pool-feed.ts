import { parsePoolStatus, type PoolStatus } from '../../../shared/protocol/pool-status';

/** The last pool-status a real board sent. */
export interface BoardPoolReport {
  readonly at: number;
  readonly status: PoolStatus;
  readonly skipped: readonly string[];
}

/**
 * Where board links drop the pool-status messages they receive. A link calls `push(boardId, value)` with the parsed
 * JSON object of any message whose type is "pool-status", and `forget(boardId)` when the board goes away.
 */
export class PoolStatusFeed {
  private readonly reports = new Map<string, BoardPoolReport>();
  private readonly listeners = new Set<(boardId: string) => void>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Takes one received message (object or its data). Returns false, with the reason, when it is unusable. */
  push(boardId: string, value: unknown): { ok: true } | { ok: false; reason: string } {
    const parsed = parsePoolStatus(value);
    if (!parsed.ok) return parsed;
    this.reports.set(boardId, { at: this.now(), status: parsed.status, skipped: parsed.skipped });
    for (const l of this.listeners) l(boardId);
    return { ok: true };
  }

  /** Drops what a board reported (its link closed). */
  forget(boardId: string): void {
    if (this.reports.delete(boardId)) for (const l of this.listeners) l(boardId);
  }

  /** The last report of a board, if it ever sent one. */
  latest(boardId: string): BoardPoolReport | undefined {
    return this.reports.get(boardId);
  }

  /** Called with the board id after each report; returns the unsubscribe function. */
  onReport(listener: (boardId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
