// The page's telemetry, kept outside React state: a bounded columnar ring fed by `telemetry:batch`, plus the marks
// and counters. Charts read decimated views of it on their own clock. One instance per mounted Telemetry page.

import type { TelemetryHistory } from '../../../../shared/bridge/contracts/telemetry';
import { BucketCache } from '../../../../shared/telemetry/bucket-cache';
import { columnStats, lowerBound, upperBound } from '../../../../shared/telemetry/decimate';
import { SeriesRing } from '../../../../shared/telemetry/series-ring';
import { OlderHistory, withOlder } from './older-history';
import type { TelemetryBatch, TelemetryCounts, TimelineMark } from '../../../../shared/telemetry/types';

/** Per-series figures over a window. */
export interface SeriesStats {
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly count: number;
}

/** What one redraw shows. */
export interface ChartView {
  readonly fromT: number;
  readonly toT: number;
  /** Decimated rows (at most 2 per pixel column): times, and per series its values (null where absent). */
  readonly t: readonly number[];
  readonly columns: ReadonlyArray<ReadonlyArray<number | null>>;
  readonly series: readonly string[];
  readonly marks: readonly TimelineMark[];
  /** Raw rows in the window before decimation. */
  readonly rawRows: number;
  /** Min/max/mean per series over the window (exact). */
  readonly stats: Array<SeriesStats | undefined>;
  /** Newest sample time drawn (NaN if none). */
  readonly newestT: number;
}

/** Marks across which the chart draws no line. */
const EMPTY_COUNTS: TelemetryCounts = { received: 0, invalid: 0, dropped: 0, other: 0 };

/** Bounded store of the telemetry the page has seen. */
export class TelemetryStore {
  private ring: SeriesRing;
  private marksList: TimelineMark[] = [];
  private listeners = new Set<() => void>();
  private cache = new BucketCache();
  /** The part of a window older than the rows held, from the core (and the board's session file). */
  readonly older = new OlderHistory(() => this.changed());
  /** The last view drawn (the series panel shows its statistics). */
  lastView: ChartView | undefined;
  boardId: string | null = null;
  counts: TelemetryCounts = EMPTY_COUNTS;
  latest: Readonly<Record<string, unknown>> | undefined;
  /** Increments on every change; a clock redraws only when it moved. */
  version = 0;
  /** Samples this page took in (for "paused — N new samples" and the benchmark). */
  samplesIn = 0;

  /** Series that brought a value with a fraction (the others are whole-valued: their axes get whole ticks). */
  private fractional = new Set<string>();
  /** The page's clock minus the core's, as small as seen (transit included): NaN until the core is heard. */
  private clockOffset = NaN;

  constructor(
    private readonly bounds = { maxRows: 600_000, maxBytes: 64 * 1024 * 1024, maxMarks: 2000 },
    /** The page's clock (tests drive it). */
    private readonly clock: () => number = () => Date.now(),
  ) {
    this.ring = new SeriesRing(bounds);
  }

  /** The core's clock now, as far as the page can tell: samples are stamped with it on receipt. */
  coreNow(): number {
    return this.clock() - (Number.isFinite(this.clockOffset) ? this.clockOffset : 0);
  }

  /** The core said its time was `t` (a heartbeat, a batch): learns the offset between the two clocks. */
  heardCoreTime(t: number): void {
    const offset = this.clock() - t;
    if (!(offset >= this.clockOffset)) this.clockOffset = offset;
  }

  /** True when every value of series `name` so far was a whole number. */
  wholeValued(name: string): boolean {
    return this.ring.series.includes(name) && !this.fractional.has(name);
  }

  /** Milliseconds since the newest sample, on the core's clock (NaN with no samples). */
  silenceMs(): number {
    return this.length ? Math.max(0, this.coreNow() - this.lastT) : NaN;
  }

  /** The mean period of the last (up to) 10 samples, ms (NaN with fewer than 2). */
  recentPeriod(): number {
    const v = this.ring.view();
    const n = Math.min(10, v.end - v.start - 1);
    return n > 0 ? (v.t[v.end - 1]! - v.t[v.end - 1 - n]!) / n : NaN;
  }

  /**
   * Samples a second over the last `spanMs` of the core's clock (0 when fewer than two came in it). A board gone
   * silent is counted up to now, so its rate falls off instead of staying at what it was.
   */
  rate(spanMs = 10_000): number {
    const now = this.coreNow();
    const { start, end } = this.ring.range(now - spanMs, now, true);
    const n = end - start;
    if (n < 2) return 0;
    const t = this.ring.view().t;
    const covered = t[end - 1]! - t[start]!;
    const period = covered / (n - 1);
    const span = Math.max(covered, now - t[start]! - period);
    return span > 0 ? (n - 1) / (span / 1000) : 0;
  }

  get series(): readonly string[] {
    return this.ring.series;
  }
  get length(): number {
    return this.ring.length;
  }
  get firstT(): number {
    return this.ring.firstT;
  }
  get lastT(): number {
    return this.ring.lastT;
  }
  get evicted(): number {
    return this.ring.evicted;
  }
  get marks(): readonly TimelineMark[] {
    return this.marksList;
  }
  /** Time of the newest mark (NaN when none): a link gone stale or closed is newer than the last sample. */
  get lastMarkT(): number {
    return this.marksList.at(-1)?.t ?? NaN;
  }

  /** Calls `fn` after every change (cheap listeners only: this runs per batch). */
  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Applies one live batch. */
  apply(batch: TelemetryBatch): void {
    if (batch.reset || (this.boardId !== null && batch.boardId !== this.boardId)) this.clear();
    this.boardId = batch.boardId;
    this.counts = batch.counts;
    if (batch.latest) this.latest = batch.latest;
    const map = batch.series.map((name) => this.ring.seriesIndex(name));
    const row = new Float64Array(this.ring.series.length);
    const lastT = this.ring.lastT;
    const { t: times, columns } = batch;
    for (let j = 0; j < times.length; j++) {
      const t = times[j]!;
      if (t < lastT) continue; // already held (history overlap)
      row.fill(NaN);
      for (let i = 0; i < map.length; i++) {
        const k = map[i]!;
        if (k < 0) continue;
        const v = columns[i]![j]!; // NaN where absent
        row[k] = v;
        if (Number.isFinite(v) && !Number.isInteger(v)) this.fractional.add(batch.series[i]!);
      }
      this.ring.push(t, row);
      this.samplesIn++;
    }
    for (const m of batch.marks) this.addMark(m);
    // The newest time in a batch is the core's clock when it was sent, give or take the batching.
    const newest = Math.max(times[times.length - 1] ?? -Infinity, batch.marks.at(-1)?.t ?? -Infinity);
    if (Number.isFinite(newest)) this.heardCoreTime(newest);
    this.changed();
  }

  /** Puts older history (from `telemetry:history`) before what the live batches brought. */
  loadHistory(h: TelemetryHistory): void {
    if (h.boardId === null || (this.boardId !== null && h.boardId !== this.boardId)) return;
    const old = this.ring;
    const live = old.view();
    const firstLive = old.length ? old.firstT : Infinity;
    const next = new SeriesRing(this.bounds);
    for (const name of [...h.series, ...old.series]) next.seriesIndex(name);
    const row = new Float64Array(next.series.length);
    const hMap = h.series.map((n) => next.seriesIndex(n));
    for (let j = 0; j < h.t.length && h.t[j]! < firstLive; j++) {
      row.fill(NaN);
      hMap.forEach((k, i) => {
        const v = h.columns[i]![j];
        if (v === null || v === undefined || k < 0) return;
        row[k] = v;
        if (Number.isFinite(v) && !Number.isInteger(v)) this.fractional.add(h.series[i]!);
      });
      next.push(h.t[j]!, row);
    }
    const oMap = old.series.map((n) => next.seriesIndex(n));
    for (let j = live.start; j < live.end; j++) {
      row.fill(NaN);
      oMap.forEach((k, i) => {
        if (k >= 0) row[k] = live.columns[i]![j]!;
      });
      next.push(live.t[j]!, row);
    }
    this.ring = next;
    this.cache.reset();
    this.boardId = h.boardId;
    this.older.heard(h.reach);
    if (this.counts === EMPTY_COUNTS) this.counts = h.counts;
    const seen = new Set(this.marksList.map((m) => `${m.t}:${m.kind}`));
    for (const m of h.marks) if (!seen.has(`${m.t}:${m.kind}`)) this.addMark(m);
    this.marksList.sort((a, b) => a.t - b.t);
    this.changed();
  }

  /**
   * A decimated view of [fromT, toT]: min/max of `buckets` equal time buckets (one per pixel column), at most 2
   * rows each, on a fixed time grid so a scrolling window only computes its new right edge.
   */
  view(fromT: number, toT: number, buckets: number): ChartView {
    const { start, end } = this.ring.range(fromT, toT, true);
    const width = Math.max(1e-3, (toT - fromT) / Math.max(1, buckets));
    let d = { ...this.cache.query(this.ring.view(), fromT, toT, width), rawRows: 0 };
    let marks = this.marksList.filter((m) => m.t >= fromT && m.t <= toT);
    // A window reaching before the oldest row held: the core gives the older part (memory, or the session file).
    const firstT = this.length ? this.firstT : NaN;
    const older = this.older.part(fromT, toT, firstT, width);
    if (older) {
      d = withOlder(older, { series: this.ring.series, ...d }, d.stats, { fromT, toT }, firstT, width);
      const seen = new Set(marks.map((m) => `${m.t}:${m.kind}`));
      const end = Math.min(firstT, toT);
      const before = older.marks.filter((m) => m.t >= fromT && m.t < end && !seen.has(`${m.t}:${m.kind}`));
      if (before.length) marks = [...before, ...marks];
    }
    this.lastView = {
      fromT,
      toT,
      t: d.t,
      columns: d.columns,
      series: [...this.ring.series],
      marks,
      rawRows: end - start + d.rawRows,
      newestT: end > start ? this.ring.view().t[end - 1]! : NaN,
      stats: d.stats,
    };
    return this.lastView;
  }

  /** Min/max/mean of every series over [fromT, toT] (exact, from the raw rows). */
  stats(fromT: number, toT: number): Array<SeriesStats | undefined> {
    const { start, end } = this.ring.range(fromT, toT, true);
    const { columns } = this.ring.view();
    return columns.map((c) => columnStats(c, start, end));
  }

  /** The newest value of series `i` in [fromT, toT] (NaN when it has none there): what a paused view last shows. */
  lastValue(i: number, fromT: number, toT: number): number {
    const { start, end } = this.ring.range(fromT, toT, true);
    const c = this.ring.view().columns[i];
    if (!c) return NaN;
    for (let j = end - 1; j >= start; j--) if (Number.isFinite(c[j]!)) return c[j]!;
    return NaN;
  }

  /** The raw row nearest to `t` within [fromT, toT] (what hover shows: a sample as received, never a bucket). */
  sampleAt(t: number, fromT: number, toT: number): { t: number; values: number[] } | undefined {
    const { start, end } = this.ring.range(fromT, toT, true);
    if (end <= start) return undefined;
    const v = this.ring.view();
    let j = lowerBound(v.t, t, start, end);
    if (j === end || (j > start && t - v.t[j - 1]! <= v.t[j]! - t)) j--;
    return { t: v.t[j]!, values: v.columns.map((c) => c[j]!) };
  }

  /** Times of the rows with after < t <= upTo, at most `max` of them evenly picked (for latency figures). */
  timesBetween(after: number, upTo: number, max = 200): number[] {
    const v = this.ring.view();
    const start = upperBound(v.t, after, v.start, v.end);
    const end = upperBound(v.t, upTo, start, v.end);
    const n = end - start;
    const out: number[] = [];
    const step = Math.max(1, n / max);
    for (let k = 0; k < n; k += step) out.push(v.t[start + Math.floor(k)]!);
    return out;
  }

  private addMark(m: TimelineMark): void {
    this.marksList.push(m);
    if (this.marksList.length > this.bounds.maxMarks) this.marksList.shift();
  }

  private clear(): void {
    this.older.clear();
    this.ring = new SeriesRing(this.bounds);
    this.cache.reset();
    this.marksList = [];
    this.fractional.clear();
    this.latest = undefined;
    this.counts = EMPTY_COUNTS;
  }

  private changed(): void {
    this.version++;
    for (const fn of this.listeners) fn();
  }
}
