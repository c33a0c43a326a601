import { connect as netConnect, type Socket } from 'node:net';
import WebSocket from 'ws';
import type { MessageRecord } from '../../../shared/recording/format';
import type { TimelineMark } from '../../../shared/telemetry/types';
import type { RawSender } from '../frames/raw-sender';
import type { FrameTap } from '../frames/tap';
import { backoffDelay, PeriodEstimator, type BackoffOptions } from './backoff';
import { installFrameTap } from './socket-tap';
import { describeCloseWords, describeConnectError } from './ws-words';

/** The WebSocket link's state; every reason is in plain words for a bench engineer. */
export type WsLinkState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'connecting'; readonly attempt: number }
  /** Upgraded and hearing from the board. */
  | { readonly kind: 'open'; readonly since: number }
  /** Still connected, but the board has been silent for more than 3 telemetry periods. */
  | { readonly kind: 'stale'; readonly since: number; readonly lastMessageAt: number }
  /** Disconnected; the next attempt is at retryAt. */
  | { readonly kind: 'waiting'; readonly retryAt: number; readonly reason: string }
  /** Gave up (reconnect disabled or an unusable address). */
  | { readonly kind: 'failed'; readonly reason: string };

export interface WsLinkOptions {
  /** Host (name or address) and port of the board's WebSocket server. */
  readonly host: string;
  readonly port: number;
  readonly handshakeTimeoutMs?: number;
  /** Largest message accepted; the firmware's are < 126 bytes. */
  readonly maxPayload?: number;
  /** How long to wait for the board to answer a Close (the firmware never does) before dropping the socket. */
  readonly closeTimeoutMs?: number;
  /** Telemetry period assumed until arrivals show another one. */
  readonly defaultPeriodMs?: number;
  /** Periods of silence before the link is called stale. */
  readonly stalePeriods?: number;
  /** Silence after which the connection is dropped and reopened (ms); default max(10 s, 10 periods). */
  readonly silenceReconnectMs?: number;
  readonly reconnect?: boolean;
  readonly backoff?: BackoffOptions;
  /** Which received texts count for the period estimate (default: all). */
  readonly isPeriodic?: (text: string) => boolean;
  readonly now?: () => number;
  /** Every message in both directions. */
  readonly onRecord?: (record: MessageRecord) => void;
  readonly onState?: (state: WsLinkState) => void;
  /** connect / disconnect / stale marks for the time axis. */
  readonly onMark?: (mark: TimelineMark) => void;
  /** The frame log's tap: every TCP connection of this link with its bytes and events. Only installed when given. */
  readonly frameTap?: FrameTap;
  /** Board profile id passed to the frame tap. */
  readonly boardId?: string;
  /** The composer's sender while the link is open; undefined (with the reason) when it closes. */
  readonly onSender?: (sender: RawSender | undefined, reason?: string) => void;
}

let connectionSeq = 0;

/**
 * A WebSocket client tuned for the NUCLEO-MEM firmware (docs/firmware-protocol.md §15): no pings, no subprotocol, no
 * compression, Nagle off, a short handshake timeout, a small maxPayload, a short close wait, a telemetry-silence
 * watchdog instead of ping/pong, and reconnect with backoff and jitter.
 */
export class WsLink {
  private current: WsLinkState = { kind: 'idle' };
  private ws: WebSocket | undefined;
  private attempt = 0;
  private stopped = true;
  private retryTimer: NodeJS.Timeout | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private lastMessageAt = 0;
  private openedAt = 0;
  private readonly period: PeriodEstimator;
  private readonly now: () => number;
  private readonly label: string;

  constructor(private readonly opts: WsLinkOptions) {
    this.now = opts.now ?? Date.now;
    this.period = new PeriodEstimator(opts.defaultPeriodMs ?? 1000);
    const h = opts.host.includes(':') && !opts.host.startsWith('[') ? `[${opts.host}]` : opts.host;
    this.label = `Board at ${h}:${opts.port}`;
  }

  /** The state now. */
  get state(): WsLinkState {
    return this.current;
  }

  /** The estimated telemetry period in ms. */
  get periodMs(): number {
    return this.period.periodMs;
  }

  /** Starts connecting (and keeps reconnecting until close()). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.attempt = 0;
    this.connect();
  }

  /**
   * Tries again now instead of at the end of the backoff pause (the board is back: another of its links answered,
   * or the app started or rebooted it), and starts the backoff over, since the pauses grown while it was away no
   * longer say anything. Only while waiting to retry; an open or connecting link is left alone.
   */
  retryNow(): void {
    if (this.stopped || this.current.kind !== 'waiting' || !this.retryTimer) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.attempt = 0;
    this.connect();
  }

  /** Sends one text message; false when the link is not open. */
  send(text: string): boolean {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(text);
    this.opts.onRecord?.({ t: this.now(), dir: 'tx', op: 1, data: text });
    return true;
  }

  /** Stops reconnecting and closes: a Close frame, then the socket is dropped after closeTimeoutMs. */
  async close(): Promise<void> {
    this.stopped = true;
    this.clearTimers();
    const ws = this.ws;
    this.ws = undefined;
    if (ws && ws.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        if (ws.readyState === WebSocket.OPEN) {
          this.opts.onRecord?.({
            t: this.now(),
            dir: 'tx',
            op: 8,
            b64: Buffer.from([0x03, 0xe8]).toString('base64'),
          });
          ws.close(1000);
        } else ws.terminate();
      });
      if (this.openedAt) this.mark('disconnect', 'closed by the app');
    }
    this.openedAt = 0;
    this.setState({ kind: 'idle' });
  }

  private connect(): void {
    const attempt = ++this.attempt;
    this.setState({ kind: 'connecting', attempt });
    let tcpConnected = false;
    const frameTap = this.opts.frameTap;
    const connId = `${this.opts.boardId ?? 'board'}#${++connectionSeq}`;
    let rawSocket: Socket | undefined;
    const handshakeTimeoutMs = this.opts.handshakeTimeoutMs ?? 5000;
    const host = this.opts.host.replace(/^\[(.*)\]$/, '$1');
    const urlHost = host.includes(':') ? `[${host}]` : host;
    let ws: WebSocket;
    try {
      // closeTimeout exists in ws 8.23 but not yet in @types/ws.
      const options: WebSocket.ClientOptions & { closeTimeout: number } = {
        handshakeTimeout: handshakeTimeoutMs,
        maxPayload: this.opts.maxPayload ?? 64 * 1024,
        perMessageDeflate: false,
        followRedirects: false,
        autoPong: true,
        closeTimeout: this.opts.closeTimeoutMs ?? 1000,
        createConnection: (o) => {
          const socket = netConnect(o as Parameters<typeof netConnect>[0]);
          socket.setNoDelay(true);
          socket.once('connect', () => (tcpConnected = true));
          if (frameTap)
            installFrameTap(socket, frameTap, connId, {
              host,
              port: this.opts.port,
              boardId: this.opts.boardId,
            });
          rawSocket = socket;
          return socket;
        },
      };
      ws = new WebSocket(`ws://${urlHost}:${this.opts.port}/`, options);
    } catch (err) {
      this.setState({
        kind: 'failed',
        reason: `${this.label}: ${err instanceof Error ? err.message : String(err)}`,
      });
      this.stopped = true;
      return;
    }
    this.ws = ws;
    let failure: string | undefined;
    let opened = false;

    ws.on('upgrade', () => undefined);
    ws.on('open', () => {
      opened = true;
      this.openedAt = this.now();
      this.lastMessageAt = 0;
      this.period.reset();
      this.setState({ kind: 'open', since: this.openedAt });
      this.mark('connect', `${this.label} connected`);
      this.armWatchdog();
      this.opts.onSender?.(this.senderFor(ws, () => rawSocket));
    });
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      const t = this.now();
      const text = isBinary ? undefined : data.toString('utf8');
      this.opts.onRecord?.(
        isBinary
          ? { t, dir: 'rx', op: 2, b64: data.toString('base64') }
          : { t, dir: 'rx', op: 1, data: text },
      );
      this.heard(t, text);
    });
    ws.on('ping', (data: Buffer) =>
      this.opts.onRecord?.({ t: this.now(), dir: 'rx', op: 9, b64: data.toString('base64') }),
    );
    ws.on('pong', (data: Buffer) =>
      this.opts.onRecord?.({ t: this.now(), dir: 'rx', op: 10, b64: data.toString('base64') }),
    );
    ws.on('unexpected-response', (_req, res) => {
      failure = `${this.label} answered the WebSocket upgrade with HTTP ${res.statusCode ?? '?'} instead of 101 — is port ${this.opts.port} the board's WebSocket port?`;
      res.resume();
      ws.terminate();
    });
    ws.on('error', (err: NodeJS.ErrnoException) => {
      if (frameTap && !opened && tcpConnected && /handshake has timed out/i.test(err.message)) {
        frameTap.connectionEvent(
          connId,
          'upgrade-unanswered',
          `no answer to the upgrade within ${handshakeTimeoutMs / 1000} s`,
        );
      }
      failure ??= opened
        ? describeCloseWords(this.label, err)
        : describeConnectError(this.label, err, {
            tcpConnected,
            handshakeTimeoutMs,
            host,
            port: this.opts.port,
          });
    });
    ws.on('close', (code: number, reason: Buffer) => {
      if (opened && code !== 1005 && code !== 1006) {
        const b = Buffer.alloc(2 + reason.length);
        b.writeUInt16BE(code, 0);
        reason.copy(b, 2);
        this.opts.onRecord?.({ t: this.now(), dir: 'rx', op: 8, b64: b.toString('base64') });
      }
      if (opened) this.opts.onSender?.(undefined, 'The WebSocket link closed.');
      if (this.ws !== ws) return; // closed on purpose by close()
      this.ws = undefined;
      this.clearTimers();
      const reason2 =
        failure ??
        (opened
          ? code === 1006
            ? `${this.label} dropped the connection without a WebSocket Close (TCP closed or reset)`
            : `${this.label} closed the WebSocket (code ${code})`
          : `${this.label} closed the connection during the WebSocket upgrade`);
      if (opened) {
        this.mark('disconnect', reason2);
        if (this.now() - this.openedAt >= 5000) this.attempt = 0;
      }
      this.openedAt = 0;
      this.scheduleRetry(reason2);
    });
  }

  /** The composer's way onto this connection: messages through ws, raw frames straight onto the socket. */
  private senderFor(ws: WebSocket, socket: () => Socket | undefined): RawSender {
    const openOrThrow = () => {
      if (ws.readyState !== WebSocket.OPEN) throw new Error('The WebSocket link is not open.');
    };
    return {
      sendText: async (text) => {
        openOrThrow();
        this.send(text);
      },
      sendRaw: async (bytes) => {
        openOrThrow();
        const s = socket();
        if (!s) throw new Error('The WebSocket link has no socket.');
        await new Promise<void>((resolve, reject) =>
          s.write(bytes, (err) => (err ? reject(err) : resolve())),
        );
      },
      ping: async (payload) => {
        openOrThrow();
        ws.ping(payload ? Buffer.from(payload) : undefined);
        this.opts.onRecord?.({
          t: this.now(),
          dir: 'tx',
          op: 9,
          b64: Buffer.from(payload ?? []).toString('base64'),
        });
      },
      close: async (code, reason) => {
        openOrThrow();
        ws.close(code, reason);
        const b = Buffer.alloc(2 + Buffer.byteLength(reason));
        b.writeUInt16BE(code, 0);
        b.write(reason, 2);
        this.opts.onRecord?.({ t: this.now(), dir: 'tx', op: 8, b64: b.toString('base64') });
      },
    };
  }

  private heard(t: number, text: string | undefined): void {
    this.lastMessageAt = t;
    if (text === undefined || (this.opts.isPeriodic ?? (() => true))(text)) this.period.arrival(t);
    if (this.current.kind === 'stale') this.setState({ kind: 'open', since: this.openedAt });
    this.armWatchdog();
  }

  private armWatchdog(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    const period = this.period.periodMs;
    const staleMs = period * (this.opts.stalePeriods ?? 3);
    const dropMs = this.opts.silenceReconnectMs ?? Math.max(10_000, period * 10);
    const from = this.lastMessageAt || this.openedAt;
    const check = (): void => {
      const silent = this.now() - from;
      const ws = this.ws;
      if (!ws || this.stopped) return;
      if (silent >= dropMs) {
        const words = `${this.label} sent nothing for ${Math.round(silent / 1000)} s; dropped the connection to reconnect`;
        this.ws = undefined;
        ws.terminate();
        this.clearTimers();
        this.mark('disconnect', words);
        this.openedAt = 0;
        this.scheduleRetry(words);
        return;
      }
      if (silent >= staleMs && this.current.kind === 'open') {
        this.setState({ kind: 'stale', since: this.openedAt, lastMessageAt: this.lastMessageAt });
        this.mark(
          'stale',
          `no message for ${(silent / 1000).toFixed(1)} s (expected one every ${(period / 1000).toFixed(1)} s)`,
        );
      }
      this.watchdog = setTimeout(check, Math.max(50, (silent >= staleMs ? dropMs : staleMs) - silent));
    };
    this.watchdog = setTimeout(check, Math.max(50, staleMs - (this.now() - from)));
  }

  private scheduleRetry(reason: string): void {
    if (this.stopped || this.opts.reconnect === false) {
      this.stopped = true;
      this.setState({ kind: 'failed', reason });
      return;
    }
    const delay = backoffDelay(this.attempt - 1, this.opts.backoff);
    this.setState({ kind: 'waiting', retryAt: this.now() + delay, reason });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.stopped) this.connect();
    }, delay);
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.watchdog) clearTimeout(this.watchdog);
    this.retryTimer = this.watchdog = undefined;
  }

  private mark(kind: TimelineMark['kind'], detail: string): void {
    this.opts.onMark?.({ t: this.now(), kind, detail });
  }

  private setState(s: WsLinkState): void {
    this.current = s;
    this.opts.onState?.(s);
  }
}
