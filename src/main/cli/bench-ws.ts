import { once } from 'node:events';
import WebSocket, { WebSocketServer } from 'ws';
import { seededRandom, startBoard } from '../board';
import { DieTemperature, TelemetryGenerator, telemetryText } from '../board/telemetry/generator';
import { numberFlag, parseFlags } from './args';

/** Counts messages on a client until `count` telemetry messages have arrived; resolves with the elapsed ms. */
function receive(ws: WebSocket, count: number, start: () => void): Promise<number> {
  return new Promise((resolve, reject) => {
    let got = 0;
    let t0 = 0;
    ws.on('message', (data) => {
      if (t0 === 0 || !data.toString().startsWith('{"type":"telemetry"')) return;
      if (++got === count) resolve(performance.now() - t0);
    });
    ws.once('error', reject);
    t0 = performance.now();
    start();
  });
}

async function connect(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url, { handshakeTimeout: 5000, perMessageDeflate: false, maxPayload: 1 << 20 });
  await once(ws, 'open');
  return ws;
}

/**
 * `bench ws`: messages per second from the virtual board's compliant server to a ws client, against a bare ws server
 * sending the same telemetry texts the same way (as fast as the socket drains).
 */
export async function benchWs(argv: string[]): Promise<unknown> {
  const v = parseFlags(argv, { count: { type: 'string' } });
  const count = numberFlag('count', v.count, 100_000, 1000, 10_000_000);

  const board = await startBoard({
    wsPort: 0,
    profile: 'compliant',
    bootDelayMs: 0,
    telemetryMs: 60_000,
    random: seededRandom(1),
  });
  let boardMs: number;
  try {
    const ws = await connect(board.endpoints.ws);
    boardMs = await receive(ws, count, () => void board.control.blastTelemetry(count));
    ws.terminate();
  } finally {
    await board.close();
  }

  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await once(wss, 'listening');
  const rnd = seededRandom(1);
  const gen = new TelemetryGenerator(rnd, new DieTemperature(rnd));
  wss.on('connection', (sock, req) => {
    if (req.url !== '/go') return;
    void (async () => {
      const raw = (sock as unknown as { _socket: import('node:net').Socket })._socket;
      for (let i = 0; i < count; i++) {
        if ((i & 255) === 255) await new Promise<void>((r) => setImmediate(r));
        if (raw.writableNeedDrain) await once(raw, 'drain');
        sock.send(telemetryText(gen.next(0)));
      }
    })();
  });
  let baseMs: number;
  try {
    const port = (wss.address() as { port: number }).port;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/go`, {
      handshakeTimeout: 5000,
      perMessageDeflate: false,
    });
    baseMs = await receive(ws, count, () => undefined);
    ws.terminate();
  } finally {
    for (const c of wss.clients) c.terminate();
    await new Promise<void>((r) => wss.close(() => r()));
  }
  const boardRate = Math.round((count / boardMs) * 1000);
  const baseRate = Math.round((count / baseMs) * 1000);
  return {
    bench: 'ws',
    messages: count,
    board: { msgPerSec: boardRate, ms: Math.round(boardMs) },
    baseline: { msgPerSec: baseRate, ms: Math.round(baseMs) },
    ratio: Number((boardRate / baseRate).toFixed(3)),
  };
}
