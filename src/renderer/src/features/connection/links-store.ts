// The links feature's store: the one place in the renderer that asks the core for the boards' links, LEDs and
// latest telemetry and hears their events. It keeps them by board id and shows only the focused board's (the board
// of the last `links:state`), so a page cannot show another board's LEDs or values; going back to a board shows
// what it had until the core's fresh copy arrives. While the page has lost the core, everything that came from it
// is marked as the last it said, never as live.
import type { BenchApi } from '../../../../shared/bridge/contract';
import type {
  LedStatus,
  LinksState,
  ProfilesView,
  TelemetryLatest,
  WireState,
} from '../../../../shared/bridge/contracts/links';
import type { Result } from '../../../../shared/result';
import type { BridgeState } from '../../bridge/web-bridge';

/** Boards whose last values are kept (the focused one always stays). */
const MAX_BOARDS = 32;

/** Why the page cannot trust what the core last said, in words, and since when. */
export interface CoreLost {
  readonly since: number;
  /** The bench was restarted with a new token: this page must be opened again at its new address. */
  readonly restarted: boolean;
  /** One sentence for the user. */
  readonly why: string;
}

/** The focused board as the page shows it. */
export interface FocusedLinks {
  /** The focused board's links; while the core is lost, every wire is marked stale with the reason. */
  readonly state: LinksState | undefined;
  /** The focused board's LEDs as it last reported them; undefined before its first report. */
  readonly leds: LedStatus | undefined;
  /** The focused board's latest telemetry values. */
  readonly telemetry: TelemetryLatest | undefined;
  /** Set while the page has no connection to the core. */
  readonly lost: CoreLost | undefined;
}

/** What the store needs of the bridge. */
export interface LinksBridge {
  readonly invoke: BenchApi['invoke'];
  readonly on: BenchApi['on'];
  /** Follows the connection to the core; called at once with the present state. */
  readonly onState: (listener: (s: BridgeState) => void) => () => void;
}

/** The reason a lost core gives, or undefined while it is there. */
export function coreLost(core: BridgeState): CoreLost | undefined {
  if (core.kind === 'closed')
    return {
      since: core.since,
      restarted: false,
      why: 'The page lost its connection to the bench core: the bench stopped, or the network is down.',
    };
  if (core.kind === 'refused')
    return {
      since: core.since,
      restarted: true,
      why: 'Open the new address it printed (it ends in ?token=…): this page cannot reconnect to it.',
    };
  return undefined;
}

/** `s` with every wire marked stale since the core was lost, saying what it was when last heard. */
export function lostLinks(s: LinksState, lost: CoreLost): LinksState {
  const unknown = (w: WireState): WireState => ({
    kind: 'stale',
    since: lost.since,
    lastMessageAt: s.figures.lastMessageAt,
    detail:
      `Not known now: the page has lost the bench core${lost.restarted ? ', which was restarted' : ''}. ` +
      `Last reported: ${w.kind}${w.detail ? ` (${w.detail})` : ''}`,
  });
  return {
    ...s,
    ws: unknown(s.ws),
    http: unknown(s.http),
    ftp: unknown(s.ftp),
    serial: unknown(s.serial),
    figures: { ...s.figures, rate: 0, telemetryRate: 0 },
  };
}

/** Keeps `map` to `MAX_BOARDS` entries, dropping the oldest but `keep`. */
function bound<V>(map: Map<string, V>, keep: string | undefined): void {
  for (const id of map.keys()) {
    if (map.size <= MAX_BOARDS) return;
    if (id !== keep) map.delete(id);
  }
}

/** The links, LEDs and latest telemetry of every board the page heard of, and which one is focused. */
export class LinksStore {
  private core: BridgeState = { kind: 'connecting' };
  private focusedId: string | undefined;
  /** The links state while no board is focused. */
  private noBoard: LinksState | undefined;
  private readonly links = new Map<string, LinksState>();
  private readonly leds = new Map<string, LedStatus>();
  private readonly telemetry = new Map<string, TelemetryLatest>();
  /** Count of events heard; a fetched answer does not overwrite what an event newer than its question said. */
  private heard = 0;
  /** When (in `heard`) each map last heard an event of each board. */
  private readonly heardAt = new Map<Map<string, unknown>, Map<string, number>>();
  /** When the last links:state was heard, of whichever board. */
  private linksHeard = -1;
  private profilesView: ProfilesView | undefined;
  private focusedView: FocusedLinks = {
    state: undefined,
    leds: undefined,
    telemetry: undefined,
    lost: undefined,
  };
  private lostCache: { raw: LinksState; lost: CoreLost; out: LinksState } | undefined;
  private readonly listeners = new Set<() => void>();
  private users = 0;
  private offs: Array<() => void> = [];

  constructor(private readonly bridge: LinksBridge) {}

  /** The focused board's links, LEDs and telemetry (a new object only when one of them changes). */
  get focused(): FocusedLinks {
    return this.focusedView;
  }

  get profiles(): ProfilesView | undefined {
    return this.profilesView;
  }

  /** For useSyncExternalStore; the store listens to the core while anything is subscribed. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    const release = this.retain();
    return () => {
      this.listeners.delete(listener);
      release();
    };
  };

  /** Keeps the store listening to the core until the returned function is called. */
  retain(): () => void {
    if (this.users++ === 0) this.start();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.users === 0) this.stop();
    };
  }

  private start(): void {
    this.offs = [
      this.bridge.on('links:state', (s) => this.takeLinks(s)),
      this.bridge.on('links:profiles', (p) => {
        this.profilesView = p;
        this.changed();
      }),
      this.bridge.on('board:led-status', (l) => this.take(this.leds, l.boardId, l)),
      this.bridge.on('board:telemetry-latest', (t) => this.take(this.telemetry, t.boardId, t)),
      this.bridge.onState((s) => {
        const back = s.kind === 'open' && this.core.kind !== 'open';
        this.core = s;
        this.changed();
        // Events were missed while the core was away (or none came yet): ask for the present.
        if (back) void this.refresh();
      }),
    ];
  }

  private stop(): void {
    for (const off of this.offs.splice(0)) off();
  }

  /** Asks the core for the focused board's links, LEDs and telemetry, and for the profiles. */
  async refresh(): Promise<void> {
    const asked = this.heard;
    const [s, p] = await Promise.all([
      this.bridge.invoke('links:state', {}),
      this.bridge.invoke('links:profiles', {}),
    ]);
    if (p.ok) this.profilesView = p.value;
    if (s.ok) {
      const { state, leds, telemetry } = s.value;
      const id = state.boardId;
      const older = (map: Map<string, unknown>) => id === undefined || this.lastHeard(map, id) <= asked;
      if (id !== undefined) {
        // The core's answer is the truth for that board: what it does not know (a new session), the page forgets.
        if (older(this.leds)) this.setOrForget(this.leds, id, leds);
        if (older(this.telemetry)) this.setOrForget(this.telemetry, id, telemetry);
      }
      // Which board is focused is one fact for all boards: any links:state heard since the question is newer.
      if (this.linksHeard <= asked) this.takeLinks(state, false);
    }
    this.changed();
  }

  /** Asks board `boardId` to set an LED; the display follows only the board's led-status reply. */
  setLed(boardId: string, led: 'yellow' | 'red', on: boolean): Promise<Result<{ sent: boolean }>> {
    return this.bridge.invoke('board:set-led', { led, state: on, boardId });
  }

  /** Adds a virtual board and shows it (which starts it); the profiles and the focus follow from the core's events. */
  addVirtual(): Promise<Result<unknown>> {
    return this.bridge.invoke('links:add-virtual', {});
  }

  private takeLinks(s: LinksState, heard = true): void {
    const id = s.boardId;
    const moved = id !== this.focusedId;
    this.focusedId = id;
    if (id === undefined) this.noBoard = s;
    else this.take(this.links, id, s, heard);
    if (heard) this.linksHeard = ++this.heard;
    this.changed();
    // The core sends what it knows of a newly focused board with the move; asking as well forgets what this page
    // kept of a board whose session has since ended and begun again.
    if (heard && moved && id !== undefined) void this.refresh();
  }

  private take<V>(map: Map<string, V>, id: string, value: V, heard = true): void {
    map.delete(id);
    map.set(id, value);
    bound(map, this.focusedId);
    if (heard) {
      let at = this.heardAt.get(map);
      if (!at) this.heardAt.set(map, (at = new Map()));
      at.delete(id);
      at.set(id, ++this.heard);
      bound(at, this.focusedId);
    }
    this.changed();
  }

  private lastHeard(map: Map<string, unknown>, id: string): number {
    return this.heardAt.get(map)?.get(id) ?? -1;
  }

  private setOrForget<V>(map: Map<string, V>, id: string, value: V | undefined): void {
    if (value === undefined) map.delete(id);
    else this.take(map, id, value, false);
  }

  private changed(): void {
    const id = this.focusedId;
    const raw = id === undefined ? this.noBoard : this.links.get(id);
    const lost = coreLost(this.core);
    let state = raw;
    if (raw && lost) {
      const c = this.lostCache;
      if (!c || c.raw !== raw || c.lost.since !== lost.since || c.lost.restarted !== lost.restarted)
        this.lostCache = { raw, lost, out: lostLinks(raw, lost) };
      state = this.lostCache!.out;
    }
    const leds = id === undefined ? undefined : this.leds.get(id);
    const telemetry = id === undefined ? undefined : this.telemetry.get(id);
    const v = this.focusedView;
    const sameLost = v.lost?.since === lost?.since && v.lost?.restarted === lost?.restarted;
    if (v.state !== state || v.leds !== leds || v.telemetry !== telemetry || !sameLost)
      this.focusedView = { state, leds, telemetry, lost: sameLost ? v.lost : lost };
    for (const l of this.listeners) l();
  }
}
