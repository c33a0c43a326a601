import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { drained } from './firmware-server';
import type { WsClient, WsHost } from './host';

/** Largest message the compliant server takes; longer ones close with 1009. */
export const COMPLIANT_MAX_PAYLOAD = 64 * 1024;

/**
 * The `compliant` profile: a correct RFC 6455 server (ws does the protocol) with the firmware's messages. Pings are
 * answered, Close is echoed, any number of clients, telemetry to each. Connections come from the board's own
 * listener and are handed to an unbound HTTP parser, so both profiles share one port.
 */
export class CompliantWsServer {
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly host: WsHost) {
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
    const conn = this.host.nextConnId();
    const remote = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}`;
    this.sockets.add(socket);
    socket.on('close', () => {
      this.sockets.delete(socket);
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
