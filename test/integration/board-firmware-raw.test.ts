import { afterEach, describe, expect, it } from 'vitest';
import { startBoard, type BoardOptions, type RunningBoard } from '../../src/main/board';
import { encodeFrame } from '../../src/shared/ws-frames';
import { RawWs, cmd, upgradeRequest } from '../support/raw-ws';
import { until } from '../support/wait';

let board: RunningBoard | undefined;
const raws: RawWs[] = [];
const logs: string[] = [];
const uart: string[] = [];

async function boot(opts: BoardOptions = {}): Promise<RunningBoard> {
  board = await startBoard({
    wsPort: 0,
    bootDelayMs: 0,
    handshakeTimeoutMs: 400,
    telemetryMs: 40,
    halfOpenLingerMs: 30_000,
    ...opts,
  });
  board.control.on('log', (l) => logs.push(l.text));
  board.control.on('uart-line', (l) => uart.push(l.text));
  return board;
}
function raw(): RawWs {
  const r = new RawWs(board!.endpoints.wsPort);
  raws.push(r);
  return r;
}
const statuses = (r: RawWs) => r.texts().filter((t) => t.includes('led-status'));

afterEach(async () => {
  for (const r of raws.splice(0)) r.destroy();
  await board?.close();
  board = undefined;
  logs.length = 0;
  uart.length = 0;
});

describe('firmware profile, raw sockets', () => {
  it('sends the exact led-status first, then telemetry in the firmware format', async () => {
    await boot();
    const a = raw();
    await a.open();
    expect(a.head).toMatch(
      /^HTTP\/1\.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: .{28}\r\n\r\n$/,
    );
    expect(a.head.length).toBe(129);
    expect(a.texts()[0]).toBe('{"type":"led-status","data":{"yellowLed":false,"redLed":false}}');
    await until(() => a.texts().length >= 3, 'telemetry');
    expect(a.texts()[1]).toMatch(
      /^\{"type":"telemetry","data":\{"junctionTemp":\d+,"randomFloat":[\d.e+-]+,"randomInt":\d+,"uptime":\d+\}\}$/,
    );
    expect(a.frames.every((f) => f.fin && !f.masked && f.headerBytes === 2)).toBe(true);
    // The telemetry-batch extension is off unless asked for: the firmware's single messages only.
    expect(a.texts().filter((t) => t.includes('telemetry-batch'))).toEqual([]);
    expect(board!.control.state().telemetryBatch).toBeUndefined();
  });

  it('accepts the RFC sample key and any path', async () => {
    await boot();
    const a = raw();
    await a.connected_();
    a.write(upgradeRequest('dGhlIHNhbXBsZSBub25jZQ==').replace('GET /ws', 'GET /anything?x=1'));
    await until(() => a.head !== '', '101');
    expect(a.head).toContain('Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n');
  });

  it.each([
    [
      'lower-case upgrade header',
      (k: string) => upgradeRequest(k).replace('Upgrade: websocket', 'upgrade: websocket'),
    ],
    [
      'WebSocket upgrade value',
      (k: string) => upgradeRequest(k).replace('Upgrade: websocket', 'Upgrade: WebSocket'),
    ],
    [
      'canonicalised key header',
      (k: string) => upgradeRequest(k).replace('Sec-WebSocket-Key', 'Sec-Websocket-Key'),
    ],
    ['missing key', () => 'GET / HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n'],
    ['key over 30 characters', () => upgradeRequest('A'.repeat(31))],
    ['not a GET', (k: string) => upgradeRequest(k).replace('GET ', 'POST ')],
  ])('bad handshake (%s) gets a TCP reset and no HTTP error', async (_name, req) => {
    await boot();
    const a = raw();
    await a.connected_();
    a.write(req('dGhlIHNhbXBsZSBub25jZQ=='));
    await until(() => a.ended !== 'open', 'reset');
    expect(a.ended).toBe('reset');
    expect(a.bytes.length).toBe(0);
    expect(uart).toContain('WS: Handshake failed: 0x43');
    expect(logs.some((l) => l.includes('rejected'))).toBe(true);
  });

  it('a key that is not 24 characters gets the padded accept value', async () => {
    await boot();
    const a = raw();
    await a.connected_();
    a.write(upgradeRequest('shortkey'));
    await until(() => a.head !== '', '101');
    const { createHash } = await import('node:crypto');
    const padded = createHash('sha1')
      .update(`${'shortkey'.padEnd(24, '=')}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
      .digest('base64');
    expect(a.head).toContain(`Sec-WebSocket-Accept: ${padded}`);
  });

  it('no handshake within the timeout: 0x1 and a reset', async () => {
    await boot();
    const a = raw();
    await a.connected_();
    await until(() => a.ended !== 'open', 'reset');
    expect(a.ended).toBe('reset');
    expect(uart).toContain('WS: Handshake failed: 0x1');
  });

  it('holds a second client without an answer, then admits it when the first leaves', async () => {
    await boot();
    const a = raw();
    await a.open();
    const b = raw();
    await b.connected_();
    b.write(upgradeRequest('dGhlIHNhbXBsZSBub25jZQ=='));
    await until(() => board!.control.state().pendingClients === 1, 'b held');
    const seen = a.texts().length;
    await until(() => a.texts().length >= seen + 3, 'a keeps receiving telemetry');
    expect(b.bytes.length).toBe(0);
    a.socket.resetAndDestroy();
    await until(() => b.texts().length > 0, 'b admitted');
    expect(b.head).toContain('101 Switching Protocols');
    expect(logs.some((l) => l.includes('held in the listen queue'))).toBe(true);
  });

  it('a fifth waiting connection evicts the oldest with a reset', async () => {
    await boot();
    const a = raw();
    await a.open();
    const waiting: RawWs[] = [];
    for (let i = 1; i <= 4; i++) {
      waiting.push(raw());
      await until(() => board!.control.state().pendingClients === i, `${i} held`);
    }
    const fifth = raw();
    await until(() => waiting[0]!.ended === 'reset', 'oldest evicted');
    expect(board!.control.state().pendingClients).toBe(4);
    expect(fifth.ended).toBe('open');
  });

  it('never answers a ping', async () => {
    await boot();
    const a = raw();
    await a.open();
    a.frame({ opcode: 9, payload: 'hi' });
    await until(() => logs.some((l) => l.includes('ping ignored')), 'ping logged');
    a.frame({ opcode: 1, payload: cmd('red', true) });
    await until(() => statuses(a).length === 2, 'reply');
    expect(a.frames.some((f) => f.opcode === 10)).toBe(false);
  });

  it('Close is not echoed; the firmware waits for a new handshake, then resets (0x35, 0x1)', async () => {
    await boot();
    const a = raw();
    await a.open();
    a.frame({ opcode: 8, payload: Uint8Array.of(0x03, 0xe8) });
    await until(() => a.ended !== 'open', 'reset', 3000);
    expect(a.ended).toBe('reset');
    expect(a.frames.some((f) => f.opcode === 8)).toBe(false);
    expect(uart).toEqual(expect.arrayContaining(['WS: Relisten failed: 0x35', 'WS: Handshake failed: 0x1']));
    expect(uart.indexOf('WS: Relisten failed: 0x35')).toBeLessThan(uart.indexOf('WS: Handshake failed: 0x1'));
  });

  it('Close then FIN: 0x38 and a reset', async () => {
    await boot({ handshakeTimeoutMs: 20_000 });
    const a = raw();
    await a.open();
    a.frame({ opcode: 8, payload: Uint8Array.of(0x03, 0xe8) });
    await until(() => uart.includes('WS: Relisten failed: 0x35'), 'relisten line');
    a.socket.end();
    await until(() => uart.includes('WS: Handshake failed: 0x38'), 'handshake failed 0x38');
    await until(() => a.ended === 'reset', 'reset');
  });

  it('a new upgrade on the same connection after Close starts a new session', async () => {
    await boot({ handshakeTimeoutMs: 20_000 });
    const a = raw();
    await a.open();
    a.frame({ opcode: 8 });
    await until(() => uart.includes('WS: Relisten failed: 0x35'), 'relisten line');
    const before = statuses(a).length;
    a.write(upgradeRequest('dGhlIHNhbXBsZSBub25jZQ=='));
    await until(() => a.bytes.includes('101 Switching Protocols', 140), 'second 101');
    expect(before).toBe(1);
  });

  it('a client FIN gets neither FIN nor RST; the slot frees', async () => {
    await boot();
    const a = raw();
    await a.open();
    a.socket.end();
    await until(() => board!.control.state().clients.length === 0, 'slot freed');
    const b = raw();
    await b.open();
    expect(a.ended).toBe('open');
  });

  it('handles only the first frame of a segment', async () => {
    await boot();
    const a = raw();
    await a.open();
    const m = Uint8Array.of(9, 8, 7, 6);
    const two = Buffer.concat([
      encodeFrame({ opcode: 1, payload: cmd('yellow', true), mask: m }),
      encodeFrame({ opcode: 1, payload: cmd('red', true), mask: m }),
    ]);
    a.write(two);
    await until(() => statuses(a).length === 2, 'first handled');
    await until(() => logs.some((l) => l.includes('after the first frame')), 'discard logged');
    a.frame({ opcode: 1, payload: cmd('yellow', false) });
    await until(() => statuses(a).length === 3, 'next handled');
    expect(uart.filter((l) => l.startsWith('WS: ') && l.includes('LED'))).toEqual([
      'WS: Yellow LED ON',
      'WS: Yellow LED OFF',
    ]);
  });

  it('drops 64-bit lengths and accepts unmasked frames', async () => {
    await boot();
    const a = raw();
    await a.open();
    a.frame({ opcode: 1, payload: cmd('red', true), lengthForm: 64 });
    await until(() => logs.some((l) => l.includes('64-bit length dropped')), '64-bit logged');
    a.write(encodeFrame({ opcode: 1, payload: cmd('yellow', true) }));
    await until(() => statuses(a).length === 2, 'unmasked handled');
    expect(statuses(a)[1]).toBe('{"type":"led-status","data":{"yellowLed":true,"redLed":false}}');
  });

  it('treats a first fragment (FIN=0) as a complete message and ignores its continuation', async () => {
    await boot();
    const a = raw();
    await a.open();
    a.frame({ opcode: 1, fin: false, payload: cmd('red', true) });
    await until(() => statuses(a).length === 2, 'fragment handled');
    a.frame({ opcode: 0, payload: 'tail' });
    await until(() => logs.some((l) => l.includes('opcode 0 ignored')), 'continuation ignored');
    expect(statuses(a)).toHaveLength(2);
  });

  it('loses a frame split across segments and parses its tail as garbage', async () => {
    await boot();
    const a = raw();
    await a.open();
    const f = encodeFrame({ opcode: 1, payload: cmd('red', true), mask: Uint8Array.of(1, 2, 3, 4) });
    a.write(f.subarray(0, 10));
    await until(() => logs.some((l) => l.includes('does not fit')), 'head dropped');
    a.write(f.subarray(10));
    await until(() => logs.filter((l) => l.includes('ws: 127.0.0.1')).length >= 2, 'tail parsed');
    a.frame({ opcode: 1, payload: cmd('yellow', true) });
    await until(() => statuses(a).length === 2, 'next handled');
    expect(board!.control.state().trackedLeds).toEqual({ yellowLed: true, redLed: false });
  });

  it('ignores text of 1024 bytes or more, binary, and reports bad commands only on the UART', async () => {
    await boot();
    const a = raw();
    await a.open();
    // One frame per segment: wait for each to be judged before the next (coalesced frames would be dropped).
    a.frame({ opcode: 1, payload: cmd('red', true) + ' '.repeat(1024) });
    await until(() => logs.some((l) => l.includes('text frame of')), 'long text logged');
    a.frame({ opcode: 2, payload: cmd('red', true) });
    await until(() => logs.some((l) => l.includes('opcode 2 ignored')), 'binary logged');
    a.frame({ opcode: 1, payload: 'not json' });
    await until(() => uart.includes('WS: Failed to parse JSON command'), 'parse error line');
    for (const [text, line] of [
      [cmd('green', true), 'WS: Unknown LED: green'],
      [cmd('red', 1), 'WS: Invalid led-command format'],
      [JSON.stringify({ type: 'LED-COMMAND' }), 'WS: Unknown command type: LED-COMMAND'],
    ] as const) {
      a.frame({ opcode: 1, payload: text });
      await until(() => uart.includes(line), line);
    }
    a.frame({ opcode: 1, payload: '[]' });
    await until(() => logs.some((l) => l.includes('root is not an object')), 'silent reject logged');
    expect(statuses(a)).toHaveLength(1);
    expect(logs.some((l) => l.includes('text frame of'))).toBe(true);
    expect(logs.some((l) => l.includes('opcode 2 ignored'))).toBe(true);
  });

  it('drops sends silently when the packet pool is exhausted, and resumes', async () => {
    await boot();
    const a = raw();
    await a.open();
    board!.control.setPoolPackets(0);
    await until(() => board!.control.state().pool.failures >= 3, 'failures counted');
    const n = a.texts().length;
    expect(logs.some((l) => l.includes('pool exhausted'))).toBe(true);
    board!.control.restorePool();
    await until(() => a.texts().length > n, 'resumed');
    expect(a.ended).toBe('open');
  });

  it('d8a6 verbose serial prints the handshake lines and commands', async () => {
    await boot({ serial: 'verbose' });
    const a = raw();
    await a.open();
    a.frame({ opcode: 1, payload: cmd('red', true) });
    await until(() => uart.includes('WS: Red LED ON'), 'command');
    expect(uart).toEqual(
      expect.arrayContaining([
        'WS: Client connecting...',
        'WS: Handshake successful!',
        'WS: Client connected (slot 0)',
        `WS received: ${cmd('red', true)}`,
      ]),
    );
  });

  it('survives garbage of every size and keeps serving', async () => {
    await boot();
    for (const g of [Buffer.alloc(0), Buffer.from([0]), Buffer.from('GE'), Buffer.alloc(5000, 0xff)]) {
      const a = raw();
      await a.connected_();
      if (g.length) a.write(g);
      else a.socket.end();
      await until(() => a.ended !== 'open', 'rejected');
    }
    const ok = raw();
    await ok.open();
  });
});
