// The board's JSON messages (docs/firmware-protocol.md §4), as the app's clients understand them. Parsing here is
// tolerant (it describes what arrived); the virtual board applies the firmware's own strict rules in src/main/board.

import { parseTelemetryBatch, type TelemetryBatchMessage } from './telemetry-batch';

/** `{"type":"led-status","data":{"yellowLed":false,"redLed":false}}`: the firmware's tracked LED state. */
export interface LedStatusMessage {
  readonly type: 'led-status';
  readonly data: { readonly yellowLed: boolean; readonly redLed: boolean };
}

/** `{"type":"telemetry","data":{...}}`: every numeric field of data is a series. */
export interface TelemetryMessage {
  readonly type: 'telemetry';
  readonly data: Readonly<Record<string, unknown>>;
}

/** The one command the firmware takes. */
export interface LedCommandMessage {
  readonly type: 'led-command';
  readonly led: 'yellow' | 'red';
  readonly state: boolean;
}

/** The LEDs a client may switch. */
export type ControllableLed = LedCommandMessage['led'];

/** What a received text frame turned out to be. */
export type ParsedBoardMessage =
  | { readonly kind: 'led-status'; readonly message: LedStatusMessage }
  | { readonly kind: 'telemetry'; readonly message: TelemetryMessage }
  /** The telemetry-batch extension (docs/telemetry-batch.md): N samples in one frame. */
  | { readonly kind: 'telemetry-batch'; readonly batch: TelemetryBatchMessage }
  | { readonly kind: 'other'; readonly type: string; readonly value: Record<string, unknown> }
  | { readonly kind: 'invalid'; readonly reason: string };

/** Longest text the app will try to parse as JSON; the firmware's own frames are < 126 bytes. */
export const MAX_PARSED_TEXT = 64 * 1024;

/** Parses one text frame from a board. Never throws. */
export function parseBoardMessage(text: string): ParsedBoardMessage {
  if (text.length > MAX_PARSED_TEXT)
    return { kind: 'invalid', reason: `text of ${text.length} bytes is too long to parse` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'invalid', reason: 'not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { kind: 'invalid', reason: 'not a JSON object' };
  const obj = value as Record<string, unknown>;
  if (typeof obj.type !== 'string') return { kind: 'invalid', reason: 'no "type" string' };
  const data = obj.data;
  if (obj.type === 'led-status') {
    if (typeof data !== 'object' || data === null)
      return { kind: 'invalid', reason: 'led-status without data' };
    const d = data as Record<string, unknown>;
    if (typeof d.yellowLed !== 'boolean' || typeof d.redLed !== 'boolean') {
      return { kind: 'invalid', reason: 'led-status with non-boolean LED fields' };
    }
    return {
      kind: 'led-status',
      message: { type: 'led-status', data: { yellowLed: d.yellowLed, redLed: d.redLed } },
    };
  }
  if (obj.type === 'telemetry') {
    if (typeof data !== 'object' || data === null || Array.isArray(data))
      return { kind: 'invalid', reason: 'telemetry without a data object' };
    return { kind: 'telemetry', message: { type: 'telemetry', data: data as Record<string, unknown> } };
  }
  if (obj.type === 'telemetry-batch') {
    const b = parseTelemetryBatch(obj);
    return b.ok ? { kind: 'telemetry-batch', batch: b.batch } : { kind: 'invalid', reason: b.reason };
  }
  return { kind: 'other', type: obj.type, value: obj };
}

/** The exact text the app sends for an LED command (one message per write, well under 1024 bytes). */
export function ledCommandText(led: ControllableLed, state: boolean): string {
  return JSON.stringify({ type: 'led-command', led, state } satisfies LedCommandMessage);
}
