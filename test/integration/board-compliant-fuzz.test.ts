import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WsClient from 'ws';
import { startBoard, type RunningBoard } from '../../src/main/board';
import { closePayload, encodeFrame, type FrameSpec } from '../../src/shared/ws-frames';
import { RawWs } from '../support/raw-ws';
import { until } from '../support/wait';

const M = Uint8Array.of(0x11, 0x22, 0x33, 0x44);
const f = (spec: FrameSpec) => Buffer.from(encodeFrame({ mask: M, ...spec }));
const bad = (...bytes: number[]) => Uint8Array.from(bytes);
const cat = (...parts: Buffer[]) => Buffer.concat(parts);

/** Malformed inputs after a good handshake, with the close code RFC 6455 requires. */
const cases: [string, Buffer, number][] = [
  ['reserved data opcode 3', f({ opcode: 3, payload: 'x' }), 1002],
  ['reserved control opcode 0xB', f({ opcode: 0xb }), 1002],
  ['RSV1 without extension', f({ opcode: 1, rsv1: true, payload: 'x' }), 1002],
  ['RSV2', f({ opcode: 1, rsv2: true, payload: 'x' }), 1002],
  ['RSV3', f({ opcode: 1, rsv3: true, payload: 'x' }), 1002],
  ['binary with RSV1', f({ opcode: 2, rsv1: true, payload: 'x' }), 1002],
  ['unmasked client frame', Buffer.from(encodeFrame({ opcode: 1, payload: 'hi' })), 1002],
  ['ping with a 16-bit length', f({ opcode: 9, payload: new Uint8Array(126) }), 1002],
  ['pong with a 16-bit length', f({ opcode: 10, payload: new Uint8Array(200) }), 1002],
  ['fragmented ping', f({ opcode: 9, fin: false }), 1002],
  ['fragmented close', f({ opcode: 8, fin: false, payload: closePayload(1000) }), 1002],
  ['close with a 1-byte payload', f({ opcode: 8, payload: bad(3) }), 1002],
  ['close code 999', f({ opcode: 8, payload: closePayload(999) }), 1002],
  ['close code 1004', f({ opcode: 8, payload: closePayload(1004) }), 1002],
  ['close code 1005', f({ opcode: 8, payload: closePayload(1005) }), 1002],
  ['close code 1006', f({ opcode: 8, payload: closePayload(1006) }), 1002],
  ['close code 5000', f({ opcode: 8, payload: closePayload(5000) }), 1002],
  ['continuation without a start', f({ opcode: 0, payload: 'x' }), 1002],
  [
    'new text inside a fragmented message',
    cat(f({ opcode: 1, fin: false, payload: 'a' }), f({ opcode: 1, payload: 'b' })),
    1002,
  ],
  ['close reason not UTF-8', f({ opcode: 8, payload: Uint8Array.from([0x03, 0xe8, 0xff, 0xfe]) }), 1007],
  ['text not UTF-8', f({ opcode: 1, payload: bad(0xff, 0xfe, 0xfd) }), 1007],
  ['overlong UTF-8', f({ opcode: 1, payload: bad(0xc0, 0x80) }), 1007],
  ['UTF-16 surrogate in UTF-8', f({ opcode: 1, payload: bad(0xed, 0xa0, 0x80) }), 1007],
  ['truncated UTF-8 at the end', f({ opcode: 1, payload: bad(0x41, 0xe2, 0x82) }), 1007],
  [
    'invalid UTF-8 across fragments',
    cat(f({ opcode: 1, fin: false, payload: bad(0x41) }), f({ opcode: 0, payload: bad(0xff) })),
    1007,
  ],
  ['payload over 64 KiB (64-bit length)', f({ opcode: 2, payload: new Uint8Array(70_000) }), 1009],
  [
    'length above 2^53',
    cat(Buffer.from([0x82, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), Buffer.from(M)),
    1009,
  ],
  [
    'fragments adding up past 64 KiB',
    cat(
      f({ opcode: 2, fin: false, payload: new Uint8Array(40_000) }),
      f({ opcode: 0, payload: new Uint8Array(40_000) }),
    ),
    1009,
  ],
];

describe('compliant profile: malformed input gets RFC close codes and the server keeps serving', () => {
  let board: RunningBoard;
  const logs: string[] = [];
  beforeAll(async () => {
    board = await startBoard({ wsPort: 0, bootDelayMs: 0, profile: 'compliant', telemetryMs: 60_000 });
    board.control.on('log', (l) => logs.push(l.text));
  });
  afterAll(async () => {
    await board?.close();
  });

  it(`has at least 25 cases (${cases.length})`, () => expect(cases.length).toBeGreaterThanOrEqual(25));

  it.each(cases)('%s → %i', async (_name, bytes, code) => {
    const before = logs.length;
    const r = new RawWs(board.endpoints.wsPort);
    try {
      await r.open();
      r.write(bytes);
      await until(() => r.frames.some((fr) => fr.opcode === 8), 'close frame');
      const close = r.frames.find((fr) => fr.opcode === 8)!;
      expect((close.payload[0]! << 8) | close.payload[1]!).toBe(code);
      await until(() => logs.slice(before).some((l) => l.includes('rejected')), 'rejection logged');
    } finally {
      r.destroy();
    }
  });

  it('answers pings, echoes Close, serves several clients, and refuses non-WebSocket HTTP', async () => {
    const r = new RawWs(board.endpoints.wsPort);
    await r.open();
    r.write(f({ opcode: 9, payload: 'p' }));
    await until(() => r.frames.some((fr) => fr.opcode === 10), 'pong');
    const a = new WsClient(board.endpoints.ws, { handshakeTimeout: 2000 });
    const b = new WsClient(board.endpoints.ws, { handshakeTimeout: 2000 });
    await Promise.all([a, b].map((c) => new Promise((res) => c.once('message', res))));
    expect(board.control.state().clients.length).toBe(3);
    r.write(f({ opcode: 8, payload: closePayload(1000) }));
    await until(() => r.frames.some((fr) => fr.opcode === 8), 'close echo');
    const g = new RawWs(board.endpoints.wsPort);
    await g.connected_();
    g.write('hello\r\n\r\n');
    await until(() => g.bytes.includes('400'), '400');
    g.destroy();
    a.terminate();
    b.terminate();
    r.destroy();
  });
});
