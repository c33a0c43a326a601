import { mkdirSync } from 'node:fs';
import type { BenchContext, AppIdentity } from './context';
import { createDispatcher, type Dispatch, type Handlers } from './dispatch';
import { EventHub } from './event-hub';
import { appHandlers } from './handlers/app';
import { telemetryHandlers } from './handlers/telemetry';
import { SettingsStore } from './settings-store';
import { TelemetryService, type TelemetryServiceOptions } from './telemetry/service';

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
  /** Bounds of the telemetry pipeline and capture (defaults: 10 min at 1000 Hz). */
  readonly telemetry?: Pick<TelemetryServiceOptions, 'pipeline' | 'capture'>;
}

/** The bench core: one per app session, transport-agnostic. */
export interface Bench {
  readonly dispatch: Dispatch;
  readonly hub: EventHub;
  /** Telemetry pipeline, recorder and capture: links feed `telemetry.pipeline.ingest(boardId, record)`. */
  readonly telemetry: TelemetryService;
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

  const telemetry = new TelemetryService({
    ...options.telemetry,
    dataDir,
    log,
    emitBatch: (batch) => hub.emit('telemetry:batch', batch),
    emitRecording: (status) => hub.emit('telemetry:recording', status),
  });
  closers.push(() => telemetry.close());

  const handlers: Handlers = {
    ...appHandlers(ctx),
    ...telemetryHandlers(ctx, telemetry),
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
    telemetry,
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
