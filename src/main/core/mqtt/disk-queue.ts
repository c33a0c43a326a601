import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { JsonStore } from '../json-store';

/**
 * What a message is for; only telemetry and notices (summaries that a later one repeats, such as refused remote
 * commands) may be dropped when the queue is full.
 */
export type MessageKind = 'telemetry' | 'status' | 'led' | 'event' | 'notice';

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

interface Segment {
  readonly file: string;
  lastSeq: number;
}

const CURSOR = 'cursor.json';
/** cursor.json: every message through `done` was acknowledged; `dropped` counts telemetry dropped since ever. */
const cursorSchema = z.object({
  done: z.number().int().min(0).default(0),
  dropped: z.number().int().min(0).default(0),
});
const LOCK = 'lock';

/** Whether process `pid` runs (signal 0 only asks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One process per queue: two benches (the app and an agent on the same config dir) would send each other's
 * messages twice and delete each other's segments. A lock left by a process that died is taken over.
 */
function lock(dir: string): void {
  const file = join(dir, LOCK);
  let holder: number | undefined;
  try {
    holder = Number(readFileSync(file, 'utf8'));
  } catch {
    // No lock: free.
  }
  if (holder && holder !== process.pid && Number.isSafeInteger(holder) && alive(holder))
    throw new Error(
      `The MQTT queue in ${dir} is in use by another bench process (pid ${holder}); give each running bench its own config directory.`,
    );
  writeFileSync(file, String(process.pid));
}
const segmentName = (seq: number) => `${String(seq).padStart(12, '0')}.ndjson`;

/**
 * The publisher's bounded queue, kept on disk so that what the broker has not acknowledged survives a broker outage
 * and an app restart. Append-only segment files of JSON lines, written and fsynced in batches (a message the broker
 * acknowledged before its batch is never written); `cursor.json` says up to which sequence everything is done; a
 * drop is a tombstone line. A crash loses at most one batch period of messages and never corrupts older lines (a
 * torn last line is skipped on load). At-least-once: what was in flight when the app died is sent again.
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
  private tombstones: number[] = [];
  private segments: Segment[] = [];
  private fd: number | undefined;
  private fdBytes = 0;
  private cursorWritten = -1;
  private droppedWritten = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly log: (message: string) => void;
  private readonly cursor: JsonStore<typeof cursorSchema>;

  constructor(
    private readonly dir: string,
    private readonly opts: DiskQueueOptions,
  ) {
    this.log = opts.log ?? (() => {});
    mkdirSync(dir, { recursive: true });
    lock(dir);
    // A damaged cursor is kept aside and everything on disk is sent again (at least once).
    this.cursor = new JsonStore({
      file: join(dir, CURSOR),
      schema: cursorSchema,
      pretty: false,
      log: (m) => this.log(`MQTT queue: ${m}`),
    });
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

  get inFlightCount(): number {
    return this.inFlight.size;
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

  /** The connection is gone: whatever was in flight waits again, and sending restarts from the oldest. */
  requeueInFlight(): void {
    for (const e of this.inFlight.values()) e.state = QUEUED;
    this.inFlight.clear();
    this.sendIdx = this.head;
  }

  /** Writes the batch: unacknowledged messages and tombstones, fsync, then the cursor. Never throws. */
  flush(): void {
    try {
      this.writeBatch();
    } catch (err) {
      this.log(
        `MQTT queue: could not write to ${this.dir}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  /** Flushes and closes the files. */
  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    rmSync(join(this.dir, LOCK), { force: true });
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

  /** Every sequence at or below this is acknowledged or dropped. */
  private doneThrough(): number {
    return this.head < this.entries.length ? this.entries[this.head]!.msg.seq - 1 : this.nextSeq - 1;
  }

  private writeBatch(): void {
    const lines: string[] = [];
    let last = 0;
    for (; this.writeIdx < this.entries.length; this.writeIdx++) {
      const e = this.entries[this.writeIdx]!;
      if (e.state === DONE) continue;
      const m = e.msg;
      lines.push(JSON.stringify({ s: m.seq, k: m.kind, t: m.topic, p: m.payload, r: m.retain, q: m.qos }));
      e.written = true;
      last = m.seq;
    }
    if (this.tombstones.length) {
      lines.push(JSON.stringify({ x: this.tombstones }));
      this.tombstones = [];
    }
    if (lines.length) {
      const text = `${lines.join('\n')}\n`;
      const fd = this.segmentFd(last || this.nextSeq);
      writeSync(fd, text);
      fsyncSync(fd);
      this.fdBytes += Buffer.byteLength(text);
      if (last) this.segments[this.segments.length - 1]!.lastSeq = last;
    }
    const done = this.doneThrough();
    if (done !== this.cursorWritten || this.droppedTotal !== this.droppedWritten) {
      // Written up to ten times a second, so not synced to disk: a lost cursor only means messages sent again, and
      // the messages themselves were synced above. The JsonStore reads it (a damaged one is kept aside).
      const tmp = join(this.dir, `${CURSOR}.tmp`);
      writeFileSync(tmp, JSON.stringify({ done, dropped: this.droppedTotal }));
      renameSync(tmp, join(this.dir, CURSOR));
      this.cursorWritten = done;
      this.droppedWritten = this.droppedTotal;
      // Segments whose every message is done are no longer needed (the one being written stays).
      while (this.segments.length > 1 && this.segments[0]!.lastSeq <= done) {
        rmSync(join(this.dir, this.segments.shift()!.file), { force: true });
      }
    }
    if (this.fdBytes > (this.opts.segmentBytes ?? 4 * 1024 * 1024) && this.fd !== undefined) {
      closeSync(this.fd);
      this.fd = undefined;
    }
  }

  private segmentFd(seq: number): number {
    if (this.fd !== undefined) return this.fd;
    const file = segmentName(seq);
    this.fd = openSync(join(this.dir, file), 'a', 0o600);
    this.fdBytes = 0;
    this.segments.push({ file, lastSeq: seq - 1 });
    return this.fd;
  }

  private load(): void {
    const { done, dropped } = this.cursor.get();
    this.droppedTotal = dropped;
    const files = readdirSync(this.dir)
      .filter((f) => /^\d{12}\.ndjson$/.test(f))
      .sort();
    const found = new Map<number, QueuedMessage>();
    let maxSeq = done;
    for (const file of files) {
      let lastSeq = 0;
      const text = readFileSync(join(this.dir, file), 'utf8');
      for (const line of text.split('\n')) {
        if (!line) continue;
        let v: Record<string, unknown>;
        try {
          v = JSON.parse(line) as Record<string, unknown>;
        } catch {
          continue; // a torn last line of a crash
        }
        if (Array.isArray(v.x)) {
          for (const s of v.x) found.delete(s as number);
          continue;
        }
        const m = toMessage(v);
        if (!m) continue;
        lastSeq = Math.max(lastSeq, m.seq);
        maxSeq = Math.max(maxSeq, m.seq);
        if (m.seq > done) found.set(m.seq, m);
      }
      this.segments.push({ file, lastSeq });
    }
    const msgs = [...found.values()].sort((a, b) => a.seq - b.seq);
    this.entries = msgs.map((msg) => ({ msg, state: QUEUED, written: true }));
    this.waiting = msgs.length;
    this.writeIdx = this.entries.length;
    this.nextSeq = maxSeq + 1;
    this.cursorWritten = done;
    this.droppedWritten = this.droppedTotal;
    if (msgs.length) this.log(`MQTT queue: ${msgs.length} messages from the last run wait for the broker`);
  }
}

function toMessage(v: Record<string, unknown>): QueuedMessage | undefined {
  const { s, k, t, p, r, q } = v;
  if (typeof s !== 'number' || typeof t !== 'string' || typeof p !== 'string') return undefined;
  if (k !== 'telemetry' && k !== 'status' && k !== 'led' && k !== 'event' && k !== 'notice') return undefined;
  return { seq: s, kind: k, topic: t, payload: p, retain: r === true, qos: q === 0 ? 0 : 1 };
}
