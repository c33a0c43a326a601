import type { Socket } from 'node:net';
import { open } from './raw';

/** A minimal FTP control client for bad-input tests: raw bytes out, complete replies in. */
export class RawFtp {
  private buf = '';
  private waiters: Array<(reply: string) => void> = [];
  readonly replies: string[] = [];
  closed = false;

  private constructor(readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (d: Buffer) => {
      this.buf += d.toString('utf8');
      for (;;) {
        const m = /^(\d{3}) [^\r\n]*\r\n/m.exec(this.buf);
        if (!m) break;
        const end = m.index + m[0].length;
        const reply = this.buf.slice(0, end).trimEnd();
        this.buf = this.buf.slice(end);
        this.replies.push(reply);
        this.waiters.shift()?.(reply);
      }
    });
    socket.on('close', () => {
      this.closed = true;
      for (const w of this.waiters.splice(0)) w('');
    });
  }

  static async connect(port: number): Promise<RawFtp> {
    const c = new RawFtp(await open(port));
    const hello = await c.next();
    if (!hello.startsWith('220')) throw new Error(`unexpected greeting ${hello}`);
    return c;
  }

  /** The next complete reply ('' if the connection closed first). */
  next(timeoutMs = 5000): Promise<string> {
    return new Promise((resolve, reject) => {
      if (this.closed) return resolve('');
      const timer = setTimeout(() => reject(new Error('no FTP reply in time')), timeoutMs);
      this.waiters.push((r) => {
        clearTimeout(timer);
        resolve(r);
      });
    });
  }

  /** Sends one command line (CRLF added) and resolves with its reply. */
  async cmd(line: string | Buffer): Promise<string> {
    const reply = this.next();
    this.socket.write(typeof line === 'string' ? `${line}\r\n` : line);
    return reply;
  }

  async login(): Promise<void> {
    await this.cmd('USER u');
    await this.cmd('PASS p');
  }

  close(): void {
    this.socket.destroy();
  }
}
