// Telemetry as it crosses the bridge: columnar typed batches, one event per 50–100 ms, never one per sample.

/** A mark on the time axis. */
export interface TimelineMark {
  /** ms since the epoch. */
  readonly t: number;
  readonly kind: 'reboot' | 'gap' | 'connect' | 'disconnect' | 'stale';
  /** Plain words, e.g. "uptime went from 3605 s to 2 s". */
  readonly detail?: string;
}

/** Counters of what the pipeline saw from the shown board since the app first watched it (kept across switches). */
export interface TelemetryCounts {
  /** Telemetry messages accepted. */
  readonly received: number;
  /** Messages that were not valid board JSON or had wrong field types (counted, never charted). */
  readonly invalid: number;
  /** Samples dropped by a full buffer or a slow consumer. */
  readonly dropped: number;
  /** Non-telemetry messages (led-status, unknown types). */
  readonly other: number;
}

/** One batch of telemetry for the renderer. */
export interface TelemetryBatch {
  /** Board profile id the samples came from. */
  readonly boardId: string;
  /** Series names (numeric fields of telemetry.data, in first-seen order); column i is series[i]. */
  readonly series: readonly string[];
  /** Receipt time of each message in the batch, ms since the epoch. */
  readonly t: Float64Array;
  /**
   * columns[i][j]: value of series i in message j; NaN when absent. Typed columns cross the bridge as they are
   * (structured clone over IPC, binary frames in browser mode: src/shared/bridge/wire.ts), never as object arrays.
   */
  readonly columns: readonly Float64Array[];
  /** The last telemetry `data` object as received (for cards). */
  readonly latest?: Readonly<Record<string, unknown>>;
  readonly counts: TelemetryCounts;
  readonly marks: readonly TimelineMark[];
  /** True on the first batch after the board changed: the renderer drops what it holds before applying it. */
  readonly reset?: boolean;
}
