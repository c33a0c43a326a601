import { hostname } from 'node:os';
import { join } from 'node:path';
import {
  mqttConfigSchema,
  type MqttConfig,
  type MqttConfigView,
  type MqttStatus,
} from '../../../shared/bridge/contracts/mqtt';
import { BenchError } from '../../../shared/result';
import type { EventHub } from '../event-hub';
import type { SettingsStore } from '../settings-store';
import type { LabPublisher } from './lab-publisher';
import type { BoardFeed } from './board-feed';
import { topicName } from './topics';
import { remoteCommandsToIds, type KeptTopicNames } from './topic-names';

export interface MqttServiceDeps {
  readonly hub: EventHub;
  readonly settings: SettingsStore;
  readonly dataDir: string;
  readonly log: (message: string) => void;
  /** The watched boards (one board session each): every one is published. */
  readonly boards: {
    list(): readonly BoardFeed[];
    /** Hears boards begin and end being watched; returns the unsubscribe. */
    onChange(cb: () => void): () => void;
  };
  /** Who keeps each board's topic level (the profile store); the publisher's memory when absent. */
  readonly topics?: KeptTopicNames;
}

/** The bench name in topics: the setting, or this computer's host name. */
export function benchName(config: MqttConfig, host = hostname()): string {
  return config.bench || topicName(host);
}

export function configView(c: MqttConfig): MqttConfigView {
  const { password, ...rest } = c;
  return { ...rest, passwordSet: password !== '' };
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

  constructor(private readonly deps: MqttServiceDeps) {
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
    const parsed = mqttConfigSchema.safeParse({ ...before, ...patch });
    if (!parsed.success)
      throw new BenchError('BAD_REQUEST', parsed.error.issues.map((i) => i.message).join(' '));
    this.deps.settings.set({ mqtt: parsed.data });
    await this.switching;
    const running = this.lab && this.lab.status().connection.kind !== 'invalid';
    if (running && sameConnection(before, parsed.data))
      this.lab?.setRemoteCommands(parsed.data.remoteCommands);
    else await this.restart();
    return configView(parsed.data);
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
      const config = this.deps.settings.get().mqtt;
      if (config.enabled && config.url) {
        try {
          // Loaded only when MQTT is on: the mqtt package costs every start-up ~130 ms otherwise.
          const { LabPublisher } = await import('./lab-publisher');
          this.lab = new LabPublisher({
            config,
            bench: benchName(config),
            queueDir: join(this.deps.dataDir, 'mqtt-queue'),
            log: this.deps.log,
            seqs: this.seqs,
            ...(this.deps.topics ? { topicNames: this.deps.topics } : {}),
            onStatus: (s) => this.deps.hub.emit('mqtt:state', s),
          });
        } catch (err) {
          this.failure = err instanceof Error ? err.message : String(err);
          this.deps.log(`MQTT: ${this.failure}`);
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
