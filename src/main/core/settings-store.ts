import { join } from 'node:path';
import { settingsSchema, type Settings } from '../../shared/bridge/contracts/app';
import { JsonStore, type LoadOutcome } from './json-store';

/**
 * The settings, kept in `settings.json` through a JsonStore: parsed by the schema, a bad field reset alone (and the
 * user told), a damaged file kept aside, written atomically and owner-only (it holds the MQTT broker password).
 */
export class SettingsStore {
  private readonly store: JsonStore<typeof settingsSchema>;

  constructor(
    dir: string,
    log: (message: string) => void = () => {},
    /** Tells the user, once, what was reset or kept aside on load. */
    tell?: (message: string) => void,
  ) {
    this.store = new JsonStore({
      file: join(dir, 'settings.json'),
      schema: settingsSchema,
      log,
      tell,
      mode: 0o600,
    });
  }

  /** What loading the file found wrong, if anything. */
  get loaded(): LoadOutcome {
    return this.store.loaded;
  }

  /** The settings in force. */
  get(): Settings {
    return this.store.get();
  }

  /** Merges a validated patch, writes it, and returns the new settings. */
  set(patch: Partial<Settings>): Settings {
    return this.store.update(patch);
  }
}
