// The lab publisher's data layer: its status (asked when the page starts listening, then followed by `mqtt:state`)
// and its settings (read and changed through the core, which validates them and restarts the publisher).
// Components read the status with useSyncExternalStore and call the store's methods.
import type { BenchApi } from '../../../../shared/bridge/contract';
import {
  MAX_CERT_BYTES,
  type CertKind,
  type MqttConfig,
  type MqttConfigView,
  type MqttStatus,
} from '../../../../shared/bridge/contracts/mqtt';
import { fail, type Result } from '../../../../shared/result';

export class MqttStore {
  private status: MqttStatus | undefined;
  /** Count of `mqtt:state` events heard: an answer to an older question does not overwrite a newer event. */
  private heard = 0;
  private readonly listeners = new Set<() => void>();
  private off: (() => void) | undefined;

  constructor(private readonly bridge: Pick<BenchApi, 'invoke' | 'on' | 'transport'>) {}

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

  /** The desktop app picks the TLS files with a native dialog; browser mode uploads them from the page. */
  get canChooseFiles(): boolean {
    return this.bridge.transport === 'electron';
  }

  /** Desktop app only: a native dialog picks a TLS file, of which the bench keeps a copy. */
  chooseCert(kind: CertKind): Promise<Result<MqttConfigView>> {
    return this.bridge.invoke('mqtt:cert-choose', { kind });
  }

  /** Sends a TLS file picked in the page; one over the limit is refused here, before its bytes are read. */
  async uploadCert(kind: CertKind, file: File): Promise<Result<MqttConfigView>> {
    if (file.size > MAX_CERT_BYTES)
      return fail(
        'BAD_REQUEST',
        `${file.name} is ${Math.ceil(file.size / 1024)} kB; a certificate or key file is at most ${MAX_CERT_BYTES / 1024} kB.`,
      );
    return this.bridge.invoke('mqtt:cert-upload', { kind, name: file.name, text: await file.text() });
  }

  private set(s: MqttStatus): void {
    this.status = s;
    for (const l of this.listeners) l();
  }
}
