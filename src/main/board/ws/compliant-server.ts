import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { TimerHandle, TimerSet } from '../clock';
import { drained } from './firmware-server';
import type { WsClient, WsHost } from './host';

/** Largest message the compliant server takes; longer ones close with 1009. */
export const COMPLIANT_MAX_PAYLOAD = 64 * 1024;
/** How long a connection may take to finish its opening handshake (docs/architecture.md §12.6). */
export const COMPLIANT_HANDSHAKE_TIMEOUT_MS = 10_000;
/** Connections the compliant server holds at once, handshaking or open (docs/architecture.md §12.6). */
export const COMPLIANT_MAX_CONNECTIONS = 64;

/** Limits of the compliant profile; the firmware profile keeps the firmware's own (firmware-server.ts). */
export interface CompliantWsOptions {
  /** Time from the TCP connection to a finished handshake; past it the board answers 408 and closes. */
  readonly handshakeTimeoutMs?: number;
  /** Connections held at once; one more is answered 503 and closed. */
  readonly maxConnections?: number;
}

/**
 * The `compliant` profile: a correct RFC 6455 server (ws does the protocol) with the firmware's messages. Pings are
 * answered, Close is echoed, up to `maxConnections` clients, telemetry to each. Connections come from the board's
 * own listener and are handed to an unbound HTTP parser, so both profiles share one port. Unlike the firmware's
 * single slot, many connections can be held at once, so each must finish its handshake in time and their number
 * is bounded: a client that sends half a request and waits cannot pile up sockets.
 */
export class CompliantWsServer {
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<Socket>();
  /** Handshake deadline of each connection that has not finished its handshake yet. */
  private readonly deadlines = new Map<Socket, TimerHandle>();
  private readonly handshakeTimeoutMs: number;
  private readonly maxConnections: number;

  constructor(
    private readonly host: WsHost,
    private readonly timers: TimerSet,
    options: CompliantWsOptions = {},
  ) {
    this.handshakeTimeoutMs = options.handshakeTimeoutMs ?? COMPLIANT_HANDSHAKE_TIMEOUT_MS;
    this.maxConnections = options.maxConnections ?? COMPLIANT_MAX_CONNECTIONS;
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: COMPLIANT_MAX_PAYLOAD,
      perMessageDeflate: false,
      clientTracking: false,
    });
    this.http = createServer((req, res) => {
      this.host.log(`ws(compliant): plain HTTP ${req.method ?? '?'} ${req.url ?? ''} refused with 426`);
      res.writeHead(426, { 'Content-Type': 'text/plain', Connection: 'close' }).end('WebSocket only\n');
    });
    this.http.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) =>
      this.upgrade(req, socket, head),
    );
    this.http.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
      this.host.log(`ws(compliant): bad HTTP request refused: ${err.code ?? err.message}`);
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      else socket.destroy();
    });
  }

  /** A new TCP connection from the listener. */
  accept(socket: Socket): void {
    const remote = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}`;
    if (this.sockets.size >= this.maxConnections) return this.refuse(socket, remote);
    const conn = this.host.nextConnId();
    this.sockets.add(socket);
    this.deadlines.set(
      socket,
      this.timers.after(this.handshakeTimeoutMs, () => this.handshakeTimedOut(socket, remote)),
    );
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.timers.cancel(this.deadlines.get(socket));
      this.deadlines.delete(socket);
      this.host.tap?.({
        conn,
        dir: 'rx',
        bytes: new Uint8Array(0),
        time: this.host.now(),
        note: 'close',
        remote,
      });
    });
    const tap = this.host.tap;
    if (tap) {
      tap({ conn, dir: 'rx', bytes: new Uint8Array(0), time: this.host.now(), note: 'open', remote });
      socket.on('data', (d: Buffer) =>
        tap({ conn, dir: 'rx', bytes: new Uint8Array(d), time: this.host.now(), remote }),
      );
      const write = socket.write.bind(socket) as (...a: unknown[]) => boolean;
      socket.write = ((data: unknown, ...rest: unknown[]) => {
        const bytes = typeof data === 'string' ? Buffer.from(data) : new Uint8Array(data as Uint8Array);
        tap({ conn, dir: 'tx', bytes, time: this.host.now(), remote });
        return write(data, ...rest);
      }) as Socket['write'];
    }
    (socket as Socket & { connId?: number }).connId = conn;
    this.http.emit('connection', socket);
    socket.resume();
  }

  /** Drops every connection (reboot, profile change, close). */
  closeAll(): void {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    for (const t of this.deadlines.values()) this.timers.cancel(t);
    this.deadlines.clear();
  }

  /** One connection over the limit: told why in HTTP (any WebSocket client shows the status), then closed. */
  private refuse(socket: Socket, remote: string): void {
    this.host.log(
      `ws(compliant): ${remote} refused with 503: ${this.maxConnections} connections already open (the limit)`,
    );
    const body = `This board takes at most ${this.maxConnections} WebSocket connections at once; try again when one closes.\n`;
    this.closeWith(socket, 503, 'Service Unavailable', body);
  }

  /** A connection that did not finish its opening handshake in time (a half-sent request, or nothing at all). */
  private handshakeTimedOut(socket: Socket, remote: string): void {
    this.deadlines.delete(socket);
    this.host.log(
      `ws(compliant): ${remote} did not finish its handshake within ${this.handshakeTimeoutMs} ms; closed with 408`,
    );
    const body = `The WebSocket handshake did not arrive within ${this.handshakeTimeoutMs / 1000} s.\n`;
    this.closeWith(socket, 408, 'Request Timeout', body);
  }

  /** Answers with a short HTTP error and closes; the listener allows half-open sockets, so it is destroyed too. */
  private closeWith(socket: Socket, status: number, reason: string, body: string): void {
    socket.on('error', () => undefined);
    if (!socket.writable) return void socket.destroy();
    const head = `HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`;
    socket.end(head + body, () => socket.destroy());
    // A peer that reads nothing never lets the answer drain: do not wait on it.
    this.timers.after(1000, () => socket.destroy());
  }

  /** Fault: drops every client with a reset. */
  dropLink(): boolean {
    const had = this.sockets.size > 0;
    for (const s of this.sockets) s.resetAndDestroy();
    return had;
  }

  private upgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const remote = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}`;
    socket.on('error', (err: NodeJS.ErrnoException) =>
      this.host.log(`ws(compliant): ${remote}: socket error ${err.code ?? err.message}`),
    );
    if (req.headers.upgrade?.toLowerCase() !== 'websocket' || !req.headers['sec-websocket-key']) {
      this.host.log(
        `ws(compliant): ${remote}: upgrade request without websocket upgrade or key refused with 400`,
      );
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.session(ws, socket, remote));
  }

  private session(ws: WebSocket, socket: Socket, remote: string): void {
    this.timers.cancel(this.deadlines.get(socket));
    this.deadlines.delete(socket);
    const id = (socket as Socket & { connId?: number }).connId ?? this.host.nextConnId();
    const client: WsClient = {
      id,
      remote,
      profile: 'compliant',
      since: this.host.now(),
      send: (text) => {
        if (ws.readyState === ws.OPEN) ws.send(text);
      },
      reset: () => socket.resetAndDestroy(),
      backpressure: () => socket.writableNeedDrain,
      whenDrained: () => drained(socket),
    };
    ws.on('error', (err: Error & { code?: string }) =>
      this.host.log(`ws(compliant): ${remote}: rejected: ${err.message} (${err.code ?? 'error'})`),
    );
    ws.on('close', (code, reason) => {
      this.host.log(
        `ws(compliant): ${remote} closed (${code}${reason.length ? ` ${reason.toString()}` : ''})`,
      );
      this.host.clientClosed(client);
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary) return this.host.log(`ws(compliant): ${remote}: binary message ignored`);
      const text = Array.isArray(data)
        ? Buffer.concat(data).toString('utf8')
        : Buffer.from(data as ArrayBuffer).toString('utf8');
      if (this.host.verbose()) this.host.uart(`WS received: ${text}`);
      if (this.host.command(text)) client.send(this.host.ledStatus());
    });
    this.host.clientOpened(client);
    client.send(this.host.ledStatus());
  }
}
