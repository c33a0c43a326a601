// Measurement hooks for `npm run bench -- review`: present on `window.__benchReview` only when the page was opened
// with `?bench=1`, made by the review (not a module singleton) and removed when it closes. A zoom asked through it
// takes the same path as the wheel or a dragged selection (the timeline's window → runs:telemetry → the charts).
import type { ReviewProbeData, ZoomTiming } from '../../../../shared/sessions/review-probe';
import type { ReviewView } from './chart-data';
import type { Window as TimeWindow } from './review-time';

declare global {
  interface Window {
    __benchReview?: ReviewProbeData;
  }
}

/** Calls `fn` once the frame after the current one was painted: an animation frame, then a task after it. */
function afterPaint(fn: () => void): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      fn();
    };
    channel.port2.postMessage(0);
  });
}

interface Pending {
  readonly fromT: number;
  readonly toT: number;
  readonly askedAt: number;
  readonly resolve: (t: ZoomTiming) => void;
}

/** Times the review's first drawing and the zooms the benchmark asks for. */
export class ReviewProbe {
  readonly data: ReviewProbeData;
  private pending: Pending | undefined;
  /** The window the charts last drew with its answer. */
  private drawn: TimeWindow | undefined;

  /** `show` sets the window as a zoom does and returns it as set (kept inside the run). */
  constructor(run: TimeWindow, show: (w: TimeWindow) => TimeWindow) {
    this.data = {
      from: run.fromT,
      to: run.toT,
      zoom: (fromT, toT) =>
        new Promise<ZoomTiming>((resolve, reject) => {
          const askedAt = performance.now();
          const w = show({ fromT, toT });
          // The window drawn now is not asked again, so it would never be drawn "again": say so, do not wait.
          const last = this.drawn;
          if (last && last.fromT === w.fromT && last.toT === w.toT)
            reject(new Error('That window is drawn already: ask for another one'));
          else this.pending = { fromT: w.fromT, toT: w.toT, askedAt, resolve };
        }),
    };
    window.__benchReview = this.data;
  }

  /**
   * The charts committed `view`; `answeredAt` is when the core's answer for its window reached the page (undefined
   * while the window's answer is still out: the charts then show the last answer, stretched).
   */
  committed(view: ReviewView | undefined, answeredAt: number | undefined): void {
    if (!view || view.t.length === 0 || answeredAt === undefined) return;
    this.drawn = { fromT: view.fromT, toT: view.toT };
    if (this.data.firstDrawnAt === undefined)
      afterPaint(() => (this.data.firstDrawnAt ??= performance.now()));
    const p = this.pending;
    if (!p || view.fromT !== p.fromT || view.toT !== p.toT) return;
    this.pending = undefined;
    const rows = view.t.length;
    const since = Math.max(answeredAt, p.askedAt);
    // After this commit's stack: the series layer redraws synchronously from the layout effects (live.set).
    let renderMs = NaN;
    queueMicrotask(() => (renderMs = performance.now() - since));
    afterPaint(() => {
      const now = performance.now();
      p.resolve({ totalMs: now - p.askedAt, renderMs, paintMs: now - since, rows });
    });
  }

  dispose(): void {
    if (window.__benchReview === this.data) delete window.__benchReview;
  }
}
