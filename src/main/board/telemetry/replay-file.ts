// A replay read from its recording's file as it plays (docs/architecture.md §12.1): the file is checked whole once
// up front (a regular file, a header this board reads, no line over the limit, some telemetry), then read again a
// chunk at a time, round and round, a bounded queue ahead of the sender. Memory stays bounded whatever the size.
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { MessageRecord } from '../../../shared/recording/format';
import { RecordingError, RecordingReader } from '../../../shared/recording/reader';
import { medianGap, telemetryOf, type ReplaySource, type ReplayStep } from './replay';

/** Bytes read at a time. */
const CHUNK_BYTES = 64 * 1024;
/** The queue ahead of the sender: at most this many messages, or this many bytes of text (one message always fits). */
export const QUEUE_MESSAGES = 1024;
const QUEUE_BYTES = 4 * 1024 * 1024;
/** Gaps the loop-around gap (their median) is taken from: the recording's period shows in its first ones. */
const PERIOD_GAPS = 10_000;

type FileKind = { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean };

function notRegular(s: FileKind): RecordingError {
  const kind = s.isDirectory()
    ? 'a folder'
    : s.isFIFO()
      ? 'a named pipe (FIFO)'
      : s.isSocket()
        ? 'a socket'
        : 'a device';
  return new RecordingError(`it is ${kind}, not a regular file: not a telemetry recording`);
}

/**
 * Calls `each` with the records of the file at `path`, a chunk's worth at a time, until the end or until `each`
 * answers false. Only a regular file is read: a FIFO would block (its open waits for a writer, its reads for data),
 * so it is checked before the open, opened without blocking, and checked again on the descriptor.
 */
export async function eachRecordChunk(
  path: string,
  each: (records: MessageRecord[]) => Promise<boolean> | boolean,
): Promise<void> {
  const before = await stat(path);
  if (!before.isFile()) throw notRegular(before);
  const fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOCTTY ?? 0));
  try {
    const s = await fh.stat();
    if (!s.isFile()) throw notRegular(s);
    let ready: MessageRecord[] = [];
    const reader = new RecordingReader((r) => ready.push(r));
    const buf = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      reader.push(buf.subarray(0, bytesRead));
      const batch = ready;
      ready = [];
      if (!(await each(batch))) return;
    }
    reader.end();
    await each(ready);
  } finally {
    await fh.close();
  }
}

/** What a check of a recording found. */
export interface ReplayCheck {
  /** Received telemetry messages in one pass. */
  readonly messages: number;
  /** The gap before the first message of each pass: the recording's period (median of its first gaps). */
  readonly loopGapMs: number;
}

/** Reads a recording through once; throws in words what makes it unfit to replay. */
export async function checkReplay(path: string): Promise<ReplayCheck> {
  let messages = 0;
  let lastT: number | undefined;
  const gaps: number[] = [];
  await eachRecordChunk(path, (records) => {
    for (const r of records) {
      if (!telemetryOf(r)) continue;
      messages++;
      if (lastT !== undefined && gaps.length < PERIOD_GAPS) gaps.push(Math.max(0, r.t - lastT));
      lastT = r.t;
    }
    return true;
  });
  if (messages === 0) throw new Error('the recording holds no received telemetry messages to replay');
  return { messages, loopGapMs: medianGap(gaps) };
}

/** Checks the recording at `path` (throws in words if it is unfit) and returns its replay, read as it plays. */
export async function openReplay(path: string): Promise<FileReplay> {
  const check = await checkReplay(path);
  return new FileReplay(path, check.loopGapMs);
}

/** What a file replay's reader is doing. */
export type FileReplayState = 'idle' | 'reading' | 'full' | 'failed' | 'closed';

/** The messages of a recording's file, read into a bounded queue ahead of the sender, round and round. */
export class FileReplay implements ReplaySource {
  onError?: (message: string) => void;
  /** 'full' while the reader waits for the sender to take a message. */
  state: FileReplayState = 'idle';
  private queue: (ReplayStep | undefined)[] = [];
  private head = 0;
  private queuedBytes = 0;
  /** Bumped by rewind and close: a read of an older pass stops at its next chunk. */
  private pass = 0;
  private closed = false;
  private room: (() => void) | undefined;

  /** Reads nothing until the first rewind (the board's boot), so `onError` is in place by then. */
  constructor(
    private readonly path: string,
    private readonly loopGapMs: number,
  ) {}

  peek(): ReplayStep | undefined {
    return this.queue[this.head];
  }

  advance(): void {
    const step = this.queue[this.head];
    if (!step) return;
    this.queue[this.head++] = undefined;
    this.queuedBytes -= step.text.length;
    if (this.head > 256 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    this.wake();
  }

  rewind(): void {
    if (this.closed) return;
    this.pass++;
    this.queue = [];
    this.head = 0;
    this.queuedBytes = 0;
    this.wake();
    void this.run(this.pass);
  }

  /** Messages read and not yet sent. */
  get queued(): number {
    return this.queue.length - this.head;
  }

  close(): void {
    this.closed = true;
    this.state = 'closed';
    this.pass++;
    this.wake();
  }

  private wake(): void {
    const room = this.room;
    this.room = undefined;
    room?.();
  }

  private full(): boolean {
    const n = this.queued;
    return n > 0 && (n >= QUEUE_MESSAGES || this.queuedBytes >= QUEUE_BYTES);
  }

  /** Reads pass after pass into the queue, until rewound or closed. */
  private async run(pass: number): Promise<void> {
    const current = () => pass === this.pass;
    this.state = 'reading';
    try {
      while (current()) {
        let lastT: number | undefined;
        let sent = 0;
        await eachRecordChunk(this.path, async (records) => {
          for (const r of records) {
            const m = telemetryOf(r);
            if (!m) continue;
            while (current() && this.full()) {
              this.state = 'full';
              await new Promise<void>((resolve) => (this.room = resolve));
              if (current()) this.state = 'reading';
            }
            if (!current()) return false;
            const gapMs = lastT === undefined ? this.loopGapMs : Math.max(0, r.t - lastT);
            lastT = r.t;
            this.queue.push({ text: m.text, gapMs, samples: m.samples });
            this.queuedBytes += m.text.length;
            sent++;
          }
          return current();
        });
        if (current() && sent === 0)
          throw new Error('the recording no longer holds received telemetry messages');
      }
    } catch (err) {
      if (!current()) return;
      this.state = 'failed';
      this.onError?.(`replay of ${this.path} stopped: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
