import type { RawSender } from '../frames/raw-sender';
import type { FrameTap } from '../frames/tap';
import type { PayloadOf } from '../../../shared/bridge/contract';
import type {
  BoardProfile,
  LedStatus,
  LinksState,
  TelemetryLatest,
  WireState,
} from '../../../shared/bridge/contracts/links';
import {
  ledCommandText,
  parseBoardMessage,
  type ControllableLed,
  type ParsedBoardMessage,
} from '../../../shared/protocol/messages';
import { batchLength, batchSampleData } from '../../../shared/protocol/telemetry-batch';
import type { MessageRecord } from '../../../shared/recording/format';
import type { TimelineMark } from '../../../shared/telemetry/types';
import { ftpProbe, httpProbe, PeriodicProbe } from './probes';
import { WsLink, type WsLinkOptions } from './ws-link';
import { hostPort, idle, probeWire, wsWire } from './wire-state';
import { briefReason } from './ws-words';

/** Endpoints of the running virtual board, as URLs: `ws://127.0.0.1:PORT/`, `http://…`, `ftp://…`. */
export interface VirtualBoardEndpoints {
  readonly ws: string;
  readonly http?: string;
  readonly ftp?: string;
}

/** The in-app virtual board as the link manager needs it. */
export interface VirtualBoardProvider {
  /** Starts the virtual board if it is not running and returns its endpoints. */
  ensureStarted(): Promise<VirtualBoardEndpoints>;
  /** False while the user has it stopped (its links then retry as they would for a board switched off). */
  isRunning?(): boolean;
}

/** Everything the manager reaches outside itself. */
export interface LinkManagerDeps {
  /** Looks up a profile by id (the ProfileStore). */
  readonly getProfile: (id: string) => BoardProfile | undefined;
  /** Pushes `links:state`, `board:led-status`, `board:telemetry-latest` (the EventHub's emit). */
  readonly emit: LinkEmitter;
  /** Every WebSocket message in both directions (recording, frames, telemetry pipeline). */
  readonly onMessage?: (boardId: string, record: MessageRecord) => void;
  /**
   * What a received text message says. In the app: the telemetry pipeline's parse of it, made once in `onMessage`,
   * so the LEDs, reboots and the dashboard's values come from that one parse. A manager used alone parses itself.
   */
  readonly parsed?: (record: MessageRecord) => ParsedBoardMessage;
  /** connect / disconnect / stale marks. */
  readonly onLinkEvent?: (boardId: string, mark: TimelineMark) => void;
  /** The frame log's tap, given every TCP connection of the selected board's WebSocket link. */
  readonly frameTap?: FrameTap;
  /** The composer's sender: set while the selected board's WebSocket link is open. */
  readonly onSender?: (sender: RawSender | undefined, reason?: string) => void;
  readonly virtual?: VirtualBoardProvider;
  readonly log?: (message: string) => void;
  /** Overrides for the WebSocket link (tests shorten timeouts). */
  readonly wsOptions?: Partial<WsLinkOptions>;
  /** Probe periods in ms (defaults: HTTP 10 s, FTP 30 s; 0 disables that probe). */
  readonly httpEveryMs?: number;
  readonly ftpEveryMs?: number;
}

/** The events the manager emits. */
export type LinkEventName = 'links:state' | 'board:led-status' | 'board:telemetry-latest';

/** The subset of EventHub.emit the manager uses. */
export type LinkEmitter = <E extends LinkEventName>(name: E, payload: PayloadOf<E>) => void;

const HISTORY = 60;

interface Session {
  readonly profile: BoardProfile;
  readonly host: string;
  ws?: WsLink;
  http?: PeriodicProbe;
  ftp?: PeriodicProbe;
  /** Links that were lost (waiting or failed) since they last answered: their coming back kicks the others. */
  readonly lost: Set<'ws' | 'http' | 'ftp'>;
  /** Last uptime the board reported (a smaller one means it rebooted). */
  lastUptime?: number;
  closed: boolean;
}

/** One active board at a time: its WebSocket link, HTTP and FTP health probes, LEDs and latest telemetry. */
export class LinkManager {
  private session: Session | undefined;
  private wires: Pick<LinksState, 'ws' | 'http' | 'ftp' | 'serial'> = {
    ws: idle('No board selected.'),
    http: idle(''),
    ftp: idle(''),
    serial: idle(''),
  };
  /** A serial wire set from outside for one board (the virtual board's UART shown by the serial console). */
  private serialOverride: { boardId: string; state: WireState } | undefined;
  private received = 0;
  private invalid = 0;
  private dropped = 0;
  private lastMessageAt = 0;
  private arrivals: number[] = [];
  private leds: LedStatus | undefined;
  private latest:
    | { at: number; values: Record<string, number>; history: Record<string, number[]>; count: number }
    | undefined;
  private telemetryTimer: NodeJS.Timeout | undefined;
  private figuresTimer: NodeJS.Timeout;
  private switching: Promise<void> = Promise.resolve();
  private readonly log: (m: string) => void;

  constructor(private readonly deps: LinkManagerDeps) {
    this.log = deps.log ?? (() => {});
    // Figures (rate, counts) go out once a second while messages flow; wire changes go out at once.
    this.figuresTimer = setInterval(() => {
      if (this.session && this.arrivals.length > 0) this.emitState();
    }, 1000);
    this.figuresTimer.unref();
  }

  /** The state the app bar and the dashboard show. */
  get state(): LinksState {
    const p = this.session?.profile;
    const now = Date.now();
    this.arrivals = this.arrivals.filter((t) => now - t <= 5000);
    return {
      board: p
        ? { id: p.id, name: p.name, host: this.session!.host, virtual: p.kind === 'virtual' }
        : undefined,
      ...this.wires,
      ...(p && this.serialOverride?.boardId === p.id ? { serial: this.serialOverride.state } : {}),
      figures: {
        received: this.received,
        rate: this.arrivals.length / 5,
        lastMessageAt: this.lastMessageAt,
        invalid: this.invalid,
        dropped: this.dropped,
      },
    };
  }

  /** The LEDs as last reported by the selected board. */
  get ledStatus(): LedStatus | undefined {
    return this.leds;
  }

  /** Latest telemetry values and short histories of the selected board. */
  get telemetry(): TelemetryLatest | undefined {
    const l = this.latest;
    return l && this.session ? { boardId: this.session.profile.id, ...l } : undefined;
  }

  /** Id of the board being watched. */
  get selectedId(): string | undefined {
    return this.session?.profile.id;
  }

  /** Closes the current board's links cleanly, then opens the links of board `id`. Calls are serialised. */
  select(id: string): Promise<void> {
    this.switching = this.switching
      .then(() => this.doSelect(id))
      .catch((err: unknown) => this.log(`board switch failed: ${String(err)}`));
    return this.switching;
  }

  /** Sends an LED command; the LED display changes only when the board's led-status arrives. */
  setLed(led: ControllableLed, state: boolean): boolean {
    const ok = this.session?.ws?.send(ledCommandText(led, state)) ?? false;
    if (!ok) {
      this.dropped++;
      this.emitState();
    }
    return ok;
  }

  /**
   * Sets what the serial wire says while board `boardId` is selected (`undefined` gives back the profile's own words):
   * the serial console is not a link of this manager, so whoever feeds it tells the manager what it shows.
   */
  setSerialWire(boardId: string, state: WireState | undefined): void {
    if (state) this.serialOverride = { boardId, state };
    else if (this.serialOverride?.boardId === boardId) this.serialOverride = undefined;
    if (this.session?.profile.id === boardId) this.emitState();
  }

  /** Closes every link. */
  async close(): Promise<void> {
    clearInterval(this.figuresTimer);
    await this.switching;
    await this.closeSession();
  }

  private async doSelect(id: string): Promise<void> {
    await this.closeSession();
    const profile = this.deps.getProfile(id);
    if (!profile) {
      this.wires = { ws: idle('No board selected.'), http: idle(''), ftp: idle(''), serial: idle('') };
      this.emitState();
      return;
    }
    const session: Session = { profile, host: profile.host, lost: new Set(), closed: false };
    this.session = session;
    this.resetFigures();
    this.wires = {
      ws: {
        kind: 'connecting',
        detail: profile.kind === 'virtual' ? 'Starting the virtual board…' : `Connecting to ${profile.host}…`,
      },
      http: idle('Waiting for the board.'),
      ftp: idle('Waiting for the board.'),
      serial: idle(
        profile.kind === 'real' && profile.serialPath
          ? `Opening the serial console ${profile.serialPath}…`
          : 'No serial port set for this board.',
      ),
    };
    this.emitState();

    let ws: { host: string; port: number };
    let http: { host: string; port: number } | undefined;
    let ftp: { host: string; port: number } | undefined;
    if (profile.kind === 'virtual') {
      if (!this.deps.virtual) {
        const reason = 'The virtual board is not available in this build.';
        this.setWire(session, 'ws', {
          kind: 'failed',
          reason,
          brief: briefReason(reason),
          detail: `${reason} Add a real board with the selector.`,
        });
        return;
      }
      try {
        const e = await this.deps.virtual.ensureStarted();
        ws = hostPort(e.ws);
        http = e.http ? hostPort(e.http) : undefined;
        ftp = e.ftp ? hostPort(e.ftp) : undefined;
      } catch (err) {
        const reason = `The virtual board did not start: ${err instanceof Error ? err.message : String(err)}`;
        this.setWire(session, 'ws', { kind: 'failed', reason, brief: briefReason(reason), detail: reason });
        return;
      }
      if (session.closed) return;
    } else {
      ws = { host: profile.host, port: profile.wsPort };
      http = { host: profile.host, port: profile.httpPort };
      ftp = { host: profile.host, port: profile.ftpPort };
    }
    this.openLinks(session, ws, http, ftp);
  }

  private openLinks(
    s: Session,
    ws: { host: string; port: number },
    http?: { host: string; port: number },
    ftp?: { host: string; port: number },
  ): void {
    const boardId = s.profile.id;
    s.ws = new WsLink({
      host: ws.host,
      port: ws.port,
      isPeriodic: (text) => text.includes('"telemetry"'),
      ...this.deps.wsOptions,
      onRecord: (r) => this.onRecord(s, r),
      onState: (st) => {
        // A dropped WebSocket often means the board is gone: re-check HTTP and FTP now rather than in 10–30 s.
        if (st.kind === 'waiting' && this.wires.ws.kind !== 'waiting') {
          s.http?.kick();
          s.ftp?.kick();
        }
        this.track(s, 'ws', st.kind);
        this.setWire(s, 'ws', wsWire(st, ws));
      },
      onMark: (m) => {
        if (!s.closed) this.deps.onLinkEvent?.(boardId, m);
      },
      frameTap: this.deps.frameTap,
      boardId,
      onSender: (sender, reason) => {
        if (!s.closed) this.deps.onSender?.(sender, reason);
      },
    });
    s.ws.start();
    const httpEvery = this.deps.httpEveryMs ?? 10_000;
    if (http && httpEvery > 0) {
      s.http = new PeriodicProbe(httpProbe(http.host, http.port), httpEvery, (st) => {
        this.track(s, 'http', st.kind);
        this.setWire(s, 'http', probeWire(st, 'HTTP', httpEvery));
      });
      s.http.start();
    } else this.setWire(s, 'http', idle('This board has no HTTP endpoint.'));
    const ftpEvery = this.deps.ftpEveryMs ?? 30_000;
    if (ftp && ftpEvery > 0) {
      s.ftp = new PeriodicProbe(ftpProbe(ftp.host, ftp.port), ftpEvery, (st) => {
        this.track(s, 'ftp', st.kind);
        this.setWire(s, 'ftp', probeWire(st, 'FTP', ftpEvery));
      });
      s.ftp.start();
    } else this.setWire(s, 'ftp', idle('This board has no FTP endpoint.'));
  }

  /**
   * Notes a link losing or finding the board. When a lost link answers again the board is back (or rebooted):
   * the other links are checked at once instead of at their next period (up to 30 s for FTP).
   */
  private track(s: Session, link: 'ws' | 'http' | 'ftp', kind: string): void {
    if (s.closed) return;
    if (kind === 'waiting' || kind === 'failed') s.lost.add(link);
    else if (kind === 'open' && s.lost.delete(link)) this.probeOthers(s, link);
  }

  /** Re-checks every link of the board but `except`: probes run now, a waiting WebSocket retries now. */
  private probeOthers(s: Session, except?: 'ws' | 'http' | 'ftp'): void {
    if (s.closed) return;
    if (except !== 'http') s.http?.kick();
    if (except !== 'ftp') s.ftp?.kick();
    if (except !== 'ws') s.ws?.retryNow();
  }

  private onRecord(s: Session, r: MessageRecord): void {
    if (s.closed) return;
    const boardId = s.profile.id;
    this.deps.onMessage?.(boardId, r);
    if (r.dir !== 'rx') return;
    this.received++;
    this.lastMessageAt = r.t;
    this.arrivals.push(r.t);
    if (this.arrivals.length > 5000) this.arrivals.splice(0, this.arrivals.length - 5000);
    if (r.op !== 1 || r.data === undefined) return;
    const msg = this.deps.parsed?.(r) ?? parseBoardMessage(r.data);
    if (msg.kind === 'led-status') {
      this.leds = { boardId, yellow: msg.message.data.yellowLed, red: msg.message.data.redLed, at: r.t };
      this.deps.emit('board:led-status', this.leds);
    } else if (msg.kind === 'telemetry') {
      const uptime = msg.message.data.uptime;
      if (typeof uptime === 'number') {
        // The board rebooted: its servers restarted too, so the probes' last answers are out of date.
        if (s.lastUptime !== undefined && uptime < s.lastUptime) this.probeOthers(s, 'ws');
        s.lastUptime = uptime;
      }
      this.addTelemetry(r.t, msg.message.data);
    } else if (msg.kind === 'telemetry-batch') {
      // The dashboard's latest values: the frame's last sample (docs/telemetry-batch.md).
      this.addTelemetry(r.t, batchSampleData(msg.batch, batchLength(msg.batch) - 1));
    } else if (msg.kind === 'invalid' || msg.type !== 'pool-status') {
      // pool-status is understood (the Memory page reads it through the pool feed); anything else is ignored.
      this.invalid++;
      this.log(
        `board ${s.profile.name}: ignored a message (${msg.kind === 'invalid' ? msg.reason : `unknown type "${msg.type}"`})`,
      );
    }
  }

  private addTelemetry(t: number, data: Readonly<Record<string, unknown>>): void {
    const l = (this.latest ??= { at: t, values: {}, history: {}, count: 0 });
    l.at = t;
    l.count++;
    const values: Record<string, number> = {};
    for (const [k, v] of Object.entries(data)) {
      if (typeof v !== 'number' || !Number.isFinite(v)) continue;
      values[k] = v;
      const h = (l.history[k] ??= []);
      h.push(v);
      if (h.length > HISTORY) h.shift();
    }
    l.values = values;
    if (!this.telemetryTimer) {
      this.telemetryTimer = setTimeout(() => {
        this.telemetryTimer = undefined;
        const out = this.telemetry;
        if (out)
          this.deps.emit('board:telemetry-latest', {
            ...out,
            values: { ...out.values },
            history: copyHistory(out.history),
          });
      }, 100);
    }
  }

  private setWire(s: Session, wire: 'ws' | 'http' | 'ftp', state: WireState): void {
    if (s.closed || s !== this.session) return;
    if (
      s.profile.kind === 'virtual' &&
      (state.kind === 'waiting' || state.kind === 'failed') &&
      this.deps.virtual?.isRunning?.() === false
    ) {
      state = {
        ...state,
        detail: `The virtual board is stopped: start it on the Board page. ${state.detail}`,
      };
    }
    this.wires = { ...this.wires, [wire]: state };
    this.emitState();
  }

  private emitState(): void {
    this.deps.emit('links:state', this.state);
  }

  private resetFigures(): void {
    this.received = this.invalid = this.dropped = this.lastMessageAt = 0;
    this.arrivals = [];
    this.leds = undefined;
    this.latest = undefined;
  }

  private async closeSession(): Promise<void> {
    const s = this.session;
    if (!s) return;
    s.closed = true;
    if (this.telemetryTimer) clearTimeout(this.telemetryTimer);
    this.telemetryTimer = undefined;
    s.http?.stop();
    s.ftp?.stop();
    await s.ws?.close();
    this.session = undefined;
  }
}

function copyHistory(h: Readonly<Record<string, readonly number[]>>): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const [k, v] of Object.entries(h)) out[k] = [...v];
  return out;
}
