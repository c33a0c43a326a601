import { mkdirSync } from 'node:fs';
import type { BenchContext, AppIdentity } from './context';
import { createDispatcher, type Dispatch, type Handlers } from './dispatch';
import { EventHub } from './event-hub';
import { appHandlers } from './handlers/app';
import { boardHandlers } from './handlers/board';
import { linksHandlers } from './handlers/links';
import { LinkManager, type LinkManagerDeps, type VirtualBoardProvider } from './links/link-manager';
import { ProfileStore } from './links/profiles';
import { memoryHandlers } from './handlers/memory';
import { PoolStatusFeed } from './memory/pool-feed';
import { BoardMemory } from '../board/memory/board-memory';
import { serialHandlers } from './handlers/serial';
import { SerialConsole, type SerialConsoleOptions } from './serial/serial-console';
import { SettingsStore } from './settings-store';

/** Where the core keeps things, and how it reports. */
export interface BenchOptions {
  /** Directory of settings.json. */
  readonly configDir: string;
  /** Directory for app data (virtual eMMC, recordings). Defaults to configDir. */
  readonly dataDir?: string;
  readonly identity: Omit<AppIdentity, 'startedAt'>;
  readonly log?: (message: string) => void;
  /** Heartbeat period in ms (0 disables). */
  readonly heartbeatMs?: number;
  /** The in-app virtual board, when this build has one. */
  readonly virtualBoard?: VirtualBoardProvider;
  /** Serial port binding (tests inject @serialport/binding-mock); default: serialport's native binding. */
  readonly serialBinding?: SerialConsoleOptions['binding'];
}

/** The bench core: one per app session, transport-agnostic. */
export interface Bench {
  readonly dispatch: Dispatch;
  readonly hub: EventHub;
  /** The serial console: attach the virtual board's log with `serial.attachSource(source)`. */
  readonly serial: SerialConsole;
  close(): Promise<void>;
}

/** Builds the core: features, their handlers, and the single dispatcher the transports call. */
export async function createBench(options: BenchOptions): Promise<Bench> {
  const log = options.log ?? ((m: string) => console.error(m));
  const hub = new EventHub(log);
  const closers: Array<() => Promise<void> | void> = [];
  const dataDir = options.dataDir ?? options.configDir;
  mkdirSync(dataDir, { recursive: true });
  const ctx: BenchContext = {
    hub,
    settings: new SettingsStore(options.configDir, log),
    identity: { ...options.identity, startedAt: Date.now() },
    dataDir,
    log,
    onClose: (fn) => closers.push(fn),
  };

  const profiles = new ProfileStore(options.configDir, log);
  const linkDeps: LinkManagerDeps = {
    getProfile: (id) => profiles.get(id),
    emit: (name, payload) => hub.emit(name, payload),
    virtual: options.virtualBoard,
    log,
  };
  const links = new LinkManager(linkDeps);
  closers.push(() => links.close());
  const saved = ctx.settings.get().selectedBoard;
  void links.select(profiles.get(saved) ? saved : 'virtual');

  const serial = new SerialConsole({ hub, log, ...(options.serialBinding ? { binding: options.serialBinding } : {}) });
  closers.push(() => serial.dispose());

  // Stand-in for the running virtual board's memory until the board is wired in; links push pool-status here.
  const boardMemory = new BoardMemory();
  closers.push(() => boardMemory.close());
  const poolFeed = new PoolStatusFeed();

  const handlers: Handlers = {
    ...appHandlers(ctx),
    ...linksHandlers(ctx, profiles, links),
    ...boardHandlers(ctx),
    ...memoryHandlers(ctx, { getBoardMemory: () => boardMemory, feed: poolFeed }),
    ...serialHandlers(ctx, serial),
  };

  const heartbeatMs = options.heartbeatMs ?? 1000;
  if (heartbeatMs > 0) {
    let seq = 0;
    const timer = setInterval(() => hub.emit('app:heartbeat', { seq: ++seq, at: Date.now() }), heartbeatMs);
    timer.unref();
    closers.push(() => clearInterval(timer));
  }

  return {
    dispatch: createDispatcher(handlers, log),
    hub,
    serial,
    async close() {
      for (const fn of closers.reverse()) {
        try {
          await fn();
        } catch (err) {
          log(`cleanup failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    },
  };
}
