// Every board's serial console, kept with its board: a console per board id, made on first use, within a budget.
import type { SerialPortEntry } from '../../../shared/bridge/contracts/serial';
import { BenchError } from '../../../shared/result';
import { defaultSerialBinding, listSerialPorts, type SerialBinding } from '../links/serial-link';
import { SerialConsole, type SerialConsoleOptions } from './serial-console';

/** Options of every board's console, and how many boards' consoles are kept. */
export interface BoardConsolesOptions extends Omit<SerialConsoleOptions, 'boardId' | 'binding'> {
  readonly binding?: SerialConsoleOptions['binding'];
  /**
   * Consoles kept at most (default 8). A console with an input, a log file or a live session is always kept;
   * beyond the budget the idle ones least recently used are dropped with their scrollback.
   */
  readonly maxBoards?: number;
}

/**
 * The memory budget: each board's scrollback is bounded (10,000 lines and 2 Mi characters by default, firmware
 * events 200), and idle consoles beyond `maxBoards` are dropped, so the serial feature holds at most about
 * 8 × 2 Mi characters of text whatever the number of boards.
 */
export const SERIAL_SCROLLBACK = { maxLines: 10_000, maxChars: 2 * 1024 * 1024 } as const;

/** One serial console per board. */
export class BoardConsoles {
  private readonly consoles = new Map<string, SerialConsole>();
  private readonly maxBoards: number;
  private binding: Promise<SerialBinding> | undefined;
  /** Boards whose console must be kept (their session is open). */
  private readonly pinned = new Set<string>();

  constructor(private readonly options: BoardConsolesOptions) {
    this.maxBoards = options.maxBoards ?? 8;
  }

  /** Board `boardId`'s console, made if it has none yet. */
  get(boardId: string): SerialConsole {
    let c = this.consoles.get(boardId);
    if (c) {
      // Most recently used last, so the budget drops the oldest first.
      this.consoles.delete(boardId);
      this.consoles.set(boardId, c);
      return c;
    }
    const { maxBoards: _m, binding: _b, ...rest } = this.options;
    c = new SerialConsole({
      ...SERIAL_SCROLLBACK,
      ...rest,
      boardId,
      binding: () => this.resolveBinding(),
    });
    this.consoles.set(boardId, c);
    this.trim(boardId);
    return c;
  }

  /** Board `boardId`'s console if it has one. */
  peek(boardId: string): SerialConsole | undefined {
    return this.consoles.get(boardId);
  }

  /** Keeps board `boardId`'s console whatever the budget (while its session is open), or lets it go. */
  pin(boardId: string, pinned: boolean): void {
    if (pinned) this.pinned.add(boardId);
    else this.pinned.delete(boardId);
    this.trim();
  }

  /** The board whose console has device `path` open (or opening, or retrying), other than `except`. */
  holderOf(path: string, except?: string): string | undefined {
    for (const [id, c] of this.consoles) {
      const input = c.state().input;
      if (id === except || input.kind !== 'device') continue;
      if (input.settings.path === path && input.link.kind !== 'closed' && input.link.kind !== 'failed')
        return id;
    }
    return undefined;
  }

  /**
   * Opens a device as board `boardId`'s console, unless another board's console holds it (two readers of one
   * serial device would each get part of its bytes).
   */
  open(boardId: string, settings: Parameters<SerialConsole['open']>[0], nameOf: (id: string) => string) {
    const holder = this.holderOf(settings.path, boardId);
    if (holder !== undefined)
      throw new BenchError(
        'CONFLICT',
        `${settings.path} is already open as the serial console of ${nameOf(holder)}; close it there first.`,
      );
    return this.get(boardId).open(settings);
  }

  /** Lists the OS's serial ports (ST-LINKs first). */
  async list(): Promise<SerialPortEntry[]> {
    return listSerialPorts(await this.resolveBinding());
  }

  /** Drops board `boardId`'s console and its scrollback (its profile was removed). */
  async forget(boardId: string): Promise<void> {
    const c = this.consoles.get(boardId);
    this.consoles.delete(boardId);
    this.pinned.delete(boardId);
    await c?.dispose();
  }

  /** Closes every console (app shutdown). */
  async dispose(): Promise<void> {
    const all = [...this.consoles.values()];
    this.consoles.clear();
    for (const c of all) await c.dispose();
  }

  private trim(keep?: string): void {
    if (this.consoles.size <= this.maxBoards) return;
    for (const [id, c] of this.consoles) {
      if (this.consoles.size <= this.maxBoards) return;
      if (id === keep || this.pinned.has(id) || c.state().input.kind !== 'none' || c.state().logging)
        continue;
      this.consoles.delete(id);
      void c.dispose();
    }
  }

  private resolveBinding(): Promise<SerialBinding> {
    const b = this.options.binding;
    this.binding ??=
      b === undefined ? defaultSerialBinding() : typeof b === 'function' ? b() : Promise.resolve(b);
    return this.binding;
  }
}
