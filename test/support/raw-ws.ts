import { createHash, randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { FrameDecoder, encodeFrame, type FrameSpec, type WireFrame } from '../../src/shared/ws-frames';
import { until } from './wait';

/** How the peer ended the connection, as seen from the client. */
export type PeerEnd = 'open' | 'fin' | 'reset' | 'closed';

/** A raw TCP WebSocket client for probing the board's quirks byte by byte. */
export class RawWs {
  readonly socket: Socket;
  bytes = Buffer.alloc(0);
  frames: WireFrame[] = [];
  ended: PeerEnd = 'open';
  connected = false;
  private headerDone = false;
  private decoder = new FrameDecoder({ expectMask: 'any', strict: false });

  constructor(port: number) {
    this.socket = connect({ host: '127.0.0.1', port, allowHalfOpen: true });
    this.socket.setNoDelay(true);
    this.socket.on('connect', () => (this.connected = true));
    this.socket.on('data', (d: Buffer) => this.onData(d));
    this.socket.on('end', () => (this.ended = 'fin'));
    this.socket.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ECONNRESET') this.ended = 'reset';
    });
    this.socket.on('close', () => {
      if (this.ended === 'open') this.ended = 'closed';
    });
  }

  private onData(d: Buffer): void {
    this.bytes = Buffer.concat([this.bytes, d]);
    if (!this.headerDone) {
      const i = this.bytes.indexOf('\r\n\r\n');
      if (i < 0) return;
      this.headerDone = true;
      const rest = this.bytes.subarray(i + 4);
      if (rest.length) this.frames.push(...frames(this.decoder.push(new Uint8Array(rest))));
      return;
    }
    this.frames.push(...frames(this.decoder.push(new Uint8Array(d))));
  }

  /** The HTTP response head, once received. */
  get head(): string {
    const i = this.bytes.indexOf('\r\n\r\n');
    return i < 0 ? '' : this.bytes.subarray(0, i + 4).toString('latin1');
  }

  texts(): string[] {
    return this.frames.filter((f) => f.opcode === 1).map((f) => Buffer.from(f.payload).toString('utf8'));
  }

  async connected_(): Promise<void> {
    await until(() => this.connected, 'TCP connect');
  }

  write(bytes: Uint8Array | string): void {
    this.socket.write(bytes);
  }

  frame(spec: FrameSpec): void {
    this.write(encodeFrame({ mask: Uint8Array.of(1, 2, 3, 4), ...spec }));
  }

  /** Sends a standard upgrade request and waits for the 101 and the first led-status. */
  async open(key = randomBytes(16).toString('base64')): Promise<void> {
    await this.connected_();
    this.write(upgradeRequest(key));
    await until(() => this.texts().length > 0, 'handshake and led-status');
    const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    if (!this.head.includes(`Sec-WebSocket-Accept: ${accept}`)) throw new Error(`bad 101: ${this.head}`);
  }

  destroy(): void {
    this.socket.destroy();
  }
}

const frames = (evs: ReturnType<FrameDecoder['push']>) =>
  evs.flatMap((e) => (e.kind === 'frame' ? [e.frame] : []));

/** A well-formed client upgrade request. */
export function upgradeRequest(key: string, extra = ''): string {
  return `GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`;
}

/** The led-command text. */
export const cmd = (led: string, state: unknown) => JSON.stringify({ type: 'led-command', led, state });
