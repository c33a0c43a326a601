// Alarms on the lab data path (docs/mqtt.md): each raise and clear on `…/<board>/alarm`, and the board's alarms
// raised now, retained, on `…/<board>/alarms`, so a lab's Node-RED or Grafana can page someone and a subscriber
// arriving later still learns what is wrong.
import type { AlarmRecord } from '../../../shared/bridge/contracts/alarms';
import type { AlarmSource, AlarmTransition } from '../alarms/types';
import type { OutgoingMessage } from './disk-queue';
import type { Topics } from './topics';

const iso = (t: number) => new Date(t).toISOString();

/** One alarm as published: the record's own fields, times in ISO 8601 UTC, nothing internal (capture ids). */
export function alarmJson(a: AlarmRecord): Record<string, unknown> {
  return {
    id: a.id,
    ruleId: a.ruleId,
    ruleName: a.ruleName,
    ruleKind: a.ruleKind,
    severity: a.severity,
    boardId: a.boardId,
    boardName: a.boardName,
    raisedAt: iso(a.raisedAt),
    ...(a.clearedAt !== undefined ? { clearedAt: iso(a.clearedAt) } : {}),
    ...(a.value !== undefined && Number.isFinite(a.value) ? { value: a.value } : {}),
    ...(a.subject !== undefined ? { subject: a.subject } : {}),
    message: a.message,
  };
}

/** `…/<board>/alarm`: one raise or clear. */
export function alarmPayload(kind: AlarmTransition['kind'], a: AlarmRecord): string {
  return JSON.stringify({ kind, ...alarmJson(a) });
}

/** `…/<board>/alarms`: the board's alarms raised now, oldest first (`[]` when none). */
export function alarmsPayload(active: readonly AlarmRecord[]): string {
  return JSON.stringify([...active].sort((a, b) => a.raisedAt - b.raisedAt).map(alarmJson));
}

export interface AlarmPublishingOptions {
  readonly source: AlarmSource;
  readonly topics: Topics;
  /** Queues a message (the publisher's disk queue: kept while the broker is away). */
  readonly publish: (m: OutgoingMessage) => void;
  readonly log: (message: string) => void;
}

/**
 * Follows an AlarmSource for the boards the lab publisher watches. A board's alarm list is published when the board
 * is added (so a list left retained by an earlier run is replaced), on every raise and clear, and as `[]` when the
 * board is no longer published; the publisher sends the retained list again on each new connection.
 */
export class AlarmPublishing {
  /** Topic level of each watched board, by board id. */
  private readonly watched = new Map<string, string>();
  /** Topic level of every board published since start, so that a clear after its removal is still told. */
  private readonly known = new Map<string, string>();
  private readonly unsubscribe: () => void;

  constructor(private readonly opts: AlarmPublishingOptions) {
    this.unsubscribe = opts.source.onTransition((t) => {
      try {
        this.transition(t);
      } catch (err) {
        opts.log(`MQTT: publishing an alarm failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  }

  /** A board begins being published under `topic`: its alarm list now. */
  boardAdded(boardId: string, topic: string): void {
    this.watched.set(boardId, topic);
    this.known.set(boardId, topic);
    this.list(topic, this.activeOf(boardId));
  }

  /** A board is no longer published: its retained list says none, as its status says offline. */
  boardRemoved(boardId: string): void {
    const topic = this.watched.get(boardId);
    if (topic === undefined) return;
    this.watched.delete(boardId);
    this.list(topic, []);
  }

  close(): void {
    this.unsubscribe();
  }

  private transition(t: AlarmTransition): void {
    const a = t.alarm;
    const topic = this.known.get(a.boardId);
    if (topic === undefined) return; // a board this bench does not publish
    this.opts.publish({
      kind: 'alarm',
      topic: this.opts.topics.alarm(topic),
      payload: alarmPayload(t.kind, a),
      retain: false,
      qos: 1,
    });
    if (!this.watched.has(a.boardId)) return;
    // Whether the source counts this transition in active() yet is not promised: the list is made to agree with it.
    const others = this.activeOf(a.boardId).filter((x) => x.id !== a.id);
    this.list(topic, t.kind === 'raised' ? [...others, a] : others);
  }

  private activeOf(boardId: string): AlarmRecord[] {
    return this.opts.source.active().filter((a) => a.boardId === boardId && a.clearedAt === undefined);
  }

  private list(topic: string, active: readonly AlarmRecord[]): void {
    this.opts.publish({
      kind: 'alarm',
      topic: this.opts.topics.alarms(topic),
      payload: alarmsPayload(active),
      retain: true,
      qos: 1,
    });
  }
}
