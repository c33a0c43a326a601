// The steps that use the board's other servers: HTTP (one request at a time, as the firmware's 1–2 sessions want),
// FTP (the app's FtpLink over basic-ftp: TYPE I, passive, NetX's LIST), and a second WebSocket client that tells
// whether the board serves it, holds it waiting (the firmware's one client, §3.6) or refuses it.
import { request } from 'node:http';
import { Readable, Writable } from 'node:stream';
import WebSocket from 'ws';
import { formatDuration } from '../../shared/scenarios/duration';

/** What an HTTP request got. */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** Most bytes of a body or file kept for a check; more is a failure in words. */
export const MAX_BODY_BYTES = 20 * 1024 * 1024;

/** One request on its own connection (no keep-alive: the board has 1–2 HTTP sessions for everyone). */
export function httpRequest(
  base: { host: string; port: number },
  method: 'GET' | 'HEAD',
  path: string,
  withinMs: number,
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: base.host, port: base.port, method, path, agent: false, headers: { Connection: 'close' } },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_BODY_BYTES) {
            req.destroy(new Error(`the body is over ${MAX_BODY_BYTES / 1024 / 1024} MB`));
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => {
          clearTimeout(timer);
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers))
            if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
        });
        res.on('error', fail);
      },
    );
    const timer = setTimeout(
      () => req.destroy(new Error(`no complete answer within ${formatDuration(withinMs)}`)),
      withinMs,
    );
    function fail(err: Error): void {
      clearTimeout(timer);
      reject(err);
    }
    req.on('error', fail);
    req.end();
  });
}

/** Plain words for a failed request. */
export function httpError(err: unknown, where: string): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ECONNREFUSED') return `nothing accepts HTTP connections at ${where} (connection refused)`;
  if (code === 'ECONNRESET') return `the board reset the HTTP connection at ${where}`;
  return err instanceof Error ? err.message : String(err);
}

/** A readable stream of bytes (an FTP upload's source). */
export function bytesSource(bytes: Uint8Array): Readable {
  return Readable.from([Buffer.from(bytes)]);
}

/** A writable that keeps what it is given, up to MAX_BODY_BYTES. */
export function bytesSink(): { sink: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  let size = 0;
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return cb(new Error(`the file is over ${MAX_BODY_BYTES / 1024 / 1024} MB`));
      chunks.push(chunk);
      cb();
    },
  });
  return { sink, bytes: () => Buffer.concat(chunks) };
}

/** Rejects with words when `work` has not settled within `ms`; `onTimeout` breaks it off. */
export function within<T>(work: Promise<T>, ms: number, what: string, onTimeout: () => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      onTimeout();
      reject(new Error(`${what} did not finish within ${formatDuration(ms)}`));
    }, ms);
    work.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** How a second WebSocket client fared. */
export type SecondClient =
  | { readonly kind: 'accepted'; readonly ms: number }
  | { readonly kind: 'refused'; readonly ms: number; readonly reason: string }
  | { readonly kind: 'waits'; readonly ms: number };

/**
 * Opens a second client to `url` for `ms` and says what happened: upgraded (accepted), answered with an error or a
 * closed connection (refused), or nothing at all (waits: the firmware holds the SYN, the virtual board holds the
 * accepted TCP connection and reads nothing). The client is closed afterwards either way.
 */
export function probeSecondClient(url: string, ms: number): Promise<SecondClient> {
  const started = Date.now();
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { perMessageDeflate: false, followRedirects: false, autoPong: false });
    let settled = false;
    const settle = (r: SecondClient) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      ws.removeAllListeners();
      ws.on('error', () => undefined);
      ws.terminate();
      resolve(r);
    };
    const timer = setTimeout(() => settle({ kind: 'waits', ms: Date.now() - started }), ms);
    ws.once('open', () => settle({ kind: 'accepted', ms: Date.now() - started }));
    ws.once('unexpected-response', (_req, res) =>
      settle({
        kind: 'refused',
        ms: Date.now() - started,
        reason: `HTTP ${res.statusCode ?? '?'} instead of 101`,
      }),
    );
    ws.once('error', (err) => settle({ kind: 'refused', ms: Date.now() - started, reason: err.message }));
    ws.once('close', () =>
      settle({ kind: 'refused', ms: Date.now() - started, reason: 'the connection was closed' }),
    );
  });
}
