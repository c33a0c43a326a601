// The level-of-detail pyramid of a reviewed run (docs/sessions.md §Review): built in one pass over its telemetry,
// kept in memory, bounded. Level 0 splits the run into at most LOD_BASE_BUCKETS equal time buckets; each level above
// merges 4 buckets of the one below. A bucket keeps, per series, its minimum and maximum and which came first, so a
// window drawn from it keeps spikes and the line's shape, like the live chart's min/max decimation.
import type { Decimated } from '../../../shared/telemetry/decimate';

/**
 * Buckets of level 0 at most (3 × 2^17). Their width is a power of two of milliseconds, the narrowest that keeps
 * them within this, so a run recorded bucket by bucket (lod-builder.ts) ends with the same buckets as one pass over
 * its file, and a 24 h run gets 256 ms buckets: a window too wide to read from the file (over RAW_DECIMATE_MAX
 * samples, run-review.ts) still has hundreds of them. With 4 series 88 bytes a bucket, 1.2 MB per hour of a long run.
 */
export const LOD_BASE_BUCKETS = 3 << 17;
/** Narrowest level-0 bucket: finer than this the raw samples are read instead. */
const MIN_BUCKET_MS = 1;

/** The width of level 0's buckets for a run spanning `span` ms: MIN_BUCKET_MS times a power of two. */
export function baseWidthFor(span: number): number {
  let width = MIN_BUCKET_MS;
  while (span / width > LOD_BASE_BUCKETS) width *= 2;
  return width;
}

/** One level: struct of arrays over its buckets (empty buckets have count 0). */
export interface Level {
  readonly width: number;
  readonly count: Uint32Array;
  readonly tFirst: Float64Array;
  readonly tLast: Float64Array;
  /** Per series, made when the series is first seen (a review bounds series, not their memory up front). */
  readonly min: (Float64Array | undefined)[];
  readonly max: (Float64Array | undefined)[];
  /** 1 when the minimum came before (or with) the maximum. */
  readonly minFirst: (Uint8Array | undefined)[];
}

export function level(n: number, width: number): Level {
  return {
    width,
    count: new Uint32Array(n),
    tFirst: new Float64Array(n),
    tLast: new Float64Array(n),
    min: [],
    max: [],
    minFirst: [],
  };
}

/** Series i's arrays in level l, made on first use. */
export function seriesOf(l: Level, i: number): [Float64Array, Float64Array, Uint8Array] {
  const n = l.count.length;
  l.min[i] ??= new Float64Array(n).fill(Infinity);
  l.max[i] ??= new Float64Array(n).fill(-Infinity);
  l.minFirst[i] ??= new Uint8Array(n).fill(1);
  return [l.min[i], l.max[i], l.minFirst[i]];
}

/** One bucket of one series as a level keeps it. */
export interface BucketView {
  readonly width: number;
  readonly count: number;
  readonly tFirst: number;
  readonly tLast: number;
  /** Infinity and -Infinity when the series had no value in it. */
  readonly min: number;
  readonly max: number;
  /** True when the minimum came before (or with) the maximum. */
  readonly minFirst: boolean;
}

/** Built by add() for every sample in time order (mostly: a late one goes into its bucket all the same). */
export class LodPyramid {
  private readonly levels: Level[] = [];
  /** Samples per level-0 bucket, summed: samples in buckets [a, b) = cum[b] - cum[a]. */
  private cum: Float64Array | undefined;

  constructor(
    readonly from: number,
    readonly to: number,
    base?: Level,
  ) {
    const { n, width } = LodPyramid.shapeOf(from, to);
    if (base && (base.width !== width || base.count.length !== n))
      throw new Error(`level 0 of ${base.count.length} × ${base.width} ms does not fit ${n} × ${width} ms`);
    this.levels.push(base ?? level(n, width));
  }

  /** Buckets of level 0 for [from, to], and their width: what a builder must end with. */
  static shapeOf(from: number, to: number): { readonly n: number; readonly width: number } {
    const span = Math.max(to - from, MIN_BUCKET_MS);
    const width = baseWidthFor(span);
    return { n: Math.max(1, Math.ceil(span / width)), width };
  }

  /** Adds one sample (row[i]: series i of `series`, NaN when absent). */
  add(t: number, row: Float64Array, series: number): void {
    const l = this.levels[0]!;
    const b = this.bucketOf(l, t);
    const n = l.count[b]!;
    if (n === 0) l.tFirst[b] = t;
    l.tLast[b] = Math.max(l.tLast[b]!, t);
    l.count[b] = n + 1;
    // minFirst: the extreme set last is the later one, so a new minimum means it came after the maximum.
    for (let i = 0; i < series; i++) {
      const v = row[i]!;
      if (Number.isNaN(v)) continue;
      const min = l.min[i] ?? seriesOf(l, i)[0];
      if (v < min[b]!) {
        min[b] = v;
        l.minFirst[i]![b] = 0;
      }
      const max = l.max[i]!;
      if (v > max[b]!) {
        max[b] = v;
        l.minFirst[i]![b] = 1;
      }
    }
  }

  /** Builds the levels above level 0 and the sample counts; call once, after the last add(). */
  finish(): void {
    const base = this.levels[0]!;
    const cum = new Float64Array(base.count.length + 1);
    for (let b = 0; b < base.count.length; b++) cum[b + 1] = cum[b]! + base.count[b]!;
    this.cum = cum;
    for (let below = base; below.count.length > 256;) {
      const up = merge(below);
      this.levels.push(up);
      below = up;
    }
  }

  /** Samples in [fromT, toT], counted by whole level-0 buckets (so a little over at the edges). */
  samplesIn(fromT: number, toT: number): number {
    const l = this.levels[0]!;
    if (!this.cum || toT < this.from || fromT > this.to) return 0;
    return this.cum[this.bucketOf(l, toT) + 1]! - this.cum[this.bucketOf(l, fromT)]!;
  }

  /** Level 0 as bytes (the levels above are rebuilt from it in milliseconds): for the cache beside a file. */
  toBytes(): { readonly series: readonly boolean[]; readonly parts: readonly Uint8Array[] } {
    const l = this.levels[0]!;
    const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const series = Array.from({ length: l.min.length }, (_, i) => l.min[i] !== undefined);
    const parts = [bytes(l.count), bytes(l.tFirst), bytes(l.tLast)];
    series.forEach((here, i) => {
      if (here) parts.push(bytes(l.min[i]!), bytes(l.max[i]!), l.minFirst[i]!);
    });
    return { series, parts };
  }

  /** The pyramid from toBytes()'s output; undefined when the bytes do not fit its shape. */
  static fromBytes(
    from: number,
    to: number,
    series: readonly boolean[],
    data: Buffer,
  ): LodPyramid | undefined {
    const lod = new LodPyramid(from, to);
    const l = lod.levels[0]!;
    const n = l.count.length;
    const present = series.filter(Boolean).length;
    if (data.length !== n * 20 + present * n * 17) return undefined;
    let at = 0;
    const take = <T extends ArrayBufferView>(target: T): T => {
      new Uint8Array(target.buffer, target.byteOffset, target.byteLength).set(
        data.subarray(at, at + target.byteLength),
      );
      at += target.byteLength;
      return target;
    };
    take(l.count);
    take(l.tFirst);
    take(l.tLast);
    series.forEach((here, i) => {
      if (!here) return;
      const [min, max, minFirst] = seriesOf(l, i);
      take(min);
      take(max);
      take(minFirst);
    });
    lod.finish();
    return lod;
  }

  /** Width of the finest buckets, ms. */
  get baseWidth(): number {
    return this.levels[0]!.width;
  }

  /**
   * The window [fromT, toT] in at most `buckets` buckets: two rows per bucket (its first and last sample times,
   * holding the minimum and maximum in the order they came), one for a single sample. It is read from the finest
   * level with at most 4 × `buckets` buckets in the window, merging up to 4 of them (more on the coarsest level) in one.
   */
  window(fromT: number, toT: number, buckets: number, series: number): Decimated {
    const out: Decimated = { t: [], columns: Array.from({ length: series }, () => []) };
    if (toT < this.from || fromT > this.to) return out;
    const span = (x: Level) => this.bucketOf(x, toT) - this.bucketOf(x, fromT) + 1;
    const l = this.levels.find((x) => span(x) <= 4 * buckets) ?? this.levels[this.levels.length - 1]!;
    const first = this.bucketOf(l, fromT);
    const last = this.bucketOf(l, toT);
    const k = Math.max(1, Math.ceil((last - first + 1) / buckets));
    const acc = level(1, l.width * k);
    for (let g = first; g <= last; g += k) {
      acc.count[0] = 0;
      acc.tLast[0] = -Infinity;
      for (let i = 0; i < series; i++) {
        const [min, max, minFirst] = seriesOf(acc, i);
        min[0] = Infinity;
        max[0] = -Infinity;
        minFirst[0] = 1;
      }
      for (let b = g; b < Math.min(g + k, last + 1); b++) addBucket(acc, 0, l, b);
      if (acc.count[0] === 0) continue;
      const two = acc.tLast[0]! > acc.tFirst[0]!;
      out.t.push(acc.tFirst[0]!);
      if (two) out.t.push(acc.tLast[0]!);
      for (let i = 0; i < series; i++) {
        const col = out.columns[i]!;
        const lo = acc.min[i]![0]!;
        const hi = acc.max[i]![0]!;
        if (lo === Infinity) {
          col.push(null);
          if (two) col.push(null);
        } else if (!two) col.push(acc.minFirst[i]![0] ? lo : hi);
        else if (acc.minFirst[i]![0]) col.push(lo, hi);
        else col.push(hi, lo);
      }
    }
    return out;
  }

  /** The last non-empty level-0 bucket starting at or before `t`: where the sample at or before t lies. */
  lastBucketAtOrBefore(t: number): { readonly from: number; readonly to: number } | undefined {
    const l = this.levels[0]!;
    if (t < this.from) return undefined;
    for (let b = this.bucketOf(l, t); b >= 0; b--) {
      if (l.count[b]! > 0 && l.tFirst[b]! <= t) return { from: l.tFirst[b]!, to: Math.min(t, l.tLast[b]!) };
    }
    return undefined;
  }

  /** How many levels it has (level 0 the finest). */
  get levelCount(): number {
    return this.levels.length;
  }

  /** Bucket `b` of level `at` for series `i`, as kept (for checking it against the samples). */
  bucket(at: number, b: number, i: number): BucketView | undefined {
    const l = this.levels[at];
    if (!l || b < 0 || b >= l.count.length) return undefined;
    return {
      width: l.width,
      count: l.count[b]!,
      tFirst: l.tFirst[b]!,
      tLast: l.tLast[b]!,
      min: l.min[i]?.[b] ?? Infinity,
      max: l.max[i]?.[b] ?? -Infinity,
      minFirst: (l.minFirst[i]?.[b] ?? 1) === 1,
    };
  }

  /** Bytes the pyramid holds. */
  get bytes(): number {
    return this.levels.reduce((n, l) => n + l.count.length * (20 + l.min.filter(Boolean).length * 17), 0);
  }

  private bucketOf(l: Level, t: number): number {
    return Math.min(l.count.length - 1, Math.max(0, Math.floor((t - this.from) / l.width)));
  }
}

/** The level above `below`: 4 buckets in one. */
function merge(below: Level): Level {
  const n = Math.ceil(below.count.length / 4);
  const up = level(n, below.width * 4);
  for (let b = 0; b < n; b++) {
    for (let c = b * 4, end = Math.min(below.count.length, c + 4); c < end; c++) addBucket(up, b, below, c);
  }
  return up;
}

/**
 * Adds bucket `c` of `from` into bucket `b` of `to` (buckets added in time order). An extreme's order is its
 * child's when both extremes come from it; when one only, it came after the other, which an earlier child holds.
 */
export function addBucket(to: Level, b: number, from: Level, c: number): void {
  const k = from.count[c]!;
  if (k === 0) return;
  if (to.count[b] === 0) to.tFirst[b] = from.tFirst[c]!;
  to.tLast[b] = Math.max(to.tLast[b]!, from.tLast[c]!);
  to.count[b] = to.count[b]! + k;
  for (let i = 0; i < from.min.length; i++) {
    const childFirst = from.minFirst[i];
    if (!childFirst) continue;
    const lo = from.min[i]![c]!;
    const hi = from.max[i]![c]!;
    const [min, max, minFirst] = seriesOf(to, i);
    const minChanged = lo < min[b]!;
    const maxChanged = hi > max[b]!;
    if (minChanged) min[b] = lo;
    if (maxChanged) max[b] = hi;
    if (minChanged && maxChanged) minFirst[b] = childFirst[c]!;
    else if (minChanged) minFirst[b] = 0;
    else if (maxChanged) minFirst[b] = 1;
  }
}
