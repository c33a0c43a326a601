// Telemetry samples out of a session file's `/board/telemetry` messages: the board's `telemetry` message (one
// sample at the message's log time) or a `telemetry-batch` (its samples spread before it, as the live pipeline
// spreads them). Every numeric field of `data` is a series, discovered in first-seen order, as on the live page.
import { parseBoardMessage } from '../../../shared/protocol/messages';
import { batchLength, batchSampleTimes } from '../../../shared/protocol/telemetry-batch';

/** Series a review keeps apart; fields past it are left out (the review says so in its series list). */
export const MAX_REVIEW_SERIES = 32;

/** A sample: `row[i]` is series i's value, NaN when the message lacked it. The row is reused: copy what you keep. */
export type SampleSink = (t: number, row: Float64Array) => void;

const FLAT_PREFIX = Buffer.from('{"type":"telemetry","data":{');
const QUOTE = 0x22;
const COLON = 0x3a;
const COMMA = 0x2c;
const CLOSE = 0x7d;
const MINUS = 0x2d;
const DOT = 0x2e;
/** Most digits read by hand: beyond it (or with an exponent) Number reads the number's text. */
const MAX_DIGITS = 15;
const POW10 = Array.from({ length: MAX_DIGITS + 1 }, (_, k) => 10 ** k);

/** Decodes telemetry messages into rows over one growing series list. */
export class SampleDecoder {
  readonly series: string[] = [];
  private readonly index = new Map<string, number>();
  private readonly row = new Float64Array(MAX_REVIEW_SERIES).fill(NaN);
  /** The series names as bytes, to match keys without making a string per field. */
  private readonly keys: Buffer[] = [];
  private lastT = -Infinity;

  constructor(known: readonly string[] = []) {
    for (const name of known) this.slot(name);
  }

  /** The message `data` (JSON bytes) received at `t` ms: calls `sink` once per sample. */
  decode(data: Buffer, t: number, sink: SampleSink): void {
    // The firmware's own message is flat numbers in one object: read by hand, several times faster than JSON.parse
    // (a 24 h run at 100 Hz is 8.64 M of them). Anything else (strings, nesting) takes the full parser.
    if (startsWith(data, FLAT_PREFIX)) {
      this.row.fill(NaN);
      if (this.flat(data)) return this.emit(t, sink);
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

  /** Reads `"key":number,…}` after the prefix into the row; false when the message is not of that shape. */
  private flat(d: Buffer): boolean {
    let i = FLAT_PREFIX.length;
    const n = d.length;
    if (d[i] === CLOSE) return true;
    for (;;) {
      if (d[i] !== QUOTE) return false;
      const k0 = ++i;
      while (i < n && d[i] !== QUOTE) {
        if (d[i] === 0x5c || d[i]! > 0x7e) return false; // an escape or beyond ASCII: the full parser
        i++;
      }
      const k1 = i;
      if (d[++i] !== COLON) return false;
      i++;
      const numStart = i;
      const negative = d[i] === MINUS;
      if (negative) i++;
      let whole = 0;
      let digits = 0;
      while (i < n && d[i]! >= 0x30 && d[i]! <= 0x39) {
        whole = whole * 10 + (d[i]! - 0x30);
        i++;
        digits++;
      }
      if (digits === 0) return false;
      let scale = 0;
      if (d[i] === DOT) {
        i++;
        while (i < n && d[i]! >= 0x30 && d[i]! <= 0x39) {
          whole = whole * 10 + (d[i]! - 0x30);
          i++;
          digits++;
          scale++;
        }
        if (scale === 0) return false;
      }
      let exponent = false;
      if (d[i] === 0x65 || d[i] === 0x45) {
        exponent = true;
        i++;
        if (d[i] === 0x2b || d[i] === MINUS) i++;
        const e0 = i;
        while (i < n && d[i]! >= 0x30 && d[i]! <= 0x39) i++;
        if (i === e0) return false;
      }
      // Both integers are exact, so one division rounds once: the same double as JSON.parse gives. A longer number
      // (a float32 written with 17 digits) or one with an exponent is read by Number on its own text, which rounds
      // as JSON.parse does: the message is never parsed whole again (the core parses each board message once).
      const v =
        digits > MAX_DIGITS || exponent
          ? Math.abs(Number(d.toString('latin1', numStart, i)))
          : scale === 0
            ? whole
            : whole / POW10[scale]!;
      const slot = this.keySlot(d, k0, k1);
      if (slot >= 0) this.row[slot] = negative ? -v : v;
      if (d[i] === COMMA) i++;
      else return d[i] === CLOSE && d[i + 1] === CLOSE && i + 2 === n;
    }
  }

  /** The slot of the key in bytes [from, to) of `d`, made on first sight. */
  private keySlot(d: Buffer, from: number, to: number): number {
    const len = to - from;
    for (let s = 0; s < this.keys.length; s++) {
      const k = this.keys[s]!;
      if (k.length === len && sameBytes(d, from, k)) return s;
    }
    return this.slot(d.toString('latin1', from, to));
  }

  private slot(name: string): number {
    const known = this.index.get(name);
    if (known !== undefined) return known;
    if (this.series.length >= MAX_REVIEW_SERIES) return -1;
    this.index.set(name, this.series.length);
    this.series.push(name);
    this.keys.push(Buffer.from(name, 'latin1'));
    return this.series.length - 1;
  }
}

/** True when `d` starts with `prefix` (a loop: Buffer.compare's native call costs more for a few bytes). */
function startsWith(d: Buffer, prefix: Buffer): boolean {
  return d.length > prefix.length && sameBytes(d, 0, prefix);
}

function sameBytes(d: Buffer, at: number, k: Buffer): boolean {
  for (let j = 0; j < k.length; j++) if (d[at + j] !== k[j]) return false;
  return true;
}
