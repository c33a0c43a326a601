import { emmcMedium, parsePoolStatus, type PoolStatus } from '../../../shared/protocol/pool-status';

/** A board silent this long after a report is shown as stale, and its eMMC space as unknown. */
export const STALE_AFTER_MS = 5000;

/** The last pool-status a board sent (the virtual board's too: it is learnt over the wire like a real one's). */
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

  /**
   * The eMMC space of a board as its last report gave it (the `media` of docs/pool-status.md), or why it is unknown.
   * Waits up to `waitMs` for a first report (a board just connected reports within a telemetry period).
   */
  async storage(
    boardId: string,
    waitMs = 0,
  ): Promise<{ ok: true; used: number; total: number } | { ok: false; reason: string }> {
    let report = this.reports.get(boardId);
    if (!report && waitMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, waitMs);
        timer.unref?.();
        const off = this.onReport((id) => id === boardId && done());
        function done() {
          clearTimeout(timer);
          off();
          resolve();
        }
      });
      report = this.reports.get(boardId);
    }
    if (!report) return { ok: false, reason: 'this board does not report its eMMC space' };
    if (this.now() - report.at > STALE_AFTER_MS)
      return { ok: false, reason: 'the board has not reported its eMMC space for a while' };
    const m = emmcMedium(report.status);
    if (!m) return { ok: false, reason: 'this board does not report its eMMC space' };
    return { ok: true, used: m.total - m.free, total: m.total };
  }

  /** Called with the board id after each report; returns the unsubscribe function. */
  onReport(listener: (boardId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
