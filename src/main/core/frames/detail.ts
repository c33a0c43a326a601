import { hexDump, toBase64, utf8OrUndefined } from '../../../shared/frames/bytes';
import type { FrameDetail } from '../../../shared/frames/types';
import type { CapturedItem } from './capture';

/** Everything the detail pane shows for one item. JSON is pretty-printed only below 1 MiB of text. */
export function buildDetail(item: CapturedItem): FrameDetail {
  const { row, payload } = item;
  let text: string | undefined;
  if (row.kind === 'http') text = latin1(payload);
  else if (row.kind === 'frame' && row.opcode !== 2) text = utf8OrUndefined(payload);
  let json: string | undefined;
  if (text !== undefined && row.kind === 'frame' && !row.truncated) {
    try {
      json = JSON.stringify(JSON.parse(text) as unknown, null, 2);
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
