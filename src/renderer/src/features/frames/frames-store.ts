// The page's copy of one board's frame log (board-frames.ts holds one per board): rows outside React state (bounded), filtered incrementally, read through
// useSyncExternalStore. Pausing freezes the view at a sequence number; rows keep arriving underneath.
import { compileFilter, type CompiledFilter } from '../../../../shared/frames/filter';
import type { CaptureStats, FrameFilter, FrameRow, FramesBatch } from '../../../../shared/frames/types';

/** Rows the page holds; the oldest go first (the core holds the same bound). */
export const MAX_ROWS = 50_000;

type MutableRow = FrameRow & { notes: string[] };

/** A consistent picture for one render. */
export interface FramesView {
  /** Matching rows, oldest first (frozen at the pause point while paused). */
  readonly rows: readonly FrameRow[];
  /** Rows held in total. */
  readonly total: number;
  readonly stats: CaptureStats;
  /** Rows that arrived since the pause (all rows, not only matching). */
  readonly newSincePause: number;
  readonly paused: boolean;
  /** Why the search cannot be used, if it cannot. */
  readonly filterError: string | undefined;
  /** Message types seen so far (for the filter chips). */
  readonly types: readonly string[];
  /** Milliseconds the last full filter pass took. */
  readonly filterMs: number;
  /** Bumped whenever rows change, so memoised children can tell. */
  readonly version: number;
  /** Why the rows could not be read from the core, if they could not. */
  readonly loadError: string | undefined;
}

const EMPTY_STATS: CaptureStats = { held: 0, dropped: 0, lastSeq: 0, bytes: 0, capacity: MAX_ROWS };

export class FramesStore {
  private all: MutableRow[] = [];
  private bySeq = new Map<number, MutableRow>();
  private matched: FrameRow[] = [];
  private filter: FrameFilter = {};
  private compiled: CompiledFilter = compileFilter({});
  private filterError: string | undefined;
  private stats: CaptureStats = EMPTY_STATS;
  private pausedAt: number | undefined;
  private types = new Set<string>();
  private typesList: readonly string[] = [];
  private filterMs = 0;
  private version = 0;
  private loadError: string | undefined;
  private view: FramesView | undefined;
  private readonly listeners = new Set<() => void>();

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => void this.listeners.delete(l);
  };

  getView = (): FramesView => {
    if (!this.view) {
      const limit = this.pausedAt;
      const rows =
        limit === undefined ? this.matched : this.matched.slice(0, upperBound(this.matched, limit));
      this.view = {
        rows,
        total: this.all.length,
        stats: this.stats,
        newSincePause: limit === undefined ? 0 : this.all.length - upperBound(this.all, limit),
        paused: limit !== undefined,
        filterError: this.filterError,
        types: this.typesList,
        filterMs: this.filterMs,
        version: this.version,
        loadError: this.loadError,
      };
    }
    return this.view;
  };

  /** Applies a batch from the core (or the initial backfill). */
  apply(batch: Pick<FramesBatch, 'rows' | 'notes' | 'cleared'> & { stats?: CaptureStats }): void {
    if (batch.cleared) {
      this.all = [];
      this.bySeq.clear();
      this.matched = [];
      this.types.clear();
      this.typesList = [];
      if (this.pausedAt !== undefined) this.pausedAt = 0;
    }
    const lastSeq = this.all.at(-1)?.seq ?? 0;
    for (const r of batch.rows) {
      if (r.seq <= lastSeq && this.bySeq.has(r.seq)) continue;
      const row: MutableRow = { ...r, notes: [...r.notes] };
      this.all.push(row);
      this.bySeq.set(row.seq, row);
      if (!this.types.has(row.msgType)) {
        this.types.add(row.msgType);
        this.typesList = [...this.types].sort();
      }
      if (this.compiled.ok && this.compiled.test(row)) this.matched.push(row);
    }
    for (const n of batch.notes) {
      const row = this.bySeq.get(n.seq);
      if (row && !row.notes.includes(n.note)) {
        row.notes.push(n.note);
        // A note can make a row match a search it did not match before.
        if (this.compiled.ok && !this.matched.includes(row) && this.compiled.test(row)) this.refilter();
      }
    }
    if (this.all.length > MAX_ROWS) {
      const cut = this.all.length - MAX_ROWS + Math.floor(MAX_ROWS / 20);
      for (const r of this.all.slice(0, cut)) this.bySeq.delete(r.seq);
      this.all = this.all.slice(cut);
      const first = this.all[0]!.seq;
      this.matched = this.matched.slice(lowerBound(this.matched, first));
    }
    if (batch.stats) this.stats = batch.stats;
    this.changed();
  }

  /** Says why the rows could not be read. */
  setLoadError(message: string): void {
    this.loadError = message;
    this.changed();
  }

  /** Changes some fields of the filter (the others stay). */
  updateFilter(patch: Partial<FrameFilter>): void {
    this.setFilter({ ...this.filter, ...patch });
  }

  /** Sets the filter. When the search cannot be used, the error is in the view and the rows stay as they were. */
  setFilter(filter: FrameFilter): void {
    this.filter = filter;
    this.compiled = compileFilter(filter);
    this.filterError = this.compiled.ok ? undefined : this.compiled.error;
    if (this.compiled.ok) this.refilter();
    this.changed();
  }

  setPaused(paused: boolean): void {
    this.pausedAt = paused ? (this.all.at(-1)?.seq ?? 0) : undefined;
    this.changed();
  }

  /** The received telemetry frame closest in time to `t` (a chart point's frame), or undefined. */
  nearestTelemetry(t: number): FrameRow | undefined {
    let best: FrameRow | undefined;
    for (const r of this.all) {
      if (r.dir !== 'rx' || r.msgType !== 'telemetry') continue;
      if (!best || Math.abs(r.t - t) < Math.abs(best.t - t)) best = r;
    }
    return best;
  }

  row(seq: number): FrameRow | undefined {
    return this.bySeq.get(seq);
  }

  private refilter(): void {
    if (!this.compiled.ok) return;
    const t0 = performance.now();
    this.matched = this.all.filter(this.compiled.test);
    this.filterMs = performance.now() - t0;
  }

  private changed(): void {
    this.version++;
    this.view = undefined;
    for (const l of this.listeners) l();
  }
}

/** Index of the first row with seq > limit (rows sorted by seq). */
function upperBound(rows: readonly FrameRow[], limit: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]!.seq <= limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first row with seq >= first. */
function lowerBound(rows: readonly FrameRow[], first: number): number {
  return upperBound(rows, first - 1);
}
