// The one owner of the board sessions: it creates and ends them, and knows which one is focused (the board the
// pages show). State flows one way: a session tells the owner, the owner emits events; followers of the focus
// (telemetry view, serial console, Files, composer) hear it through `onFocus`, never through the hub.
import type { PayloadOf } from '../../../shared/bridge/contract';
import type {
  BoardProfile,
  LedStatus,
  LinksState,
  TelemetryLatest,
  WireState,
} from '../../../shared/bridge/contracts/links';
import type {
  HistoryFigures,
  SessionsState,
  SessionSummary,
} from '../../../shared/bridge/contracts/sessions';
import type { ControllableLed } from '../../../shared/protocol/messages';
import type { RawSender } from '../frames/raw-sender';
import type { FrameTap } from '../frames/tap';
import { idle } from '../links/wire-state';
import { BoardSession, type SessionDeps } from './board-session';

/** The events the owner emits. */
export type SessionEventName =
  'links:state' | 'board:led-status' | 'board:telemetry-latest' | 'sessions:state';

/** The subset of EventHub.emit the owner uses. */
export type SessionEmitter = <E extends SessionEventName>(name: E, payload: PayloadOf<E>) => void;

export interface SessionOwnerDeps extends SessionDeps {
  /** Looks up a profile by id (the ProfileStore). */
  readonly getProfile: (id: string) => BoardProfile | undefined;
  readonly emit: SessionEmitter;
  /** Board `boardId`'s frame log, fed by that board's WebSocket link (each board has its own). */
  readonly frameTapFor?: (boardId: string) => FrameTap;
  /** The composer's sender: the focused board's (`boardId`), set while its WebSocket link is open. */
  readonly onSender?: (sender: RawSender | undefined, reason?: string, boardId?: string) => void;
  /** The telemetry history the core keeps of a board (the telemetry pipeline). */
  readonly history?: (boardId: string) => HistoryFigures;
  /** Whether a recording of this board is being written. */
  readonly recording?: (boardId: string) => boolean;
  /** How often `sessions:state` goes out while boards are watched, ms (default 1000; 0: only on changes). */
  readonly summaryEveryMs?: number;
  /** Saves the focused board whenever it moves to a board, so the app opens it again at the next start. */
  readonly persistFocus?: (id: string) => void;
}

const NO_BOARD: LinksState = {
  boardId: undefined,
  board: undefined,
  ws: idle('No board selected.'),
  http: idle(''),
  ftp: idle(''),
  serial: idle(''),
  figures: { received: 0, rate: 0, telemetry: 0, telemetryRate: 0, lastMessageAt: 0, invalid: 0, dropped: 0 },
};

const NO_HISTORY: HistoryFigures = { samples: 0, sampleBytes: 0, reservedBytes: 0, capBytes: 0 };

/** Every watched board's session, and the focused one. */
export class SessionOwner {
  private readonly sessions = new Map<string, BoardSession>();
  /** Boards the user keeps watched on the Lab page; the others end when the focus leaves them. */
  private readonly pinned = new Set<string>();
  private focusedId: string | undefined;
  private readonly focusListeners = new Set<(id: string | undefined) => void>();
  private readonly setListeners = new Set<() => void>();
  private readonly timer: NodeJS.Timeout | undefined;
  private queue: Promise<void> = Promise.resolve();
  private readonly log: (m: string) => void;

  constructor(private readonly deps: SessionOwnerDeps) {
    this.log = deps.log ?? (() => {});
    const every = deps.summaryEveryMs ?? 1000;
    if (every > 0) {
      // Figures (rate, counts) and sparklines go out once a second; wire changes of the focused board at once.
      this.timer = setInterval(() => {
        for (const s of this.sessions.values()) s.sampleSparks();
        const f = this.focused;
        if (f?.flowing) this.deps.emit('links:state', f.state);
        if (this.sessions.size > 0) this.emitSummary();
      }, every);
      this.timer.unref();
    }
  }

  private get focused(): BoardSession | undefined {
    return this.focusedId === undefined ? undefined : this.sessions.get(this.focusedId);
  }

  /** The focused board's links, as the app bar and the dashboard show them. */
  get state(): LinksState {
    return this.focused?.state ?? NO_BOARD;
  }

  get ledStatus(): LedStatus | undefined {
    return this.focused?.ledStatus;
  }

  get telemetry(): TelemetryLatest | undefined {
    return this.focused?.telemetry;
  }

  /** Id of the board the pages show. */
  get selectedId(): string | undefined {
    return this.focusedId;
  }

  /** Every session (the lab data path publishes each). */
  list(): readonly BoardSession[] {
    return [...this.sessions.values()];
  }

  get(id: string): BoardSession | undefined {
    return this.sessions.get(id);
  }

  /** Hears the focus move (at once with the present one); returns the unsubscribe. */
  onFocus(cb: (id: string | undefined) => void): () => void {
    this.focusListeners.add(cb);
    cb(this.focusedId);
    return () => this.focusListeners.delete(cb);
  }

  /** Hears sessions begin and end; returns the unsubscribe. */
  onSessionsChanged(cb: () => void): () => void {
    this.setListeners.add(cb);
    return () => this.setListeners.delete(cb);
  }

  /**
   * Shows board `id` (the one way the focus moves): its session is opened if it has none; the board left keeps its
   * session only if it is watched (pinned). Calls are serialised.
   */
  select(id: string): Promise<void> {
    return this.serial(async () => {
      const left = this.focusedId;
      if (!this.deps.getProfile(id)) {
        if (left !== undefined && !this.pinned.has(left)) await this.end(left);
        this.setFocus(undefined);
        return;
      }
      // The board left closes first (unless watched), so the followers of the focus see its session gone.
      if (left !== undefined && left !== id && !this.pinned.has(left)) await this.end(left);
      const opened = this.open(id);
      this.setFocus(id);
      await opened;
    });
  }

  /** Keeps board `id` connected whether or not it is focused; focuses it when nothing is. */
  watch(id: string): Promise<void> {
    return this.serial(async () => {
      if (!this.deps.getProfile(id)) throw new Error('That board profile does not exist.');
      this.pinned.add(id);
      const opened = this.open(id);
      if (this.focusedId === undefined) this.setFocus(id);
      else this.emitSummary();
      await opened;
    });
  }

  /** Stops watching board `id`; its session ends unless the pages show it. */
  unwatch(id: string): Promise<void> {
    return this.serial(async () => {
      this.pinned.delete(id);
      if (id !== this.focusedId) await this.end(id);
      this.emitSummary();
    });
  }

  /** Closes and re-opens board `id`'s links (its profile changed, or the virtual board moved). */
  restart(id: string): Promise<void> {
    return this.serial(async () => {
      if (!this.sessions.has(id)) return;
      await this.end(id);
      const opened = this.open(id);
      if (id === this.focusedId) this.setFocus(id, true);
      await opened;
    });
  }

  /** Tries every link of board `id` now (the app started or rebooted it): nothing waits for its retry timers. */
  probeNow(id: string): void {
    this.sessions.get(id)?.probeNow();
  }

  /** Ends board `id`'s session whatever it is (its profile was removed). */
  remove(id: string): Promise<void> {
    return this.serial(async () => {
      this.pinned.delete(id);
      await this.end(id);
      if (this.focusedId === id) this.setFocus(undefined);
      else this.emitSummary();
    });
  }

  /** Sets an LED of board `boardId` (the page's board, so a focus move meanwhile cannot redirect it), or the focused. */
  setLed(led: ControllableLed, state: boolean, boardId?: string): boolean {
    const s = boardId === undefined ? this.focused : this.sessions.get(boardId);
    return s?.setLed(led, state) ?? false;
  }

  /** What the serial wire of board `boardId` says (`undefined`: the profile's own words). */
  setSerialWire(boardId: string, state: WireState | undefined): void {
    this.sessions.get(boardId)?.setSerialWire(state);
  }

  /** The Lab page's list. */
  summary(): SessionsState {
    const sessions: SessionSummary[] = [];
    let historyBytes = 0;
    for (const s of this.sessions.values()) {
      const h = this.deps.history?.(s.id) ?? NO_HISTORY;
      historyBytes += h.reservedBytes;
      sessions.push({
        ...s.summary(),
        focused: s.id === this.focusedId,
        pinned: this.pinned.has(s.id),
        recording: this.deps.recording?.(s.id) ?? false,
        history: h,
      });
    }
    const m = process.memoryUsage();
    return { sessions, focusedId: this.focusedId, historyBytes, heapBytes: m.heapUsed + m.arrayBuffers };
  }

  /** Ends every session. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.queue;
    for (const id of [...this.sessions.keys()]) await this.end(id);
  }

  private serial(fn: () => Promise<void>): Promise<void> {
    const run = this.queue.then(fn);
    this.queue = run.catch((err: unknown) => this.log(`board sessions: ${String(err)}`));
    return run;
  }

  /** Opens a session for `id` if it has none; resolves once its links are started. */
  private open(id: string): Promise<void> {
    if (this.sessions.has(id)) return Promise.resolve();
    const profile = this.deps.getProfile(id);
    if (!profile) return Promise.resolve();
    const session = new BoardSession(profile, this.deps, {
      state: (s) => {
        if (s.id === this.focusedId && this.sessions.get(s.id) === s) this.deps.emit('links:state', s.state);
      },
      led: (s, leds) => {
        if (s.id === this.focusedId) this.deps.emit('board:led-status', leds);
      },
      telemetry: (s, latest) => {
        if (s.id === this.focusedId) this.deps.emit('board:telemetry-latest', latest);
      },
      sender: (s, sender, reason) => {
        if (s.id === this.focusedId) this.deps.onSender?.(sender, reason, s.id);
      },
      ...(this.deps.frameTapFor ? { frameTap: this.deps.frameTapFor(id) } : {}),
    });
    this.sessions.set(id, session);
    for (const cb of this.setListeners) cb();
    return session.start();
  }

  private async end(id: string): Promise<void> {
    const s = this.sessions.get(id);
    if (!s) return;
    this.sessions.delete(id);
    for (const cb of this.setListeners) cb();
    await s.close();
  }

  private setFocus(id: string | undefined, force = false): void {
    const moved = id !== this.focusedId;
    this.focusedId = id;
    if (moved && id !== undefined) this.deps.persistFocus?.(id);
    if (moved || force) {
      const f = this.focused;
      this.deps.onSender?.(f?.sender.sender, f?.sender.reason, id);
      for (const cb of this.focusListeners) cb(id);
    }
    this.deps.emit('links:state', this.state);
    // What the session already heard of the newly focused board goes out with its links at once: a board reports
    // its LEDs only on connect and on a change, so waiting for its next report left the dashboard without them.
    const f = this.focused;
    if (f?.ledStatus) this.deps.emit('board:led-status', f.ledStatus);
    const latest = f?.telemetrySnapshot();
    if (latest) this.deps.emit('board:telemetry-latest', latest);
    this.emitSummary();
  }

  private emitSummary(): void {
    this.deps.emit('sessions:state', this.summary());
  }
}
