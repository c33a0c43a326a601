import { describe, expect, it } from 'vitest';
import { closePayload, encodeFrame } from '../../../shared/ws-frames';
import { concatBytes } from '../../../shared/frames/bytes';
import { compileFilter } from '../../../shared/frames/filter';
import { FrameCapture, NOTE_CLOSE_NOT_ECHOED, NOTE_NO_PONG } from './capture';
import { buildDetail } from './detail';

const enc = new TextEncoder();
const KEY = Uint8Array.of(0x37, 0xfa, 0x21, 0x3d);
const UPGRADE =
  'GET /ws HTTP/1.1\r\nHost: 192.168.0.50:8080\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n';
const ANSWER =
  'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n';
const ledCmd = '{"type":"led-command","led":"yellow","state":true}';
const ledStatus = '{"type":"led-status","data":{"yellowLed":false,"redLed":false}}';
const telemetry =
  '{"type":"telemetry","data":{"junctionTemp":42,"randomFloat":73.209999084472656,"randomInt":456,"uptime":12345}}';

/** A capture with one upgraded connection, and a clock the test drives. */
function open() {
  let now = 1_700_000_000_000;
  const cap = new FrameCapture({ now: () => now });
  cap.connectionOpened('c1', { host: '192.168.0.50', port: 8080, boardId: 'real' });
  cap.chunk('c1', 'tx', enc.encode(UPGRADE));
  cap.chunk('c1', 'rx', enc.encode(ANSWER));
  const rows = () => [...cap.allItems()].map((i) => i.row);
  const frames = () => rows().filter((r) => r.kind === 'frame');
  return { cap, rows, frames, advance: (ms: number) => (now += ms), at: () => now };
}

describe('FrameCapture', () => {
  it('parses the HTTP upgrade and the 101 answer as text records', () => {
    const { rows } = open();
    const http = rows().filter((r) => r.kind === 'http');
    expect(http.map((r) => [r.dir, r.preview])).toEqual([
      ['tx', 'GET /ws HTTP/1.1 · key dGhlIHNhbXBsZSBub25jZQ=='],
      ['rx', 'HTTP/1.1 101 Switching Protocols · accept s3pPLMBiTxaQ9kYGzzhZRbK+xOo='],
    ]);
    expect(rows()[0]).toMatchObject({ kind: 'event', preview: 'opening 192.168.0.50:8080', link: 1 });
  });

  it('decodes a masked client frame and shows its key, header and meaning', () => {
    const { cap, frames } = open();
    cap.chunk('c1', 'tx', encodeFrame({ opcode: 1, payload: ledCmd, mask: KEY }));
    cap.chunk('c1', 'rx', encodeFrame({ opcode: 1, payload: ledStatus }));
    cap.chunk('c1', 'rx', encodeFrame({ opcode: 1, payload: telemetry }));
    const [tx, st, tm] = frames();
    expect(tx).toMatchObject({
      dir: 'tx',
      fin: true,
      rsv: 0,
      opcode: 1,
      opName: 'text',
      masked: true,
      maskKey: '37fa213d',
      length: ledCmd.length,
    });
    expect(tx!.header).toBe(`81 ${(0x80 | ledCmd.length).toString(16)} 37 fa 21 3d`);
    expect(tx!.preview).toBe('led-command yellow=true');
    expect(tx!.msgType).toBe('led-command');
    expect(st).toMatchObject({
      dir: 'rx',
      masked: false,
      maskKey: undefined,
      preview: 'led-status yellow=false red=false',
      msgType: 'led-status',
    });
    expect(tm!.preview).toBe('telemetry 42 °C randomFloat=73.21 randomInt=456 uptime=12345');
    const detail = buildDetail(cap.get(tx!.seq)!);
    expect(detail.text).toBe(ledCmd);
    expect(detail.json).toContain('\n  "led": "yellow"');
    expect(detail.hexDump.split('\n')[0]).toBe(
      '00000000  7b 22 74 79 70 65 22 3a  22 6c 65 64 2d 63 6f 6d  |{"type":"led-com|',
    );
    expect(detail.base64).toBe(Buffer.from(ledCmd).toString('base64'));
  });

  it("shows the firmware's float32 fields as the board meant them in the JSON view, the bytes as sent in Text", () => {
    const { cap, frames } = open();
    const text =
      '{"type":"telemetry","data":{"junctionTemp":45,"randomFloat":55.310001373291016,"randomInt":131,"uptime":7,"other":55.310001373291016}}';
    cap.chunk('c1', 'rx', encodeFrame({ opcode: 1, payload: text }));
    const row = frames().at(-1)!;
    expect(row.preview).toBe(
      'telemetry 45 °C randomFloat=55.31 randomInt=131 uptime=7 other=55.310001373291016',
    );
    const detail = buildDetail(cap.get(row.seq)!);
    expect(detail.text).toBe(text);
    expect(detail.json).toContain('\n    "randomFloat": 55.31,\n');
    // A field the firmware does not define is not assumed to be a float32.
    expect(detail.json).toContain('\n    "other": 55.310001373291016\n');
  });

  it('marks three frames packed in one TCP write (the firmware handles only the first)', () => {
    const { cap, frames } = open();
    const one = (s: boolean) =>
      encodeFrame({ opcode: 1, payload: `{"type":"led-command","led":"red","state":${s}}`, mask: KEY });
    cap.chunk('c1', 'tx', concatBytes([one(true), one(false), one(true)]));
    const fs = frames();
    expect(fs).toHaveLength(3);
    expect(new Set(fs.map((f) => f.chunk)).size).toBe(1);
    expect(fs[0]!.notes).toEqual(['3 frames in one TCP read: the firmware handles only the first']);
    expect(fs[2]!.notes).toEqual(['frame 3 of 3 in one TCP read: the firmware ignores it']);
    expect(cap.get(fs[1]!.seq)!.framesInChunk).toBe(3);
  });

  it('joins a frame split across chunks, and marks it when the app sent it', () => {
    const { cap, frames } = open();
    const f = encodeFrame({ opcode: 1, payload: telemetry });
    cap.chunk('c1', 'rx', f.subarray(0, 1));
    cap.chunk('c1', 'rx', f.subarray(1, 40));
    expect(frames()).toHaveLength(0);
    cap.chunk('c1', 'rx', f.subarray(40));
    expect(frames()[0]).toMatchObject({ preview: expect.stringMatching(/^telemetry 42 °C/), notes: [] });
    const t = encodeFrame({ opcode: 1, payload: ledCmd, mask: KEY });
    cap.chunk('c1', 'tx', t.subarray(0, 10));
    cap.chunk('c1', 'tx', t.subarray(10));
    expect(frames()[1]!.notes).toEqual(['frame split across TCP writes: the firmware drops it']);
    expect([...cap.allChunks()].filter((c) => c.connId === 'c1')).toHaveLength(7);
  });

  it('marks a ping without PONG after 2 s, and not one that was answered', () => {
    const { cap, frames, advance } = open();
    cap.chunk('c1', 'tx', encodeFrame({ opcode: 9, payload: 'a', mask: KEY }));
    cap.chunk('c1', 'tx', encodeFrame({ opcode: 9, payload: 'b', mask: KEY }));
    cap.chunk('c1', 'rx', encodeFrame({ opcode: 10, payload: 'a' }));
    advance(1999);
    cap.sweep();
    expect(frames().flatMap((f) => f.notes)).toEqual([]);
    advance(2);
    cap.sweep();
    expect(frames().map((f) => [f.preview, f.notes])).toEqual([
      ['ping "a"', []],
      ['ping "b"', [NOTE_NO_PONG]],
      ['pong "a"', []],
    ]);
    expect(cap.drainBatch()!.notes).toEqual([{ seq: frames()[1]!.seq, note: NOTE_NO_PONG }]);
  });

  it('marks a Close that the board never echoes, at the RST that follows', () => {
    const { cap, rows, frames } = open();
    cap.chunk('c1', 'tx', encodeFrame({ opcode: 8, payload: closePayload(1000, 'bye'), mask: KEY }));
    cap.connectionEvent('c1', 'reset', 'ECONNRESET');
    expect(frames()[0]).toMatchObject({ preview: 'close 1000 "bye"', notes: [NOTE_CLOSE_NOT_ECHOED] });
    expect(rows().at(-1)).toMatchObject({ kind: 'event', preview: 'connection reset (RST): ECONNRESET' });
    expect(rows().at(-1)!.notes).toEqual(['the firmware resets the connection after an unanswered Close']);
  });

  it('keeps RSV bits, reserved opcodes and unmasked client frames as they were sent (raw probes)', () => {
    const { cap, frames } = open();
    cap.chunk('c1', 'tx', encodeFrame({ opcode: 3, rsv1: true, rsv3: true, fin: false, payload: 'x' }));
    expect(frames()[0]).toMatchObject({
      fin: false,
      rsv: 5,
      opcode: 3,
      opName: 'reserved 0x3',
      masked: false,
      header: '53 01',
    });
  });

  it('reports a decode error once and stops decoding that direction', () => {
    const { cap, rows } = open();
    const cap2 = new FrameCapture({ maxDecodePayload: 10 });
    cap2.connectionOpened('x', { host: 'h', port: 1, upgraded: true });
    cap2.chunk('x', 'rx', encodeFrame({ opcode: 1, payload: 'this is longer than ten' }));
    cap2.chunk('x', 'rx', encodeFrame({ opcode: 1, payload: 'hi' }));
    const r = [...cap2.allItems()].map((i) => i.row);
    expect(r.map((x) => x.kind)).toEqual(['event', 'decode-error']);
    expect(r[1]!.preview).toMatch(/^WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: .* decoding of rx stopped$/);
    expect(rows()).toHaveLength(3);
    void cap;
  });

  it('a non-101 answer stops decoding and says why', () => {
    const cap = new FrameCapture();
    cap.connectionOpened('c', { host: 'h', port: 8080 });
    cap.chunk('c', 'tx', enc.encode(UPGRADE));
    cap.chunk('c', 'rx', enc.encode('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n'));
    cap.chunk('c', 'rx', encodeFrame({ opcode: 1, payload: 'x' }));
    const r = [...cap.allItems()].map((i) => i.row);
    expect(r.map((x) => x.kind)).toEqual(['event', 'http', 'http']);
    expect(r[2]!.notes).toEqual(['answer 404 is not 101: the link did not upgrade']);
  });

  it('bounds items and payload bytes, counts drops, and truncates large payloads', () => {
    const cap = new FrameCapture({ maxItems: 10, maxFramePayload: 100, maxBytes: 450 });
    cap.connectionOpened('c', { host: 'h', port: 8080, upgraded: true });
    for (let i = 0; i < 20; i++)
      cap.chunk('c', 'rx', encodeFrame({ opcode: 2, payload: new Uint8Array(300).fill(i) }));
    const s = cap.stats();
    expect(s.held).toBe(4);
    expect(s.dropped).toBe(17);
    expect(s.bytes).toBe(400);
    const last = [...cap.allItems()].at(-1)!;
    expect(last.row).toMatchObject({ length: 300, truncated: true });
    expect(last.payload.length).toBe(100);
    expect(cap.get(last.row.seq)).toBe(last);
    expect(cap.get(1)).toBeUndefined();
  });

  it('batches rows and reports a clear', () => {
    const { cap } = open();
    expect(cap.drainBatch()!.rows).toHaveLength(3);
    expect(cap.drainBatch()).toBeUndefined();
    cap.clear();
    expect(cap.drainBatch()).toMatchObject({ cleared: true, rows: [], stats: { held: 0 } });
  });

  it('rows pass through the shared filter', () => {
    const { cap, rows } = open();
    cap.chunk('c1', 'tx', encodeFrame({ opcode: 1, payload: ledCmd, mask: KEY }));
    cap.chunk('c1', 'rx', encodeFrame({ opcode: 1, payload: telemetry }));
    const pick = (f: Parameters<typeof compileFilter>[0]) => {
      const c = compileFilter(f);
      if (!c.ok) throw new Error(c.error);
      return rows()
        .filter(c.test)
        .map((r) => r.msgType);
    };
    expect(pick({ dirs: ['tx'], kinds: ['frame'] })).toEqual(['led-command']);
    expect(pick({ search: '42 °c' })).toEqual(['telemetry']);
    expect(pick({ search: 'led-(command|status)', regex: true })).toEqual(['led-command']);
    expect(pick({ opcodes: [1], kinds: ['frame'] })).toEqual(['led-command', 'telemetry']);
  });
});
