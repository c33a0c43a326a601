// What the Telemetry page's measurement hooks expose to `npm run bench -- telemetry` (as `window.__benchTelemetry`):
// one type for the page that fills it and the benchmark that reads it.

/** What the benchmark reads from the page. */
export interface BenchProbeData {
  redraws: number;
  frames: number;
  renderMs: number[];
  latencyMs: number[];
  samplesIn: () => number;
  /** Date.now() at the animation frame after the first redraw that showed a sample (start-up benchmark). */
  firstDrawnAt?: number;
  /** The core's receipt time of the newest sample that first redraw showed. */
  firstSampleT?: number;
}
