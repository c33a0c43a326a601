// The review's time rules, pure so they are tested without a browser: the one cursor (kept inside the run),
// playback (run time advancing at 1×–100× of the wall clock), zooming the window from the whole run down to a few
// samples, and the offset that lays a second run over the first (aligned on start, a reboot or a marker).
import type { ReviewedRun } from '../../../../shared/bridge/contracts/runs';

/** A time window [fromT, toT], ms since the epoch. */
export interface Window {
  readonly fromT: number;
  readonly toT: number;
}

/** Playback speeds offered, × the wall clock. */
export const SPEEDS = [1, 2, 5, 10, 100] as const;
export type Speed = (typeof SPEEDS)[number];

/** The narrowest window the charts zoom to: at 1 kHz still a handful of single samples. */
export const MIN_SPAN_MS = 10;

export function clamp(t: number, w: Window): number {
  return Math.min(w.toT, Math.max(w.fromT, t));
}

/**
 * Where the cursor is after `wallMs` of playback at `speed`, and whether playback goes on: it stops at the run's
 * end (never runs past it).
 */
export function playStep(
  cursor: number,
  wallMs: number,
  speed: number,
  run: Window,
): { t: number; playing: boolean } {
  const t = cursor + Math.max(0, wallMs) * speed;
  return t >= run.toT ? { t: run.toT, playing: false } : { t: Math.max(run.fromT, t), playing: true };
}

/**
 * The window zoomed by `factor` (< 1 in, > 1 out) around `at`, which stays at the same place on screen; kept
 * within the run and no narrower than MIN_SPAN_MS (so the whole run is the widest and single samples the finest).
 */
export function zoomAround(view: Window, at: number, factor: number, run: Window): Window {
  const runSpan = Math.max(MIN_SPAN_MS, run.toT - run.fromT);
  const span = view.toT - view.fromT;
  const next = Math.min(runSpan, Math.max(MIN_SPAN_MS, span * factor));
  const f = span > 0 ? (clamp(at, view) - view.fromT) / span : 0.5;
  return shiftInto({ fromT: at - f * next, toT: at - f * next + next }, run);
}

/** `w` moved (not resized, unless wider than the run) so it lies within the run. */
export function shiftInto(w: Window, run: Window): Window {
  const span = Math.min(w.toT - w.fromT, Math.max(MIN_SPAN_MS, run.toT - run.fromT));
  let fromT = w.fromT;
  if (fromT + span > run.toT) fromT = run.toT - span;
  if (fromT < run.fromT) fromT = run.fromT;
  return { fromT, toT: fromT + span };
}

/**
 * The window that keeps the cursor in view during playback or scrubbing: unchanged while the cursor is inside it,
 * else moved by whole pages (the cursor at its left edge) so it does not crawl on every step.
 */
export function follow(view: Window, cursor: number, run: Window): Window {
  if (cursor >= view.fromT && cursor <= view.toT) return view;
  const span = view.toT - view.fromT;
  return shiftInto({ fromT: cursor, toT: cursor + span }, run);
}

/** The whole second a moment lies in: what "the frames and serial lines of that second" covers. */
export function secondOf(t: number): Window {
  const fromT = Math.floor(t / 1000) * 1000;
  return { fromT, toT: fromT + 999.999 };
}

/** What a compared run is aligned on. */
export type Alignment =
  | { readonly kind: 'start' }
  | { readonly kind: 'reboot'; readonly a: number; readonly b: number }
  | { readonly kind: 'marker'; readonly a: number; readonly b: number };

/**
 * The offset (ms) to add to a time of run `b` to draw it on run `a`'s time axis, or the reason it cannot be aligned
 * that way, in words. `a`/`b` of an alignment are indexes into each run's reboots or markers.
 */
export function alignOffset(
  a: ReviewedRun,
  b: ReviewedRun,
  how: Alignment,
): { ok: true; offset: number } | { ok: false; why: string } {
  if (how.kind === 'start') return { ok: true, offset: a.from - b.from };
  const list = (r: ReviewedRun) => (how.kind === 'reboot' ? r.reboots : r.markers.map((m) => m.t));
  const what = how.kind === 'reboot' ? 'reboot' : 'marker';
  const ta = list(a)[how.a];
  const tb = list(b)[how.b];
  if (ta === undefined) return { ok: false, why: `${label(a)} has no ${what} number ${how.a + 1}.` };
  if (tb === undefined) return { ok: false, why: `${label(b)} has no ${what} number ${how.b + 1}.` };
  return { ok: true, offset: ta - tb };
}

const label = (r: ReviewedRun) => `The run of ${r.run.boardName}`;

/** Two runs' rows on one time axis: both runs' rows in time order, each run's columns filled at every row. */
export interface Overlay {
  readonly t: number[];
  /** Run a's columns, then run b's, on `t`. */
  readonly a: Array<Array<number | null>>;
  readonly b: Array<Array<number | null>>;
  /** Whether each row is one of run a's (else run b's). */
  readonly fromA: boolean[];
}

/**
 * Lays run b (its rows shifted by `offset`) over run a on one time axis that holds the rows of both, so each run is
 * drawn from its own rows: a spike of b between two rows of a keeps its time and value. At a row of the other run,
 * a run's value is its own line there (the straight line between its rows either side), so that line is drawn
 * unchanged and the hover reads both runs at any row; null before its first row, after its last, and beside a row
 * where it had no value. At equal times a's row comes first. Times sorted.
 */
export function overlay(
  ta: readonly number[],
  colsA: ReadonlyArray<ReadonlyArray<number | null>>,
  tb: readonly number[],
  colsB: ReadonlyArray<ReadonlyArray<number | null>>,
  offset: number,
): Overlay {
  const out: Overlay = { t: [], a: colsA.map(() => []), b: colsB.map(() => []), fromA: [] };
  const bAt = (k: number) => tb[k]! + offset;
  let i = 0;
  let k = 0;
  while (i < ta.length || k < tb.length) {
    if (k >= tb.length || (i < ta.length && ta[i]! <= bAt(k))) {
      const x = ta[i]!;
      out.t.push(x);
      out.fromA.push(true);
      colsA.forEach((c, n) => out.a[n]!.push(c[i] ?? null));
      colsB.forEach((c, n) => out.b[n]!.push(onLine(bAt, c, k - 1, k, tb.length, x)));
      i++;
    } else {
      const x = bAt(k);
      out.t.push(x);
      out.fromA.push(false);
      colsA.forEach((c, n) => out.a[n]!.push(onLine((j) => ta[j]!, c, i - 1, i, ta.length, x)));
      colsB.forEach((c, n) => out.b[n]!.push(c[k] ?? null));
      k++;
    }
  }
  return out;
}

/** A column's line at `x` between its rows `lo` and `hi` (times `at`), or null outside its rows or beside a hole. */
function onLine(
  at: (j: number) => number,
  v: ReadonlyArray<number | null>,
  lo: number,
  hi: number,
  n: number,
  x: number,
): number | null {
  // A row of its own at this very time: its own value (a's row comes first at equal times).
  if (hi < n && at(hi) === x) return v[hi] ?? null;
  if (lo < 0 || hi >= n) return null;
  const a = v[lo];
  const b = v[hi];
  if (a === null || a === undefined || b === null || b === undefined) return null;
  const t0 = at(lo);
  const t1 = at(hi);
  return t1 > t0 ? a + ((b - a) * (x - t0)) / (t1 - t0) : a;
}

/** `b − a` for the tooltip, or undefined when either value is missing. */
export function difference(a: number | null | undefined, b: number | null | undefined): number | undefined {
  if (a === null || a === undefined || b === null || b === undefined) return undefined;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return undefined;
  return b - a;
}
