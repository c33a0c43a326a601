import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { MessageRecord } from '../../src/shared/recording/format';
import type { TimelineMark } from '../../src/shared/telemetry/types';
import { WsLink, type WsLinkOptions, type WsLinkState } from '../../src/main/core/links/ws-link';
import type { FrameTap } from '../../src/main/core/frames/tap';
import { startFakeFirmware, type FakeFirmware } from '../support/fake-firmware';
import { until } from '../support/wait';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

function link(port: number, extra: Partial<WsLinkOptions> = {}) {
  const states: WsLinkState[] = [];
  const records: MessageRecord[] = [];
  const marks: TimelineMark[] = [];
  const l = new WsLink({
    host: '127.0.0.1',
    port,
    onState: (s) => states.push(s),
    onRecord: (r) => records.push(r),
    onMark: (m) => marks.push(m),
    ...extra,
  });
  cleanups.push(() => l.close());
  l.start();
  return { l, states, records, marks };
}

async function fake(opts: Parameters<typeof startFakeFirmware>[0] = {}): Promise<FakeFirmware> {
  const f = await startFakeFirmware(opts);
  cleanups.push(() => f.stop());
  return f;
}

function listen(server: Server): Promise<number> {
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r((server.address() as AddressInfo).port)));
}

describe('ws-link against a firmware-like server', () => {
  it('opens, records led-status then telemetry, and round-trips an LED command', async () => {
    const fw = await fake({ periodMs: 50 });
    const { l, states, records, marks } = link(fw.wsPort);
    await until(() => records.some((r) => r.data?.includes('"telemetry"')), 'telemetry');
    expect(states.map((s) => s.kind).slice(0, 2)).toEqual(['connecting', 'open']);
    expect(records[0]).toMatchObject({
      dir: 'rx',
      op: 1,
      data: '{"type":"led-status","data":{"yellowLed":false,"redLed":false}}',
    });
    expect(marks[0]?.kind).toBe('connect');
    expect(l.send('{"type":"led-command","led":"yellow","state":true}')).toBe(true);
    await until(
      () => records.some((r) => r.data?.includes('"yellowLed":true')),
      'led-status after the command',
    );
    expect(records.find((r) => r.dir === 'tx')).toMatchObject({
      op: 1,
      data: '{"type":"led-command","led":"yellow","state":true}',
    });
    expect(fw.leds.yellow).toBe(true);
  });

  it('says another client holds the slot when TCP is accepted but the upgrade is never answered', async () => {
    const held = new Set<Socket>();
    const server = createServer((s) => held.add(s));
    const port = await listen(server);
    cleanups.push(
      () => new Promise<void>((r) => (held.forEach((s) => s.destroy()), server.close(() => r()))),
    );
    const { states } = link(port, { handshakeTimeoutMs: 300 });
    await until(() => states.some((s) => s.kind === 'waiting'), 'waiting');
    const w = states.find((s) => s.kind === 'waiting') as Extract<WsLinkState, { kind: 'waiting' }>;
    expect(w.reason).toBe(
      `Board at 127.0.0.1:${port} accepted the connection but did not answer the WebSocket upgrade within 0.3 s — another client probably holds its single WebSocket connection`,
    );
  });

  it('explains a refused connection and a reset during the upgrade', async () => {
    const closed = createServer();
    const port = await listen(closed);
    await new Promise<void>((r) => closed.close(() => r()));
    const a = link(port);
    await until(() => a.states.some((s) => s.kind === 'waiting'), 'waiting (refused)');
    expect((a.states.find((s) => s.kind === 'waiting') as { reason: string }).reason).toContain(
      'refused the connection',
    );

    const rst = createServer((s) => s.once('data', () => s.resetAndDestroy()));
    const port2 = await listen(rst);
    cleanups.push(() => new Promise<void>((r) => rst.close(() => r())));
    const b = link(port2);
    await until(() => b.states.some((s) => s.kind === 'waiting'), 'waiting (reset)');
    expect((b.states.find((s) => s.kind === 'waiting') as { reason: string }).reason).toContain(
      'reset the connection',
    );
  });

  it('goes stale on silence, then waits and reconnects when the server comes back on the same port', async () => {
    const fw = await fake({ periodMs: 40 });
    const { states, marks } = link(fw.wsPort, { backoff: { stepsMs: [100, 200], jitter: 0 } });
    await until(() => states.some((s) => s.kind === 'open'), 'open');
    await until(
      () => marks.filter((m) => m.kind === 'connect').length === 1 && states.length >= 2,
      'first telemetry',
    );
    fw.stall(true);
    await until(() => states.at(-1)?.kind === 'stale', 'stale');
    expect(marks.some((m) => m.kind === 'stale')).toBe(true);
    fw.stall(false);
    await until(() => states.at(-1)?.kind === 'open', 'open again after telemetry resumes');
    const port = fw.wsPort;
    await fw.stop();
    await until(
      () => states.at(-1)?.kind === 'waiting' || states.at(-1)?.kind === 'connecting',
      'waiting after the server stops',
    );
    expect(marks.some((m) => m.kind === 'disconnect')).toBe(true);
    const back = await fake({ periodMs: 40, wsPort: port });
    await until(() => back.connections() === 1 && states.at(-1)?.kind === 'open', 'reconnected');
  });

  it('drops the socket after 1 s when the server never answers our Close', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', autoPong: false });
    await new Promise((r) => wss.once('listening', r));
    // Like the firmware: swallow the client's Close (no reply) by destroying nothing and never echoing.
    wss.on('connection', (ws) => {
      const raw = (ws as unknown as { _socket: Socket })._socket;
      raw.removeAllListeners('data');
      raw.on('data', () => undefined);
    });
    cleanups.push(() => new Promise<void>((r) => wss.close(() => r())));
    const { l, states } = link((wss.address() as AddressInfo).port);
    await until(() => states.some((s) => s.kind === 'open'), 'open');
    const t0 = Date.now();
    await l.close();
    const took = Date.now() - t0;
    expect(took).toBeGreaterThanOrEqual(900);
    expect(took).toBeLessThan(3000);
    expect(l.state.kind).toBe('idle');
  });

  it('survives bad input from the board', async () => {
    const fw = await fake({ periodMs: 1000 });
    const { l, states, records } = link(fw.wsPort, { backoff: { stepsMs: [50], jitter: 0 } });
    await until(() => states.at(-1)?.kind === 'open', 'open');
    for (const bad of [
      '{not json',
      '{"type":"wpt-status"}',
      '{"type":"telemetry","data":{"junctionTemp":"hot"}}',
      'NaN',
      'Infinity',
      '[]',
      '\u0000\uffff',
    ]) {
      fw.sendRaw(bad);
    }
    fw.sendRaw(Buffer.from([1, 2, 3]), true);
    await until(() => records.filter((r) => r.dir === 'rx').length >= 9, 'the bad messages recorded');
    expect(records.find((r) => r.op === 2)?.b64).toBe('AQID');
    expect(l.state.kind).toBe('open');
    fw.sendRaw('x'.repeat(1024 * 1024));
    await until(() => states.at(-1)?.kind === 'waiting', 'waiting after the oversized message');
    expect((states.at(-1) as { reason: string }).reason).toContain('larger than the app accepts');
    await until(
      () => fw.connections() === 2 && states.at(-1)?.kind === 'open',
      'reconnected after the oversized message',
    );
  });

  it('taps raw bytes in both directions for the frame log', async () => {
    const fw = await fake({ periodMs: 1000 });
    const rx: Buffer[] = [];
    const tx: Buffer[] = [];
    const frameTap: FrameTap = {
      connectionOpened: () => undefined,
      chunk: (_conn, dir, b) => (dir === 'rx' ? rx : tx).push(Buffer.from(b)),
      connectionEvent: () => undefined,
    };
    const { l, states } = link(fw.wsPort, { frameTap });
    await until(() => states.at(-1)?.kind === 'open', 'open');
    l.send('{"type":"led-command","led":"red","state":true}');
    await until(() => fw.leds.red, 'red on');
    const sent = Buffer.concat(tx);
    expect(sent.toString('latin1')).toContain('Sec-WebSocket-Key: ');
    expect(sent.toString('latin1')).not.toContain('Sec-WebSocket-Protocol');
    expect(sent.toString('latin1')).not.toContain('permessage-deflate');
    expect(Buffer.concat(rx).toString('latin1')).toContain('HTTP/1.1 101');
  });
});
