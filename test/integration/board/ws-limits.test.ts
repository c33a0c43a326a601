// The virtual board's WebSocket limits (issue 22, point 10; docs/architecture.md §12.6): the compliant profile closes
// a handshake that does not finish in time and refuses connections past its limit; the firmware profile keeps the
// firmware's own limits (one client, a queue of 4, a 5 s handshake), whatever the compliant limits are.
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WsClient from 'ws';
import { startBoard, type RunningBoard } from '../../../src/main/board';
import { until } from '../../support/wait';
import { open, readUntil } from './raw';

let board: RunningBoard | undefined;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await board?.close();
  board = undefined;
});

async function rawTo(port: number): Promise<Socket> {
  const s = await open(port);
  s.on('error', () => undefined);
  sockets.push(s);
  return s;
}

/** Connects a ws client; resolves with 'open' or the error it failed with. */
function wsOutcome(url: string): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WsClient(url, { handshakeTimeout: 20_000 });
    ws.on('open', () => {
      ws.terminate();
      resolve('open');
    });
    ws.on('error', (err) => resolve(err.message));
  });
}

describe('compliant profile', () => {
  it('closes half-sent and silent handshakes with 408 once the handshake timeout passes', async () => {
    board = await startBoard({
      wsPort: 0,
      bootDelayMs: 0,
      profile: 'compliant',
      telemetryMs: 400,
      compliant: { handshakeTimeoutMs: 300 },
    });
    const port = board.endpoints.wsPort;
    const half = await Promise.all(Array.from({ length: 20 }, () => rawTo(port)));
    for (const s of half) s.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n');
    const silent = await rawTo(port);
    const ends = await Promise.all([...half, silent].map((s) => readUntil(s, () => false, 20_000)));
    for (const end of ends) {
      expect(end.closed).toBe(true);
      expect(end.text).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
      expect(end.text).toContain('The WebSocket handshake did not arrive within 0.3 s.');
    }
    // A client that completes its handshake in time is served as before, and stays past the timeout: two
    // telemetry messages 400 ms apart arrive after its connection opened.
    const ws = new WsClient(board.endpoints.ws);
    const telemetry: string[] = [];
    ws.on('message', (d) => d.toString().includes('"telemetry"') && telemetry.push(d.toString()));
    await until(() => telemetry.length >= 2, 'two telemetry messages to a good client', 20_000);
    expect(ws.readyState).toBe(ws.OPEN);
    ws.terminate();
  });

  it('refuses a connection past its limit with 503, and takes one again when a slot frees', async () => {
    board = await startBoard({
      wsPort: 0,
      bootDelayMs: 0,
      profile: 'compliant',
      compliant: { handshakeTimeoutMs: 60_000, maxConnections: 3 },
    });
    const port = board.endpoints.wsPort;
    const held = [await rawTo(port), await rawTo(port), await rawTo(port)];
    const over = await rawTo(port);
    const refused = await readUntil(over, () => false, 20_000);
    expect(refused.closed).toBe(true);
    expect(refused.text).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n/);
    expect(refused.text).toContain('This board takes at most 3 WebSocket connections at once');
    expect(await wsOutcome(board.endpoints.ws)).toBe('Unexpected server response: 503');
    held[0]!.destroy();
    await until(
      async () => (await wsOutcome(board!.endpoints.ws)) === 'open',
      'a client to be taken once a slot is free',
      20_000,
      50,
    );
    for (const s of held.slice(1)) expect(s.destroyed).toBe(false);
  });
});

describe('firmware profile', () => {
  it('keeps the firmware limits: waiting clients are held silently, not refused or timed out', async () => {
    board = await startBoard({
      wsPort: 0,
      bootDelayMs: 0,
      profile: 'firmware',
      handshakeTimeoutMs: 3000,
      // Limits of the other profile, far tighter than the firmware's: they must not apply here.
      compliant: { handshakeTimeoutMs: 50, maxConnections: 1 },
    });
    const port = board.endpoints.wsPort;
    const first = await rawTo(port);
    const waiting = [await rawTo(port), await rawTo(port), await rawTo(port)];
    const heard = waiting.map(() => '');
    waiting.forEach((s, i) => s.on('data', (d: Buffer) => (heard[i] += d.toString('latin1'))));
    await until(() => board!.control.state().pendingClients === 3, 'three clients held in the queue');
    // The firmware's own handshake timeout (3 s here) resets the silent first client without a word.
    const end = await readUntil(first, () => false, 20_000);
    expect(end).toMatchObject({ closed: true, text: '' });
    // The others waited far past the compliant timeout, and none was told anything or closed.
    expect(heard).toEqual(['', '', '']);
    for (const s of waiting) expect(s.destroyed).toBe(false);
  });
});
