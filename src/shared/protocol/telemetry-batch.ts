// `telemetry-batch`: an extension message carrying N telemetry samples in one frame, for a firmware that samples
// faster than its 1 ms tick lets it send (docs/telemetry-batch.md). The stock NUCLEO-MEM firmware does not send it;
// the virtual board does with `--telemetry-batch N`. Columnar, so a C firmware prints it from plain arrays and the
// app reads it without building a row object per sample.

/** `{"type":"telemetry-batch","dt_us":[0,100,…],"data":{"junctionTemp":[…],…}}`, as the parser hands it on. */
export interface TelemetryBatchMessage {
  readonly type: 'telemetry-batch';
  /** Board time of each sample in µs, from an arbitrary origin, non-decreasing; as many as every column. */
  readonly dtUs: readonly number[];
  /** Field name → one value per sample, in the frame's key order. */
  readonly columns: Readonly<Record<string, readonly number[]>>;
}

/** What the parser made of a batch. */
export type ParsedTelemetryBatch =
  | { readonly ok: true; readonly batch: TelemetryBatchMessage }
  | { readonly ok: false; readonly reason: string };

/**
 * Most samples the virtual board puts in one frame with the firmware's four fields: the worst case of each still fits
 * one WS pool packet at 17 (docs/telemetry-batch.md, "How big N may be"; src/main/board/telemetry/batch.test.ts).
 */
export const FIRMWARE_MAX_BATCH = 17;

/** Most samples the app takes in one frame (a firmware frame holds about 20; this only bounds a wrong one). */
export const MAX_BATCH_SAMPLES = 4096;
/** Longest time one frame may span: offsets beyond it are a firmware bug, not a sampling plan. */
export const MAX_BATCH_SPAN_US = 60_000_000;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first value of `values` that is not a finite number, as a reason; undefined when all are. */
function badValue(what: string, values: readonly unknown[]): string | undefined {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v))
      return `${what} value #${i + 1} is ${v === null ? 'null' : typeof v === 'number' ? String(v) : typeof v}, not a finite number`;
  }
  return undefined;
}

/**
 * Reads a telemetry-batch message (the parsed JSON object). Strict, as the single telemetry form is: every field of
 * `data` must be an array of exactly N finite numbers, or the whole batch is refused with the reason. Never throws.
 * Offsets come from `dt_us` (one per sample), or else from `period_us` (sample i at i × period_us).
 */
export function parseTelemetryBatch(value: unknown): ParsedTelemetryBatch {
  if (!isObject(value)) return { ok: false, reason: 'not a JSON object' };
  if (value.type !== 'telemetry-batch')
    return { ok: false, reason: `type is "${String(value.type)}", not "telemetry-batch"` };
  const data = value.data;
  if (!isObject(data)) return { ok: false, reason: 'telemetry-batch without a data object' };
  const keys = Object.keys(data);
  if (keys.length === 0) return { ok: false, reason: 'telemetry-batch without a field' };
  const first = data[keys[0]!];
  if (!Array.isArray(first))
    return { ok: false, reason: `telemetry-batch field "${keys[0]}" is not an array` };
  const n = first.length;
  if (n === 0) return { ok: false, reason: 'telemetry-batch without samples' };
  if (n > MAX_BATCH_SAMPLES)
    return { ok: false, reason: `telemetry-batch of ${n} samples (at most ${MAX_BATCH_SAMPLES})` };

  let dtUs: number[];
  if (value.dt_us !== undefined) {
    if (!Array.isArray(value.dt_us)) return { ok: false, reason: 'telemetry-batch dt_us is not an array' };
    if (value.dt_us.length !== n)
      return {
        ok: false,
        reason: `telemetry-batch dt_us has ${value.dt_us.length} offsets for ${n} samples`,
      };
    const bad = badValue('dt_us', value.dt_us);
    if (bad) return { ok: false, reason: `telemetry-batch ${bad}` };
    dtUs = value.dt_us as number[];
  } else if (value.period_us !== undefined) {
    const p = value.period_us;
    if (typeof p !== 'number' || !Number.isFinite(p) || p <= 0)
      return { ok: false, reason: 'telemetry-batch period_us is not a positive number' };
    dtUs = Array.from({ length: n }, (_, i) => i * p);
  } else return { ok: false, reason: 'telemetry-batch with neither dt_us nor period_us' };
  for (let i = 1; i < n; i++) {
    if (dtUs[i]! < dtUs[i - 1]!)
      return { ok: false, reason: `telemetry-batch dt_us goes back at sample #${i + 1}` };
  }
  if (dtUs[n - 1]! - dtUs[0]! > MAX_BATCH_SPAN_US)
    return { ok: false, reason: `telemetry-batch spans more than ${MAX_BATCH_SPAN_US / 1e6} s` };

  const columns: Record<string, readonly number[]> = {};
  for (const key of keys) {
    const col = data[key];
    if (!Array.isArray(col))
      return {
        ok: false,
        reason: `telemetry-batch field "${key}" is ${col === null ? 'null' : typeof col}, not an array`,
      };
    if (col.length !== n)
      return {
        ok: false,
        reason: `telemetry-batch field "${key}" has ${col.length} values for ${n} samples`,
      };
    const bad = badValue(`field "${key}"`, col);
    if (bad) return { ok: false, reason: `telemetry-batch ${bad}` };
    columns[key] = col as number[];
  }
  return { ok: true, batch: { type: 'telemetry-batch', dtUs, columns } };
}

/** Samples in a batch. */
export function batchLength(batch: TelemetryBatchMessage): number {
  return batch.dtUs.length;
}

/**
 * The app's times of a batch's samples (ms), from the frame's receipt time: the last sample is taken as received
 * when the frame was (as a single telemetry message is), each earlier one its board-time offset before that. Times
 * never go back: when frames arrive bunched (a reader that fell behind gets several at once), a frame's offsets are
 * scaled down so that its first sample falls no earlier than `notBefore`, the previous sample's time.
 */
export function batchSampleTimes(
  batch: TelemetryBatchMessage,
  receiptT: number,
  notBefore = -Infinity,
): number[] {
  const dt = batch.dtUs;
  const last = dt[dt.length - 1]!;
  const spanMs = (last - dt[0]!) / 1000;
  const end = Math.max(receiptT, notBefore);
  const scale = spanMs > 0 && end - spanMs < notBefore ? (end - notBefore) / spanMs : 1;
  return dt.map((d) => end - ((last - d) / 1000) * scale);
}

/** Sample i as the `data` object the single telemetry form would have carried. */
export function batchSampleData(batch: TelemetryBatchMessage, i: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key in batch.columns) out[key] = batch.columns[key]![i]!;
  return out;
}
