import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { WEB_BRIDGE_PATH } from '../../shared/bridge/contract';
import type { Bench } from '../core/bench';
import { authenticate, newToken, sessionCookie, TOKEN_PARAM } from './auth';
import { serveBridgeSocket } from './bridge-socket';
import { isDownload, serveDownload } from './downloads';
import { createStaticHandler } from './static-files';

/** Where browser mode listens and what it serves. */
export interface WebServerOptions {
  readonly bench: Bench;
  /** Built renderer directory (out/renderer). */
  readonly rendererDir: string;
  readonly host: string;
  readonly port: number;
  readonly log: (message: string) => void;
  /** The secret every request must show (the `?token=` query or the cookie); a fresh one when absent. */
  readonly token?: string;
}

/** A running browser-mode server. */
export interface WebServer {
  /** The URL a person opens: the page with the token (`http://127.0.0.1:5180/?token=…`). */
  readonly url: string;
  /** The page's origin, without the token (`http://127.0.0.1:5180`). */
  readonly origin: string;
  readonly token: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Largest message the bridge socket reads at all (bytes): 4 × MAX_BRIDGE_MESSAGE_BYTES. */
const BRIDGE_SOCKET_CAP = 16 * 1024 * 1024;

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Starts the HTTP server for the renderer and the bridge WebSocket on one port. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { bench, host, log } = options;
  const token = options.token ?? newToken();
  let port = 0;
  const serveStatic = createStaticHandler(options.rendererDir);
  const server = createServer((req, res) => {
    // The token must not leave in a Referer header to a board's page or anywhere else.
    res.setHeader('Referrer-Policy', 'no-referrer');
    const auth = authenticate(req, token, port);
    if (!auth.ok) {
      log(`web: ${req.method ?? '?'} ${pathOf(req)} refused with 401 (${auth.reason})`);
      res
        .writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
        .end(REFUSED_PAGE);
      return;
    }
    if (auth.via === 'query') res.setHeader('Set-Cookie', sessionCookie(token, port));
    const path = pathOf(req);
    if (isDownload(path)) serveDownload(req, res, path, bench.downloads);
    else serveStatic(req, res);
  });
  // Past MAX_BRIDGE_MESSAGE_BYTES a request is answered with an error for that call alone (bridge-socket.ts); only
  // past this hard cap, which no page of ours sends, does ws close the socket (1009).
  const wss = new WebSocketServer({ noServer: true, maxPayload: BRIDGE_SOCKET_CAP });

  server.on('upgrade', (req, socket, head) => {
    const path = pathOf(req);
    if (path !== WEB_BRIDGE_PATH) {
      log(`bridge: upgrade to ${path} refused with 404`);
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const auth = authenticate(req, token, port);
    const refusal = auth.ok ? originRefusal(req, host) : auth.reason;
    const wireBinary = new URL(req.url ?? '/', 'http://x').searchParams.get('wire') === 'binary';
    if (refusal) {
      log(`bridge: upgrade refused with 401 (${refusal})`);
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveBridgeSocket(ws, bench, log, wireBinary));
  });
  server.on('clientError', (_err, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const shownHost =
    host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const origin = `http://${shownHost}:${port}`;

  return {
    url: `${origin}/?${TOKEN_PARAM}=${encodeURIComponent(token)}`,
    origin,
    token,
    port,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const REFUSED_PAGE =
  'This NUCLEO-MEM Bench needs its token: open the URL that "npm run web" printed (it ends in ?token=...).\n';

function pathOf(req: IncomingMessage): string {
  try {
    return new URL(req.url ?? '/', 'http://x').pathname.slice(0, 200);
  } catch {
    return '(malformed)';
  }
}

/**
 * The bridge accepts only pages served by this server: the Origin must be same-origin with the Host, and the Host
 * must be a loopback name or the bound address (which defeats DNS rebinding). Returns why not, or undefined.
 */
export function originRefusal(req: IncomingMessage, boundHost: string): string | undefined {
  const origin = req.headers.origin;
  const hostHeader = req.headers.host;
  if (!origin || !hostHeader) return 'no Origin or Host header';
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return 'malformed Origin';
  }
  if (originHost !== hostHeader) return `Origin ${origin} is not this server`;
  const hostname = hostHeader.replace(/:\d+$/, '');
  const wildcard = boundHost === '0.0.0.0' || boundHost === '::';
  const isIpLiteral = /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname) || hostname.startsWith('[');
  if (LOOPBACK_NAMES.has(hostname) || hostname === boundHost || (wildcard && isIpLiteral)) return undefined;
  return `Host ${hostname} is not allowed`;
}
