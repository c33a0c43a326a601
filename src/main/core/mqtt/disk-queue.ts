import { mkdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { DeadLetterFile } from './dead-letter';
import { readCursor, writeCursor } from './queue-cursor';
import { lockQueue, unlockQueue } from './queue-lock';
import { diskTrouble } from './segment-files';
import { SegmentStore } from './segment-store';

/**
 * What a message is for; only telemetry and notices (summaries that a later one repeats, such as refused remote
 * commands) may be dropped when the queue is full. `alarm`: a raise or clear, or a board's retained alarm list.
 */
export type MessageKind = 'telemetry' | 'status' | 'led' | 'event' | 'notice' | 'alarm';

export interface OutgoingMessage {
  readonly kind: MessageKind;
  readonly topic: string;
  readonly payload: string;
  readonly retain: boolean;
  readonly qos: 0 | 1;
}

export interface QueuedMessage extends OutgoingMessage {
  /** Queue order, from 1, never reused (it continues across restarts). */
  readonly seq: number;
}

export interface DiskQueueOptions {
  /** Most messages waiting (in flight included); beyond it the oldest waiting telemetry is dropped. */
  readonly maxMessages: number;
  /** A segment file is closed and a new one started past this size. Default 4 MiB. */
  readonly segmentBytes?: number;
  /** Unacknowledged messages are written and fsynced in batches at this period. Default 100 ms. */
  readonly syncEveryMs?: number;
  readonly log?: (message: string) => void;
  readonly now?: () => number;
}

/** Messages set aside in the dead-letter file (kept across restarts). */
export interface SetAside {
  readonly count: number;
  /** The last one's topic and why, in words. */
  readonly last: string;
  readonly file: string;
}

const QUEUED = 0;
const IN_FLIGHT = 1;
const DONE = 2;

interface Entry {
  readonly msg: QueuedMessage;
  state: number;
  /** On disk (so a drop needs a tombstone). */
  written: boolean;
}

/** After a failed write, the next attempt waits this long, doubling per failure up to 5 s. */
const RETRY_FIRST_MS = 200;
const RETRY_MAX_MS = 5000;

/**
 * The publisher's bounded queue, kept on disk so that what the broker has not acknowledged survives a broker outage
 * and an app restart. Append-only segment files of JSON lines, written and fsynced in batches (a message the broker
 * acknowledged before its batch is never written); `cursor.json` says up to which sequence everything is done; a
 * drop is a tombstone line. A crash loses at most one batch period of messages and never corrupts older lines (a
 * torn last line is skipped on load). At-least-once: what was in flight when the app died is sent again. A message
 * no broker takes is set aside in `dead-letter.ndjson` instead of blocking the rest. When the disk cannot be
 * written (full, a folder in the way…) that is told once and the queue keeps working from memory.
 */
export class DiskQueue {
  private entries: Entry[] = [];
  private head = 0;
  private sendIdx = 0;
  private writeIdx = 0;
  private dropScan = 0;
  private readonly inFlight = new Map<number, Entry>();
  private waiting = 0;
  private nextSeq = 1;
  private droppedTotal = 0;
  private setAsideTotal = 0;
  private lastSetAside = '';
  private tombstones: number[] = [];
  private readonly files: SegmentStore;
  private cursorWritten = '';
  private timer: NodeJS.Timeout | undefined;
  /** The disk trouble told in the log, until a write works again. */
  private trouble: { key: string; words: string; failures: number } | undefined;
  private retryAt = 0;
  private readonly deadLetter: DeadLetterFile;
  private readonly log: (message: string) => void;
  private readonly now: () => number;

  constructor(
    private readonly dir: string,
    private readonly opts: DiskQueueOptions,
  ) {
    this.log = opts.log ?? (() => {});
    this.now = opts.now ?? Date.now;
    mkdirSync(dir, { recursive: true });
    lockQueue(dir);
    this.deadLetter = new DeadLetterFile(dir);
    this.files = new SegmentStore(dir, opts.segmentBytes ?? 4 * 1024 * 1024, this.log);
    this.load();
    this.timer = setInterval(() => this.flush(), opts.syncEveryMs ?? 100);
    this.timer.unref();
  }

  /** Messages waiting or in flight. */
  get queued(): number {
    return this.waiting;
  }

  /** Telemetry dropped because the queue was full (kept across restarts). */
  get dropped(): number {
    return this.droppedTotal;
  }

  /** Messages set aside in the dead-letter file; undefined while none ever was. */
  get setAside(): SetAside | undefined {
    if (this.setAsideTotal === 0) return undefined;
    // Named inside the config folder: the status reaches pages, and no host path does.
    const file = `${basename(dirname(this.deadLetter.file))}/${basename(this.deadLetter.file)}`;
    return { count: this.setAsideTotal, last: this.lastSetAside, file };
  }

  /** Why the queue cannot be written to disk now (messages are then kept in memory only); undefined when it can. */
  get problem(): string | undefined {
    return this.trouble && `The MQTT queue cannot be written to ${this.dir}: ${this.trouble.words}.`;
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** The message sent first of those not yet acknowledged. */
  oldestInFlight(): QueuedMessage | undefined {
    return this.inFlight.values().next().value?.msg;
  }

  /** Appends a message; when the queue is over its cap, the oldest waiting telemetry makes room. */
  push(m: OutgoingMessage): QueuedMessage {
    const msg: QueuedMessage = { ...m, seq: this.nextSeq++ };
    this.entries.push({ msg, state: QUEUED, written: false });
    this.waiting++;
    if (this.waiting > this.opts.maxMessages) this.dropOldestTelemetry();
    return msg;
  }

  /** The next waiting message in order, now in flight; undefined when none waits. */
  next(): QueuedMessage | undefined {
    while (this.sendIdx < this.entries.length) {
      const e = this.entries[this.sendIdx++]!;
      if (e.state !== QUEUED) continue;
      e.state = IN_FLIGHT;
      this.inFlight.set(e.msg.seq, e);
      return e.msg;
    }
    return undefined;
  }

  /** The broker took message `seq`. */
  ack(seq: number): void {
    const e = this.inFlight.get(seq);
    if (!e) return;
    this.inFlight.delete(seq);
    e.state = DONE;
    this.waiting--;
    this.advanceHead();
  }

  /**
   * Message `seq` (in flight) can never be delivered: it goes to the dead-letter file with `reason`, is never sent
   * again (a tombstone on disk), and is counted. Said once in the log.
   */
  setAsideMessage(seq: number, reason: string): void {
    const e = this.inFlight.get(seq);
    if (!e) return;
    this.inFlight.delete(seq);
    e.state = DONE;
    this.waiting--;
    if (e.written) this.tombstones.push(seq);
    const m = e.msg;
    const topic = JSON.stringify(m.topic.length > 200 ? `${m.topic.slice(0, 200)}…` : m.topic);
    this.setAsideTotal++;
    this.lastSetAside = `${m.kind} message to ${topic}: ${reason}`.slice(0, 2000);
    let kept = `kept in ${this.deadLetter.file}`;
    try {
      this.deadLetter.append(m, reason, this.now());
    } catch (err) {
      kept = `it could not be kept in ${this.deadLetter.file} (${diskTrouble(err).words})`;
    }
    this.log(`MQTT: set aside, not sent again: ${this.lastSetAside}; ${kept}.`);
    this.advanceHead();
  }

  /** The connection is gone: whatever was in flight waits again, and sending restarts from the oldest. */
  requeueInFlight(): void {
    for (const e of this.inFlight.values()) e.state = QUEUED;
    this.inFlight.clear();
    this.sendIdx = this.head;
  }

  /**
   * Writes the batch: unacknowledged messages and tombstones, fsync, then the cursor. Never throws: a failure is
   * logged once (not at every batch), writing is tried again with a growing pause, and the queue goes on in memory.
   */
  flush(): void {
    if (this.trouble && this.now() < this.retryAt) return;
    try {
      this.writeBatch();
      if (this.trouble)
        this.log(
          `MQTT queue: writing to ${this.dir} works again (${this.trouble.failures} attempts failed).`,
        );
      this.trouble = undefined;
    } catch (err) {
      const t = diskTrouble(err);
      const failures = (this.trouble?.failures ?? 0) + 1;
      if (t.key !== this.trouble?.key)
        this.log(
          `MQTT queue: cannot write to ${this.dir}: ${t.words}. Messages are still sent from memory, and writing is tried again; this is said once.`,
        );
      this.trouble = { ...t, failures };
      this.retryAt = this.now() + Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** Math.min(failures - 1, 10));
    }
  }

  /** Flushes and closes the files. */
  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.retryAt = 0;
    this.flush();
    this.files.close();
    unlockQueue(this.dir);
  }

  private dropOldestTelemetry(): void {
    for (let i = Math.max(this.dropScan, this.head); i < this.entries.length; i++) {
      const e = this.entries[i]!;
      if (e.state !== QUEUED || (e.msg.kind !== 'telemetry' && e.msg.kind !== 'notice')) continue;
      e.state = DONE;
      this.waiting--;
      this.droppedTotal++;
      if (e.written) this.tombstones.push(e.msg.seq);
      this.dropScan = i + 1;
      this.advanceHead();
      return;
    }
    // Nothing but status, LED state and events waits: those are kept, over the cap.
  }

  private advanceHead(): void {
    while (this.head < this.entries.length && this.entries[this.head]!.state === DONE) this.head++;
    if (this.head > 4096 && this.head * 2 > this.entries.length) {
      const h = this.head;
      this.entries = this.entries.slice(h);
      this.sendIdx = Math.max(0, this.sendIdx - h);
      this.writeIdx = Math.max(0, this.writeIdx - h);
      this.dropScan = Math.max(0, this.dropScan - h);
      this.head = 0;
    }
  }

  /** Every sequence at or below this is acknowledged, dropped or set aside. */
  private doneThrough(): number {
    return this.head < this.entries.length ? this.entries[this.head]!.msg.seq - 1 : this.nextSeq - 1;
  }

  private writeBatch(): void {
    const from = this.writeIdx;
    const batch: Entry[] = [];
    const lines: string[] = [];
    let last = 0;
    for (; this.writeIdx < this.entries.length; this.writeIdx++) {
      const e = this.entries[this.writeIdx]!;
      if (e.state === DONE) continue;
      const m = e.msg;
      lines.push(JSON.stringify({ s: m.seq, k: m.kind, t: m.topic, p: m.payload, r: m.retain, q: m.qos }));
      e.written = true;
      batch.push(e);
      last = m.seq;
    }
    const tombstones = this.tombstones;
    this.tombstones = [];
    if (tombstones.length) lines.push(JSON.stringify({ x: tombstones }));
    if (lines.length) {
      try {
        this.files.append(`${lines.join('\n')}\n`, last, this.nextSeq);
      } catch (err) {
        // Nothing of this batch counts as written: it is all written again by the next attempt.
        this.writeIdx = from;
        for (const e of batch) e.written = false;
        this.tombstones = tombstones.concat(this.tombstones);
        throw err;
      }
    }
    const done = this.doneThrough();
    const cursor = {
      done,
      dropped: this.droppedTotal,
      setAside: this.setAsideTotal,
      lastSetAside: this.lastSetAside,
    };
    const key = `${done} ${this.droppedTotal} ${this.setAsideTotal}`;
    if (key !== this.cursorWritten) {
      // Segments whose every message is done are no longer needed (the one being written stays). Removed even if
      // the cursor cannot be written: what they hold was all taken, so nothing unsent is lost.
      this.files.removeDone(done);
      writeCursor(this.dir, cursor);
      this.cursorWritten = key;
    }
  }

  private load(): void {
    const { done, dropped, setAside, lastSetAside } = readCursor(this.dir, this.log);
    this.droppedTotal = dropped;
    this.setAsideTotal = setAside;
    this.lastSetAside = lastSetAside;
    const { messages: msgs, maxSeq } = this.files.load(done);
    this.entries = msgs.map((msg) => ({ msg, state: QUEUED, written: true }));
    this.waiting = msgs.length;
    this.writeIdx = this.entries.length;
    this.nextSeq = maxSeq + 1;
    this.cursorWritten = `${done} ${dropped} ${setAside}`;
    if (msgs.length) this.log(`MQTT queue: ${msgs.length} messages from the last run wait for the broker`);
  }
}
