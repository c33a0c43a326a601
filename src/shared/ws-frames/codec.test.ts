import { describe, expect, it } from 'vitest';
import { FrameDecoder, encodeFrame, type DecodeEvent, type WireFrame } from './index';

const hex = (s: string) =>
  Uint8Array.from(
    s
      .split(/\s+/)
      .filter(Boolean)
      .map((h) => parseInt(h, 16)),
  );
const text = (f: WireFrame) => new TextDecoder().decode(f.payload);
const frames = (evs: DecodeEvent[]) => evs.flatMap((e) => (e.kind === 'frame' ? [e.frame] : []));

describe('RFC 6455 §5.7 examples', () => {
  it('single-frame unmasked text', () => {
    const [f] = frames(new FrameDecoder().push(hex('81 05 48 65 6c 6c 6f')));
    expect(f).toMatchObject({
      fin: true,
      opcode: 1,
      masked: false,
      payloadLength: 5,
      headerBytes: 2,
      offset: 0,
      end: 7,
    });
    expect(text(f!)).toBe('Hello');
  });

  it('single-frame masked text', () => {
    const bytes = hex('81 85 37 fa 21 3d 7f 9f 4d 51 58');
    const [f] = frames(new FrameDecoder({ expectMask: 'client' }).push(bytes));
    expect(f).toMatchObject({ masked: true, headerBytes: 6, payloadLength: 5 });
    expect(Array.from(f!.maskKey!)).toEqual([0x37, 0xfa, 0x21, 0x3d]);
    expect(text(f!)).toBe('Hello');
    expect(encodeFrame({ opcode: 1, payload: 'Hello', mask: hex('37 fa 21 3d') })).toEqual(bytes);
  });

  it('fragmented unmasked text, fed byte by byte', () => {
    const d = new FrameDecoder();
    const all = hex('01 03 48 65 6c 80 02 6c 6f');
    const out: WireFrame[] = [];
    for (const b of all) out.push(...frames(d.push(Uint8Array.of(b))));
    expect(out.map((f) => [f.fin, f.opcode, text(f), f.offset, f.end])).toEqual([
      [false, 1, 'Hel', 0, 5],
      [true, 0, 'lo', 5, 9],
    ]);
  });

  it('unmasked ping and masked pong', () => {
    const evs = new FrameDecoder().push(hex('89 05 48 65 6c 6c 6f 8a 85 37 fa 21 3d 7f 9f 4d 51 58'));
    expect(frames(evs).map((f) => [f.opcode, f.masked, text(f)])).toEqual([
      [9, false, 'Hello'],
      [10, true, 'Hello'],
    ]);
  });

  it('256-byte and 64 KiB binary frames', () => {
    const p256 = new Uint8Array(256).fill(7);
    const b256 = encodeFrame({ opcode: 2, payload: p256 });
    expect(Array.from(b256.subarray(0, 4))).toEqual([0x82, 0x7e, 0x01, 0x00]);
    const p64k = new Uint8Array(65536).fill(9);
    const b64k = encodeFrame({ opcode: 2, payload: p64k });
    expect(Array.from(b64k.subarray(0, 10))).toEqual([0x82, 0x7f, 0, 0, 0, 0, 0, 1, 0, 0]);
    const d = new FrameDecoder();
    const fs = frames([...d.push(b256), ...d.push(b64k)]);
    expect(fs.map((f) => [f.payloadLength, f.headerBytes])).toEqual([
      [256, 4],
      [65536, 10],
    ]);
    expect(d.bufferedBytes).toBe(0);
  });
});

describe('errors and states', () => {
  it('walks the named states', () => {
    const d = new FrameDecoder();
    d.push(hex('82 fe'));
    expect(d.currentState).toBe('GET_PAYLOAD_LENGTH_16');
    d.push(hex('01 00'));
    expect(d.currentState).toBe('GET_MASK');
    d.push(hex('00 00 00 00'));
    expect(d.currentState).toBe('GET_DATA');
  });

  it.each([
    ['reserved opcode', '83 00', 'WS_ERR_INVALID_OPCODE', 1002],
    ['RSV1', 'c1 00', 'WS_ERR_UNEXPECTED_RSV', 1002],
    ['fragmented ping', '09 00', 'WS_ERR_EXPECTED_FIN', 1002],
    ['long ping', '89 7e 00 7e', 'WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH', 1002],
    ['huge 64-bit', '82 7f ff ff ff ff ff ff ff ff', 'WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH', 1009],
    ['over maxPayload', '82 7e 10 00', 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH', 1009],
    ['non-minimal 16-bit', '81 7e 00 05', 'WS_ERR_NON_MINIMAL_LENGTH', 1002],
  ])('%s', (_name, bytes, code, closeCode) => {
    const d = new FrameDecoder({ maxPayload: 1024 });
    const evs = d.push(hex(bytes));
    expect(evs).toEqual([{ kind: 'error', error: expect.objectContaining({ code, closeCode, offset: 0 }) }]);
    expect(d.currentState).toBe('FAILED');
    expect(d.push(hex('81 00'))).toEqual([]);
  });

  it('enforces the mask direction', () => {
    expect(new FrameDecoder({ expectMask: 'client' }).push(hex('81 00'))[0]).toMatchObject({
      error: { code: 'WS_ERR_EXPECTED_MASK' },
    });
    expect(new FrameDecoder({ expectMask: 'server' }).push(hex('81 80 00 00 00 00'))[0]).toMatchObject({
      error: { code: 'WS_ERR_UNEXPECTED_MASK' },
    });
  });

  it('lenient mode reports reserved opcodes and RSV bits as they are', () => {
    const [f] = frames(new FrameDecoder({ strict: false }).push(hex('f3 01 41')));
    expect(f).toMatchObject({ rsv1: true, rsv2: true, rsv3: true, opcode: 3, payloadLength: 1 });
  });

  it('encoder length override and forced forms', () => {
    expect(Array.from(encodeFrame({ opcode: 1, payload: 'hi', lengthOverride: 100 }))).toEqual([
      0x81, 100, 0x68, 0x69,
    ]);
    expect(Array.from(encodeFrame({ opcode: 1, payload: 'a', lengthForm: 16 }))).toEqual([
      0x81, 126, 0, 1, 0x61,
    ]);
    expect(Array.from(encodeFrame({ opcode: 1, fin: false, rsv2: true, payload: '' }))).toEqual([0x21, 0]);
  });
});
