// MQTT 3.1.1 gives a broker one way to refuse a message it cannot take (over its maximum packet size, a topic it
// finds invalid): it closes the connection. The queue then sends that message first again on every reconnect, and
// nothing else gets through. This tells such a message from a broker that merely went away.
import type { QueuedMessage } from './disk-queue';

/** A close this long after the probe was sent is not counted as its refusal (a refusal is immediate). */
export const REFUSAL_WINDOW_MS = 10_000;

/**
 * After a connection closed with message X the oldest unacknowledged, the next connection sends X alone (a probe)
 * before anything else. If that connection closes too, with X alone in flight and within 10 s of sending it, the
 * broker refused X: twice in a row, right after it was sent. If X is acknowledged, sending goes on as before.
 */
export class RefusalWatch {
  /** The message under suspicion, and when it was sent alone on this connection. */
  private suspect: { seq: number; sentAt: number | undefined } | undefined;

  constructor(private readonly now: () => number) {}

  /** Whether only one message may be in flight now (the suspect, sent alone). */
  get probing(): boolean {
    return this.suspect !== undefined;
  }

  /**
   * A message was sent. The first one sent on a connection while probing is the probe; when it is not the suspect,
   * the suspect no longer waits (dropped at the queue's cap, or set aside) and sending goes on as before.
   */
  sent(seq: number): void {
    const s = this.suspect;
    if (!s || s.sentAt !== undefined) return;
    if (s.seq === seq) s.sentAt = this.now();
    else this.suspect = undefined;
  }

  /** The broker took message `seq`: if it was the suspect, it is cleared. */
  acknowledged(seq: number): void {
    if (this.suspect?.seq === seq) this.suspect = undefined;
  }

  /**
   * An accepted connection closed, `oldest` being the first unacknowledged message sent on it. Answers that
   * message when this was the second close right after it (the broker refuses it), else undefined.
   */
  closed(oldest: QueuedMessage | undefined): QueuedMessage | undefined {
    const s = this.suspect;
    if (
      oldest &&
      s?.seq === oldest.seq &&
      s.sentAt !== undefined &&
      this.now() - s.sentAt <= REFUSAL_WINDOW_MS
    ) {
      this.suspect = undefined;
      return oldest;
    }
    if (oldest) this.suspect = { seq: oldest.seq, sentAt: undefined };
    else if (s) s.sentAt = undefined;
    return undefined;
  }
}
