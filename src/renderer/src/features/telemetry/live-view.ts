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
