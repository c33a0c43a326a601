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

/**
 * Run `b`'s column laid on run `a`'s rows: for each time of `ta`, b's last value at or before it (times of b
 * shifted by `offset`), null before b's first sample, after its last, or where b had no value. Both lists sorted.
 */
export function resampleOnto(
  ta: readonly number[],
  tb: readonly number[],
  vb: ReadonlyArray<number | null>,
  offset: number,
): Array<number | null> {
  const out: Array<number | null> = [];
  const last = tb.length ? tb[tb.length - 1]! + offset : -Infinity;
  let j = -1;
  for (const t of ta) {
    while (j + 1 < tb.length && tb[j + 1]! + offset <= t) j++;
    out.push(j < 0 || t > last ? null : (vb[j] ?? null));
  }
  return out;
}

/** `b − a` for the tooltip, or undefined when either value is missing. */
export function difference(a: number | null | undefined, b: number | null | undefined): number | undefined {
  if (a === null || a === undefined || b === null || b === undefined) return undefined;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return undefined;
  return b - a;
}
