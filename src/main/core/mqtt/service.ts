import { hostname } from 'node:os';
import { join } from 'node:path';
import type { LedStatus, LinksState } from '../../../shared/bridge/contracts/links';
import {
  mqttConfigSchema,
  type MqttConfig,
  type MqttConfigView,
  type MqttStatus,
} from '../../../shared/bridge/contracts/mqtt';
import type { ControllableLed } from '../../../shared/protocol/messages';
import type { MessageRecord } from '../../../shared/recording/format';
import type { TimelineMark } from '../../../shared/telemetry/types';
import { BenchError } from '../../../shared/result';
import type { EventHub } from '../event-hub';
import type { SettingsStore } from '../settings-store';
import { LabPublisher } from './lab-publisher';
import { SelectedBoardFeed } from './selected-board-feed';
import { topicName } from './topics';
import type { ParsedBoardMessage } from '../../../shared/protocol/messages';

export interface MqttServiceDeps {
  readonly hub: EventHub;
  readonly settings: SettingsStore;
  readonly dataDir: string;
  readonly log: (message: string) => void;
  /** The selected board's links (today's LinkManager). */
  readonly links: {
    readonly state: LinksState;
    readonly ledStatus: LedStatus | undefined;
    setLed(led: ControllableLed, state: boolean): boolean;
  };
}

/** The bench name in topics: the setting, or this computer's host name. */
export function benchName(config: MqttConfig, host = hostname()): string {
  return config.bench || topicName(host);
}

export function configView(c: MqttConfig): MqttConfigView {
  const { password, ...rest } = c;
  return { ...rest, passwordSet: password !== '' };
}

/**
 * The app's lab data path: a LabPublisher built from the `mqtt` settings (none while off), restarted when they
 * change, publishing the selected board. Emits `mqtt:state`.
 */
export class MqttService {
  private lab: LabPublisher | undefined;
  /** Why the publisher could not be built from the settings (its queue is in use…). */
  private failure: string | undefined;
  private feed: SelectedBoardFeed | undefined;
  private switching: Promise<void> = Promise.resolve();
  private readonly unsubscribe: Array<() => void> = [];

  constructor(private readonly deps: MqttServiceDeps) {
    this.unsubscribe.push(
      deps.hub.on('links:state', (s) => this.follow(s)),
      deps.hub.on('board:led-status', (s) => {
        if (this.feed && s.boardId === this.feed.id) this.feed.ledStatus(s);
      }),
    );
  }

  /** Applies the saved settings (call once at start). */
  start(): Promise<void> {
    return this.restart();
  }

  config(): MqttConfigView {
    return configView(this.deps.settings.get().mqtt);
  }

  /** Saves a change of the settings and restarts the publisher with them. */
  async setConfig(patch: Partial<MqttConfig>): Promise<MqttConfigView> {
    const parsed = mqttConfigSchema.safeParse({ ...this.deps.settings.get().mqtt, ...patch });
    if (!parsed.success)
      throw new BenchError('BAD_REQUEST', parsed.error.issues.map((i) => i.message).join(' '));
    this.deps.settings.set({ mqtt: parsed.data });
    await this.restart();
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

  /** A received WebSocket message of a board (from the link manager), with the pipeline's parse of it. */
  message(boardId: string, record: MessageRecord, parsed: ParsedBoardMessage): void {
    if (this.feed?.id === boardId) this.feed.message(record, parsed);
  }

  mark(boardId: string, mark: TimelineMark): void {
    if (this.feed?.id === boardId) this.feed.mark(mark);
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
      this.feed = undefined;
      if (old) await old.stop(2000);
      this.failure = undefined;
      const config = this.deps.settings.get().mqtt;
      if (config.enabled && config.url) {
        try {
          this.lab = new LabPublisher({
            config,
            bench: benchName(config),
            queueDir: join(this.deps.dataDir, 'mqtt-queue'),
            log: this.deps.log,
            onStatus: (s) => this.deps.hub.emit('mqtt:state', s),
          });
        } catch (err) {
          this.failure = err instanceof Error ? err.message : String(err);
          this.deps.log(`MQTT: ${this.failure}`);
          this.deps.hub.emit('mqtt:state', this.status());
          return;
        }
        this.lab.start();
        this.follow(this.deps.links.state);
        // follow() made the feed; the LED state reported before it is the board's current one.
        const feed = this.feed as SelectedBoardFeed | undefined;
        const leds = this.deps.links.ledStatus;
        if (leds && feed?.id === leds.boardId) feed.ledStatus(leds);
      }
      this.deps.hub.emit('mqtt:state', this.status());
    });
    return this.switching;
  }

  /** Publishes the selected board: a new feed when the selection changes. */
  private follow(s: LinksState): void {
    const lab = this.lab;
    if (!lab) return;
    if (this.feed && this.feed.id !== s.board?.id) {
      lab.remove(this.feed.id);
      this.feed = undefined;
    }
    if (!s.board) return;
    if (!this.feed) {
      this.feed = new SelectedBoardFeed(
        s.board.id,
        s.board.name,
        s.board.virtual,
        s,
        (led, state) => this.deps.links.setLed(led, state),
        this.deps.log,
      );
      lab.add(this.feed);
    } else this.feed.linksState(s);
  }
}
