import { unmask } from './decoder';

/** What to put in one frame. Everything is explicit so tests can build malformed frames on purpose. */
export interface FrameSpec {
  readonly opcode: number;
  readonly payload?: Uint8Array | string;
  /** Default true. */
  readonly fin?: boolean;
  readonly rsv1?: boolean;
  readonly rsv2?: boolean;
  readonly rsv3?: boolean;
  /** Mask with this 4-byte key (callers choose the key, so output is deterministic); omitted: unmasked. */
  readonly mask?: Uint8Array;
  /** Write this length in the header instead of the payload's (raw probing). */
  readonly lengthOverride?: number;
  /** Force the length form: 7, 16 or 64 bits (default: the shortest that fits). */
  readonly lengthForm?: 7 | 16 | 64;
}

export const OPCODES = {
  continuation: 0x0,
  text: 0x1,
  binary: 0x2,
  close: 0x8,
  ping: 0x9,
  pong: 0xa,
} as const;

const utf8 = new TextEncoder();

/** Encodes one frame. */
export function encodeFrame(spec: FrameSpec): Uint8Array {
  const payload =
    typeof spec.payload === 'string' ? utf8.encode(spec.payload) : (spec.payload ?? new Uint8Array(0));
  const len = spec.lengthOverride ?? payload.length;
  const form = spec.lengthForm ?? (len < 126 ? 7 : len < 65536 ? 16 : 64);
  const mask = spec.mask;
  if (mask && mask.length !== 4) throw new RangeError('a masking key has 4 bytes');
  const header = 2 + (form === 16 ? 2 : form === 64 ? 8 : 0) + (mask ? 4 : 0);
  const out = new Uint8Array(header + payload.length);
  out[0] =
    (spec.fin === false ? 0 : 0x80) |
    (spec.rsv1 ? 0x40 : 0) |
    (spec.rsv2 ? 0x20 : 0) |
    (spec.rsv3 ? 0x10 : 0) |
    (spec.opcode & 0x0f);
  let p = 2;
  if (form === 7) out[1] = len & 0x7f;
  else if (form === 16) {
    out[1] = 126;
    out[2] = (len >>> 8) & 0xff;
    out[3] = len & 0xff;
    p = 4;
  } else {
    out[1] = 127;
    const hi = Math.floor(len / 2 ** 32);
    const lo = len >>> 0;
    out.set(
      [
        (hi >>> 24) & 0xff,
        (hi >>> 16) & 0xff,
        (hi >>> 8) & 0xff,
        hi & 0xff,
        (lo >>> 24) & 0xff,
        (lo >>> 16) & 0xff,
        (lo >>> 8) & 0xff,
        lo & 0xff,
      ],
      2,
    );
    p = 10;
  }
  if (mask) {
    out[1] = out[1]! | 0x80;
    out.set(mask, p);
    p += 4;
  }
  const body = out.subarray(p);
  body.set(payload);
  if (mask) unmask(body, mask);
  return out;
}

/** A Close frame payload: 2-byte status then a UTF-8 reason. */
export function closePayload(code: number, reason = ''): Uint8Array {
  const r = utf8.encode(reason);
  const out = new Uint8Array(2 + r.length);
  out[0] = (code >>> 8) & 0xff;
  out[1] = code & 0xff;
  out.set(r, 2);
  return out;
}
