import { hexDump, toBase64, utf8OrUndefined } from '../../../shared/frames/bytes';
import type { FrameDetail } from '../../../shared/frames/types';
import { firmwareField, sampleText } from '../../../shared/telemetry/fields';
import type { CapturedItem } from './capture';

/**
 * A telemetry message with the firmware's float32 fields as the board meant them (55.310001373291016 → 55.31), for
 * the pretty JSON view; the Text, hex and base64 views keep the bytes as sent. Anything else is returned unchanged.
 */
function meantValues(parsed: unknown): unknown {
  if (typeof parsed !== 'object' || parsed === null) return parsed;
  const msg = parsed as { type?: unknown; data?: unknown };
  if (msg.type !== 'telemetry' || typeof msg.data !== 'object' || msg.data === null) return parsed;
  const data: Record<string, unknown> = { ...(msg.data as Record<string, unknown>) };
  for (const [k, v] of Object.entries(data))
    if (typeof v === 'number' && firmwareField(k)?.type === 'float32') data[k] = Number(sampleText(k, v));
  return { ...msg, data };
}

/** Everything the detail pane shows for one item. JSON is pretty-printed only below 1 MiB of text. */
export function buildDetail(item: CapturedItem): FrameDetail {
  const { row, payload } = item;
  let text: string | undefined;
  if (row.kind === 'http') text = latin1(payload);
  else if (row.kind === 'frame' && row.opcode !== 2) text = utf8OrUndefined(payload);
  let json: string | undefined;
  if (text !== undefined && row.kind === 'frame' && !row.truncated) {
    try {
      json = JSON.stringify(meantValues(JSON.parse(text) as unknown), null, 2);
    } catch {
      json = undefined;
    }
  }
  return {
    row,
    keptBytes: payload.length,
    text,
    json,
    hexDump: hexDump(payload),
    base64: toBase64(payload),
    framesInChunk: item.framesInChunk,
  };
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}
