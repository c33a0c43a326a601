// Decimation on a shared time index: every series is reduced over the same time buckets, so one rows array
// (`[{t, s0, s1, …}]`) can feed every chart. Pure; used by the core (history snapshots) and the renderer (redraws).

/** Columnar samples: `t[j]` is the time of row j; `columns[i][j]` the value of series i (NaN when absent). */
export interface ColumnarView {
  readonly t: ArrayLike<number>;
  readonly columns: ReadonlyArray<ArrayLike<number>>;
  /** First row to consider (inclusive). */
  readonly start: number;
  /** Last row to consider (exclusive). */
  readonly end: number;
}

/** The decimated result: at most 2 rows per bucket; null where a series had no finite value. */
export interface Decimated {
  readonly t: number[];
  readonly columns: Array<Array<number | null>>;
}

/**
 * Min/max per bucket. Buckets split [fromT, toT) evenly; each non-empty bucket yields up to two rows (at the times
 * of its first and last samples) holding, per series, the bucket's minimum and maximum in the order they occurred,
 * so spikes survive and the line keeps its shape. Runs in O(rows × series). With few enough rows it returns them all.
 */
export function decimateMinMax(view: ColumnarView, fromT: number, toT: number, buckets: number): Decimated {
  const { t, columns, start, end } = view;
  const n = Math.max(0, end - start);
  const nSeries = columns.length;
  const out: Decimated = { t: [], columns: columns.map(() => []) };
  if (n === 0) return out;
  if (n <= buckets * 2 || buckets < 1 || !(toT > fromT)) {
    for (let j = start; j < end; j++) {
      out.t.push(t[j]!);
      for (let i = 0; i < nSeries; i++) out.columns[i]!.push(finite(columns[i]![j]!));
    }
    return out;
  }
  const width = (toT - fromT) / buckets;
  const minV = new Float64Array(nSeries);
  const maxV = new Float64Array(nSeries);
  const minJ = new Int32Array(nSeries);
  const maxJ = new Int32Array(nSeries);
  // A row's bucket comes from one formula only: comparing with a computed edge (fromT + (b + 1) × width) can
  // disagree with it by a rounding at epoch-ms magnitudes, which once left a row in no bucket and looped forever.
  const bucketOf = (v: number) => Math.min(buckets - 1, Math.max(0, Math.floor((v - fromT) / width)));
  let j = start;
  while (j < end) {
    const b = bucketOf(t[j]!);
    const first = j;
    minV.fill(Infinity);
    maxV.fill(-Infinity);
    minJ.fill(-1);
    maxJ.fill(-1);
    // The first row always belongs to the bucket, so every pass consumes at least one row.
    while (j < end && (j === first || bucketOf(t[j]!) === b)) {
      for (let i = 0; i < nSeries; i++) {
        const v = columns[i]![j]!;
        if (!Number.isFinite(v)) continue;
        if (v < minV[i]!) {
          minV[i] = v;
          minJ[i] = j;
        }
        if (v > maxV[i]!) {
          maxV[i] = v;
          maxJ[i] = j;
        }
      }
      j++;
    }
    const last = j - 1;
    out.t.push(t[first]!);
    if (last !== first) out.t.push(t[last]!);
    for (let i = 0; i < nSeries; i++) {
      const col = out.columns[i]!;
      if (minJ[i]! < 0) {
        col.push(null);
        if (last !== first) col.push(null);
        continue;
      }
      const minFirst = minJ[i]! <= maxJ[i]!;
      if (last === first) {
        col.push(minV[i]!);
        continue;
      }
      col.push(minFirst ? minV[i]! : maxV[i]!);
      col.push(minFirst ? maxV[i]! : minV[i]!);
    }
  }
  return out;
}

/** Index of the first row with `t[j] >= value` in a sorted time column (binary search over [lo, hi)). */
export function lowerBound(t: ArrayLike<number>, value: number, lo = 0, hi = t.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first row with `t[j] > value` (so [lowerBound(a), upperBound(b)) is the closed range [a, b]). */
export function upperBound(t: ArrayLike<number>, value: number, lo = 0, hi = t.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Minimum, maximum and mean of the finite values of one column over [start, end); undefined when none. */
export function columnStats(
  column: ArrayLike<number>,
  start: number,
  end: number,
): { min: number; max: number; mean: number; count: number } | undefined {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let count = 0;
  for (let j = start; j < end; j++) {
    const v = column[j]!;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    count++;
  }
  return count ? { min, max, mean: sum / count, count } : undefined;
}

function finite(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
