import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import {
  brokerUrlProblem,
  type MqttConfig,
  type MqttConnection,
  type MqttStatus,
} from '../../../shared/bridge/contracts/mqtt';
import { backoffDelay, type BackoffOptions } from '../links/backoff';
import { DiskQueue, type OutgoingMessage, type QueuedMessage } from './disk-queue';
import { MAX_PACKET_BYTES, messageProblem, packetBytes } from './message-check';
import { RefusalWatch } from './refusal-watch';
import { RetainedTopics } from './retained-topics';
import type { TlsFiles } from './tls-settings';
import { benchStatusPayload, benchWillPayload, Topics } from './topics';
import { describeMqttError } from './words';

/** An MQTT message that reached this bench (only the subscriptions the publisher was given). */
export interface IncomingMessage {
  readonly topic: string;
  readonly payload: Buffer;
  /** A retained message the broker replayed on subscribe, not one just sent. */
  readonly retained: boolean;
}

export interface PublisherOptions {
  readonly config: MqttConfig;
  /** The TLS files' bytes (the bench's copies, read within their limits by tls-settings.ts). */
  readonly tls?: TlsFiles;
  /** The bench name in topics (already resolved: the host name when the setting is empty). */
  readonly bench: string;
  /** Where the on-disk queue lives. */
  readonly queueDir: string;
  /** Topic filters to subscribe to after every connect (QoS 1). */
  readonly subscriptions?: (topics: Topics) => readonly string[];
  readonly onMessage?: (m: IncomingMessage) => void;
  /** Called on every connection change, and for count changes at most every `statusEveryMs`. */
  readonly onStatus?: (s: MqttStatus) => void;
  readonly statusEveryMs?: number;
  /** Board names listed in the bench's online status. */
  readonly boards?: () => readonly string[];
  readonly backoff?: BackoffOptions;
  /** Messages sent and not yet acknowledged, at most. */
  readonly window?: number;
  readonly log?: (message: string) => void;
  readonly now?: () => number;
}

/** The connection options, or why they cannot be used. */
export function clientOptions(
  config: MqttConfig,
  bench: string,
  will: { topic: string; payload: string },
  tls: TlsFiles = {},
): { ok: true; options: IClientOptions } | { ok: false; reason: string } {
  const problem = brokerUrlProblem(config.url);
  if (problem) return { ok: false, reason: problem };
  const options: IClientOptions = {
    clientId: config.clientId || `nucleo-mem-${bench}`.slice(0, 64),
    protocolVersion: 4,
    clean: true,
    keepalive: 30,
    connectTimeout: 10_000,
    // Reconnects are this publisher's own (backoff, and a fresh client per connection so that the disk queue is
    // the one owner of what still has to be sent).
    reconnectPeriod: 0,
    will: { topic: will.topic, payload: Buffer.from(will.payload), qos: 1, retain: true },
    ...(config.username ? { username: config.username } : {}),
    ...(config.password ? { password: config.password } : {}),
  };
  // No file is read here: the bytes were read, within their limits, before the publisher was built.
  if (tls.ca) options.ca = tls.ca;
  if (tls.cert) options.cert = tls.cert;
  if (tls.key) options.key = tls.key;
  if (Boolean(tls.cert) !== Boolean(tls.key))
    return { ok: false, reason: 'A client certificate needs both its certificate file and its key file.' };
  return { ok: true, options };
}

/**
 * The bench's MQTT publisher: every message goes through the on-disk queue and out in order, with at most `window`
 * unacknowledged; the bench's retained status is set online on every connect and offline by the broker (last will)
 * when the bench dies, or by stop(). Reconnects with backoff; never throws on what the broker does.
 */
export class MqttPublisher {
  readonly topics: Topics;
  private readonly queue: DiskQueue;
  private client: MqttClient | undefined;
  private generation = 0;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private statusTimer: NodeJS.Timeout | undefined;
  private connection: MqttConnection = { kind: 'off' };
  private publishedCount = 0;
  private stopped = true;
  private drainWaiters: Array<() => void> = [];
  /** Retained topics, sent again on each connection (a broker restarted without persistence forgot them). */
  private readonly retained = new RetainedTopics();
  /** Tells a message the broker refuses by closing the connection from a broker that went away. */
  private readonly refusals: RefusalWatch;
  /** The largest packet sent: the stated limit, or the broker's own when it states a smaller one (MQTT 5). */
  private maxPacketBytes = MAX_PACKET_BYTES;
  private readonly now: () => number;
  private readonly log: (message: string) => void;
  private readonly where: string;

  constructor(private readonly opts: PublisherOptions) {
    this.now = opts.now ?? Date.now;
    this.log = opts.log ?? (() => {});
    this.topics = new Topics(opts.config.prefix, opts.bench);
    this.refusals = new RefusalWatch(this.now);
    this.queue = new DiskQueue(opts.queueDir, { maxMessages: opts.config.queueMax, log: this.log });
    let where = opts.config.url;
    try {
      const u = new URL(opts.config.url);
      where = `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
    } catch {
      // brokerUrlProblem says why when start() runs.
    }
    this.where = where;
  }

  status(): MqttStatus {
    return {
      connection: this.connection,
      published: this.publishedCount,
      queued: this.queue.queued,
      dropped: this.queue.dropped,
      bench: this.opts.bench,
      ...(this.queue.setAside ? { setAside: this.queue.setAside } : {}),
      ...(this.queue.problem ? { queueProblem: this.queue.problem } : {}),
    };
  }

  /** Connects (and keeps reconnecting until stop()). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  /** Queues a message (on disk) and sends it as soon as the broker is there. */
  publish(m: OutgoingMessage): void {
    this.retained.queued(m);
    this.queue.push(m);
    this.pump();
    this.countsChanged();
  }

  /**
   * Stops cleanly: waits (at most `drainMs`) until the queue is empty, sets the bench offline, disconnects. What
   * the broker did not take stays on disk for the next run.
   */
  async stop(drainMs = 5000): Promise<void> {
    if (this.stopped) {
      this.queue.close();
      return;
    }
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    if (client && this.connection.kind === 'connected') {
      await this.drained(drainMs);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 2000);
        client.publish(
          this.topics.benchStatus(),
          benchStatusPayload('offline', this.now(), this.opts.boards?.() ?? []),
          { qos: 1, retain: true },
          () => {
            clearTimeout(timer);
            resolve();
          },
        );
      });
    }
    this.generation++;
    this.client = undefined;
    // A broker that stopped answering must not hold the app's exit: force the socket closed after 2 s.
    if (client) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        client.endAsync(false).catch(() => undefined),
        new Promise<void>((r) => (timer = setTimeout(r, 2000))),
      ]);
      clearTimeout(timer);
      client.end(true);
    }
    if (this.statusTimer) clearTimeout(this.statusTimer);
    this.queue.close();
    this.setConnection({ kind: 'off' });
  }

  private drained(ms: number): Promise<void> {
    if (this.queue.queued === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.drainWaiters.push(done);
    });
  }

  private connect(): void {
    const gen = ++this.generation;
    const built = clientOptions(
      this.opts.config,
      this.opts.bench,
      { topic: this.topics.benchStatus(), payload: benchWillPayload(this.now()) },
      this.opts.tls,
    );
    if (!built.ok) {
      this.stopped = true;
      this.setConnection({ kind: 'invalid', reason: built.reason });
      this.log(`MQTT: ${built.reason}`);
      return;
    }
    this.attempt++;
    this.setConnection({ kind: 'connecting', attempt: this.attempt, url: this.where });
    let failure: string | undefined;
    let client: MqttClient;
    try {
      client = connect(this.opts.config.url, built.options);
    } catch (err) {
      this.stopped = true;
      const reason = describeMqttError(this.where, err as Error);
      this.setConnection({ kind: 'invalid', reason });
      return;
    }
    this.client = client;
    client.on('connect', (connack) => {
      if (gen !== this.generation) return;
      this.attempt = 0;
      // An MQTT 5 broker states its maximum packet size; MQTT 3.1.1 (this bench's) has only the stated limit.
      const brokerMax = connack.properties?.maximumPacketSize;
      this.maxPacketBytes = Math.min(MAX_PACKET_BYTES, brokerMax ?? MAX_PACKET_BYTES);
      this.setConnection({ kind: 'connected', since: this.now(), url: this.where });
      this.log(`MQTT: connected to ${this.where} as bench "${this.opts.bench}"`);
      client.publish(
        this.topics.benchStatus(),
        benchStatusPayload('online', this.now(), this.opts.boards?.() ?? []),
        { qos: 1, retain: true },
      );
      for (const m of this.retained.toResend()) {
        this.retained.queued(m);
        this.queue.push(m);
      }
      const subs = this.opts.subscriptions?.(this.topics) ?? [];
      if (subs.length)
        client.subscribe([...subs], { qos: 1 }, (err) => {
          if (err) this.log(`MQTT: could not subscribe to ${subs.join(', ')}: ${err.message}`);
        });
      this.pump();
    });
    client.on('message', (topic, payload, packet) => {
      if (gen !== this.generation) return;
      try {
        this.opts.onMessage?.({ topic, payload, retained: packet.retain });
      } catch (err) {
        this.log(`MQTT: handling a message on ${topic} failed: ${String(err)}`);
      }
    });
    client.on('error', (err) => {
      if (gen !== this.generation) return;
      failure ??= describeMqttError(this.where, err as Error & { code?: unknown }, {
        tls: /^(mqtts|wss):/.test(this.opts.config.url),
        ws: /^wss?:/.test(this.opts.config.url),
        handshaking: this.connection.kind !== 'connected',
      });
    });
    client.on('close', () => {
      if (gen !== this.generation) return;
      this.generation++;
      this.client = undefined;
      client.end(true);
      const accepted = this.connection.kind === 'connected';
      const reason =
        failure ??
        (accepted
          ? `The broker at ${this.where} closed the connection.`
          : `The broker at ${this.where} closed the connection before accepting it.`);
      this.log(`MQTT: ${reason}${accepted ? this.judgeClose(reason) : ''}`);
      this.queue.requeueInFlight();
      this.scheduleRetry(reason);
    });
  }

  private scheduleRetry(reason: string): void {
    if (this.stopped) return;
    const delay = backoffDelay(Math.max(0, this.attempt - 1), this.opts.backoff);
    this.setConnection({ kind: 'waiting', retryAt: this.now() + delay, reason, url: this.where });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.stopped) this.connect();
    }, delay);
  }

  /**
   * An accepted connection closed (`reason`): when it was the second time right after the same message, the broker
   * refuses that message, which is set aside. Answers what to add to the log line.
   */
  private judgeClose(reason: string): string {
    const oldest = this.queue.oldestInFlight();
    const refused = this.refusals.closed(oldest);
    if (refused) {
      const bytes = packetBytes(refused).toLocaleString('en-US');
      this.setAside(
        refused,
        `the broker closed the connection right after it was sent, twice in a row ("${reason}"); it is probably over the broker's maximum packet size (this one is ${bytes} bytes) or a topic the broker does not accept`,
      );
      return '';
    }
    return oldest
      ? ` Message ${oldest.seq} (to ${oldest.topic.slice(0, 200)}) was not acknowledged; it is sent alone first to see whether the broker refuses it.`
      : '';
  }

  private setAside(m: QueuedMessage, reason: string): void {
    this.queue.setAsideMessage(m.seq, reason);
    this.retained.setAside(m);
    this.countsChanged();
  }

  /** Sends what waits, in order, while fewer than `window` are unacknowledged. */
  private pump(): void {
    const client = this.client;
    if (!client || this.connection.kind !== 'connected') return;
    const gen = this.generation;
    const window = this.opts.window ?? 500;
    // While a message is under suspicion of being refused, it is sent alone (see RefusalWatch).
    while (this.queue.inFlightCount < (this.refusals.probing ? 1 : window)) {
      const m = this.queue.next();
      if (!m) break;
      const problem = messageProblem(m, this.maxPacketBytes);
      if (problem) {
        this.setAside(m, problem);
        continue;
      }
      this.refusals.sent(m.seq);
      client.publish(m.topic, m.payload, { qos: m.qos, retain: m.retain }, (err) => {
        if (gen !== this.generation || err) return; // resent from the queue on the next connection
        this.refusals.acknowledged(m.seq);
        this.queue.ack(m.seq);
        this.retained.acknowledged(m);
        this.publishedCount++;
        this.countsChanged();
        if (this.queue.queued === 0) for (const w of this.drainWaiters.splice(0)) w();
        else if (this.queue.inFlightCount < window / 2) this.pump();
      });
    }
  }

  private countsChanged(): void {
    if (this.statusTimer || !this.opts.onStatus) return;
    this.statusTimer = setTimeout(() => {
      this.statusTimer = undefined;
      this.opts.onStatus?.(this.status());
    }, this.opts.statusEveryMs ?? 500);
    this.statusTimer.unref();
  }

  private setConnection(c: MqttConnection): void {
    this.connection = c;
    this.opts.onStatus?.(this.status());
  }
}
