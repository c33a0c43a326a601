// Two decimated parts of one telemetry window joined at a boundary time: the older part (read from the board's
// session file, or fetched from the core) before it, the newer part (the rows held in memory) from it on. Both were
// decimated on the same bucket grid, so only the bucket the boundary falls in can hold rows of both; that bucket is
// reduced to its first and last times with each series' minimum and maximum in the order they came, exactly the
// shape a single decimation gives. No row is kept twice: the older part stops before the boundary, the newer starts
// at it. Pure; the core (file + ring) and the page (core + its own ring) both join their parts with it.

/** Rows of named series: `columns[i][j]` is series `series[i]` at `t[j]` (null where absent). */
export interface SeriesRows {
  readonly series: readonly string[];
  readonly t: readonly number[];
  readonly columns: ReadonlyArray<ReadonlyArray<number | null>>;
}

/** The bucket grid both parts were decimated on: bucket k covers [origin + k·width, origin + (k+1)·width). */
export interface BucketGrid {
  readonly origin: number;
  readonly width: number;
}

/**
 * Joins `older` (rows before `boundary`) and `newer` (rows at or after it) into one time-ordered set over the series
 * of both (the newer part's order first). `decimated`: whether either part was reduced to buckets; when neither was
 * (every sample was sent), rows are only concatenated.
 */
export function joinAtBoundary(
  older: SeriesRows,
  newer: SeriesRows,
  boundary: number,
  grid: BucketGrid,
  decimated: boolean,
): { series: string[]; t: number[]; columns: Array<Array<number | null>> } {
  const series = [...newer.series];
  for (const name of older.series) if (!series.includes(name)) series.push(name);
  const t: number[] = [];
  const columns: Array<Array<number | null>> = series.map(() => []);
  const append = (part: SeriesRows, from: number, to: number) => {
    const map = series.map((name) => part.series.indexOf(name));
    for (let j = from; j < to; j++) {
      t.push(part.t[j]!);
      map.forEach((k, i) => columns[i]!.push(k < 0 ? null : (part.columns[k]![j] ?? null)));
    }
  };
  let olderEnd = 0;
  while (olderEnd < older.t.length && older.t[olderEnd]! < boundary) olderEnd++;
  let newerStart = 0;
  while (newerStart < newer.t.length && newer.t[newerStart]! < boundary) newerStart++;
  append(older, 0, olderEnd);
  append(newer, newerStart, newer.t.length);
  if (!decimated || olderEnd === 0 || newerStart === newer.t.length) return { series, t, columns };
  // The rows of the bucket the boundary falls in: the older part's last ones and the newer part's first ones.
  const bucketOf = (v: number) => Math.floor((v - grid.origin) / grid.width);
  const shared = bucketOf(boundary);
  let a = olderEnd;
  while (a > 0 && bucketOf(t[a - 1]!) === shared) a--;
  let b = olderEnd;
  while (b < t.length && bucketOf(t[b]!) === shared) b++;
  if (b - a <= 2 || a === olderEnd || b === olderEnd) return { series, t, columns };
  const reduced = reduceBucket(
    t.slice(a, b),
    columns.map((c) => c.slice(a, b)),
  );
  t.splice(a, b - a, ...reduced.t);
  columns.forEach((c, i) => c.splice(a, b - a, ...reduced.columns[i]!));
  return { series, t, columns };
}

/**
 * The rows of one bucket (time order) as at most two: its first and last times, holding per series its minimum and
 * maximum in the order they came (one row when the bucket has one time).
 */
export function reduceBucket(
  t: readonly number[],
  columns: ReadonlyArray<ReadonlyArray<number | null>>,
): { t: number[]; columns: Array<Array<number | null>> } {
  const two = t.length > 1 && t[t.length - 1]! > t[0]!;
  const out = { t: two ? [t[0]!, t[t.length - 1]!] : [t[0]!], columns: [] as Array<Array<number | null>> };
  for (const c of columns) {
    let minJ = -1;
    let maxJ = -1;
    for (let j = 0; j < c.length; j++) {
      const v = c[j];
      if (v === null || v === undefined || !Number.isFinite(v)) continue;
      if (minJ < 0 || v < c[minJ]!) minJ = j;
      if (maxJ < 0 || v > c[maxJ]!) maxJ = j;
    }
    if (minJ < 0) out.columns.push(two ? [null, null] : [null]);
    else if (!two) out.columns.push([minJ <= maxJ ? c[minJ]! : c[maxJ]!]);
    else if (minJ <= maxJ) out.columns.push([c[minJ]!, c[maxJ]!]);
    else out.columns.push([c[maxJ]!, c[minJ]!]);
  }
  return out;
}
