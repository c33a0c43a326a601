// One line saying what a frame meant, and the message type the filter chips use.
import { toHex, utf8OrUndefined } from '../../../shared/frames/bytes';
import { opcodeName } from '../../../shared/frames/types';
import { MAX_PARSED_TEXT } from '../../../shared/protocol/messages';
import { batchLength, batchSampleData, parseTelemetryBatch } from '../../../shared/protocol/telemetry-batch';
import { sampleText } from '../../../shared/telemetry/fields';

/** Longest preview line. */
export const MAX_PREVIEW = 200;

/** A frame's meaning in one line, and its type for filtering. */
export interface FramePreview {
  readonly preview: string;
  readonly msgType: string;
}

const clip = (s: string, n = MAX_PREVIEW): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const oneLine = (s: string): string => s.replace(/[\r\n\t]+/g, ' ');

/** Describes a frame from its opcode and (possibly truncated) payload. */
export function describeFrame(
  opcode: number,
  payload: Uint8Array,
  payloadLength: number,
  truncated: boolean,
): FramePreview {
  switch (opcode) {
    case 1:
      return describeText(payload, truncated);
    case 2:
      return {
        preview: clip(
          `binary ${payloadLength} B: ${toHex(payload.subarray(0, 24))}${payloadLength > 24 ? ' …' : ''}`,
        ),
        msgType: 'binary',
      };
    case 8:
      return { preview: clip(describeClose(payload)), msgType: 'close' };
    case 9:
    case 10: {
      const name = opcodeName(opcode);
      const text = payload.length ? utf8OrUndefined(payload) : '';
      const shown =
        text === undefined ? toHex(payload.subarray(0, 24)) : text ? JSON.stringify(text) : '(empty)';
      return { preview: clip(`${name} ${shown}`), msgType: name };
    }
    case 0:
      return {
        preview: clip(
          `continuation ${payloadLength} B ${oneLine(utf8OrUndefined(payload) ?? toHex(payload.subarray(0, 24)))}`,
        ),
        msgType: 'continuation',
      };
    default:
      return { preview: clip(`${opcodeName(opcode)} ${payloadLength} B`), msgType: 'reserved' };
  }
}

function describeClose(payload: Uint8Array): string {
  if (payload.length === 0) return 'close (no status)';
  if (payload.length === 1) return 'close (1-byte payload: invalid)';
  const code = (payload[0]! << 8) | payload[1]!;
  const reason = utf8OrUndefined(payload.subarray(2)) ?? '(reason not UTF-8)';
  return `close ${code}${reason ? ` ${JSON.stringify(reason)}` : ''}`;
}

function describeText(payload: Uint8Array, truncated: boolean): FramePreview {
  const text = utf8OrUndefined(payload);
  if (text === undefined)
    return {
      preview: clip(`text, not valid UTF-8: ${toHex(payload.subarray(0, 24))}`),
      msgType: 'invalid-utf8',
    };
  if (truncated || text.length > MAX_PARSED_TEXT)
    return { preview: clip(`text ${oneLine(text)}`), msgType: 'text' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { preview: clip(`not JSON: ${oneLine(text)}`), msgType: 'invalid-json' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { preview: clip(`JSON without type: ${oneLine(text)}`), msgType: 'json' };
  const obj = value as Record<string, unknown>;
  if (typeof obj.type !== 'string')
    return { preview: clip(`JSON without type: ${oneLine(text)}`), msgType: 'json' };
  const type = clip(obj.type, 40);
  return { preview: clip(`${type} ${describeFields(type, obj)}`.trim()), msgType: type };
}

function describeTelemetry(data: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(data)) {
    // Numbers as the board meant them: float32 fields shortest (55.31), others with every digit they came with.
    if (k === 'junctionTemp' && typeof v === 'number') parts.unshift(`${sampleText(k, v)} °C`);
    else parts.push(`${k}=${typeof v === 'number' ? sampleText(k, v) : JSON.stringify(v)}`);
  }
  return parts.join(' ');
}

function describeFields(type: string, obj: Record<string, unknown>): string {
  const data =
    typeof obj.data === 'object' && obj.data !== null ? (obj.data as Record<string, unknown>) : undefined;
  if (type === 'led-command') {
    return `${String(obj.led)}=${String(obj.state)}`;
  }
  if (type === 'led-status' && data) return `yellow=${String(data.yellowLed)} red=${String(data.redLed)}`;
  if (type === 'telemetry' && data) return describeTelemetry(data);
  if (type === 'telemetry-batch') {
    const b = parseTelemetryBatch(obj);
    if (!b.ok) return `(refused: ${b.reason.replace(/^telemetry-batch /, '')})`;
    const n = batchLength(b.batch);
    const spanMs = (b.batch.dtUs[n - 1]! - b.batch.dtUs[0]!) / 1000;
    return `${n} samples over ${Number(spanMs.toFixed(3))} ms, last: ${describeTelemetry(batchSampleData(b.batch, n - 1))}`;
  }
  const rest = Object.entries(obj)
    .filter(([k]) => k !== 'type')
    .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  return rest.join(' ');
}
