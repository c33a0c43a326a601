// The Memory page's data, per board: the model and live pools the core reports for each board, the what-if being
// edited and its applied result, and an imported build. It owns the feature's bridge calls and events; components
// read one board's entry with useSyncExternalStore, so a page cannot show another board's figures, and going back
// to a board shows what it had.
import type { BenchApi } from '../../../../shared/bridge/contract';
import type {
  MemoryApplyResult,
  MemoryModel,
  PoolFeedState,
  PoolSample,
  PoolsEvent,
} from '../../../../shared/bridge/contracts/memory';
import { IMPORT_PART_CHARS, MAX_IMPORT_CHARS } from '../../../../shared/bridge/contracts/memory';
import type { MemoryConfig } from '../../../../shared/memory/config';
import type { ImportedBuild } from '../../../../shared/memory/import';
import type { MemoryUsage } from '../../../../shared/memory/usage';

/** Samples kept per board for the sparklines (the core keeps as many). */
const HISTORY = 240;

/** A picked file of the user's build. */
export interface PickedFile {
  readonly name: string;
  readonly text: string;
}

/** What came of "Apply": the result, or why it failed. */
export type ApplyOutcome =
  | { readonly kind: 'applied'; readonly result: MemoryApplyResult }
  | { readonly kind: 'failed'; readonly message: string };

/** Everything the Memory page shows for one board. */
export interface BoardMemory {
  readonly model?: MemoryModel;
  /** Why the model could not be loaded. */
  readonly error?: string;
  readonly pools?: PoolFeedState;
  readonly history: readonly PoolSample[];
  /** The what-if being edited (empty: the firmware as built). */
  readonly config: MemoryConfig;
  readonly applying: boolean;
  readonly outcome?: ApplyOutcome;
  /** What the board's pools follow now, when a what-if was applied to it. */
  readonly applied?: MemoryUsage;
  readonly files: { readonly linkerScript?: PickedFile; readonly mapFile?: PickedFile };
  /** The user's build, once its files parsed; the region map shows it instead of the firmware's. */
  readonly build?: ImportedBuild;
  readonly importError?: string;
}

const EMPTY: BoardMemory = { history: [], config: {}, applying: false, files: {} };

let uploads = 0;
/** A fresh upload name (crypto.randomUUID is missing on a page served over plain http to another machine). */
function uploadName(): string {
  return `imp-${Date.now().toString(36)}-${(uploads++).toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** The part of the bridge the store uses. */
export type MemoryBridge = Pick<BenchApi, 'invoke' | 'on'>;

/** Per-board memory data behind the Memory page. */
export class MemoryStore {
  private readonly boards = new Map<string, BoardMemory>();
  private readonly listeners = new Set<() => void>();
  private offPools: (() => void) | undefined;

  constructor(private readonly bridge: MemoryBridge) {}

  /** For useSyncExternalStore; hears the core's pool events while anyone listens. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    this.offPools ??= this.bridge.on('memory:pools', (e) => this.poolsArrived(e));
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.offPools?.();
        this.offPools = undefined;
      }
    };
  };

  /** Board `boardId`'s data (a stable object until it changes). */
  get(boardId: string): BoardMemory {
    return this.boards.get(boardId) ?? EMPTY;
  }

  /** Loads board `boardId`'s model, pools and last applied what-if (on showing it, so its pools are fresh). */
  async load(boardId: string): Promise<void> {
    const r = await this.bridge.invoke('memory:model', { boardId });
    if (!r.ok) return this.update(boardId, { error: r.error.message });
    const m = r.value;
    const had = this.get(boardId);
    // A result applied before this page knew it (another window, or before a reload) is shown with its what-if.
    const restored =
      !had.outcome && m.lastApply
        ? { outcome: { kind: 'applied', result: m.lastApply.result } as const, config: m.lastApply.asked }
        : {};
    this.update(boardId, {
      model: m,
      error: undefined,
      pools: m.pools,
      history: m.history,
      applied: m.applied,
      ...restored,
    });
  }

  /** Changes the what-if of board `boardId`. */
  setConfig(boardId: string, config: MemoryConfig): void {
    this.update(boardId, { config });
  }

  /** Back to the firmware as built: the what-if and its result message go. */
  reset(boardId: string): void {
    this.update(boardId, { config: {}, outcome: undefined });
  }

  /** Applies board `boardId`'s what-if to that board (the core refuses a real board, saying why). */
  async apply(boardId: string): Promise<void> {
    this.update(boardId, { applying: true });
    const r = await this.bridge.invoke('memory:apply', { boardId, config: this.get(boardId).config });
    if (!r.ok)
      return this.update(boardId, { applying: false, outcome: { kind: 'failed', message: r.error.message } });
    this.update(boardId, {
      applying: false,
      outcome: { kind: 'applied', result: r.value },
      applied: r.value.usage,
    });
  }

  /** Takes one file of the user's build for board `boardId` and analyses what was picked so far. */
  async pick(boardId: string, kind: 'linkerScript' | 'mapFile', file: File): Promise<void> {
    if (file.size > MAX_IMPORT_CHARS)
      return this.update(boardId, {
        importError: `${file.name} is ${(file.size / 1e6).toFixed(1)} MB; the import takes files up to ${(MAX_IMPORT_CHARS / 1e6).toFixed(1)} MB.`,
      });
    const files = { ...this.get(boardId).files, [kind]: { name: file.name, text: await file.text() } };
    this.update(boardId, { files });
    const r = await this.importFiles(files);
    if (r.ok) this.update(boardId, { build: r.value, importError: undefined });
    else this.update(boardId, { build: undefined, importError: `${file.name}: ${r.error.message}` });
  }

  /**
   * Sends the picked files in parts and imports them: one bridge message stays under what the browser-mode
   * socket carries (4 MiB) however much JSON escaping grows the text (a Windows map doubles its backslashes).
   */
  private async importFiles(files: BoardMemory['files']) {
    const upload = uploadName();
    for (const file of ['linkerScript', 'mapFile'] as const) {
      const text = files[file]?.text;
      if (text === undefined) continue;
      // One part at least, so that an empty file reaches the parser and is named in its error.
      for (let index = 0, at = 0; index === 0 || at < text.length; index++, at += IMPORT_PART_CHARS) {
        const part = text.slice(at, at + IMPORT_PART_CHARS);
        const r = await this.bridge.invoke('memory:import-part', { upload, which: file, index, text: part });
        if (!r.ok) return r;
      }
    }
    return this.bridge.invoke('memory:import', { upload });
  }

  /** Forgets board `boardId`'s imported build: the map shows the firmware's layout again. */
  clearImport(boardId: string): void {
    this.update(boardId, { files: {}, build: undefined, importError: undefined });
  }

  private poolsArrived({ boardId, state }: PoolsEvent): void {
    const had = this.get(boardId);
    let history = had.history;
    if (state.kind === 'none') history = [];
    else if (state.kind === 'live' && state.at !== history.at(-1)?.t) {
      const inUse: Record<string, number> = {};
      for (const p of state.status.packetPools) inUse[p.name] = p.total - p.free;
      history = [...history.slice(-(HISTORY - 1)), { t: state.at, inUse }];
    }
    this.update(boardId, { pools: state, history });
  }

  private update(boardId: string, patch: Partial<BoardMemory>): void {
    this.boards.set(boardId, { ...this.get(boardId), ...patch });
    for (const l of this.listeners) l();
  }
}
