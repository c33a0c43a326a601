import { connect, type Socket } from 'node:net';

/** Opens a TCP connection to 127.0.0.1:port. */
export function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
}

/** Collects what a socket receives until `done(text)` is true, it closes, or the timeout passes. */
export function readUntil(
  s: Socket,
  done: (text: string) => boolean,
  timeoutMs = 5000,
): Promise<{ text: string; closed: boolean; timedOut: boolean }> {
  return new Promise((resolve) => {
    let text = '';
    const finish = (closed: boolean, timedOut: boolean) => {
      clearTimeout(timer);
      s.off('data', onData);
      s.off('close', onClose);
      resolve({ text, closed, timedOut });
    };
    const onData = (d: Buffer) => {
      text += d.toString('latin1');
      if (done(text)) finish(false, false);
    };
    const onClose = () => finish(true, false);
    const timer = setTimeout(() => finish(false, true), timeoutMs);
    s.on('data', onData);
    s.once('close', onClose);
  });
}

/** True once a full HTTP response (headers plus Content-Length bytes of body) is in `text`. */
export function httpComplete(text: string): boolean {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const m = /content-length: (\d+)/i.exec(text.slice(0, end));
  return text.length >= end + 4 + (m ? Number(m[1]) : 0);
}

/** Sends one raw HTTP request on a new connection and returns the raw response text. */
export async function rawHttp(port: number, request: string, timeoutMs = 5000): Promise<string> {
  const s = await open(port);
  s.write(request);
  const r = await readUntil(s, httpComplete, timeoutMs);
  s.destroy();
  return r.text;
}
