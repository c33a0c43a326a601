// What the composer needs from a board link. ws-link implements it; the capture sees the bytes through the tap.
import { fromHex } from '../../../shared/frames/bytes';
import { encodeFrame } from '../../../shared/ws-frames';
import { BenchError } from '../../../shared/result';

/** Sending on the current WebSocket link. Each call resolves once the bytes are handed to the socket. */
export interface RawSender {
  /** One text message, framed and masked by the link as usual. */
  sendText(text: string): Promise<void>;
  /** Bytes written to the TCP socket as they are (a hand-built frame; the link adds nothing). */
  sendRaw(bytes: Uint8Array): Promise<void>;
  /** A ping with an optional payload (≤ 125 bytes). */
  ping(payload?: Uint8Array): Promise<void>;
  /** Starts the close handshake with this status and reason. */
  close(code: number, reason: string): Promise<void>;
}

/** A raw frame as the composer describes it. */
export interface RawFrameRequest {
  readonly fin: boolean;
  readonly rsv1: boolean;
  readonly rsv2: boolean;
  readonly rsv3: boolean;
  readonly opcode: number;
  readonly mask: boolean;
  readonly maskKey?: string | undefined;
  readonly payloadHex?: string | undefined;
  readonly payloadText?: string | undefined;
  readonly lengthOverride?: number | undefined;
}

/** Encodes a raw frame; a random masking key when none is given. Throws BenchError on a bad payload. */
export function buildRawFrame(
  r: RawFrameRequest,
  random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n)),
): Uint8Array {
  let payload: Uint8Array;
  if (r.payloadHex !== undefined) {
    const bytes = fromHex(r.payloadHex);
    if (!bytes)
      throw new BenchError(
        'BAD_REQUEST',
        'The payload is not hex: use pairs of hex digits, spaces allowed (e.g. "7b 22 74").',
      );
    payload = bytes;
  } else payload = new TextEncoder().encode(r.payloadText ?? '');
  const mask = r.mask ? (r.maskKey ? fromHex(r.maskKey)! : random(4)) : undefined;
  const len = r.lengthOverride;
  return encodeFrame({
    opcode: r.opcode,
    payload,
    fin: r.fin,
    rsv1: r.rsv1,
    rsv2: r.rsv2,
    rsv3: r.rsv3,
    mask,
    lengthOverride: len,
    // An override longer than the 7-bit form must pick the form that can hold it.
    lengthForm: len === undefined ? undefined : len < 126 && payload.length < 126 ? 7 : len < 65536 ? 16 : 64,
  });
}
