// What the review's measurement hooks expose to `npm run bench -- review` (as `window.__benchReview`): one type for
// the page that fills it and the benchmark that reads it.

/** One zoom of the review, timed by the page. */
export interface ZoomTiming {
  /** From asking for the window (as the zoom does) until the charts drew its answer and the frame was painted. */
  readonly totalMs: number;
  /**
   * From the core's answer reaching the page until React has drawn it into the DOM (the page's own work; what
   * `npm run bench -- telemetry` calls a redraw's render time).
   */
  readonly renderMs: number;
  /** From the core's answer reaching the page until the frame showing it was painted (waits for the next frame). */
  readonly paintMs: number;
  /** Rows the charts drew. */
  readonly rows: number;
}

/** What the benchmark reads from, and asks of, the review page. */
export interface ReviewProbeData {
  /** The reviewed run's first and last message time, ms since the epoch. */
  readonly from: number;
  readonly to: number;
  /** performance.now() once the first chart with data was painted. */
  firstDrawnAt?: number;
  /** Shows [fromT, toT] as a zoom does and resolves when the charts painted that window's answer. */
  zoom(fromT: number, toT: number): Promise<ZoomTiming>;
}
