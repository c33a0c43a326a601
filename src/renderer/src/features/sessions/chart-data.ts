// The review charts' data: a reviewed run's telemetry window (and the compared run's, shifted onto its time axis)
// in the shape the live charts draw (ChartView), so ChartFrame and its series layer draw a recorded run exactly as
// they draw a live one. Pure, so what the hover box reads is tested without a browser.
import type { RunTelemetry } from '../../../../shared/bridge/contracts/runs';
import { lowerBound } from '../../../../shared/telemetry/decimate';
import type { ChartView, SeriesStats } from '../telemetry/telemetry-store';
import { overlay } from './review-time';

/** What the compared run adds to a series' chart: its own line, drawn from its own rows. */
export const COMPARED = ' · compared';

function stats(col: ReadonlyArray<number | null>): SeriesStats | undefined {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let count = 0;
  for (const v of col) {
    if (v === null || !Number.isFinite(v)) continue;
    min = Math.min(min, v);
    max = Math.max(max, v);
    sum += v;
    count++;
  }
  return count ? { min, max, mean: sum / count, count } : undefined;
}

/** A review chart's view; with a compared run, which rows are the reviewed run's (the others the compared run's). */
export interface ReviewView extends ChartView {
  readonly overlay?: { readonly fromA: readonly boolean[]; readonly aColumns: number };
}

/**
 * The view of the reviewed run `a` over [fromT, toT]: its series, then (when `b` is given) each of the same series
 * of `b`, named `<series> · compared`, drawn from b's own rows (its `runs:telemetry` window, min/max buckets when
 * coarse) moved onto a's axis by `offset`: the rows of both runs make the view's rows (see `overlay`).
 */
export function reviewView(
  a: RunTelemetry,
  fromT: number,
  toT: number,
  b?: { readonly data: RunTelemetry; readonly offset: number },
): ReviewView {
  let t = [...a.t];
  let fromA: boolean[] | undefined;
  const series = [...a.series];
  let columns: Array<ReadonlyArray<number | null>> = [...a.columns];
  // Each series' figures from its own rows only: the other run's rows add points on its line, not samples.
  const own: Array<ReadonlyArray<number | null>> = [...a.columns];
  if (b) {
    const names = a.series.filter((name) => b.data.series.includes(name));
    const colsB = names.map((name) => b.data.columns[b.data.series.indexOf(name)] ?? []);
    const o = overlay(a.t, a.columns, b.data.t, colsB, b.offset);
    t = o.t;
    fromA = o.fromA;
    columns = [...o.a, ...o.b];
    series.push(...names.map((name) => name + COMPARED));
    own.push(...colsB);
  }
  return {
    fromT,
    toT,
    t,
    columns,
    series,
    marks: a.marks.filter((m) => m.t >= fromT && m.t <= toT),
    rawRows: a.rawRows,
    stats: own.map(stats),
    newestT: t.length ? t[t.length - 1]! : NaN,
    ...(fromA ? { overlay: { fromA, aColumns: a.columns.length } } : {}),
  };
}

/**
 * The row nearest `at` and each series' value there (what the hover box reads), or undefined for no rows. With a
 * compared run, each run's value is its own sample nearest `at`, never a point on its line between two samples.
 */
export function rowAt(view: ReviewView, at: number): { t: number; values: Array<number | null> } | undefined {
  const n = view.t.length;
  if (!n) return undefined;
  let j = lowerBound(view.t, at, 0, n);
  if (j === n || (j > 0 && at - view.t[j - 1]! <= view.t[j]! - at)) j--;
  const o = view.overlay;
  const values = view.columns.map((c, k) => {
    if (!o) return c[j] ?? null;
    const mine = k < o.aColumns;
    const own = (i: number) => o.fromA[i] === mine;
    if (own(j)) return c[j] ?? null;
    let l = j - 1;
    while (l >= 0 && !own(l)) l--;
    let r = j + 1;
    while (r < n && !own(r)) r++;
    const i = l < 0 ? r : r >= n ? l : at - view.t[l]! <= view.t[r]! - at ? l : r;
    return i >= 0 && i < n ? (c[i] ?? null) : null;
  });
  return { t: view.t[j]!, values };
}

/** Where a marker's note goes: which row up from the time axis (undefined: no room, the line alone shows). */
export interface NotePlace {
  readonly row: number | undefined;
  /** The note runs left of its line (it would pass the plot's right edge otherwise). */
  readonly leftward: boolean;
}

/**
 * Lays out marker notes (x of each line and its text width, px, in time order) in rows so none covers another:
 * each goes in the lowest row whose last note ends before it starts, up to `rows` rows.
 */
export function placeNotes(
  notes: ReadonlyArray<{ readonly x: number; readonly width: number }>,
  right: number,
  rows = 4,
): NotePlace[] {
  const ends: number[] = Array.from({ length: rows }, () => -Infinity);
  return notes.map(({ x, width }) => {
    const leftward = x + width + 4 > right && x - width - 4 >= 0;
    const from = leftward ? x - width - 4 : x;
    const to = leftward ? x : x + width + 4;
    const row = ends.findIndex((end) => end + 4 <= from);
    if (row < 0) return { row: undefined, leftward };
    ends[row] = to;
    return { row, leftward };
  });
}
