import { request } from 'node:http';
import { connect } from 'node:net';

/** What a light health probe found. */
export type ProbeState =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'open'; readonly since: number; readonly detail: string }
  | { readonly kind: 'failed'; readonly reason: string }
  | { readonly kind: 'idle' };

/** One probe run: resolves with words on success, rejects with an Error whose message is the reason. */
export type ProbeFn = (signal: AbortSignal) => Promise<string>;

/**
 * While a probe fails, how soon it checks again: every `everyMs` for the first `forMs` after the first failure,
 * then at its normal period. A board that is down answers nothing, so a frequent check costs it nothing, and the
 * first answer is how the app sees the board come back (its other links are then tried at once).
 */
export interface ProbeReturnWatch {
  readonly everyMs: number;
  readonly forMs: number;
}

/**
 * Runs a probe now and then every `everyMs`, never two at a time (the board's HTTP server has 1–2 sessions).
 * Reports open/failed; keeps `since` while it stays open.
 */
export class PeriodicProbe {
  private timer: NodeJS.Timeout | undefined;
  private abort: AbortController | undefined;
  private state: ProbeState = { kind: 'idle' };
  private stopped = true;
  private running = false;
  /** A kick came while a check ran: check again as soon as it ends. */
  private again = false;
  /** When the probe started failing (0 while it answers). */
  private failingSince = 0;

  constructor(
    private readonly probe: ProbeFn,
    private readonly everyMs: number,
    private readonly onState: (s: ProbeState) => void,
    private readonly now: () => number = Date.now,
    private readonly returnWatch?: ProbeReturnWatch,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.set({ kind: 'connecting' });
    void this.run();
  }

  /** The last result (open / failed / connecting / idle). */
  get current(): ProbeState {
    return this.state;
  }

  /**
   * Checks again now (another link to the board dropped or came back). A check already running is not doubled:
   * the next one starts as soon as it ends, so the answer reflects the board after the kick.
   */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.abort?.abort();
    this.set({ kind: 'idle' });
  }

  private async run(): Promise<void> {
    this.abort = new AbortController();
    this.running = true;
    this.again = false;
    try {
      const detail = await this.probe(this.abort.signal);
      if (this.stopped) return;
      this.failingSince = 0;
      this.set({ kind: 'open', since: this.state.kind === 'open' ? this.state.since : this.now(), detail });
    } catch (err) {
      if (this.stopped) return;
      if (this.failingSince === 0) this.failingSince = this.now();
      this.set({ kind: 'failed', reason: err instanceof Error ? err.message : String(err) });
    } finally {
      this.running = false;
    }
    if (this.stopped) return;
    if (this.again) return void this.run();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, this.pause());
  }

  /** The pause before the next check: short while watching for the board's return, else the period. */
  private pause(): number {
    const w = this.returnWatch;
    if (!w || this.failingSince === 0 || this.now() - this.failingSince >= w.forMs) return this.everyMs;
    return Math.min(w.everyMs, this.everyMs);
  }

  private set(s: ProbeState): void {
    this.state = s;
    this.onState(s);
  }
}

/** `HEAD /` on the board's HTTP port; any HTTP answer means the server is there. */
export function httpProbe(host: string, port: number, timeoutMs = 5000): ProbeFn {
  const label = `HTTP server at ${fmtHost(host)}:${port}`;
  return (signal) =>
    new Promise((resolve, reject) => {
      const req = request(
        {
          host,
          port,
          method: 'HEAD',
          path: '/',
          timeout: timeoutMs,
          signal,
          agent: false,
          headers: { Connection: 'close' },
        },
        (res) => {
          res.resume();
          resolve(`${label} answered HEAD / with ${res.statusCode}`);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${label} did not answer within ${timeoutMs / 1000} s`)));
      req.on('error', (err: NodeJS.ErrnoException) => reject(new Error(netWords(label, err))));
      req.end();
    });
}

/** Opens the FTP control connection, reads the 220 greeting and says QUIT. */
export function ftpProbe(host: string, port: number, timeoutMs = 5000): ProbeFn {
  const label = `FTP server at ${fmtHost(host)}:${port}`;
  return (signal) =>
    new Promise((resolve, reject) => {
      const socket = connect({ host, port });
      let buf = '';
      let settled = false;
      const done = (err?: Error, words?: string): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        if (err) {
          socket.destroy();
          reject(err);
        } else {
          socket.end('QUIT\r\n');
          socket.setTimeout(1000, () => socket.destroy());
          resolve(words!);
        }
      };
      const onAbort = (): void => done(new Error('probe cancelled'));
      signal.addEventListener('abort', onAbort);
      const timer = setTimeout(
        () => done(new Error(`${label} sent no greeting within ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
      socket.on('data', (d: Buffer) => {
        buf += d.toString('latin1');
        if (buf.length > 4096) return done(new Error(`${label} sent a greeting too long to be FTP`));
        const line = buf.split('\r\n')[0];
        if (buf.includes('\n')) {
          if (line?.startsWith('220')) done(undefined, `${label} greeted: ${line.slice(0, 80)}`);
          else done(new Error(`${label} answered "${(line ?? '').slice(0, 60)}" instead of a 220 greeting`));
        }
      });
      socket.on('error', (err: NodeJS.ErrnoException) => done(new Error(netWords(label, err))));
      socket.on('close', () => done(new Error(`${label} closed the connection before greeting`)));
    });
}

function fmtHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function netWords(label: string, err: NodeJS.ErrnoException): string {
  if (err.name === 'AbortError') return 'probe cancelled';
  switch (err.code) {
    case 'ECONNREFUSED':
      return `${label} refused the connection (nothing listens on that port)`;
    case 'ECONNRESET':
      return `${label} reset the connection`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${label} is unreachable from this computer`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${label}: host name could not be resolved`;
    default:
      return `${label}: ${err.message}`;
  }
}
