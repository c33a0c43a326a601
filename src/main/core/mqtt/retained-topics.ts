import type { OutgoingMessage } from './disk-queue';

/**
 * The last message of each retained topic (boards' status, LED state), and which of them still wait in the queue.
 * A broker restarted without persistence has forgotten its retained messages: on each new connection the publisher
 * queues again the ones it has no newer message of in the queue, so that order holds.
 */
export class RetainedTopics {
  private readonly last = new Map<string, OutgoingMessage>();
  /** Messages per topic handed to the queue and not yet acknowledged. */
  private readonly pending = new Map<string, number>();

  /** A retained message goes into the queue. */
  queued(m: OutgoingMessage): void {
    if (!m.retain) return;
    this.last.set(m.topic, m);
    this.pending.set(m.topic, (this.pending.get(m.topic) ?? 0) + 1);
  }

  /** The broker acknowledged a message of this topic. */
  acknowledged(m: { readonly topic: string; readonly retain: boolean }): void {
    const n = this.pending.get(m.topic);
    if (!m.retain || n === undefined) return; // not retained, or a message left from the last run
    if (n <= 1) this.pending.delete(m.topic);
    else this.pending.set(m.topic, n - 1);
  }

  /**
   * A message of this topic was set aside (no broker takes it): it no longer waits, and it is never queued again,
   * or every new connection would be refused again.
   */
  setAside(m: OutgoingMessage): void {
    this.acknowledged(m);
    if (this.last.get(m.topic)?.payload === m.payload) this.last.delete(m.topic);
  }

  /** What to queue again on a new connection: each retained topic whose newest message is not waiting already. */
  toResend(): OutgoingMessage[] {
    return [...this.last.values()].filter((m) => !this.pending.has(m.topic));
  }
}
