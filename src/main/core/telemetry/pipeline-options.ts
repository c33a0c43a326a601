// The telemetry pipeline's options: read by the pipeline (batching, marks) and by its board store (memory bounds).

import type { TelemetryBatch } from '../../../shared/telemetry/types';

/** How the pipeline is bounded and clocked. All optional. */
export interface TelemetryPipelineOptions {
  /** Receives each batch (bench.ts sends it out as `telemetry:batch`). */
  readonly emit: (batch: TelemetryBatch) => void;
  /** Batch period, ms (50–100; default 50). 0 = no timer: call `flush()` yourself (tests). */
  readonly batchMs?: number;
  /** History rows kept per board (default 600,000 = 10 min at 1000 Hz, or 24 h at 1 Hz with room). */
  readonly maxRows?: number;
  /** Bytes of history of the shown board at most (default 64 MiB). */
  readonly maxBytes?: number;
  /**
   * Bytes kept at most for the boards not shown (default 192 MiB). A board left keeps its rows in a ring trimmed
   * to them; when these exceed the budget, the boards shown longest ago are forgotten whole (and logged).
   */
  readonly maxHeldBytes?: number;
  /**
   * Rows kept of a board fed while another is shown (a watched board; default 86,400 = 24 h at 1 Hz), within
   * `watchedMaxBytes` (default 16 MiB) — each watched board's own cap, outside the held budget.
   */
  readonly watchedMaxRows?: number;
  readonly watchedMaxBytes?: number;
  /** Clock of the marks the pipeline adds itself (leaving a board). */
  readonly now?: () => number;
  /** Where evictions are told. */
  readonly log?: (message: string) => void;
  /** Series kept at most (default 32); further numeric fields are ignored. */
  readonly maxSeries?: number;
  /** Rows one batch may hold; more are dropped and counted (a stalled event loop must not grow memory). */
  readonly maxPendingRows?: number;
  /** A gap is a pause longer than this many telemetry periods … (default 3) */
  readonly gapPeriods?: number;
  /** … and longer than this many ms (default 500), so event-loop jitter at high rates is no gap. */
  readonly minGapMs?: number;
  /** Field whose going back means a reboot (default 'uptime'). */
  readonly uptimeField?: string;
  /** Marks kept for history (default 2000). */
  readonly maxMarks?: number;
}
