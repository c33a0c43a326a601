import { createServer as createHttp, type IncomingMessage, type ServerResponse } from 'node:http';
import { drained } from '../net/drained';
import { listenOn } from '../net/listen';
import { createServer as createNet, type Socket } from 'node:net';
import type { Readable } from 'node:stream';
import type { Emmc } from '../emmc';
import { EmmcError } from '../emmc';
import type { PacketPool } from '../memory/packet-pool';
import { acquirePackets } from '../memory/acquire';
import { TEXT, mimeType, parseResource } from './responses';
import { SessionGate } from './sessions';

export { mimeType, parseResource, MAX_RESOURCE } from './responses';

/** Options of the virtual board's HTTP server (NetX Duo Web HTTP server, docs/firmware-protocol.md §6). */
export interface HttpServerOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 80 is the firmware's; pass 0 for any free port. */
  readonly port: number;
  readonly emmc: Emmc;
  /** NX_WEB_HTTP_SERVER_SESSION_MAX: 1 (nx_user.h) or 2 (library default, probably in effect). Default 2. */
  readonly sessionMax?: 1 | 2;
  /** Unauthenticated PUT (create only) and DELETE, as the firmware allows. Default true. */
  readonly allowWrite?: boolean;
  /** Receive/idle timeout (NetX default 10 s): headers not complete, or a kept-alive connection idle, that long.
   *  It runs from the moment the connection arrives, also while it waits for a session. */
  readonly timeoutMs?: number;
  /** Connections held waiting for a session (NX_WEB_HTTP_SERVER_MAX_PENDING). Default 2 × sessionMax. */
  readonly maxQueued?: number;
  /** "HTTP Server Packet Pool" (payload 1536, 19 packets): responses take packets from it while being written. */
  readonly pool?: PacketPool;
  readonly log?: (message: string) => void;
}

/** A running HTTP server. */
export interface HttpServerHandle {
  readonly port: number;
  /** Connections being served and waiting for a session. */
  sessions(): { active: number; queued: number };
  /** Connections evicted (reset) from the full listen queue since the start. */
  evictions(): number;
  close(): Promise<void>;
}

const STATUS: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  404: 'Not Found',
  500: 'Internal Server Error',
  501: 'Not Implemented',
};

/** Starts the board's HTTP server on the eMMC root. */
export async function startHttpServer(options: HttpServerOptions): Promise<HttpServerHandle> {
  const { emmc, pool } = options;
  const log = options.log ?? (() => undefined);
  const allowWrite = options.allowWrite ?? true;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const headerTimers = new WeakMap<Socket, NodeJS.Timeout>();

  // Headers complete (and a kept-alive connection used again) within timeoutMs, or the connection is closed,
  // as NetX's receive timeout does; trickling bytes does not extend it.
  const armHeaderTimer = (socket: Socket | null) => {
    if (!socket) return;
    clearTimeout(headerTimers.get(socket));
    if (socket.destroyed) return;
    const t = setTimeout(() => socket.destroy(), timeoutMs);
    t.unref();
    headerTimers.set(socket, t);
  };

  const http = createHttp(
    { maxHeaderSize: 16 * 1024, requireHostHeader: false, joinDuplicateHeaders: true },
    (req, res) => {
      // The socket is detached from req once the response is done, so keep it now.
      const socket = req.socket;
      clearTimeout(headerTimers.get(socket));
      res.sendDate = false;
      res.once('finish', () => armHeaderTimer(socket));
      handle(req, res).catch((err: unknown) => {
        log(`HTTP: ${req.method} failed: ${err instanceof Error ? err.message : String(err)}`);
        if (!res.headersSent) reply(req, res, 500, TEXT.aborted, true);
        else res.destroy();
      });
    },
  );
  http.timeout = timeoutMs; // idle during a request (a stalled PUT body, a reader that stops reading)
  http.on('timeout', (socket: Socket) => socket.destroy());
  http.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) return socket.destroy();
    const tooBig = err.code === 'HPE_HEADER_OVERFLOW';
    const method = err.code === 'HPE_INVALID_METHOD';
    log(`HTTP: bad request (${err.code ?? 'error'})`);
    const body = tooBig ? 'Request Header Fields Too Large' : method ? TEXT.notImplemented : TEXT.urlBad;
    const status = tooBig
      ? '431 Request Header Fields Too Large'
      : method
        ? '501 Not Implemented'
        : '400 Bad Request';
    socket.end(
      `HTTP/1.1 ${status}\r\nContent-Type: text/plain\r\nConnection: Close\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    );
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? '';
    const known = ['GET', 'HEAD', 'POST', ...(allowWrite ? ['PUT', 'DELETE'] : [])];
    if (!known.includes(method)) return reply(req, res, 501, TEXT.notImplemented, true);
    const target = parseResource(req.url ?? '');
    if (!target.ok) return reply(req, res, 400, TEXT.urlBad, true);
    const { resource, path } = target;
    if (method === 'GET' && path === '/ScanForDisplay') return reply(req, res, 200, TEXT.scan);
    if (method === 'PUT') return put(req, res, path);
    if (method === 'DELETE') {
      try {
        await emmc.delete(path);
      } catch (err) {
        return failed(req, res, err, resource);
      }
      return reply(req, res, 200, '');
    }
    let file: { stream: Readable; size: number };
    try {
      file = await emmc.read(path, { highWaterMark: pool ? pool.payload * 8 : 64 * 1024 });
    } catch (err) {
      return failed(req, res, err, resource);
    }
    req.resume();
    res.writeHead(200, STATUS[200], [
      'Content-Type',
      mimeType(path),
      'Connection',
      connection(req),
      'Content-Length',
      String(file.size),
    ]);
    if (method === 'HEAD') {
      file.stream.destroy();
      res.end();
      return;
    }
    await send(file.stream, res);
  }

  async function put(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    let up;
    try {
      up = await emmc.write(path, { mode: 'create' });
    } catch (err) {
      if (err instanceof EmmcError && (err.code === 'EEXIST' || err.code === 'EISDIR'))
        return reply(req, res, 500, TEXT.createFailed, true);
      if (err instanceof EmmcError && (err.code === 'EACCES' || err.code === 'EINVAL'))
        return reply(req, res, 400, TEXT.urlBad, true);
      return reply(req, res, 500, TEXT.createFailed, true);
    }
    let failure: unknown;
    up.stream.on('error', (err) => (failure ??= err));
    try {
      for await (const chunk of req as AsyncIterable<Buffer>) {
        if (failure) break;
        if (!up.stream.write(chunk)) await drained(up.stream);
      }
      if (failure) throw failure;
      await up.commit();
    } catch (err) {
      await up.abort();
      log(
        `HTTP: PUT ${path} failed: ${(failure ?? err) instanceof Error ? ((failure ?? err) as Error).message : String(failure ?? err)}`,
      );
      if (!res.headersSent && !req.socket?.destroyed) return reply(req, res, 500, TEXT.aborted, true);
      return;
    }
    reply(req, res, 200, '');
  }

  // Writes a file in chunks no larger than the pool can hold, each holding its packets until written to the socket.
  async function send(stream: Readable, res: ServerResponse): Promise<void> {
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (res.destroyed) break;
        const lease = await acquirePackets(pool, chunk.length, timeoutMs);
        if (!res.write(chunk, () => lease?.release())) await drained(res);
      }
    } finally {
      stream.destroy();
    }
    res.end();
  }

  function failed(req: IncomingMessage, res: ServerResponse, err: unknown, resource: string): void {
    if (err instanceof EmmcError && (err.code === 'EACCES' || err.code === 'EINVAL')) {
      log(`HTTP: refused ${req.method} ${resource.slice(0, 80)}: ${err.message}`);
      return reply(req, res, 400, TEXT.urlBad, true);
    }
    if (err instanceof EmmcError && err.code !== 'EIO')
      return reply(req, res, 404, TEXT.notFound(resource), false, true);
    log(`HTTP: ${req.method} ${resource.slice(0, 80)}: ${err instanceof Error ? err.message : String(err)}`);
    return reply(req, res, 500, TEXT.aborted, true);
  }

  const sessionMax = options.sessionMax ?? 2;
  const gate = new SessionGate(
    sessionMax,
    options.maxQueued ?? 2 * sessionMax,
    (socket) => {
      socket.resume();
      http.emit('connection', socket);
    },
    log,
  );
  // The header timer starts at accept, not when a session takes the connection: slow clients waiting in the queue
  // time out with those being served instead of holding the server one session-timeout after another.
  const server = createNet((socket) => {
    armHeaderTimer(socket);
    gate.offer(socket);
  });
  server.on('error', (err) => log(`HTTP: server error: ${err.message}`));
  const port = await listenOn(server, options.port, options.host ?? '127.0.0.1', 'HTTP');
  log(`HTTP: listening on ${options.host ?? '127.0.0.1'}:${port} (${sessionMax} session(s))`);

  return {
    port,
    sessions: () => gate.counts(),
    evictions: () => gate.evictions(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of gate.all()) s.destroy();
      }),
  };
}

/** `keep-alive` unless the client asked to close (or spoke HTTP/1.0 without keep-alive). */
function connection(req: IncomingMessage): string {
  const c = (req.headers.connection ?? '').toLowerCase();
  if (c.includes('close')) return 'Close';
  if (req.httpVersion === '1.0' && !c.includes('keep-alive')) return 'Close';
  return 'keep-alive';
}

/** Sends a short text reply with the firmware's headers; a 404 carries no Content-Type, as NetX sends it. */
function reply(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: string,
  close = false,
  noType = false,
): void {
  if (res.headersSent) return void res.destroy();
  const bytes = Buffer.from(body);
  const headers = noType || !body ? [] : ['Content-Type', 'text/plain'];
  headers.push('Connection', close ? 'Close' : connection(req), 'Content-Length', String(bytes.length));
  res.writeHead(status, STATUS[status] ?? '', headers);
  res.end(req.method === 'HEAD' ? undefined : bytes);
  if (close) req.resume();
}
