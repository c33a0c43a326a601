// The Lab page's data layer: the boards the app watches (one session each, `sessions:state` about once a second)
// and the page's requests about them. Components read the state with useSyncExternalStore and call the store's
// methods, each answering with the core's words when it failed. While the page has lost the core, the figures are
// the last it said: every link is marked stale and no rate is claimed, as the dashboard does.
import type { BenchApi } from '../../../../shared/bridge/contract';
import type { SessionsState, SessionSummary } from '../../../../shared/bridge/contracts/sessions';
import type { BridgeState } from '../../bridge/web-bridge';
import { coreLost, lostWire, type CoreLost } from '../connection/links-store';

/** What the store needs of the bridge; without `onState` the core is taken to be always there. */
export type SessionsBridge = Pick<BenchApi, 'invoke' | 'on'> & {
  readonly onState?: (listener: (s: BridgeState) => void) => () => void;
};

/** `s` as the last the core said: each board's links stale since the core was lost, no rate. */
export function lostSessions(s: SessionsState, lost: CoreLost): SessionsState {
  const board = (b: SessionSummary): SessionSummary => {
    const stale = (k: keyof SessionSummary['links']) => lostWire(b.links[k], lost, b.lastTelemetryAt);
    return {
      ...b,
      links: { ws: stale('ws'), http: stale('http'), ftp: stale('ftp'), serial: stale('serial') },
      rate: 0,
    };
  };
  return { ...s, sessions: s.sessions.map(board) };
}

export class SessionsStore {
  private state: SessionsState | undefined;
  /** What the page shows: `state`, or its lost copy while the core is away. */
  private shown: SessionsState | undefined;
  private lost: CoreLost | undefined;
  /** The core was lost since the page last heard it: its events in between were missed. */
  private missed = false;
  private readonly listeners = new Set<() => void>();
  private offs: Array<() => void> = [];

  constructor(private readonly bridge: SessionsBridge) {}

  /** Listens to the store; the core is asked once and then followed while someone listens. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.offs.length === 0) {
      this.offs.push(this.bridge.on('sessions:state', (s) => this.set(s)));
      if (this.bridge.onState) this.offs.push(this.bridge.onState((s) => this.follow(s)));
      void this.bridge.invoke('sessions:list', {}).then((r) => {
        if (r.ok && !this.state) this.set(r.value);
      });
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) for (const off of this.offs.splice(0)) off();
    };
  };

  /** The watched boards, undefined until the core answered. */
  readonly snapshot = (): SessionsState | undefined => this.shown;

  /** Keeps a board connected whether or not it is shown; the failure in words, or undefined. */
  watch(id: string): Promise<string | undefined> {
    return this.answer(this.bridge.invoke('sessions:watch', { id }));
  }

  unwatch(id: string): Promise<string | undefined> {
    return this.answer(this.bridge.invoke('sessions:unwatch', { id }));
  }

  /** Shows a board on the other pages. */
  focus(id: string): Promise<string | undefined> {
    return this.answer(this.bridge.invoke('sessions:focus', { id }));
  }

  /** Adds a virtual board without moving the other pages, and watches it (which starts it). */
  async addVirtual(): Promise<string | undefined> {
    const added = await this.bridge.invoke('links:add-virtual', { show: false });
    if (!added.ok) return added.error.message;
    return this.watch(added.value.profile.id);
  }

  private async answer(
    call: Promise<{ ok: true; value: SessionsState } | { ok: false; error: { message: string } }>,
  ): Promise<string | undefined> {
    const r = await call;
    if (!r.ok) return r.error.message;
    this.set(r.value);
    return undefined;
  }

  /** Follows the page's connection to the core; back from a loss, it asks for the present (events were missed). */
  private follow(core: BridgeState): void {
    const lost = coreLost(core);
    if (lost) this.missed = true;
    if (core.kind === 'open' && this.missed) {
      this.missed = false;
      void this.bridge.invoke('sessions:list', {}).then((r) => {
        if (r.ok) this.set(r.value);
      });
    }
    if (lost?.since === this.lost?.since && lost?.restarted === this.lost?.restarted) return;
    this.lost = lost;
    this.changed();
  }

  private set(s: SessionsState): void {
    this.state = s;
    this.changed();
  }

  private changed(): void {
    this.shown = this.state && this.lost ? lostSessions(this.state, this.lost) : this.state;
    for (const listener of this.listeners) listener();
  }
}
