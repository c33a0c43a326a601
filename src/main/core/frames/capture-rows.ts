// The frame log's rows: what a captured item shows, built from a decoded frame or an event, and the firmware
// quirks the capture marks on them.
import type { WireFrame } from '../../../shared/ws-frames';
import type { CaptureKind, FrameDir, FrameRow } from '../../../shared/frames/types';
import { MAX_PREVIEW } from './preview';

export const NOTE_NO_PONG = 'no PONG within 2 s (the firmware never answers pings)';
export const NOTE_CLOSE_NOT_ECHOED = 'Close not echoed (firmware behaviour)';

/** A row with the fields every kind shares, the frame fields at their "not a frame" values. */
export function baseRow(
  link: number,
  dir: FrameDir | undefined,
  kind: CaptureKind,
  t: number,
  chunk: number,
  msgType: string,
  preview: string,
): FrameRow & { notes: string[] } {
  return {
    seq: 0,
    t,
    link,
    dir,
    kind,
    chunk,
    fin: false,
    rsv: 0,
    opcode: -1,
    opName: kind,
    masked: false,
    maskKey: undefined,
    length: 0,
    header: '',
    preview: preview.length > MAX_PREVIEW ? `${preview.slice(0, MAX_PREVIEW - 1)}…` : preview,
    msgType,
    truncated: false,
    notes: [],
  };
}

/** Rebuilds a frame's header bytes from the decoded fields (the length form is known from the header size). */
export function headerOf(f: WireFrame): Uint8Array {
  const lenBytes = f.headerBytes - 2 - (f.masked ? 4 : 0);
  const h = new Uint8Array(f.headerBytes);
  h[0] =
    (f.fin ? 0x80 : 0) | (f.rsv1 ? 0x40 : 0) | (f.rsv2 ? 0x20 : 0) | (f.rsv3 ? 0x10 : 0) | (f.opcode & 0x0f);
  const len = f.payloadLength;
  h[1] = (f.masked ? 0x80 : 0) | (lenBytes === 0 ? len : lenBytes === 2 ? 126 : 127);
  if (lenBytes === 2) {
    h[2] = (len >>> 8) & 0xff;
    h[3] = len & 0xff;
  } else if (lenBytes === 8) {
    const hi = Math.floor(len / 2 ** 32);
    const lo = len >>> 0;
    for (let i = 0; i < 4; i++) {
      h[2 + i] = (hi >>> (24 - 8 * i)) & 0xff;
      h[6 + i] = (lo >>> (24 - 8 * i)) & 0xff;
    }
  }
  if (f.maskKey) h.set(f.maskKey, 2 + lenBytes);
  return h;
}
