// Measurement hooks for `npm run bench -- telemetry`: present on `window.__benchTelemetry` only when the page was
// opened with `?bench=1`. Created by the page (not a module singleton) and removed when it unmounts.

/** What the benchmark reads from the page. */
export interface BenchProbeData {
  redraws: number;
  frames: number;
  renderMs: number[];
  latencyMs: number[];
  samplesIn: () => number;
}

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

  /** One redraw committed: its cost, and the newest sample time it shows (latency is measured at the next frame). */
  redraw(renderMs: number, newestT: number): void {
    this.data.redraws++;
    if (this.data.renderMs.length < 100_000) this.data.renderMs.push(renderMs);
    const prev = this.lastNewest;
    this.lastNewest = newestT;
    if (!Number.isFinite(newestT) || !Number.isFinite(prev) || newestT <= prev) return;
    requestAnimationFrame(() => {
      const drawnAt = performance.timeOrigin + performance.now();
      // Samples in (prev, newest] became visible now: spread the latencies over that span, weighted by time.
      const k = Math.min(200, Math.max(1, Math.ceil((newestT - prev) / 5)));
      for (let i = 1; i <= k; i++) {
        const t = prev + ((newestT - prev) * i) / k;
        if (this.data.latencyMs.length < 500_000) this.data.latencyMs.push(drawnAt - t);
      }
    });
  }

  dispose(): void {
    cancelAnimationFrame(this.raf);
    if (window.__benchTelemetry === this.data) delete window.__benchTelemetry;
  }
}
