import { hostname } from 'node:os';
import { join } from 'node:path';
import {
  CERT_FIELD,
  CERT_WORDS,
  mqttConfigSchema,
  type CertKind,
  type MqttConfig,
  type MqttConfigView,
  type MqttStatus,
} from '../../../shared/bridge/contracts/mqtt';
import { BenchError } from '../../../shared/result';
import type { AlarmSource } from '../alarms/types';
import type { EventHub } from '../event-hub';
import type { SettingsStore } from '../settings-store';
import type { LabPublisher } from './lab-publisher';
import type { BoardFeed } from './board-feed';
import { CertFiles, displayName, tlsFileNames } from './cert-files';
import { loadTlsFiles } from './tls-settings';
import { topicName } from './topics';
import { folderProblem } from './words';
import { remoteCommandsToIds, type KeptTopicNames } from './topic-names';

export interface MqttServiceDeps {
  readonly hub: EventHub;
  readonly settings: SettingsStore;
  readonly dataDir: string;
  /** Where the bench keeps its copies of the TLS files (mqtt-certs/). */
  readonly configDir: string;
  readonly log: (message: string) => void;
  /** Tells the user once (app notices): a TLS file of the settings that could not be used, or was moved. */
  readonly tell?: (message: string) => void;
  /** The watched boards (one board session each): every one is published. */
  readonly boards: {
    list(): readonly BoardFeed[];
    /** Hears boards begin and end being watched; returns the unsubscribe. */
    onChange(cb: () => void): () => void;
  };
  /** Who keeps each board's topic level (the profile store); the publisher's memory when absent. */
  readonly topics?: KeptTopicNames;
  /** The alarms to publish with the boards (alarm service). */
  readonly alarms?: AlarmSource;
}

/** The bench name in topics: the setting, or this computer's host name. */
export function benchName(config: MqttConfig, host = hostname()): string {
  return config.bench || topicName(host);
}

/** The settings for the renderer: no password, and a TLS file by its name only, never a host path. */
export function configView(c: MqttConfig): MqttConfigView {
  const { password, ...rest } = c;
  return { ...rest, ...tlsFileNames(c), passwordSet: password !== '' };
}

/** The one answer to a TLS file named in mqtt:config-set: whether the path exists is never told. */
function certByPath(kind: CertKind): BenchError {
  return new BenchError(
    'BAD_REQUEST',
    `The ${CERT_WORDS[kind]} is not given by its path: choose it (desktop app) or upload it on the Lab page.`,
  );
}

/** Whether two settings connect and publish alike (all but the remote-command list, which applies in place). */
function sameConnection(a: MqttConfig, b: MqttConfig): boolean {
  const { remoteCommands: _a, ...ca } = a;
  const { remoteCommands: _b, ...cb } = b;
  return JSON.stringify(ca) === JSON.stringify(cb);
}

/**
 * The app's lab data path: a LabPublisher built from the `mqtt` settings (none while off), restarted when they
 * change, publishing every watched board. Emits `mqtt:state`.
 */
export class MqttService {
  private lab: LabPublisher | undefined;
  /** Why the publisher could not be built from the settings (its queue is in use…). */
  private failure: string | undefined;
  /** The feeds the publisher has now. */
  private readonly feeds = new Map<string, BoardFeed>();
  private switching: Promise<void> = Promise.resolve();
  private readonly unsubscribe: Array<() => void> = [];
  /** Each board's last telemetry `seq`: kept across restarts of the publisher, so that none is used twice. */
  private readonly seqs = new Map<string, number>();

  private readonly certs: CertFiles;

  constructor(private readonly deps: MqttServiceDeps) {
    this.certs = new CertFiles(deps.configDir);
    this.unsubscribe.push(deps.boards.onChange(() => this.follow()));
  }

  /** Applies the saved settings (call once at start). */
  start(): Promise<void> {
    if (this.deps.topics) remoteCommandsToIds(this.deps.settings, this.deps.topics, this.deps.log);
    return this.restart();
  }

  config(): MqttConfigView {
    return configView(this.deps.settings.get().mqtt);
  }

  /**
   * Saves a change of the settings and restarts the publisher with them, only when that changes the connection:
   * the Lab page sends its whole form on every switch and save, and a restart for nothing would set the bench
   * offline and online again. Remote commands change in place.
   */
  async setConfig(patch: Partial<MqttConfig>): Promise<MqttConfigView> {
    const before = this.deps.settings.get().mqtt;
    const removed: CertKind[] = [];
    for (const kind of ['ca', 'cert', 'key'] as const) {
      const value = patch[CERT_FIELD[kind]];
      if (value === undefined || value === before[CERT_FIELD[kind]]) continue;
      // The form sends back the name it was shown; anything else but '' would be a path to read.
      if (value === configView(before)[CERT_FIELD[kind]]) continue;
      if (value !== '') throw certByPath(kind);
      removed.push(kind);
    }
    const parsed = mqttConfigSchema.safeParse({
      ...before,
      ...patch,
      caFile: before.caFile,
      certFile: before.certFile,
      keyFile: before.keyFile,
      ...Object.fromEntries(removed.map((k) => [CERT_FIELD[k], ''])),
    });
    if (!parsed.success)
      throw new BenchError('BAD_REQUEST', parsed.error.issues.map((i) => i.message).join(' '));
    this.deps.settings.set({ mqtt: parsed.data });
    for (const kind of removed) await this.certs.remove(kind);
    await this.switching;
    const running = this.lab && this.lab.status().connection.kind !== 'invalid';
    if (running && sameConnection(before, parsed.data))
      this.lab?.setRemoteCommands(parsed.data.remoteCommands);
    else await this.restart();
    return configView(parsed.data);
  }

  /**
   * Keeps `bytes` as the bench's copy of a TLS file (PEM, within MAX_CERT_BYTES), names it `name` in the settings,
   * and restarts the publisher with it.
   */
  async setCert(kind: CertKind, name: string, bytes: Buffer): Promise<MqttConfigView> {
    await this.switching;
    await this.certs.save(kind, bytes);
    const mqtt = { ...this.deps.settings.get().mqtt, [CERT_FIELD[kind]]: displayName(name) };
    this.deps.settings.set({ mqtt });
    await this.restart();
    return configView(mqtt);
  }

  status(): MqttStatus {
    return (
      this.lab?.status() ?? {
        connection: this.failure ? { kind: 'invalid', reason: this.failure } : { kind: 'off' },
        published: 0,
        queued: 0,
        dropped: 0,
        bench: benchName(this.deps.settings.get().mqtt),
      }
    );
  }

  async close(): Promise<void> {
    for (const u of this.unsubscribe.splice(0)) u();
    await this.switching;
    await this.lab?.stop(2000);
    this.lab = undefined;
  }

  private restart(): Promise<void> {
    this.switching = this.switching.then(async () => {
      const old = this.lab;
      this.lab = undefined;
      this.feeds.clear();
      if (old) await old.stop(2000);
      this.failure = undefined;
      const loaded = await loadTlsFiles(this.deps.settings.get().mqtt, this.certs);
      const config = loaded.config;
      if (JSON.stringify(config) !== JSON.stringify(this.deps.settings.get().mqtt))
        this.deps.settings.set({ mqtt: config });
      for (const n of loaded.notices) {
        this.deps.log(n);
        this.deps.tell?.(n);
      }
      if (config.enabled && config.url) {
        try {
          // Loaded only when MQTT is on: the mqtt package costs every start-up ~130 ms otherwise.
          const { LabPublisher } = await import('./lab-publisher');
          this.lab = new LabPublisher({
            config,
            tls: loaded.tls,
            bench: benchName(config),
            queueDir: join(this.deps.dataDir, 'mqtt-queue'),
            log: this.deps.log,
            seqs: this.seqs,
            ...(this.deps.topics ? { topicNames: this.deps.topics } : {}),
            ...(this.deps.alarms ? { alarms: this.deps.alarms } : {}),
            onStatus: (s) => this.deps.hub.emit('mqtt:state', s),
          });
        } catch (err) {
          this.failure = folderProblem(err) ?? (err instanceof Error ? err.message : String(err));
          this.deps.log(`MQTT: ${folderProblem(err, this.deps.dataDir) ?? this.failure}`);
          this.deps.hub.emit('mqtt:state', this.status());
          return;
        }
        this.lab.start();
        this.follow();
      }
      this.deps.hub.emit('mqtt:state', this.status());
    });
    return this.switching;
  }

  /** Publishes every watched board: a board begins being published when watched, and says offline when not. */
  private follow(): void {
    const lab = this.lab;
    if (!lab) return;
    const now = new Map(this.deps.boards.list().map((f) => [f.id, f]));
    for (const [id, feed] of this.feeds) {
      if (now.get(id) === feed) continue;
      lab.remove(id);
      this.feeds.delete(id);
    }
    for (const [id, feed] of now) {
      if (this.feeds.has(id)) continue;
      this.feeds.set(id, feed);
      lab.add(feed);
    }
  }
}
