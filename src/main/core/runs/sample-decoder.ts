// Telemetry samples out of a session file's `/board/telemetry` messages: the board's `telemetry` message (one
// sample at the message's log time) or a `telemetry-batch` (its samples spread before it, as the live pipeline
// spreads them). Every numeric field of `data` is a series, discovered in first-seen order, as on the live page.
import { parseBoardMessage } from '../../../shared/protocol/messages';
import { batchLength, batchSampleTimes } from '../../../shared/protocol/telemetry-batch';

/** Series a review keeps apart; fields past it are left out (the review says so in its series list). */
export const MAX_REVIEW_SERIES = 32;

/** A sample: `row[i]` is series i's value, NaN when the message lacked it. The row is reused: copy what you keep. */
export type SampleSink = (t: number, row: Float64Array) => void;

const FLAT_PREFIX = '{"type":"telemetry","data":{';
const FIELD = /"([^"\\]+)":(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;

/** Decodes telemetry messages into rows over one growing series list. */
export class SampleDecoder {
  readonly series: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly row = new Float64Array(MAX_REVIEW_SERIES).fill(NaN);
  private lastT = -Infinity;

  constructor(known: readonly string[] = []) {
    for (const name of known) this.slot(name);
  }

  /** The message `data` (JSON bytes) received at `t` ms: calls `sink` once per sample. */
  decode(data: Buffer, t: number, sink: SampleSink): void {
    const text = data.toString('latin1');
    // The firmware's own message is flat: numbers (and maybe strings) in one object. Read it with one regex, which
    // is several times faster than JSON.parse; anything else (nesting, escapes, UTF-8) takes the full parser.
    if (text.startsWith(FLAT_PREFIX) && isFlat(text)) {
      this.row.fill(NaN);
      FIELD.lastIndex = FLAT_PREFIX.length;
      for (let m = FIELD.exec(text); m; m = FIELD.exec(text)) {
        const i = this.slot(m[1]!);
        if (i >= 0) this.row[i] = Number(m[2]);
      }
      return this.emit(t, sink);
    }
    const parsed = parseBoardMessage(data.toString('utf8'));
    if (parsed.kind === 'telemetry') {
      this.row.fill(NaN);
      for (const [name, v] of Object.entries(parsed.message.data)) {
        if (typeof v !== 'number' || !Number.isFinite(v)) continue;
        const i = this.slot(name);
        if (i >= 0) this.row[i] = v;
      }
      this.emit(t, sink);
    } else if (parsed.kind === 'telemetry-batch') {
      const times = batchSampleTimes(parsed.batch, t, this.lastT);
      const columns = Object.entries(parsed.batch.columns).map(
        ([name, values]) => [this.slot(name), values] as const,
      );
      for (let j = 0, n = batchLength(parsed.batch); j < n; j++) {
        this.row.fill(NaN);
        for (const [i, values] of columns) if (i >= 0) this.row[i] = values[j]!;
        this.emit(times[j]!, sink);
      }
    }
  }

  private emit(t: number, sink: SampleSink): void {
    this.lastT = Math.max(this.lastT, t);
    sink(t, this.row);
  }

  private slot(name: string): number {
    const known = this.index.get(name);
    if (known !== undefined) return known;
    if (this.series.length >= MAX_REVIEW_SERIES) return -1;
    this.index.set(name, this.series.length);
    this.series.push(name);
    return this.series.length - 1;
  }
}

/** True when the text after the prefix holds no nested value, escape or non-ASCII byte. */
function isFlat(text: string): boolean {
  for (let i = FLAT_PREFIX.length; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b || c === 0x5c || c > 0x7e) return false; // { [ \ or beyond ASCII
  }
  return true;
}
