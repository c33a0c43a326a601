import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { settingsSchema, type Settings } from '../../shared/bridge/contracts/app';
import { writeJsonFile } from './json-file';

/** Settings kept as one JSON file, written atomically (writeJsonFile). A broken file falls back to defaults. */
export class SettingsStore {
  private current: Settings;
  private readonly file: string;

  constructor(
    dir: string,
    private readonly log: (message: string) => void = () => {},
  ) {
    this.file = join(dir, 'settings.json');
    mkdirSync(dir, { recursive: true });
    this.current = this.load();
  }

  /** The settings in force. */
  get(): Settings {
    return this.current;
  }

  /** Merges a validated patch, writes it, and returns the new settings. */
  set(patch: Partial<Settings>): Settings {
    this.current = settingsSchema.parse({ ...this.current, ...patch });
    // Owner-only: it holds the MQTT broker password.
    writeJsonFile(this.file, this.current, { mode: 0o600 });
    return this.current;
  }

  private load(): Settings {
    let raw: unknown = {};
    try {
      raw = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        this.log(`settings file unreadable, using defaults: ${String(err)}`);
    }
    const parsed = settingsSchema.safeParse(typeof raw === 'object' && raw ? raw : {});
    if (parsed.success) return parsed.data;
    this.log('settings file has invalid values, using defaults');
    return settingsSchema.parse({});
  }
}
