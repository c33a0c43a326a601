// The Serial feature's data layer: every serial request and event of the page goes through here, kept per board id,
// so the page can only show the board it is given, and switching back shows what that board had.
import type { BenchApi } from '../../../../shared/bridge/contract';
import type {
  SerialConsoleState,
  SerialPortEntry,
  SerialSettings,
} from '../../../../shared/bridge/contracts/serial';
import { MAX_SCROLLBACK, SerialScrollback, type SerialView } from './serial-scrollback';

/** One board's console as the page shows it. */
export interface BoardSerialView {
  readonly boardId: string;
  /** Lines and firmware events (bounded, outside React state). */
  readonly scroll: SerialView;
  /** The console's state; undefined until the core has answered. */
  readonly state: SerialConsoleState | undefined;
  /** What the last action on this board's console failed with, in words. */
  readonly error: string | undefined;
}

/** The OS's serial ports; `listFailed` when the computer could not list them (a typed path still works). */
export interface PortsView {
  readonly ports: readonly SerialPortEntry[];
  readonly listFailed: boolean;
}

type Bridge = Pick<BenchApi, 'invoke' | 'on'>;

interface Entry {
  readonly scroll: SerialScrollback;
  state: SerialConsoleState | undefined;
  error: string | undefined;
  /** The history was fetched since the store last started listening. */
  loaded: boolean;
  resync: ReturnType<typeof setTimeout> | undefined;
  view: BoardSerialView;
}

const EMPTY_SCROLL = new SerialScrollback(0).snapshot();
const NO_BOARD: BoardSerialView = { boardId: '', scroll: EMPTY_SCROLL, state: undefined, error: undefined };

/**
 * Per-board serial state of the page. Listens to the core's serial events while something subscribes; a board's
 * scrollback is loaded from the core when it is first shown, then kept up to date from the events that name it.
 * At most `maxBoards` boards are kept here (the core keeps every board's scrollback; a board dropped here is
 * fetched again when shown).
 */
export class SerialStore {
  private readonly boards = new Map<string, Entry>();
  private readonly listeners = new Set<() => void>();
  private detach: (() => void) | undefined;
  private portsView: PortsView = { ports: [], listFailed: false };
  /** The board the page shows. */
  private shown: string | undefined;

  constructor(
    private readonly bridge: Bridge,
    private readonly maxBoards = 4,
    private readonly maxLines = MAX_SCROLLBACK,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (!this.detach) this.listen();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stopListening();
    };
  };

  /** Board `boardId`'s view (stable until it changes); an empty one for no board. */
  board(boardId: string | undefined): BoardSerialView {
    return boardId === undefined ? NO_BOARD : (this.boards.get(boardId)?.view ?? NO_BOARD);
  }

  ports = (): PortsView => this.portsView;

  /** The page shows board `boardId`: load its scrollback unless it is already here. */
  show(boardId: string): void {
    this.shown = boardId;
    const e = this.entry(boardId);
    if (!e.loaded) void this.load(boardId);
  }

  async open(boardId: string, settings: SerialSettings): Promise<void> {
    this.setError(boardId, undefined);
    await this.act(boardId, () => this.bridge.invoke('serial:open', { ...settings, boardId }));
  }

  async close(boardId: string): Promise<void> {
    await this.act(boardId, () => this.bridge.invoke('serial:close', { boardId }));
  }

  /** Sends text or hex bytes; true when sent. */
  async send(
    boardId: string,
    what: { text: string } | { hex: string },
    lineEnding: 'none' | 'lf' | 'cr' | 'crlf',
  ): Promise<boolean> {
    const r = await this.bridge.invoke('serial:send', { ...what, lineEnding, boardId });
    this.setError(boardId, r.ok ? undefined : r.error.message);
    return r.ok;
  }

  async clear(boardId: string): Promise<void> {
    const r = await this.bridge.invoke('serial:clear', { boardId });
    if (r.ok) this.boards.get(boardId)?.scroll.clear();
    else this.setError(boardId, r.error.message);
  }

  /** Starts logging to `path`; the error in words, or undefined when it started. */
  async startLog(boardId: string, path: string): Promise<string | undefined> {
    const r = await this.bridge.invoke('serial:log-to-file', { action: 'start', path, boardId });
    if (r.ok) this.setState(boardId, r.value);
    return r.ok ? undefined : r.error.message;
  }

  /** Stops logging; the browser-mode download of the log, if any. */
  async stopLog(boardId: string): Promise<string | undefined> {
    const r = await this.bridge.invoke('serial:log-to-file', { action: 'stop', boardId });
    if (!r.ok) return this.setError(boardId, r.error.message);
    this.setState(boardId, r.value);
    return r.value.download;
  }

  /** The desktop app's save dialog for a log file: the path, undefined when cancelled, or the error. */
  async chooseLogFile(defaultName: string): Promise<{ path?: string; error?: string }> {
    const r = await this.bridge.invoke('host:choose-save-file', { purpose: 'serial-logs', defaultName });
    if (!r.ok) return { error: r.error.message };
    return r.value.path ? { path: r.value.path } : {};
  }

  /** Lists the OS's ports. A failure is kept as `listFailed` (the page says it once, beside the path field). */
  async listPorts(): Promise<void> {
    const r = await this.bridge.invoke('serial:list', {});
    this.portsView = r.ok ? { ports: r.value, listFailed: false } : { ports: [], listFailed: true };
    this.publish();
  }

  setError(boardId: string, error: string | undefined): undefined {
    const e = this.boards.get(boardId);
    if (!e || e.error === error) return;
    e.error = error;
    this.refresh(boardId, e);
  }

  setPaused(boardId: string, paused: boolean): void {
    this.boards.get(boardId)?.scroll.setPaused(paused);
  }

  /** Every line kept of board `boardId` (not only the frozen view), for copy-all. */
  all(boardId: string) {
    return this.boards.get(boardId)?.scroll.all() ?? [];
  }

  private async act(boardId: string, run: () => Promise<{ ok: boolean; error?: { message: string } }>) {
    const r = await run();
    if (!r.ok) this.setError(boardId, r.error?.message);
  }

  private entry(boardId: string): Entry {
    let e = this.boards.get(boardId);
    if (e) {
      this.boards.delete(boardId); // most recently shown last
      this.boards.set(boardId, e);
      return e;
    }
    const scroll = new SerialScrollback(this.maxLines);
    const made: Entry = {
      scroll,
      state: undefined,
      error: undefined,
      loaded: false,
      resync: undefined,
      view: { boardId, scroll: scroll.snapshot(), state: undefined, error: undefined },
    };
    e = made;
    scroll.subscribe(() => this.refresh(boardId, made));
    this.boards.set(boardId, e);
    for (const [id, old] of this.boards) {
      if (this.boards.size <= this.maxBoards) break;
      if (id === boardId) continue;
      clearTimeout(old.resync);
      this.boards.delete(id);
    }
    return e;
  }

  private async load(boardId: string): Promise<void> {
    const e = this.boards.get(boardId);
    if (!e) return;
    e.loaded = true;
    const r = await this.bridge.invoke('serial:history', { limit: this.maxLines, boardId });
    if (this.boards.get(boardId) !== e) return;
    if (!r.ok) {
      e.loaded = false;
      return this.setError(boardId, r.error.message);
    }
    e.scroll.load(r.value.lines, r.value.events, r.value.state.stats.dropped);
    this.setState(boardId, r.value.state);
  }

  private setState(boardId: string, state: SerialConsoleState): void {
    const e = this.boards.get(boardId);
    if (!e) return;
    e.state = state;
    this.refresh(boardId, e);
  }

  private refresh(boardId: string, e: Entry): void {
    e.view = { boardId, scroll: e.scroll.snapshot(), state: e.state, error: e.error };
    this.publish();
  }

  private publish(): void {
    for (const l of this.listeners) l();
  }

  private listen(): void {
    const offs = [
      this.bridge.on('serial:lines', (b) => {
        const e = this.boards.get(b.boardId);
        if (!e?.loaded) return; // its history, fetched when shown, will hold these lines
        e.scroll.append(b);
        // A batch that overflowed left a hole: fetch the core's scrollback (it kept those lines) once calm.
        if (b.dropped === 0 || e.resync !== undefined) return;
        e.resync = setTimeout(() => {
          e.resync = undefined;
          if (!e.scroll.snapshot().paused) void this.load(b.boardId);
        }, 300);
      }),
      this.bridge.on('serial:event', (ev) => {
        const e = this.boards.get(ev.boardId);
        if (e?.loaded) e.scroll.addEvent(ev.event);
      }),
      this.bridge.on('serial:state', (s) => this.setState(s.boardId, s)),
    ];
    this.detach = () => offs.forEach((off) => off());
    // Listening again after a pause: the board shown fetches what it missed.
    if (this.shown !== undefined && this.boards.get(this.shown)?.loaded === false) void this.load(this.shown);
  }

  private stopListening(): void {
    this.detach?.();
    this.detach = undefined;
    // Events are missed from now on: each board's history is fetched again when shown.
    for (const e of this.boards.values()) {
      e.loaded = false;
      clearTimeout(e.resync);
      e.resync = undefined;
    }
  }
}
