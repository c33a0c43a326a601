import { mkdirSync } from 'node:fs';
import type { BenchContext, AppIdentity } from './context';
import { createDispatcher, type Dispatch, type Handlers } from './dispatch';
import { EventHub } from './event-hub';
import { FrameCapture } from './frames/capture';
import { SenderSlot } from './frames/sender-slot';
import type { FrameTap } from './frames/tap';
import { appHandlers } from './handlers/app';
import { framesHandlers } from './handlers/frames';
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
}

/** The bench core: one per app session, transport-agnostic. */
export interface Bench {
  readonly dispatch: Dispatch;
  readonly hub: EventHub;
  /** The frame log's tap (a link feeds its raw bytes here) and the composer's sender slot (a link sets its sender). */
  readonly frames: { readonly tap: FrameTap; readonly senders: SenderSlot };
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

  const frameCapture = new FrameCapture();
  const senders = new SenderSlot();

  const handlers: Handlers = {
    ...appHandlers(ctx),
    ...framesHandlers(ctx, { capture: frameCapture, senders }),
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
    frames: { tap: frameCapture, senders },
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
