// Redraws on a clock, not per batch: at most 30 times a second (on animation frames), only when the store changed,
// never while paused. Batches come every 50 ms, so in practice it redraws once per batch, at the first frame after
// it (a 50 ms floor would often hold a batch back by one more frame). A live window also moves with the clock when
// nothing arrives (at most 10 times a second, and only once it has moved a pixel column), so a board gone silent
// shows a growing gap instead of a window frozen at its last sample. Returns the view to draw and a callback the
// chart area calls once it has committed.

import { useEffect, useRef, useState } from 'react';
import { liveWindow, type TimeRange } from './live-view';
import type { ChartView, TelemetryStore } from './telemetry-store';

/** What to show: a live window ending at the core's clock now, or a fixed (zoomed) range. */
export type ViewRange = { kind: 'live'; windowMs: number } | { kind: 'fixed'; fromT: number; toT: number };

const MIN_FRAME_MS = 33;
/** How often a live window that only the clock moves is redrawn, at most. */
const CLOCK_FRAME_MS = 100;

/** Computes the decimated view on a ≤ 30 Hz clock. `buckets` ≈ half the plot width in pixels. */
export function useChartClock(store: TelemetryStore, range: ViewRange, paused: boolean, buckets: number) {
  const [view, setView] = useState<ChartView | undefined>(undefined);
  const startedAt = useRef(0);
  const drawn = useRef<{ version: number; key: string; range?: TimeRange }>({ version: -1, key: '' });

  useEffect(() => {
    let raf = 0;
    let last = 0;
    const key = `${JSON.stringify(range)}:${buckets}`;
    const tick = (now: number) => {
      raf = requestAnimationFrame(tick);
      if (now - last < MIN_FRAME_MS) return;
      const changed = store.version !== drawn.current.version || key !== drawn.current.key;
      if (paused && drawn.current.key === key) return;
      let next: TimeRange;
      if (range.kind === 'live') {
        const sameWindow = key === drawn.current.key ? drawn.current.range : undefined;
        // A live window ends at the core's clock, or at a newer sample or mark (stamped a moment later).
        const newest = store.length ? Math.max(store.lastT, store.lastMarkT || -Infinity) : NaN;
        next = liveWindow(newest, store.coreNow(), range.windowMs, sameWindow);
        const column = range.windowMs / Math.max(1, buckets);
        const moved = !sameWindow || next.toT - sameWindow.toT >= column;
        if (!changed && !(moved && now - last >= CLOCK_FRAME_MS)) return;
      } else {
        if (!changed) return;
        next = { fromT: range.fromT, toT: range.toT };
      }
      last = now;
      drawn.current = { version: store.version, key, range: next };
      startedAt.current = performance.now();
      const { fromT, toT } = next;
      setView(store.view(fromT, toT, buckets));
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [store, range, paused, buckets]);

  /** Milliseconds from the start of the last redraw's work until now (call from a layout effect). */
  const elapsed = () => performance.now() - startedAt.current;
  return { view, elapsed };
}
