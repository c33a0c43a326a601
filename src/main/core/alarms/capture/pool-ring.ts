// The PoolStatusFeed keeps only each board's latest pool-status; a capture bundle needs the reports of its window,
// so this keeps a short, bounded history of them per board.
import type { PoolStatus } from '../../../../shared/protocol/pool-status';

/** One pool-status report as received. */
export interface PoolReport {
  readonly t: number;
  readonly status: PoolStatus;
}

/** How much of each board's reports is kept. */
export interface PoolRingLimits {
  /** Reports older than this (before the newest) are dropped (default 15 min, the longest pre + post window is
   *  covered only in part: docs/alarm-captures.md). */
  readonly keepMs: number;
  /** Most reports per board (default 2,000: one a second for 15 min with room). */
  readonly maxReports: number;
  /** Most boards (default 64); the board heard from longest ago goes first. */
  readonly maxBoards: number;
}

const DEFAULTS: PoolRingLimits = { keepMs: 15 * 60_000, maxReports: 2000, maxBoards: 64 };

export class PoolRing {
  private readonly boards = new Map<string, PoolReport[]>();
  /** Boards whose older reports were dropped (past the time or count limit). */
  private readonly trimmed = new Set<string>();
  private readonly limits: PoolRingLimits;

  constructor(limits: Partial<PoolRingLimits> = {}) {
    this.limits = { ...DEFAULTS, ...limits };
  }

  push(boardId: string, t: number, status: PoolStatus): void {
    let list = this.boards.get(boardId);
    if (list)
      this.boards.delete(boardId); // re-inserted last: the map's order is "heard from longest ago" first
    else list = [];
    this.boards.set(boardId, list);
    list.push({ t, status });
    let drop = 0;
    while (
      drop < list.length - 1 &&
      (list.length - drop > this.limits.maxReports || list[drop]!.t < t - this.limits.keepMs)
    )
      drop++;
    if (drop) {
      list.splice(0, drop);
      this.trimmed.add(boardId);
    }
    while (this.boards.size > this.limits.maxBoards) this.forget(this.boards.keys().next().value!);
  }

  /**
   * The reports of board `boardId` in [fromT, toT]; `keptFrom`: the oldest time still kept; `trimmed`: older
   * reports were dropped.
   */
  between(
    boardId: string,
    fromT: number,
    toT: number,
  ): { reports: PoolReport[]; keptFrom: number | undefined; trimmed: boolean } {
    const list = this.boards.get(boardId) ?? [];
    return {
      reports: list.filter((r) => r.t >= fromT && r.t <= toT),
      keptFrom: list[0]?.t,
      trimmed: this.trimmed.has(boardId),
    };
  }

  /** Drops a board's reports (its profile was removed). */
  forget(boardId: string): void {
    this.boards.delete(boardId);
    this.trimmed.delete(boardId);
  }
}
