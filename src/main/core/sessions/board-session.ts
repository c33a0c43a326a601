// One board the app watches: its links (WebSocket, HTTP and FTP probes, and the serial wire's words), its LEDs and
// reboots as its messages tell them, and the BoardFeed the lab data path publishes. The SessionOwner creates and
// ends them; the figures are SessionFigures', where the links go is session-endpoints'.
import type { RawSender } from '../frames/raw-sender';
import type {
  BoardProfile,
  LedStatus,
  LinksState,
  TelemetryLatest,
  WireState,
} from '../../../shared/bridge/contracts/links';
import type { SessionSummary } from '../../../shared/bridge/contracts/sessions';
import { ledCommandText, parseBoardMessage, type ControllableLed } from '../../../shared/protocol/messages';
import { batchLength, batchSampleData, batchSampleTimes } from '../../../shared/protocol/telemetry-batch';
import type { MessageRecord } from '../../../shared/recording/format';
import { FeedSinks, type BoardFeed, type BoardFeedSink, type FeedLinks } from '../mqtt/board-feed';
import { feedLinks } from '../mqtt/feed-links';
import { ftpProbe, httpProbe, PeriodicProbe, type ProbeReturnWatch } from '../links/probes';
import { WsLink } from '../links/ws-link';
import { RebootWatch } from '../telemetry/reboot-watch';
import { idle, probeWire, wsWire } from '../links/wire-state';
import type { SessionDeps, SessionOutlet } from './session-deps';
import { realEndpoints, virtualEndpoints, type Endpoint, type Endpoints } from './session-endpoints';
import { copyHistory, SessionFigures } from './session-figures';

export type { SessionDeps, SessionOutlet, VirtualBoardEndpoints, VirtualBoardProvider } from './session-deps';

type Wires = Pick<LinksState, 'ws' | 'http' | 'ftp' | 'serial'>;

/**
 * While a probe fails, it checks every second for two minutes: that answer is how the app sees a board come back
 * (nothing else tells it), and then every link of the board is tried at once. The WebSocket link keeps its own
 * backoff, so a board that is up but refusing WebSocket clients is not hammered.
 */
const RETURN_WATCH: ProbeReturnWatch = { everyMs: 1000, forMs: 120_000 };

/** One watched board. */
export class BoardSession implements BoardFeed {
  readonly id: string;
  readonly name: string;
  readonly virtual: boolean;
  private readonly host: string;
  private ws?: WsLink;
  private http?: PeriodicProbe;
  private ftp?: PeriodicProbe;
  /** Links that were lost (waiting or failed) since they last answered: their coming back kicks the others. */
  private readonly lost = new Set<'ws' | 'http' | 'ftp'>();
  /** Decides reboots when no pipeline decides them for the session (`deps.rebootOf`): a session used alone. */
  private readonly ownReboots: RebootWatch | undefined;
  private closed = false;
  private wires: Wires;
  /** A serial wire set from outside (the serial console is not a link of the session). */
  private serialOverride: WireState | undefined;
  private readonly figures = new SessionFigures();
  private leds: LedStatus | undefined;
  private telemetryTimer: NodeJS.Timeout | undefined;
  private readonly sinks: FeedSinks;
  private feedState: FeedLinks;
  private readonly log: (m: string) => void;
  /** The composer's sender while this board's WebSocket link is open. */
  sender: { sender: RawSender | undefined; reason?: string } = { sender: undefined };

  constructor(
    readonly profile: BoardProfile,
    private readonly deps: SessionDeps,
    private readonly outlet: SessionOutlet,
  ) {
    this.id = profile.id;
    this.name = profile.name;
    this.virtual = profile.kind === 'virtual';
    this.host = profile.host;
    this.log = deps.log ?? (() => {});
    this.ownReboots = deps.rebootOf ? undefined : new RebootWatch();
    this.sinks = new FeedSinks(this.log);
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
    this.feedState = feedLinks(this.state);
  }

  /** The state the app bar and the dashboard show while this board is focused. */
  get state(): LinksState {
    return {
      boardId: this.id,
      board: { id: this.id, name: this.name, host: this.host, virtual: this.virtual },
      ...this.wires,
      ...(this.serialOverride ? { serial: this.serialOverride } : {}),
      figures: this.figures.snapshot(Date.now()),
    };
  }

  /** True while messages arrived in the last few seconds (the owner refreshes figures then). */
  get flowing(): boolean {
    return this.figures.flowing;
  }

  get ledStatus(): LedStatus | undefined {
    return this.leds;
  }

  get telemetry(): TelemetryLatest | undefined {
    const l = this.figures.latest;
    return l ? { boardId: this.id, ...l } : undefined;
  }

  /** The latest telemetry as a copy to send out (its values and history keep changing here). */
  telemetrySnapshot(): TelemetryLatest | undefined {
    const out = this.telemetry;
    return out && { ...out, values: { ...out.values }, history: copyHistory(out.history) };
  }

  /** The Lab page's line for this board (history figures and focus are the owner's). */
  summary(): Omit<SessionSummary, 'focused' | 'pinned' | 'recording' | 'history'> {
    const s = this.state;
    const f = this.figures;
    return {
      id: this.id,
      name: this.name,
      host: this.host,
      virtual: this.virtual,
      links: { ws: s.ws, http: s.http, ftp: s.ftp, serial: s.serial },
      lastTelemetryAt: f.latest?.at ?? 0,
      values: { ...(f.latest?.values ?? {}) },
      sparks: f.sparkCopy(),
      rate: s.figures.rate,
      received: s.figures.received,
      drops: f.drops,
      reboots: f.reboots,
    };
  }

  /** Adds the latest values to the sparklines (the owner calls it once a second). */
  sampleSparks(): void {
    this.figures.sampleSparks();
  }

  // BoardFeed: what the lab data path publishes of this board.
  links(): FeedLinks {
    return this.feedState;
  }

  subscribe(sink: BoardFeedSink): () => void {
    const off = this.sinks.add(sink);
    // The LEDs reported before the subscriber came are the board's current ones.
    if (this.leds) sink.led({ yellowLed: this.leds.yellow, redLed: this.leds.red }, this.leds.at);
    return off;
  }

  sendLedCommand(led: ControllableLed, state: boolean): { ok: true } | { ok: false; reason: string } {
    return this.setLed(led, state) ? { ok: true } : { ok: false, reason: 'the board is not connected' };
  }

  /** Sends an LED command; the LED display changes only when the board's led-status arrives. */
  setLed(led: ControllableLed, state: boolean): boolean {
    const ok = this.ws?.send(ledCommandText(led, state)) ?? false;
    if (!ok) {
      this.figures.dropped++;
      this.changed();
    }
    return ok;
  }

  /** What the serial wire says (`undefined` gives back the profile's own words). */
  setSerialWire(state: WireState | undefined): void {
    this.serialOverride = state;
    this.changed();
  }

  /** Opens the board's links (starting its virtual board first for a virtual profile). */
  async start(): Promise<void> {
    const profile = this.profile;
    this.changed();
    let ep: Endpoints;
    if (profile.kind === 'virtual') {
      ep = await virtualEndpoints(this.deps.virtual?.(this.id));
      if (ep.ok && this.closed) return;
    } else ep = realEndpoints(profile);
    if (!ep.ok) {
      this.setWire('ws', ep.ws);
      return;
    }
    this.openLinks(ep.ws, ep.http, ep.ftp);
  }

  /** Closes every link; nothing of this session is reported afterwards. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.telemetryTimer) clearTimeout(this.telemetryTimer);
    this.telemetryTimer = undefined;
    this.http?.stop();
    this.ftp?.stop();
    await this.ws?.close();
  }

  private openLinks(ws: Endpoint, http?: Endpoint, ftp?: Endpoint): void {
    const boardId = this.id;
    this.ws = new WsLink({
      host: ws.host,
      port: ws.port,
      isPeriodic: (text) => text.includes('"telemetry"'),
      ...this.deps.wsOptions,
      onRecord: (r) => this.onRecord(r),
      onState: (st) => {
        // A dropped WebSocket often means the board is gone: re-check HTTP and FTP now rather than in 10–30 s.
        if (st.kind === 'waiting' && this.wires.ws.kind !== 'waiting') {
          this.http?.kick();
          this.ftp?.kick();
        }
        this.track('ws', st.kind);
        this.setWire('ws', wsWire(st, ws));
      },
      onMark: (m) => {
        if (this.closed) return;
        if (m.kind === 'disconnect') this.figures.drops++;
        if (m.kind === 'disconnect' || m.kind === 'connect') this.ownReboots?.linkChanged();
        this.deps.onLinkEvent?.(boardId, m);
        if (m.kind === 'stale') this.sinks.event({ t: m.t, kind: 'gap', text: m.detail ?? 'no telemetry' });
        else if (m.kind === 'disconnect')
          this.sinks.event({ t: m.t, kind: 'link', text: m.detail ?? 'the link dropped' });
      },
      frameTap: this.outlet.frameTap,
      boardId,
      onSender: (sender, reason) => {
        if (this.closed) return;
        this.sender = { sender, reason };
        this.outlet.sender(this, sender, reason);
      },
    });
    this.ws.start();
    const httpEvery = this.deps.httpEveryMs ?? 10_000;
    if (http && httpEvery > 0) {
      this.http = new PeriodicProbe(
        httpProbe(http.host, http.port),
        httpEvery,
        (st) => {
          this.track('http', st.kind);
          this.setWire('http', probeWire(st, 'HTTP', httpEvery));
        },
        Date.now,
        RETURN_WATCH,
      );
      this.http.start();
    } else this.setWire('http', idle('This board has no HTTP endpoint.'));
    const ftpEvery = this.deps.ftpEveryMs ?? 30_000;
    if (ftp && ftpEvery > 0) {
      this.ftp = new PeriodicProbe(
        ftpProbe(ftp.host, ftp.port),
        ftpEvery,
        (st) => {
          this.track('ftp', st.kind);
          this.setWire('ftp', probeWire(st, 'FTP', ftpEvery));
        },
        Date.now,
        RETURN_WATCH,
      );
      this.ftp.start();
    } else this.setWire('ftp', idle('This board has no FTP endpoint.'));
  }

  /**
   * Notes a link losing or finding the board. When a lost link answers again the board is back (or rebooted):
   * the other links are checked at once instead of at their next period (up to 30 s for FTP).
   */
  private track(link: 'ws' | 'http' | 'ftp', kind: string): void {
    if (this.closed) return;
    if (kind === 'waiting' || kind === 'failed') this.lost.add(link);
    else if (kind === 'open' && this.lost.delete(link)) this.probeOthers(link);
  }

  /**
   * Tries every link of the board now (the app just started or rebooted it, or saw it come back): the probes run
   * at once and a waiting WebSocket link retries at once, its backoff started over.
   */
  probeNow(): void {
    this.probeOthers();
  }

  /** Re-checks every link of the board but `except`: probes run now, a waiting WebSocket retries now. */
  private probeOthers(except?: 'ws' | 'http' | 'ftp'): void {
    if (this.closed) return;
    if (except !== 'http') this.http?.kick();
    if (except !== 'ftp') this.ftp?.kick();
    if (except !== 'ws') this.ws?.retryNow();
  }

  private onRecord(r: MessageRecord): void {
    if (this.closed) return;
    this.deps.onMessage?.(this.id, r);
    if (r.dir !== 'rx') return;
    this.figures.arrived(r.t);
    if (r.op !== 1 || r.data === undefined) return;
    const msg = this.deps.parsed?.(r) ?? parseBoardMessage(r.data);
    if (msg.kind === 'led-status') {
      this.leds = {
        boardId: this.id,
        yellow: msg.message.data.yellowLed,
        red: msg.message.data.redLed,
        at: r.t,
      };
      this.outlet.led(this, this.leds);
      this.sinks.led(msg.message.data, r.t);
    } else if (msg.kind === 'telemetry') {
      this.addTelemetry(r.t, msg.message.data);
      this.sinks.telemetry({ t: r.t, data: msg.message.data });
      this.noteReboot(r, msg.message.data.uptime);
    } else if (msg.kind === 'telemetry-batch') {
      // The dashboard's latest values: the frame's last sample (docs/telemetry-batch.md).
      const last = batchSampleData(msg.batch, batchLength(msg.batch) - 1);
      this.addTelemetry(r.t, last);
      if (this.sinks.wantsSamples) {
        const batch = msg.batch;
        this.sinks.samples(
          batchSampleTimes(batch, r.t).map((t, i) => ({ t, data: batchSampleData(batch, i) })),
        );
      }
      this.noteReboot(r, last.uptime);
    } else if (msg.kind === 'invalid' || msg.type !== 'pool-status') {
      // pool-status is understood (the Memory page reads it through the pool feed); anything else is ignored.
      this.figures.invalid++;
      this.log(
        `board ${this.name}: ignored a message (${msg.kind === 'invalid' ? msg.reason : `unknown type "${msg.type}"`})`,
      );
    }
  }

  /**
   * Counts a reboot the message showed, by the one rule's word (the pipeline's, or the session's own when used
   * alone), and tells the lab. The board's servers restarted too, so the probes' last answers are out of date.
   */
  private noteReboot(r: MessageRecord, uptime: unknown): void {
    const seen = this.deps.rebootOf
      ? this.deps.rebootOf(r)
      : typeof uptime === 'number'
        ? this.ownReboots?.see(r.t, uptime)
        : undefined;
    if (!seen) return;
    this.figures.reboots++;
    this.probeOthers('ws');
    this.sinks.event({
      t: r.t,
      kind: 'reboot',
      text: `The board restarted: ${seen.detail ?? 'its uptime went back'}.`,
    });
  }

  private addTelemetry(t: number, data: Readonly<Record<string, unknown>>): void {
    this.figures.addTelemetry(t, data);
    if (!this.telemetryTimer) {
      this.telemetryTimer = setTimeout(() => {
        this.telemetryTimer = undefined;
        const out = this.telemetrySnapshot();
        if (out && !this.closed) this.outlet.telemetry(this, out);
      }, 100);
    }
  }

  private setWire(wire: 'ws' | 'http' | 'ftp', state: WireState): void {
    if (this.closed) return;
    if (
      this.virtual &&
      (state.kind === 'waiting' || state.kind === 'failed') &&
      this.deps.virtual?.(this.id)?.isRunning?.() === false
    ) {
      state = {
        ...state,
        detail: `The virtual board is stopped: start it on the Board page. ${state.detail}`,
      };
    }
    this.wires = { ...this.wires, [wire]: state };
    this.deps.onWire?.(this.id, wire, state);
    this.changed();
  }

  /** Tells the owner, and the lab data path when the links' summary changed. */
  private changed(): void {
    if (this.closed) return;
    const next = feedLinks(this.state);
    if (JSON.stringify(next) !== JSON.stringify(this.feedState)) {
      this.feedState = next;
      this.sinks.links(next);
    }
    this.outlet.state(this);
  }
}
