import type { MqttConfig, MqttStatus } from '../../../shared/bridge/contracts/mqtt';
import type { AlarmSource } from '../alarms/types';
import { AlarmPublishing } from './alarm-publishing';
import type { BackoffOptions } from '../links/backoff';
import type { BoardFeed, FeedLinks } from './board-feed';
import { clip, CommandRefusals } from './command-refusals';
import { MqttPublisher, type IncomingMessage } from './publisher';
import type { TlsFiles } from './tls-settings';
import {
  boardStatusPayload,
  eventPayload,
  ledPayload,
  parseLedSet,
  telemetryPayload,
  type BoardEventKind,
} from './topics';
import { TopicNames, type BoardTopicNames } from './topic-names';

export interface LabPublisherOptions {
  readonly config: MqttConfig;
  /** The TLS files' bytes, read within their limits (tls-settings.ts). */
  readonly tls?: TlsFiles;
  readonly bench: string;
  readonly queueDir: string;
  readonly log?: (message: string) => void;
  readonly onStatus?: (s: MqttStatus) => void;
  readonly now?: () => number;
  readonly backoff?: BackoffOptions;
  /**
   * The last telemetry `seq` per board topic level. Given by whoever outlives this publisher (the MQTT service), so
   * that a restart with new settings, or a board watched again, continues the count instead of reusing a `seq`.
   */
  readonly seqs?: Map<string, number>;
  /**
   * Who fixes each board's topic level (the profile store, which keeps them). Default: kept in memory for the life
   * of this publisher, a removed board's name still never given to another.
   */
  readonly topicNames?: BoardTopicNames;
  /** Refused remote commands are said at most once per this period (default REFUSAL_SUMMARY_MS). */
  readonly refusalSummaryMs?: number;
  /** Whose raises and clears are published on `…/<board>/alarm` and `…/<board>/alarms` (none when absent). */
  readonly alarms?: AlarmSource;
}

interface Watched {
  readonly feed: BoardFeed;
  readonly topic: string;
  readonly unsubscribe: () => void;
  lastStatus: string;
}

/**
 * The lab data path: publishes every watched board (status, telemetry, LED state, events, alarms) through one
 * MqttPublisher, and takes `…/led/set` commands for the boards whose remote commands the user enabled.
 */
export class LabPublisher {
  readonly publisher: MqttPublisher;
  private readonly boards = new Map<string, Watched>();
  /** The last telemetry `seq` per board topic level (removed boards included). */
  private readonly seqs: Map<string, number>;
  /** Board ids whose `…/led/set` commands are obeyed; changes without a reconnect. */
  private remoteCommands: readonly string[];
  private readonly now: () => number;
  private readonly log: (message: string) => void;
  private readonly topicNames: BoardTopicNames;
  private readonly refusals: CommandRefusals;
  private readonly alarms: AlarmPublishing | undefined;

  constructor(private readonly opts: LabPublisherOptions) {
    this.now = opts.now ?? Date.now;
    this.log = opts.log ?? (() => {});
    this.seqs = opts.seqs ?? new Map();
    this.remoteCommands = opts.config.remoteCommands;
    this.topicNames = opts.topicNames ?? new TopicNames([], { exists: (id) => this.boards.has(id) });
    this.refusals = new CommandRefusals({
      log: this.log,
      now: this.now,
      everyMs: opts.refusalSummaryMs,
      event: (topic, text) => this.refusalEvent(topic, text),
    });
    this.publisher = new MqttPublisher({
      config: opts.config,
      ...(opts.tls ? { tls: opts.tls } : {}),
      bench: opts.bench,
      queueDir: opts.queueDir,
      log: this.log,
      onStatus: opts.onStatus,
      backoff: opts.backoff,
      now: this.now,
      boards: () => [...this.boards.values()].map((w) => w.topic),
      onMessage: (m) => this.command(m),
      subscriptions: (topics) => [topics.ledSetFilter()],
    });
    this.alarms =
      opts.alarms &&
      new AlarmPublishing({
        source: opts.alarms,
        topics: this.publisher.topics,
        publish: (m) => this.publisher.publish(m),
        log: this.log,
      });
  }

  start(): void {
    this.publisher.start();
  }

  status(): MqttStatus {
    return this.publisher.status();
  }

  /** Each board's last telemetry `seq`, by its topic level (removed boards included). */
  telemetryCounts(): Record<string, number> {
    return Object.fromEntries(this.seqs);
  }

  /** Which boards the broker may switch the LEDs of, from now on (no reconnect needed). */
  setRemoteCommands(ids: readonly string[]): void {
    this.remoteCommands = ids;
  }

  /** The topic level of a watched board. */
  topicOf(boardId: string): string | undefined {
    return this.boards.get(boardId)?.topic;
  }

  /** Starts publishing a board, under the topic level fixed for it (no two board ids ever share one). */
  add(feed: BoardFeed): string {
    if (this.boards.has(feed.id)) return this.boards.get(feed.id)!.topic;
    const topic = this.topicNames.topicOf(feed.id, feed.name);
    const topics = this.publisher.topics;
    const w: Watched = {
      feed,
      topic,
      lastStatus: '',
      unsubscribe: feed.subscribe({
        links: (l) => this.status_(w, l),
        telemetry: (m) => {
          const seq = (this.seqs.get(topic) ?? 0) + 1;
          this.seqs.set(topic, seq);
          this.publisher.publish({
            kind: 'telemetry',
            topic: topics.telemetry(topic),
            payload: telemetryPayload(m.t, seq, m.data),
            retain: false,
            qos: this.opts.config.qos,
          });
        },
        led: (s, t) =>
          this.publisher.publish({
            kind: 'led',
            topic: topics.led(topic),
            payload: ledPayload(s, t),
            retain: true,
            qos: 1,
          }),
        event: (e) => this.event(w, e.kind, e.text, e.t),
      }),
    };
    this.boards.set(feed.id, w);
    this.status_(w, feed.links());
    this.alarms?.boardAdded(feed.id, topic);
    return topic;
  }

  /** Stops publishing a board; its retained status says offline. */
  remove(boardId: string): void {
    const w = this.boards.get(boardId);
    if (!w) return;
    w.unsubscribe();
    this.boards.delete(boardId);
    this.status_(w, { online: false, links: {} });
    this.alarms?.boardRemoved(boardId);
  }

  /** Every board offline, then the bench; waits for the queue to drain (at most drainMs). */
  async stop(drainMs = 5000): Promise<void> {
    this.refusals.close();
    for (const id of [...this.boards.keys()]) this.remove(id);
    this.alarms?.close();
    await this.publisher.stop(drainMs);
  }

  private status_(w: Watched, l: FeedLinks): void {
    const state = l.online ? 'online' : 'offline';
    const key = JSON.stringify([state, l.links]);
    if (key === w.lastStatus) return;
    w.lastStatus = key;
    this.publisher.publish({
      kind: 'status',
      topic: this.publisher.topics.boardStatus(w.topic),
      payload: boardStatusPayload(state, l.links, w.feed.virtual, this.now()),
      retain: true,
      qos: 1,
    });
  }

  private event(w: Watched, kind: BoardEventKind, text: string, t = this.now()): void {
    this.publisher.publish({
      kind: 'event',
      topic: this.publisher.topics.event(w.topic),
      payload: eventPayload(kind, text, t),
      retain: false,
      qos: 1,
    });
  }

  /** A summary of refused commands on the board's `…/event`: droppable, as telemetry is, when the queue is full. */
  private refusalEvent(topic: string, text: string): void {
    this.publisher.publish({
      kind: 'notice',
      topic: this.publisher.topics.event(topic),
      payload: eventPayload('command', text, this.now()),
      retain: false,
      qos: 0,
    });
  }

  /**
   * `…/<board>/led/set`: obeyed only for a board whose id is in the remote-command list. Each one obeyed is logged;
   * refusals are counted and summed up (CommandRefusals), as anyone on the broker can send them by the thousand.
   */
  private command(m: IncomingMessage): void {
    const topic = this.publisher.topics.ledSetBoard(m.topic);
    if (topic === undefined) return;
    const w = [...this.boards.values()].find((b) => b.topic === topic);
    if (!w) return this.refusals.refuse(`"${clip(topic)}"`, 'this bench watches no board of that name');
    const refuse = (why: string) => this.refusals.refuse(w.topic, why, w.topic);
    if (m.retained) return refuse('it was a retained message, replayed by the broker, not a fresh command');
    if (!this.remoteCommands.includes(w.feed.id)) return refuse('remote commands are off for this board');
    const req = parseLedSet(m.payload);
    if (!req.ok) return refuse(req.reason);
    const sent = w.feed.sendLedCommand(req.led, req.state);
    if (!sent.ok) return refuse(sent.reason);
    const words = `${req.led} LED ${req.state ? 'on' : 'off'}`;
    this.log(`MQTT: remote LED command for ${w.feed.name}: ${words}`);
    this.event(w, 'command', `A remote LED command was sent to the board: ${words}.`);
  }
}
