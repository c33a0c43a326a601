// Redraws on a clock, not per batch: at most 30 times a second (on animation frames), only when the store changed,
// never while paused. Batches come every 50 ms, so in practice it redraws once per batch, at the first frame after
// it (a 50 ms floor would often hold a batch back by one more frame). Returns the view to draw and a callback the chart area calls once it has committed.

import { useEffect, useRef, useState } from 'react';
import type { ChartView, TelemetryStore } from './telemetry-store';

/** What to show: a live window ending at the newest sample or mark, or a fixed (zoomed) range. */
export type ViewRange = { kind: 'live'; windowMs: number } | { kind: 'fixed'; fromT: number; toT: number };

const MIN_FRAME_MS = 33;

/** Computes the decimated view on a ≤ 30 Hz clock. `buckets` ≈ half the plot width in pixels. */
export function useChartClock(store: TelemetryStore, range: ViewRange, paused: boolean, buckets: number) {
  const [view, setView] = useState<ChartView | undefined>(undefined);
  const startedAt = useRef(0);
  const drawn = useRef({ version: -1, key: '' });

  useEffect(() => {
    let raf = 0;
    let last = 0;
    const key = `${JSON.stringify(range)}:${buckets}`;
    const tick = (now: number) => {
      raf = requestAnimationFrame(tick);
      if (now - last < MIN_FRAME_MS) return;
      const changed = store.version !== drawn.current.version || key !== drawn.current.key;
      if (!changed || (paused && drawn.current.key === key)) return;
      last = now;
      drawn.current = { version: store.version, key };
      startedAt.current = performance.now();
      // A live window ends at the newest sample, or at a newer mark (the link went stale or closed since).
      const newest = store.length ? Math.max(store.lastT, store.lastMarkT || -Infinity) : Date.now();
      const toT = range.kind === 'live' ? newest : range.toT;
      const fromT = range.kind === 'live' ? toT - range.windowMs : range.fromT;
      setView(store.view(fromT, toT, buckets));
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [store, range, paused, buckets]);

  /** Milliseconds from the start of the last redraw's work until now (call from a layout effect). */
  const elapsed = () => performance.now() - startedAt.current;
  return { view, elapsed };
}
