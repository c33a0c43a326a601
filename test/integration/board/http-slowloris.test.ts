// Slow clients against the board's HTTP server with the firmware's numbers (2 sessions, 4 waiting, 10 s receive
// timeout from accept): the queue does not grow past NX_WEB_HTTP_SERVER_MAX_PENDING, the rest are reset, and a
// well-behaved client that comes after 40 of them still gets / within 12 s.
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type HttpServerHandle } from '../../../src/main/board/http';
import { until } from '../../support/wait';
import { tempEmmc } from './fixtures';
import { httpComplete, open, readUntil } from './raw';

const SLOW = 40;
const SESSIONS = 2;
const PENDING = 2 * SESSIONS;

let env: Awaited<ReturnType<typeof tempEmmc>>;
let http: HttpServerHandle;

beforeAll(async () => {
  env = await tempEmmc({ seed: true });
  http = await startHttpServer({ port: 0, emmc: env.emmc, log: (m) => env.logs.push(m) });
});
afterAll(async () => {
  await http?.close();
  env?.cleanup();
});

interface SlowClient {
  readonly socket: Socket;
  ended: 'reset' | 'closed' | undefined;
  trickles: number;
}

/** Sends a request line and then one header line every 500 ms, never the blank line that ends the head. */
async function slowClient(port: number): Promise<SlowClient> {
  const socket = await open(port);
  const c: SlowClient = { socket, ended: undefined, trickles: 0 };
  socket.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'ECONNRESET') c.ended = 'reset';
  });
  socket.on('close', () => (c.ended ??= 'closed'));
  socket.write('GET / HTTP/1.1\r\nHost: lab-web\r\n');
  const timer = setInterval(() => {
    if (socket.destroyed) return clearInterval(timer);
    c.trickles++;
    socket.write(`X-Slow-${c.trickles}: a\r\n`);
  }, 500);
  socket.on('close', () => clearInterval(timer));
  return c;
}

describe('HTTP server under a slowloris', () => {
  it(`serves / to a good client within 12 s after ${SLOW} slow ones, resetting those beyond the queue`, async () => {
    const slow: SlowClient[] = [];
    for (let i = 0; i < SLOW; i++) slow.push(await slowClient(http.port));
    await until(
      () => http.sessions().active + http.sessions().queued + http.evictions() === SLOW,
      'every slow client accepted',
    );
    expect(http.sessions()).toEqual({ active: SESSIONS, queued: PENDING });
    expect(http.evictions()).toBe(SLOW - SESSIONS - PENDING);
    await until(
      () => slow.filter((c) => c.ended === 'reset').length === SLOW - SESSIONS - PENDING,
      'the resets',
    );
    // The ones reset are the oldest waiting; the first two hold the sessions and the newest four wait.
    expect(slow.map((c) => (c.ended ? 'x' : '.')).join('')).toBe(
      '..' + 'x'.repeat(SLOW - SESSIONS - PENDING) + '....',
    );
    // Let the slow clients trickle once more, so the good one comes clearly after them.
    const trickled = slow[SLOW - 1]!.trickles;
    await until(() => slow[SLOW - 1]!.trickles > trickled, 'a trickle');

    const started = Date.now();
    const good = await open(http.port);
    good.write('GET / HTTP/1.1\r\nHost: lab-web\r\n\r\n');
    const r = await readUntil(good, httpComplete, 12_000);
    const elapsed = Date.now() - started;
    good.destroy();
    expect(r.text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(elapsed).toBeLessThan(12_000);
    // The good client took a place in the full queue: one more slow client was evicted, none beyond it.
    expect(http.evictions()).toBe(SLOW - SESSIONS - PENDING + 1);
    // The slow ones that got in timed out 10 s after they were accepted, whether served or waiting.
    await until(() => slow.every((c) => c.ended), 'every slow client gone', 5000);
    for (const c of slow) c.socket.destroy();
  }, 30_000);
});
