// The lab publisher's data layer: its status (asked when the page starts listening, then followed by `mqtt:state`)
// and its settings (read and changed through the core, which validates them and restarts the publisher).
// Components read the status with useSyncExternalStore and call the store's methods.
import type { BenchApi } from '../../../../shared/bridge/contract';
import type { MqttConfig, MqttConfigView, MqttStatus } from '../../../../shared/bridge/contracts/mqtt';
import type { Result } from '../../../../shared/result';

export class MqttStore {
  private status: MqttStatus | undefined;
  /** Count of `mqtt:state` events heard: an answer to an older question does not overwrite a newer event. */
  private heard = 0;
  private readonly listeners = new Set<() => void>();
  private off: (() => void) | undefined;

  constructor(private readonly bridge: Pick<BenchApi, 'invoke' | 'on'>) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (!this.off) {
      this.off = this.bridge.on('mqtt:state', (s) => {
        this.heard++;
        this.set(s);
      });
      const asked = this.heard;
      void this.bridge.invoke('mqtt:status', {}).then((r) => {
        if (r.ok && this.heard === asked) this.set(r.value);
      });
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.off?.();
        this.off = undefined;
      }
    };
  };

  /** The publisher's status, undefined until the core answered. */
  readonly snapshot = (): MqttStatus | undefined => this.status;

  /** The saved settings (the password only as whether one is set). */
  config(): Promise<Result<MqttConfigView>> {
    return this.bridge.invoke('mqtt:config-get', {});
  }

  /** Changes the settings named in `patch`; answers what is saved now. */
  setConfig(patch: Partial<MqttConfig>): Promise<Result<MqttConfigView>> {
    return this.bridge.invoke('mqtt:config-set', patch);
  }

  private set(s: MqttStatus): void {
    this.status = s;
    for (const l of this.listeners) l();
  }
}
