import type { Socket } from 'node:net';
import { FrameDecoder, OPCODES, encodeFrame } from '../../../shared/ws-frames';
import type { TimerHandle, TimerSet } from '../clock';
import type { PacketLease, PacketPool } from '../memory/packet-pool';
import { judgeHandshake } from './firmware-handshake';
import type { WsClient, WsHost } from './host';

/** Timing knobs of the firmware profile. */
export interface FirmwareWsOptions {
  /** `ws_perform_handshake` receive timeout (5 × NX_IP_PERIODIC_RATE). Default 5000 ms. */
  readonly handshakeTimeoutMs?: number;
  /** How long a half-open socket (client FIN, never answered) is kept before it is quietly destroyed. Default 60 s. */
  readonly halfOpenLingerMs?: number;
  /** NetX listen queue (WS_SERVER_LISTEN_QUEUE_SIZE). Default 4. */
  readonly listenQueue?: number;
}

type ConnState = 'handshake' | 'open' | 'gone';

/** One TCP connection in the slot (the firmware's single listen socket). */
class Conn {
  state: ConnState = 'handshake';
  timer: TimerHandle | undefined;
  readonly leases = new Set<PacketLease>();
  client: WsClient | undefined;
  constructor(
    readonly id: number,
    readonly socket: Socket,
    readonly remote: string,
  ) {}
}

/** Resolves on 'drain' or 'close', whichever comes first. */
export function drained(socket: Socket): Promise<void> {
  if (!socket.writableNeedDrain || socket.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
}

const hex = (n: number) => `0x${n.toString(16).toUpperCase()}`;

/**
 * The firmware's WebSocket server (docs/firmware-protocol.md §3, §14.1): one client, others held silently in a queue of
 * 4, the case-sensitive first-segment handshake, the one-frame-per-segment parser, no PONG, no Close echo, RST on
 * failure, and sends dropped when the WS packet pool is exhausted.
 */
export class FirmwareWsServer {
  private active: Conn | undefined;
  private readonly pending: Conn[] = [];
  private dropping = 0;
  private readonly handshakeTimeoutMs: number;
  private readonly halfOpenLingerMs: number;
  private readonly listenQueue: number;
  private readonly halfOpen = new Set<Socket>();

  constructor(
    private readonly host: WsHost,
    private readonly pool: PacketPool,
    private readonly timers: TimerSet,
    options: FirmwareWsOptions = {},
  ) {
    this.handshakeTimeoutMs = options.handshakeTimeoutMs ?? 5000;
    this.halfOpenLingerMs = options.halfOpenLingerMs ?? 60_000;
    this.listenQueue = options.listenQueue ?? 4;
  }

  /** Sends dropped because the pool was exhausted, since the last successful send. */
  get droppedRun(): number {
    return this.dropping;
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /** A new TCP connection from the listener. */
  accept(socket: Socket): void {
    const remote = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? 0}`;
    const conn = new Conn(this.host.nextConnId(), socket, remote);
    socket.setNoDelay(true);
    socket.on('error', (err: NodeJS.ErrnoException) => this.onError(conn, err));
    socket.on('close', () => this.onClose(conn));
    this.host.tap?.({
      conn: conn.id,
      dir: 'rx',
      bytes: new Uint8Array(0),
      time: this.host.now(),
      note: 'open',
      remote,
    });
    if (this.active) {
      // No SYN-ACK on the real board; here the kernel has accepted, so the best equivalent is to read nothing.
      socket.pause();
      this.pending.push(conn);
      this.host.log(
        `ws: ${remote} held in the listen queue (one client at a time; ${this.pending.length} waiting)`,
      );
      if (this.pending.length > this.listenQueue) {
        const oldest = this.pending.shift()!;
        this.host.log(`ws: ${oldest.remote} evicted from the full listen queue (reset)`);
        oldest.state = 'gone';
        oldest.socket.resetAndDestroy();
      }
      this.host.pendingChanged(this.pending.length);
      return;
    }
    this.admit(conn);
  }

  /** Drops everything (reboot, profile change, close). */
  closeAll(): void {
    const all = [...(this.active ? [this.active] : []), ...this.pending.splice(0)];
    this.active = undefined;
    for (const c of all) this.reset(c, false);
    for (const s of this.halfOpen) s.destroy();
    this.halfOpen.clear();
    this.host.pendingChanged(0);
  }

  /** Fault: drop the current client with a reset. */
  dropLink(): boolean {
    if (!this.active) return false;
    this.host.log(`ws: link to ${this.active.remote} dropped by the control API (reset)`);
    this.reset(this.active, true);
    return true;
  }

  private admit(conn: Conn): void {
    this.active = conn;
    conn.state = 'handshake';
    if (this.host.verbose()) this.host.uart('WS: Client connecting...');
    conn.socket.on('data', (chunk: Buffer) => this.onData(conn, chunk));
    conn.socket.on('end', () => this.onEnd(conn));
    conn.socket.resume();
    this.armHandshakeTimer(conn);
  }

  private armHandshakeTimer(conn: Conn): void {
    this.timers.cancel(conn.timer);
    conn.timer = this.timers.after(this.handshakeTimeoutMs, () => {
      if (conn.state !== 'handshake' || this.active !== conn) return;
      this.host.uart('WS: Handshake failed: 0x1');
      this.host.log(`ws: ${conn.remote} sent no handshake within ${this.handshakeTimeoutMs} ms (reset)`);
      this.reset(conn, true);
    });
  }

  private onData(conn: Conn, chunk: Buffer): void {
    if (conn.state === 'gone' || this.active !== conn) return;
    this.host.tap?.({
      conn: conn.id,
      dir: 'rx',
      bytes: new Uint8Array(chunk),
      time: this.host.now(),
      remote: conn.remote,
    });
    if (conn.state === 'handshake') this.handshake(conn, chunk);
    else this.segment(conn, chunk);
  }

  private handshake(conn: Conn, chunk: Buffer): void {
    this.timers.cancel(conn.timer);
    const verbose = this.host.verbose();
    if (verbose) this.host.uart(`WS: Received ${chunk.length} bytes`);
    const v = judgeHandshake(chunk);
    if (!v.ok) {
      if (verbose) this.host.uart(v.verboseLine);
      this.host.uart('WS: Handshake failed: 0x43');
      this.host.log(`ws: handshake from ${conn.remote} rejected: ${v.reason} (reset)`);
      this.reset(conn, true);
      return;
    }
    if (verbose) {
      this.host.uart(`WS: Client key: ${v.key}`);
      this.host.uart(`WS: Accept key: ${v.accept}`);
      this.host.uart(`WS: Sending response (${v.response.length} bytes):\r\n${v.response}\r\n---END---`);
      const bytes = Buffer.from(v.response, 'latin1').subarray(0, 50);
      this.host.uart(
        `WS: Response hex: ${Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0') + ' ').join('')}`,
      );
    }
    this.write(conn, Buffer.from(v.response, 'latin1'));
    if (verbose) {
      this.host.uart('WS: Handshake response sent');
      this.host.uart('WS: Handshake successful!');
      this.host.uart('WS: Client connected (slot 0)');
    }
    conn.state = 'open';
    const client: WsClient = {
      id: conn.id,
      remote: conn.remote,
      profile: 'firmware',
      since: this.host.now(),
      send: (text) => this.send(conn, text),
      reset: () => this.reset(conn, true),
      backpressure: () => conn.socket.writableNeedDrain,
      whenDrained: () => drained(conn.socket),
    };
    conn.client = client;
    this.host.clientOpened(client);
    this.send(conn, this.host.ledStatus());
  }

  /** WS_ReceiveFrame: one segment, at most one frame. */
  private segment(conn: Conn, chunk: Buffer): void {
    const log = (what: string) => this.host.log(`ws: ${conn.remote}: ${what}`);
    if (chunk.length < 2) return log(`segment of ${chunk.length} byte dropped (shorter than a frame header)`);
    if ((chunk[1]! & 0x7f) === 127) return log('frame with a 64-bit length dropped');
    const dec = new FrameDecoder({ strict: false, expectMask: 'any', maxPayload: 0xffff });
    const ev = dec.push(chunk)[0];
    if (!ev || ev.kind !== 'frame')
      return log(
        `segment of ${chunk.length} bytes dropped: the frame does not fit in it (split frames are lost)`,
      );
    const f = ev.frame;
    if (f.end < chunk.length)
      log(`${chunk.length - f.end} bytes after the first frame of the segment discarded`);
    switch (f.opcode) {
      case OPCODES.text: {
        if (f.payloadLength >= 1024)
          return log(`text frame of ${f.payloadLength} bytes ignored (limit 1023)`);
        const nul = f.payload.indexOf(0);
        const text = Buffer.from(nul >= 0 ? f.payload.subarray(0, nul) : f.payload).toString('utf8');
        if (this.host.verbose()) this.host.uart(`WS received: ${text}`);
        if (this.host.command(text)) this.send(conn, this.host.ledStatus());
        return;
      }
      case OPCODES.close:
        if (this.host.verbose()) this.host.uart('WS: Client sent close frame');
        log('Close frame received: not echoed; waiting for a new handshake on the same connection');
        this.sessionEnded(conn);
        this.host.uart(`WS: Relisten failed: ${hex(0x35)}`);
        conn.state = 'handshake';
        this.armHandshakeTimer(conn);
        return;
      case OPCODES.ping:
        if (this.host.verbose()) this.host.uart('WS: Ping received');
        return log('ping ignored (the firmware never sends a pong)');
      default:
        return log(`frame with opcode ${f.opcode} ignored`);
    }
  }

  private onEnd(conn: Conn): void {
    if (conn.state === 'gone') return;
    if (conn.state === 'handshake') {
      this.host.uart(`WS: Handshake failed: ${hex(0x38)}`);
      this.host.log(`ws: ${conn.remote} closed during the handshake wait (reset)`);
      this.reset(conn, true);
      return;
    }
    // CLOSE_WAIT: the firmware unaccepts without sending FIN or RST. Keep our side open, then forget it quietly.
    if (this.host.verbose()) this.host.uart('WS: Client disconnected');
    this.host.log(`ws: ${conn.remote} closed its side (FIN); left half-open as the firmware does`);
    const sock = conn.socket;
    this.halfOpen.add(sock);
    this.timers.after(this.halfOpenLingerMs, () => {
      this.halfOpen.delete(sock);
      sock.destroy();
    });
    this.release(conn);
  }

  private onError(conn: Conn, err: NodeJS.ErrnoException): void {
    if (conn.state === 'gone') return;
    this.host.log(`ws: ${conn.remote}: socket error ${err.code ?? err.message}`);
  }

  private onClose(conn: Conn): void {
    this.halfOpen.delete(conn.socket);
    const i = this.pending.indexOf(conn);
    if (i >= 0) {
      this.pending.splice(i, 1);
      this.host.pendingChanged(this.pending.length);
    }
    if (conn.state !== 'gone') this.release(conn);
    this.host.tap?.({
      conn: conn.id,
      dir: 'rx',
      bytes: new Uint8Array(0),
      time: this.host.now(),
      note: 'close',
      remote: conn.remote,
    });
  }

  /** TCP reset (nx_tcp_socket_disconnect with NX_NO_WAIT), then the slot is free. */
  private reset(conn: Conn, admitNext: boolean): void {
    if (conn.state === 'gone') return;
    const wasActive = this.active === conn;
    this.release(conn, admitNext && wasActive);
    if (!conn.socket.destroyed) conn.socket.resetAndDestroy();
  }

  private sessionEnded(conn: Conn): void {
    if (conn.client) {
      const c = conn.client;
      conn.client = undefined;
      this.host.clientClosed(c);
    }
  }

  /** Frees the slot (unaccept + relisten) and admits the oldest held connection. */
  private release(conn: Conn, admitNext = true): void {
    this.timers.cancel(conn.timer);
    conn.state = 'gone';
    for (const l of conn.leases) l.release();
    conn.leases.clear();
    this.sessionEnded(conn);
    if (this.active !== conn) return;
    this.active = undefined;
    if (!admitNext) return;
    const next = this.pending.shift();
    if (next) {
      if (this.host.verbose()) this.host.uart(`WS: Relisten failed: ${hex(0x48)}`);
      this.host.pendingChanged(this.pending.length);
      this.host.log(`ws: ${next.remote} admitted from the listen queue`);
      this.admit(next);
    }
  }

  /** WS_Server_SendJSON: one unmasked text frame, NX_NO_WAIT: dropped silently when the pool is exhausted. */
  private send(conn: Conn, text: string): void {
    if (conn.state !== 'open' || this.active !== conn) return;
    const frame = encodeFrame({ opcode: OPCODES.text, payload: text });
    if (frame.length - 4 >= 65536)
      return this.host.log('ws: message of 64 KiB or more not sent (the firmware refuses it)');
    const lease = this.pool.allocate(frame.length);
    if (!lease) {
      if (this.dropping++ === 0)
        this.host.log('ws: send dropped: WS packet pool exhausted (slow reader); dropping until it frees');
      return;
    }
    if (this.dropping > 0) {
      this.host.log(`ws: sends resumed after ${this.dropping} dropped`);
      this.dropping = 0;
    }
    conn.leases.add(lease);
    this.write(conn, frame, () => {
      conn.leases.delete(lease);
      lease.release();
    });
  }

  private write(conn: Conn, bytes: Uint8Array, done?: () => void): void {
    this.host.tap?.({ conn: conn.id, dir: 'tx', bytes, time: this.host.now(), remote: conn.remote });
    conn.socket.write(bytes, () => done?.());
  }
}
