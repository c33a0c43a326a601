// The app's settings as the renderer sees them: read from the core, followed by `settings:changed` (another window
// may change them too), and changed only through the core, which validates and keeps them. Also the app's facts
// (`app:info`). Components read the settings with useSyncExternalStore and call the store's methods.
import type { BenchApi } from '../../../../shared/bridge/contract';
import type { AppInfo, Settings } from '../../../../shared/bridge/contracts/app';
import type { FieldUnits } from '../../../../shared/telemetry/fields';
import type { Result } from '../../../../shared/result';

export class SettingsStore {
  private settings: Settings | undefined;
  /** Count of changes heard: an answer to an older question does not overwrite a newer event. */
  private heard = 0;
  /** Units set before the settings first arrived. */
  private pendingUnits: FieldUnits = {};
  private readonly listeners = new Set<() => void>();
  private off: (() => void) | undefined;

  constructor(private readonly bridge: Pick<BenchApi, 'invoke' | 'on'>) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (!this.off) {
      this.off = this.bridge.on('settings:changed', (s) => this.take(s));
      void this.load();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.off?.();
        this.off = undefined;
      }
    };
  };

  /** The settings, undefined until the core answered. */
  readonly snapshot = (): Settings | undefined => this.settings;

  /** Asks the core for the settings (and keeps them unless a change was heard meanwhile). */
  async load(): Promise<Result<Settings>> {
    const asked = this.heard;
    const r = await this.bridge.invoke('settings:get', {});
    if (r.ok && this.heard === asked) this.set(r.value);
    return r;
  }

  /** The app's version and paths. */
  info(): Promise<Result<AppInfo>> {
    return this.bridge.invoke('app:info', {});
  }

  /** Remembers the page shown, so the app opens on it next time. */
  async setPage(page: Settings['page']): Promise<void> {
    const r = await this.bridge.invoke('settings:set', { page });
    if (r.ok) this.take(r.value);
  }

  /** Turns the flight recorder on or off, or changes its budget; the core's refusal in words, or undefined. */
  async setRecorder(patch: {
    sessionRecorder?: boolean;
    sessionBudgetGB?: number;
  }): Promise<string | undefined> {
    const r = await this.bridge.invoke('settings:set', patch);
    if (!r.ok) return r.error.message;
    this.take(r.value);
    return undefined;
  }

  /** Gives a telemetry field a unit; the core's refusal in words, or undefined. */
  async setUnit(field: string, unit: string): Promise<string | undefined> {
    const r = await this.bridge.invoke('telemetry:set-unit', { field, unit });
    if (!r.ok) return r.error.message;
    if (this.settings) this.take({ ...this.settings, telemetryUnits: r.value });
    else {
      this.pendingUnits = r.value;
      this.changed();
    }
    return undefined;
  }

  /** The units of fields the firmware does not define. */
  units(): FieldUnits {
    return this.settings?.telemetryUnits ?? this.pendingUnits;
  }

  private take(s: Settings): void {
    this.heard++;
    this.set(s);
  }

  private set(s: Settings): void {
    this.settings = s;
    this.changed();
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}
