// `telemetry:history` of the shown board, reaching back past the rows held in memory into the board's session file
// while the flight recorder writes it (docs/sessions.md §Long history). The part of a window before the oldest row
// in memory comes from the file, the rest from memory, both decimated on the window's one bucket grid and joined at
// that row (history-merge.ts), so the chart cannot tell where one ends. With the recorder off, or for a board not
// recorded, the history is what memory holds, as before, and the answer says so.
import type { HistoryReach, TelemetryHistory } from '../../../shared/bridge/contracts/telemetry';
import { BenchError } from '../../../shared/result';
import { joinAtBoundary } from '../../../shared/telemetry/history-merge';
import type { LiveFileIndex } from '../flight/flight-recorder';
import { SessionFileHistory } from './file-history';
import type { TelemetryPipeline } from './pipeline';

/** Buckets one window may be split into when the page names their width. */
const MAX_BUCKETS = 100_000;
/** Session files kept open with their chunk summaries: the shown board's, and the one shown before it. */
const MAX_FILES = 2;

/** A window of history as the page asks it. */
export interface HistoryRequest {
  readonly fromT?: number;
  readonly toT?: number;
  readonly maxPoints: number;
  /** Buckets of this width on the absolute grid (bucket k is [k·w, (k+1)·w)), as the page's own view uses. */
  readonly bucketMs?: number;
}

export class LongHistory {
  /** By board id, the most recently used last. */
  private readonly files = new Map<string, SessionFileHistory>();

  constructor(
    private readonly pipeline: TelemetryPipeline,
    /** The board's session file being written now (undefined: not recorded). */
    private readonly liveIndex: (boardId: string) => LiveFileIndex | undefined,
  ) {}

  async history(req: HistoryRequest): Promise<TelemetryHistory> {
    const board = this.pipeline.currentBoard;
    const index = board === null ? undefined : this.liveIndex(board);
    // A run that ended (or a recorder turned off): its file is no longer this board's history.
    if (board !== null && !index) void this.drop(board);
    if (req.fromT === undefined || req.toT === undefined || board === null) {
      const h = this.pipeline.history(req.fromT, req.toT, req.maxPoints);
      return { ...h, reach: this.reach(h, index) };
    }
    // Samples of the window asked, decimated on its grid (widened to whole buckets when `bucketMs` names them).
    const grid = gridOf(req.fromT, req.toT, req.maxPoints, req.bucketMs);
    const memory = this.pipeline.history(req.fromT, req.toT, 2 * grid.buckets, grid);
    const reach = this.reach(memory, index);
    // The file gives what is older than memory, and nothing past the window (memory may have moved past it).
    const boundary = Math.min(memory.heldFrom ?? req.toT, req.toT);
    if (!index || !(req.fromT < boundary)) return { ...memory, reach };
    const file = await this.fileOf(board, index).window(index, req.fromT, boundary, grid);
    const width = (grid.toT - grid.fromT) / grid.buckets;
    const memoryExact = memory.rawRows <= 2 * grid.buckets;
    const joined = joinAtBoundary(
      file,
      memory,
      boundary,
      { origin: grid.fromT, width },
      !(file.exact && memoryExact),
    );
    const seen = new Set(memory.marks.map((m) => `${m.t}:${m.kind}`));
    const marks = [...file.marks.filter((m) => !seen.has(`${m.t}:${m.kind}`)), ...memory.marks];
    marks.sort((a, b) => a.t - b.t);
    return { ...memory, ...joined, marks, rawRows: memory.rawRows + file.samples, reach };
  }

  /**
   * The shown board's samples of [fromT, before) that only its session file holds (older than memory), for an
   * export, and from when the file holds any (null: the board is not recorded). `before` is memory's first row.
   */
  async forEachOlderSample(
    fromT: number,
    before: number,
    begin: (series: readonly string[]) => void,
    sink: (t: number, row: Float64Array) => void,
  ): Promise<{ readonly fileFrom: number | null }> {
    const board = this.pipeline.currentBoard;
    const index = board === null ? undefined : this.liveIndex(board);
    if (board === null || !index || !(fromT < before)) begin([]);
    else await this.fileOf(board, index).forEachSample(index, fromT, before, begin, sink);
    return { fileFrom: index && Number.isFinite(index.started) ? index.started : null };
  }

  /** Whether the shown board's run is being recorded now (its session file holds what leaves memory). */
  recorded(): boolean {
    const board = this.pipeline.currentBoard;
    return board !== null && this.liveIndex(board) !== undefined;
  }

  /** Closes every file it read. */
  async close(): Promise<void> {
    await Promise.all([...this.files.values()].map((f) => f.close()));
    this.files.clear();
  }

  private async drop(boardId: string): Promise<void> {
    const f = this.files.get(boardId);
    this.files.delete(boardId);
    await f?.close();
  }

  /** How far back the shown board's history goes, and from where. */
  private reach(h: TelemetryHistory, index: LiveFileIndex | undefined): HistoryReach {
    return {
      memoryFrom: h.heldFrom,
      fileFrom: index && Number.isFinite(index.started) ? index.started : null,
      recorded: index !== undefined,
    };
  }

  /** The board's file reader: kept while its run's file is the same, a new one for a new file. */
  private fileOf(boardId: string, index: LiveFileIndex): SessionFileHistory {
    let f = this.files.get(boardId);
    if (f?.path !== index.path) {
      void f?.close();
      f = new SessionFileHistory(index.path);
    }
    this.files.delete(boardId);
    this.files.set(boardId, f);
    for (const [id, old] of this.files) {
      if (this.files.size <= MAX_FILES) break;
      this.files.delete(id);
      void old.close();
    }
    return f;
  }
}

/** The window's bucket grid: `bucketMs` wide on the absolute grid, or `maxPoints`/2 buckets over [fromT, toT). */
function gridOf(fromT: number, toT: number, maxPoints: number, bucketMs: number | undefined) {
  if (!(toT >= fromT))
    throw new BenchError(
      'BAD_REQUEST',
      'The history window is empty: its end must not come before its start.',
    );
  if (bucketMs === undefined) return { fromT, toT, buckets: Math.max(1, Math.floor(maxPoints / 2)) };
  const from = Math.floor(fromT / bucketMs) * bucketMs;
  const buckets = Math.max(1, Math.ceil((toT - from) / bucketMs));
  if (buckets > MAX_BUCKETS)
    throw new BenchError(
      'BAD_REQUEST',
      `That window would be ${buckets.toLocaleString('en-US')} buckets of ${bucketMs} ms; ask for at most ${MAX_BUCKETS.toLocaleString('en-US')}.`,
    );
  return { fromT: from, toT: from + buckets * bucketMs, buckets };
}
