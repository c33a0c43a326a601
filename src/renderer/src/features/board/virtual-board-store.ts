// The Board page's data layer: each virtual board's status, UART lines and emulator diagnostics, kept per board id
// (so going back to a board shows what it had), fed by the `vboard:*` events while the page listens, and the page's
// commands to a board. Components read a board's snapshot with useSyncExternalStore and call the store's methods.
import type { BenchApi, RequestOf } from '../../../../shared/bridge/contract';
import type { UartLineView, VirtualBoardStatus } from '../../../../shared/bridge/contracts/board';
import type { Result } from '../../../../shared/result';
import { KEEP_LINES, mergeUart, type LogLine } from './board-rules';

/** What the Board page shows of one virtual board. Replaced (never mutated) on every change. */
export interface VirtualBoardSnapshot {
  /** Undefined until the core answered. */
  readonly status: VirtualBoardStatus | undefined;
  /** A start asked for and not answered yet. */
  readonly starting: boolean;
  /** The last command's failure, in the core's words. */
  readonly error: string | undefined;
  readonly uart: readonly UartLineView[];
  readonly logs: readonly LogLine[];
}

const EMPTY: VirtualBoardSnapshot = {
  status: undefined,
  starting: false,
  error: undefined,
  uart: [],
  logs: [],
};

/** A board's start settings, as the page chooses them (the board is named apart). */
export type StartRequest = Omit<RequestOf<'vboard:start'>, 'boardId'>;

/** The settings a running board takes (the board is named apart). */
export type ConfigureRequest = Omit<RequestOf<'vboard:configure'>, 'boardId'>;

export class VirtualBoardStore {
  private readonly boards = new Map<string, VirtualBoardSnapshot>();
  private readonly listeners = new Set<() => void>();
  private off: (() => void) | undefined;

  constructor(private readonly bridge: Pick<BenchApi, 'invoke' | 'on'>) {}

  /** Listens to the store; the `vboard:*` events are followed only while someone listens. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (!this.off) this.attach();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.off?.();
        this.off = undefined;
      }
    };
  };

  /** Board `boardId` as the page shows it (an empty one before anything is known). */
  snapshot(boardId: string): VirtualBoardSnapshot {
    return this.boards.get(boardId) ?? EMPTY;
  }

  /** Asks the core for the board's status and its last UART lines (when the page comes to show it). */
  async load(boardId: string): Promise<void> {
    const r = await this.bridge.invoke('vboard:status', { boardId });
    if (!r.ok) return this.patch(boardId, { error: r.error.message });
    this.patch(boardId, { status: r.value });
    if (r.value.kind === 'running') await this.loadTail(boardId);
  }

  async start(boardId: string, req: StartRequest): Promise<void> {
    // A new boot numbers its lines from 1 again.
    this.patch(boardId, { error: undefined, starting: true, uart: [], logs: [] });
    const r = await this.bridge.invoke('vboard:start', { ...req, boardId });
    if (!r.ok) return this.patch(boardId, { starting: false, error: r.error.message });
    this.patch(boardId, { starting: false, status: r.value });
    await this.loadTail(boardId); // the boot log was printed before its events came
  }

  stop(boardId: string): Promise<boolean> {
    return this.run(boardId, () => this.bridge.invoke('vboard:stop', { boardId }));
  }

  configure(boardId: string, patch: ConfigureRequest): Promise<boolean> {
    return this.run(boardId, () => this.bridge.invoke('vboard:configure', { ...patch, boardId }));
  }

  setGpio(boardId: string, led: 'green' | 'yellow' | 'red', on: boolean): Promise<boolean> {
    return this.run(boardId, () => this.bridge.invoke('vboard:set-gpio', { boardId, led, on }));
  }

  /** Runs a command that answers with the new status; its failure is kept as the board's error. */
  private async run(boardId: string, call: () => Promise<Result<VirtualBoardStatus>>): Promise<boolean> {
    this.patch(boardId, { error: undefined });
    const r = await call();
    this.patch(boardId, r.ok ? { status: r.value } : { error: r.error.message });
    return r.ok;
  }

  private async loadTail(boardId: string): Promise<void> {
    const r = await this.bridge.invoke('vboard:uart-tail', { boardId, max: KEEP_LINES });
    if (r.ok) this.patch(boardId, { uart: mergeUart(this.snapshot(boardId).uart, r.value) });
  }

  private attach(): void {
    const offs = [
      this.bridge.on('vboard:status', (s) => this.patch(s.boardId, { status: s })),
      this.bridge.on('vboard:uart', (p) =>
        this.patch(p.boardId, { uart: mergeUart(this.snapshot(p.boardId).uart, p.lines) }),
      ),
      this.bridge.on('vboard:log', (p) =>
        this.patch(p.boardId, { logs: [...this.snapshot(p.boardId).logs, ...p.lines].slice(-KEEP_LINES) }),
      ),
    ];
    this.off = () => offs.forEach((off) => off());
  }

  private patch(boardId: string, p: Partial<VirtualBoardSnapshot>): void {
    this.boards.set(boardId, { ...this.snapshot(boardId), ...p });
    for (const listener of this.listeners) listener();
  }
}
