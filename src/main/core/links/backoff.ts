/** Reconnect delays: 1, 2, 4, 8, then 15 s, each with ±20 % jitter so several benches never retry in step. */
export interface BackoffOptions {
  /** Delay per attempt in ms; the last one repeats. */
  readonly stepsMs?: readonly number[];
  /** Relative jitter, 0.2 = ±20 %. */
  readonly jitter?: number;
  /** Source of randomness in [0, 1). */
  readonly random?: () => number;
}

export const DEFAULT_BACKOFF_STEPS: readonly number[] = [1000, 2000, 4000, 8000, 15000];

/** Delay before reconnect attempt `attempt` (0-based), jittered. */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const steps = options.stepsMs ?? DEFAULT_BACKOFF_STEPS;
  const base = steps[Math.min(Math.max(0, attempt), steps.length - 1)] ?? 1000;
  const jitter = options.jitter ?? 0.2;
  const r = (options.random ?? Math.random)();
  return Math.max(0, Math.round(base * (1 - jitter + 2 * jitter * r)));
}

/**
 * Estimates the telemetry period from arrival times (median of the last intervals), so the silence watchdog adapts
 * to a board with another period. Until two arrivals are seen it answers the default.
 */
export class PeriodEstimator {
  private readonly intervals: number[] = [];
  private last: number | undefined;

  constructor(
    private readonly defaultMs = 1000,
    private readonly window = 8,
  ) {}

  /** Records an arrival at time `t` (ms). */
  arrival(t: number): void {
    if (this.last !== undefined) {
      const d = t - this.last;
      if (d > 0) {
        this.intervals.push(d);
        if (this.intervals.length > this.window) this.intervals.shift();
      }
    }
    this.last = t;
  }

  /** Forgets arrivals (a new connection has its own phase). */
  reset(): void {
    this.intervals.length = 0;
    this.last = undefined;
  }

  /** The period in ms, clamped to 100 ms … 60 s. */
  get periodMs(): number {
    if (this.intervals.length === 0) return this.defaultMs;
    const sorted = [...this.intervals].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    return Math.min(60_000, Math.max(100, median));
  }
}
