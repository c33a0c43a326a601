// A small firmware-like stand-in for tests (NOT the virtual board): a `ws` server on 127.0.0.1 that sends
// led-status first, telemetry periodically, answers led-command with led-status, never answers pings, plus an
// HTTP server and an FTP greeter so the health probes have something to find.
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface FakeFirmwareOptions {
  /** Telemetry period in ms (default 1000). */
  readonly periodMs?: number;
  /** Fixed WebSocket port (to come back on the same port after stop()); 0 picks one. */
  readonly wsPort?: number;
  /** Also start the HTTP server and FTP greeter. */
  readonly withHttpFtp?: boolean;
}

export interface FakeFirmware {
  readonly wsPort: number;
  readonly httpPort: number;
  readonly ftpPort: number;
  /** The LED state the stand-in tracks. */
  readonly leds: { yellow: boolean; red: boolean };
  /** Texts received from the client. */
  readonly received: string[];
  /** Number of WebSocket clients connected so far. */
  connections(): number;
  /** Sends a raw text to the connected client (bad-input tests). */
  sendRaw(text: string | Buffer, binary?: boolean): void;
  /** Stops (true) or resumes (false) the telemetry. */
  stall(on: boolean): void;
  /** Stops every server and drops the clients (TCP destroyed, no Close frame, as the board does). */
  stop(): Promise<void>;
}

/** Starts the stand-in on 127.0.0.1. */
export async function startFakeFirmware(opts: FakeFirmwareOptions = {}): Promise<FakeFirmware> {
  const leds = { yellow: false, red: false };
  const received: string[] = [];
  let stalled = false;
  let connections = 0;
  let uptime = 0;
  let current: WebSocket | undefined;
  const sockets = new Set<Socket>();

  const http = createHttpServer({ noDelay: true }, (_req, res) => res.end('<html>lab-web</html>'));
  const wss = new WebSocketServer({ noServer: true, autoPong: false, perMessageDeflate: false });
  // A plain TCP server hands its sockets to an HTTP parser, so stop() can destroy every socket (no Close frame).
  const upgrader = createHttpServer();
  upgrader.on('upgrade', (req, socket, head) =>
    wss.handleUpgrade(req, socket as Socket, head, (ws) => wss.emit('connection', ws)),
  );
  const tcp = createNetServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    upgrader.emit('connection', s);
  });

  wss.on('connection', (ws) => {
    connections++;
    current = ws;
    ws.send(ledStatus(leds));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      const text = data.toString();
      received.push(text);
      try {
        const m = JSON.parse(text) as { type?: unknown; led?: unknown; state?: unknown };
        if (
          m.type === 'led-command' &&
          (m.led === 'yellow' || m.led === 'red') &&
          typeof m.state === 'boolean'
        ) {
          leds[m.led] = m.state;
          ws.send(ledStatus(leds));
        }
      } catch {
        /* the firmware ignores bad JSON silently */
      }
    });
    ws.on('close', () => {
      if (current === ws) current = undefined;
    });
  });
  const timer = setInterval(() => {
    uptime++;
    if (stalled || !current) return;
    current.send(
      JSON.stringify({
        type: 'telemetry',
        data: {
          junctionTemp: 40 + (uptime % 5),
          randomFloat: 73.209999084472656,
          randomInt: uptime * 7,
          uptime,
        },
      }),
    );
  }, opts.periodMs ?? 1000);

  const listen = (server: NetServer | HttpServer, port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
    });
  const wsPort = await listen(tcp, opts.wsPort ?? 0);
  let httpPort = 0;
  let ftpPort = 0;
  const ftp = createNetServer((s) => {
    s.write('220 NetX FTP Server ready.\r\n');
    s.on('data', (d) => {
      if (d.toString().startsWith('QUIT')) s.end('221 Goodbye\r\n');
    });
    s.on('error', () => undefined);
  });
  if (opts.withHttpFtp) {
    httpPort = await listen(http, 0);
    ftpPort = await listen(ftp, 0);
  }

  return {
    wsPort,
    httpPort,
    ftpPort,
    leds,
    received,
    connections: () => connections,
    sendRaw(text, binary = false) {
      current?.send(text, { binary });
    },
    stall(on) {
      stalled = on;
    },
    async stop() {
      clearInterval(timer);
      for (const s of sockets) s.destroy();
      const close = (s: NetServer | HttpServer) =>
        new Promise<void>((r) => (s.listening ? s.close(() => r()) : r()));
      http.closeAllConnections();
      await Promise.all([close(tcp), close(http), close(ftp)]);
      wss.close();
    },
  };
}

function ledStatus(l: { yellow: boolean; red: boolean }): string {
  return JSON.stringify({ type: 'led-status', data: { yellowLed: l.yellow, redLed: l.red } });
}
