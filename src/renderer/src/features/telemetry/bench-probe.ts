// Measurement hooks for `npm run bench -- telemetry`: present on `window.__benchTelemetry` only when the page was
// opened with `?bench=1`. Created by the page (not a module singleton) and removed when it unmounts.

import type { BenchProbeData } from '../../../../shared/telemetry/bench-probe';

export type { BenchProbeData };

declare global {
  interface Window {
    __benchTelemetry?: BenchProbeData;
  }
}

/** True when the page was opened for a benchmark. */
export function benchRequested(): boolean {
  return new URLSearchParams(location.search).has('bench');
}

/** The window a benchmark asks for (`?bench=1&window=<seconds>`), which may be one the selector does not offer. */
export function benchWindowMs(): number | undefined {
  const q = new URLSearchParams(location.search);
  const s = Number(q.get('window'));
  return q.has('bench') && Number.isFinite(s) && s > 0 ? s * 1000 : undefined;
}

/** Collects redraw timings, frame counts and sample latencies for the benchmark. */
export class BenchProbe {
  readonly data: BenchProbeData;
  private raf = 0;
  private lastNewest = NaN;

  constructor(samplesIn: () => number) {
    this.data = { redraws: 0, frames: 0, renderMs: [], latencyMs: [], samplesIn };
    const tick = () => {
      this.data.frames++;
      this.raf = requestAnimationFrame(tick);
    };
    this.raf = requestAnimationFrame(tick);
    window.__benchTelemetry = this.data;
  }

  /**
   * One redraw committed: its cost, and the newest sample time it shows. Latency (send → drawn) is taken at the
   * next animation frame for the samples that became visible, by their own times (at most 200 sampled).
   */
  redraw(renderMs: number, newestT: number, timesBetween: (after: number, upTo: number) => number[]): void {
    this.data.redraws++;
    if (this.data.firstSampleT === undefined && Number.isFinite(newestT)) {
      this.data.firstSampleT = newestT;
      requestAnimationFrame(() => (this.data.firstDrawnAt ??= Date.now()));
    }
    if (this.data.renderMs.length < 100_000) this.data.renderMs.push(renderMs);
    const prev = this.lastNewest;
    this.lastNewest = newestT;
    if (!Number.isFinite(newestT) || !Number.isFinite(prev) || newestT <= prev) return;
    const times = timesBetween(prev, newestT);
    requestAnimationFrame(() => {
      // Date.now(), as the core stamps receipt times with it.
      const drawnAt = Date.now();
      for (const t of times) if (this.data.latencyMs.length < 500_000) this.data.latencyMs.push(drawnAt - t);
    });
  }

  dispose(): void {
    cancelAnimationFrame(this.raf);
    if (window.__benchTelemetry === this.data) delete window.__benchTelemetry;
  }
}
