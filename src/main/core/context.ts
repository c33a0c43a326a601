import type { EventHub } from './event-hub';
import type { SettingsStore } from './settings-store';

/** Identity of the running app, fixed at start. */
export interface AppIdentity {
  readonly name: string;
  readonly version: string;
  readonly platform: string;
  readonly startedAt: number;
}

/** What every feature of the core shares: the event hub, the settings, the log, and where it may keep data. */
export interface BenchContext {
  readonly hub: EventHub;
  readonly settings: SettingsStore;
  readonly identity: AppIdentity;
  /** Directory for the app's own data (virtual eMMC, recordings by default). */
  readonly dataDir: string;
  readonly log: (message: string) => void;
  /** Registers cleanup run by `bench.close()`, last registered first. */
  readonly onClose: (fn: () => Promise<void> | void) => void;
}
