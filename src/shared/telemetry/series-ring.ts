// A bounded, columnar store of samples on a shared time index (the core's history and the renderer's view both use
// it). Rows stay contiguous in typed arrays, so decimation and statistics run over plain index ranges: the storage
// has 25 % slack after the capacity, and when it fills up the newest `capacity` rows are moved down in one copy.

import type { ColumnarView } from './decimate';
import { lowerBound, upperBound } from './decimate';

/** Bounds of a ring. */
export interface SeriesRingOptions {
  /** Most rows kept (older rows are evicted). */
  readonly maxRows: number;
  /** Most bytes of typed arrays, all columns and slack included; lowers the row capacity as series are added. */
  readonly maxBytes: number;
  /** Most series; values of later fields are not kept. */
  readonly maxSeries?: number;
}

const SLACK = 1.25;

/** Per-series bounded ring buffer with one shared time column. */
export class SeriesRing {
  readonly series: string[] = [];
  private index = new Map<string, number>();
  private tCol: Float64Array;
  private cols: Float64Array[] = [];
  private head = 0;
  private tail = 0;
  private cap: number;
  /** Rows pushed out to stay within the bounds, since the last clear. */
  evicted = 0;

  constructor(private readonly options: SeriesRingOptions) {
    this.cap = this.capacityFor(0);
    this.tCol = new Float64Array(this.storageFor(this.cap));
  }

  /** Rows the ring can hold with its present series. */
  get capacity(): number {
    return this.cap;
  }

  /** Bytes its typed arrays take (all columns and the slack). */
  get bytes(): number {
    return this.tCol.byteLength * (1 + this.cols.length);
  }

  /** Rows held. */
  get length(): number {
    return this.tail - this.head;
  }

  /** Time of the oldest and newest rows (NaN when empty). */
  get firstT(): number {
    return this.length ? this.tCol[this.head]! : NaN;
  }
  get lastT(): number {
    return this.length ? this.tCol[this.tail - 1]! : NaN;
  }

  /** The rows as a contiguous view (valid until the next push). */
  view(): ColumnarView {
    return { t: this.tCol, columns: this.cols, start: this.head, end: this.tail };
  }

  /** Index range of the rows with fromT <= t < toT (or <= toT when `closed`). */
  range(fromT: number, toT: number, closed = false): { start: number; end: number } {
    const start = lowerBound(this.tCol, fromT, this.head, this.tail);
    const end = (closed ? upperBound : lowerBound)(this.tCol, toT, start, this.tail);
    return { start, end };
  }

  /** Column index of a series, adding it if new; -1 when the series limit is reached. */
  seriesIndex(name: string): number {
    const known = this.index.get(name);
    if (known !== undefined) return known;
    if (this.series.length >= (this.options.maxSeries ?? 64)) return -1;
    const i = this.series.length;
    this.series.push(name);
    this.index.set(name, i);
    const nextCap = this.capacityFor(this.series.length);
    if (nextCap < this.cap) {
      this.rebuild(nextCap, true);
    } else {
      const col = new Float64Array(this.tCol.length);
      col.fill(NaN);
      this.cols.push(col);
    }
    return i;
  }

  /** Appends one row: `values[i]` for series i (missing or non-finite values are stored as NaN). */
  push(t: number, values: ArrayLike<number>): void {
    if (this.tail === this.tCol.length) this.compact();
    const j = this.tail++;
    this.tCol[j] = t;
    for (let i = 0; i < this.cols.length; i++) {
      const v = i < values.length ? values[i]! : NaN;
      this.cols[i]![j] = Number.isFinite(v) ? v : NaN;
    }
    if (this.tail - this.head > this.cap) {
      this.head++;
      this.evicted++;
    }
  }

  /** Forgets every row and series. */
  clear(): void {
    this.series.length = 0;
    this.index.clear();
    this.cols = [];
    this.head = this.tail = 0;
    this.evicted = 0;
    this.cap = this.capacityFor(0);
    this.tCol = new Float64Array(this.storageFor(this.cap));
  }

  private capacityFor(nSeries: number): number {
    const bytesPerRow = 8 * (1 + nSeries) * SLACK;
    return Math.max(16, Math.min(this.options.maxRows, Math.floor(this.options.maxBytes / bytesPerRow)));
  }

  private storageFor(cap: number): number {
    return Math.ceil(cap * SLACK) + 1;
  }

  /** Moves the newest rows to the start of the storage. */
  private compact(): void {
    const keep = Math.min(this.length, this.cap);
    const from = this.tail - keep;
    this.tCol.copyWithin(0, from, this.tail);
    for (const col of this.cols) col.copyWithin(0, from, this.tail);
    this.evicted += this.length - keep;
    this.head = 0;
    this.tail = keep;
  }

  /** Reallocates for a new capacity (keeping the newest rows) and adds an empty column when asked. */
  private rebuild(cap: number, addColumn: boolean): void {
    const keep = Math.min(this.length, cap);
    const from = this.tail - keep;
    const size = this.storageFor(cap);
    const t = new Float64Array(size);
    t.set(this.tCol.subarray(from, this.tail));
    const cols = this.cols.map((c) => {
      const n = new Float64Array(size);
      n.fill(NaN);
      n.set(c.subarray(from, this.tail));
      return n;
    });
    if (addColumn) cols.push(new Float64Array(size).fill(NaN));
    this.evicted += this.length - keep;
    this.tCol = t;
    this.cols = cols;
    this.head = 0;
    this.tail = keep;
    this.cap = cap;
  }
}
