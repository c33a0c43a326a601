// The newest decimated view and the hovered sample, held outside React props so the series paths can redraw on
// the chart clock without re-rendering recharts (its axes, grid and marks re-render only when they change).

import type { ChartView } from './telemetry-store';

/** A raw sample under the pointer. */
export interface HoverSample {
  readonly t: number;
  readonly values: readonly number[];
}

/** What the series layers draw now. */
export interface LiveState {
  readonly view: ChartView | undefined;
  readonly hover: HoverSample | undefined;
}

/** A tiny external store for `useSyncExternalStore`. */
export class LiveView {
  private state: LiveState = { view: undefined, hover: undefined };
  private listeners = new Set<() => void>();

  readonly subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  readonly get = (): LiveState => this.state;

  set(view: ChartView | undefined, hover: HoverSample | undefined): void {
    if (view === this.state.view && hover === this.state.hover) return;
    this.state = { view, hover };
    for (const fn of this.listeners) fn();
  }
}

/** A time range [fromT, toT], ms since the epoch. */
export interface TimeRange {
  readonly fromT: number;
  readonly toT: number;
}

/**
 * The live window now: it ends at the core's clock (`now`, on the core's time base), or at the newest sample or
 * mark if one is stamped later, so it keeps moving while nothing arrives (board down, link lost) and the gap
 * grows at its right edge. It never moves back from `last` (a redraw a few ms late would jolt the axis).
 */
export function liveWindow(newest: number, now: number, windowMs: number, last?: TimeRange): TimeRange {
  let toT = Math.max(Number.isFinite(newest) ? newest : -Infinity, now);
  if (last && Math.abs(last.toT - last.fromT - windowMs) < 1 && last.toT > toT) toT = last.toT;
  return { fromT: toT - windowMs, toT };
}

/** Silence shorter than this never counts as stale, however fast the board sends. */
const MIN_STALE_MS = 3000;

/**
 * What a live view says when no sample came for a while: "no data for 40 s" once the silence exceeds three
 * sample periods (and 3 s), else undefined. `periodMs` is the board's recent sample period (NaN if unknown).
 */
export function silenceNote(silenceMs: number, periodMs: number): string | undefined {
  if (!Number.isFinite(silenceMs)) return undefined;
  const limit = Math.max(MIN_STALE_MS, Number.isFinite(periodMs) ? 3 * periodMs : 0);
  if (silenceMs < limit) return undefined;
  const s = Math.floor(silenceMs / 1000);
  if (s < 120) return `no data for ${s} s`;
  const m = Math.floor(s / 60);
  if (m < 120) return `no data for ${m} min`;
  return `no data for ${Math.floor(m / 60)} h`;
}
