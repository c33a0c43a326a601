import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { WEB_BRIDGE_PATH } from '../../shared/bridge/contract';
import type { Bench } from '../core/bench';
import { serveBridgeSocket } from './bridge-socket';
import { createStaticHandler } from './static-files';

/** Where browser mode listens and what it serves. */
export interface WebServerOptions {
  readonly bench: Bench;
  /** Built renderer directory (out/renderer). */
  readonly rendererDir: string;
  readonly host: string;
  readonly port: number;
  readonly log: (message: string) => void;
}

/** A running browser-mode server. */
export interface WebServer {
  /** The URL a person opens. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Starts the HTTP server for the renderer and the bridge WebSocket on one port. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { bench, host, log } = options;
  const serveStatic = createStaticHandler(options.rendererDir);
  const server = createServer((req, res) => serveStatic(req, res));
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 * 1024 });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    const refusal = path !== WEB_BRIDGE_PATH ? 'unknown path' : originRefusal(req, host);
    if (refusal) {
      log(`bridge: upgrade refused (${refusal})`);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) =>
      serveBridgeSocket(ws, bench, log, url.searchParams.get('wire') === 'binary'),
    );
  });
  server.on('clientError', (_err, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost =
    host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${shownHost}:${port}`,
    port,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
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
