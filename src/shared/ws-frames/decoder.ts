// RFC 6455 frame decoder: an explicit state machine over bytes (after ws's receiver.js). It reports frames as they
// were on the wire (nothing is merged or validated beyond the options), so the same code serves the virtual board,
// the compliant checks and the frame log of a captured link.

/** One frame exactly as it was on the wire. */
export interface WireFrame {
  readonly fin: boolean;
  readonly rsv1: boolean;
  readonly rsv2: boolean;
  readonly rsv3: boolean;
  readonly opcode: number;
  readonly masked: boolean;
  /** The 4-byte masking key, when masked. */
  readonly maskKey: Uint8Array | undefined;
  /** Length declared in the header. */
  readonly payloadLength: number;
  /** Header size in bytes (2–14). */
  readonly headerBytes: number;
  /** Payload after unmasking. */
  readonly payload: Uint8Array;
  /** Stream offset of the frame's first byte (counted from the decoder's creation or last reset). */
  readonly offset: number;
  /** Stream offset just past the frame. */
  readonly end: number;
}

/** Error codes, each with the close status it causes (as ws does). */
export const FRAME_ERRORS = {
  WS_ERR_INVALID_OPCODE: 1002,
  WS_ERR_UNEXPECTED_RSV: 1002,
  WS_ERR_EXPECTED_MASK: 1002,
  WS_ERR_UNEXPECTED_MASK: 1002,
  WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH: 1002,
  WS_ERR_EXPECTED_FIN: 1002,
  WS_ERR_NON_MINIMAL_LENGTH: 1002,
  WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH: 1009,
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: 1009,
} as const;

export type FrameErrorCode = keyof typeof FRAME_ERRORS;

/** A protocol error found at `offset`; the decoder stops until reset. */
export interface FrameError {
  readonly code: FrameErrorCode;
  readonly closeCode: number;
  readonly message: string;
  readonly offset: number;
}

export type DecodeEvent =
  | { readonly kind: 'frame'; readonly frame: WireFrame }
  | { readonly kind: 'error'; readonly error: FrameError };

export interface DecoderOptions {
  /** Largest payload accepted (bytes); longer frames are an error. Bounds the buffer. Default 1 MiB. */
  readonly maxPayload?: number;
  /** 'client' frames must be masked, 'server' frames must not; 'any' accepts both (frame log, firmware). */
  readonly expectMask?: 'client' | 'server' | 'any';
  /** Apply RFC checks on opcodes, RSV bits and control frames. Default true. */
  readonly strict?: boolean;
}

/** Decoder states, named as in ws's receiver. */
export type DecoderState =
  'GET_INFO' | 'GET_PAYLOAD_LENGTH_16' | 'GET_PAYLOAD_LENGTH_64' | 'GET_MASK' | 'GET_DATA' | 'FAILED';

const KNOWN_OPCODES = new Set([0x0, 0x1, 0x2, 0x8, 0x9, 0xa]);

/** Incremental decoder: push bytes, get frames or errors. Holds at most one header and one payload. */
export class FrameDecoder {
  private state: DecoderState = 'GET_INFO';
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  private consumed = 0;
  private frameStart = 0;
  private info = { fin: false, rsv1: false, rsv2: false, rsv3: false, opcode: 0, masked: false };
  private payloadLength = 0;
  private headerBytes = 0;
  private maskKey: Uint8Array | undefined;
  private readonly maxPayload: number;
  private readonly expectMask: 'client' | 'server' | 'any';
  private readonly strict: boolean;

  constructor(options: DecoderOptions = {}) {
    this.maxPayload = options.maxPayload ?? 1024 * 1024;
    this.expectMask = options.expectMask ?? 'any';
    this.strict = options.strict ?? true;
    if (!Number.isInteger(this.maxPayload) || this.maxPayload < 0)
      throw new RangeError('maxPayload must be a non-negative integer');
  }

  /** The current state (for tests and diagnostics). */
  get currentState(): DecoderState {
    return this.state;
  }

  /** Bytes held but not yet part of a complete frame. */
  get bufferedBytes(): number {
    return this.buffered;
  }

  /** Forgets everything and starts at stream offset `offset`. */
  reset(offset = 0): void {
    this.state = 'GET_INFO';
    this.chunks = [];
    this.buffered = 0;
    this.consumed = offset;
  }

  /** Feeds bytes; returns the frames completed and at most one error (after which the decoder is FAILED). */
  push(bytes: Uint8Array): DecodeEvent[] {
    const out: DecodeEvent[] = [];
    if (this.state === 'FAILED' || bytes.length === 0) return out;
    this.chunks.push(bytes);
    this.buffered += bytes.length;
    for (;;) {
      const before: DecoderState = this.state;
      const ev = this.step();
      if (ev) out.push(ev);
      if ((this.state as DecoderState) === 'FAILED') break;
      if (!ev && before === this.state) break;
    }
    return out;
  }

  private step(): DecodeEvent | undefined {
    switch (this.state) {
      case 'GET_INFO':
        return this.getInfo();
      case 'GET_PAYLOAD_LENGTH_16':
        return this.getLength16();
      case 'GET_PAYLOAD_LENGTH_64':
        return this.getLength64();
      case 'GET_MASK':
        return this.getMask();
      case 'GET_DATA':
        return this.getData();
      default:
        return undefined;
    }
  }

  private getInfo(): DecodeEvent | undefined {
    if (this.buffered < 2) return undefined;
    this.frameStart = this.consumed;
    const b = this.take(2);
    const b0 = b[0]!;
    const b1 = b[1]!;
    this.info = {
      fin: (b0 & 0x80) !== 0,
      rsv1: (b0 & 0x40) !== 0,
      rsv2: (b0 & 0x20) !== 0,
      rsv3: (b0 & 0x10) !== 0,
      opcode: b0 & 0x0f,
      masked: (b1 & 0x80) !== 0,
    };
    this.headerBytes = 2;
    this.maskKey = undefined;
    const len7 = b1 & 0x7f;
    const { opcode, masked } = this.info;
    if (this.strict) {
      if (!KNOWN_OPCODES.has(opcode)) return this.fail('WS_ERR_INVALID_OPCODE', `invalid opcode ${opcode}`);
      if (this.info.rsv1 || this.info.rsv2 || this.info.rsv3)
        return this.fail('WS_ERR_UNEXPECTED_RSV', 'RSV bits set without a negotiated extension');
      if (opcode >= 0x8) {
        if (!this.info.fin) return this.fail('WS_ERR_EXPECTED_FIN', 'fragmented control frame');
        if (len7 > 125)
          return this.fail(
            'WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH',
            `control frame payload of ${len7 === 126 ? '16-bit' : '64-bit'} length`,
          );
      }
    }
    if (this.expectMask === 'client' && !masked)
      return this.fail('WS_ERR_EXPECTED_MASK', 'client frame not masked');
    if (this.expectMask === 'server' && masked)
      return this.fail('WS_ERR_UNEXPECTED_MASK', 'server frame masked');
    if (len7 === 126) this.state = 'GET_PAYLOAD_LENGTH_16';
    else if (len7 === 127) this.state = 'GET_PAYLOAD_LENGTH_64';
    else return this.haveLength(len7);
    return undefined;
  }

  private getLength16(): DecodeEvent | undefined {
    if (this.buffered < 2) return undefined;
    const b = this.take(2);
    this.headerBytes += 2;
    const len = (b[0]! << 8) | b[1]!;
    if (this.strict && len < 126)
      return this.fail('WS_ERR_NON_MINIMAL_LENGTH', `16-bit length ${len} should have used the 7-bit form`);
    return this.haveLength(len);
  }

  private getLength64(): DecodeEvent | undefined {
    if (this.buffered < 8) return undefined;
    const b = this.take(8);
    this.headerBytes += 8;
    const hi = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
    const lo = ((b[4]! << 24) | (b[5]! << 16) | (b[6]! << 8) | b[7]!) >>> 0;
    if (hi > 0x1fffff)
      return this.fail('WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH', 'payload length above 2^53 - 1');
    const len = hi * 2 ** 32 + lo;
    if (this.strict && len < 65536)
      return this.fail('WS_ERR_NON_MINIMAL_LENGTH', `64-bit length ${len} should have used a shorter form`);
    return this.haveLength(len);
  }

  private haveLength(len: number): DecodeEvent | undefined {
    this.payloadLength = len;
    if (len > this.maxPayload)
      return this.fail(
        'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH',
        `payload of ${len} bytes exceeds the limit of ${this.maxPayload}`,
      );
    this.state = this.info.masked ? 'GET_MASK' : 'GET_DATA';
    return undefined;
  }

  private getMask(): DecodeEvent | undefined {
    if (this.buffered < 4) return undefined;
    this.maskKey = this.take(4);
    this.headerBytes += 4;
    this.state = 'GET_DATA';
    return undefined;
  }

  private getData(): DecodeEvent | undefined {
    if (this.buffered < this.payloadLength) return undefined;
    const payload = this.take(this.payloadLength);
    if (this.maskKey) unmask(payload, this.maskKey);
    this.state = 'GET_INFO';
    const frame: WireFrame = {
      ...this.info,
      maskKey: this.maskKey,
      payloadLength: this.payloadLength,
      headerBytes: this.headerBytes,
      payload,
      offset: this.frameStart,
      end: this.consumed,
    };
    return { kind: 'frame', frame };
  }

  private fail(code: FrameErrorCode, message: string): DecodeEvent {
    this.state = 'FAILED';
    this.chunks = [];
    this.buffered = 0;
    return {
      kind: 'error',
      error: { code, closeCode: FRAME_ERRORS[code], message, offset: this.frameStart },
    };
  }

  /** Removes n buffered bytes (a fresh copy, so callers may mutate it). */
  private take(n: number): Uint8Array {
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      const head = this.chunks[0]!;
      const want = n - filled;
      if (head.length <= want) {
        out.set(head, filled);
        filled += head.length;
        this.chunks.shift();
      } else {
        out.set(head.subarray(0, want), filled);
        this.chunks[0] = head.subarray(want);
        filled += want;
      }
    }
    this.buffered -= n;
    this.consumed += n;
    return out;
  }
}

/** XORs data with the 4-byte key in place (masking and unmasking are the same operation). */
export function unmask(data: Uint8Array, key: Uint8Array): void {
  for (let i = 0; i < data.length; i++) data[i] = data[i]! ^ key[i & 3]!;
}
