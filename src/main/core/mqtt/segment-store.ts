// The on-disk queue's segment files as a whole: loading what they hold, appending batches to the newest, and
// removing the ones whose every message is done.
import { closeSync, fsyncSync, ftruncateSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { QueuedMessage } from './disk-queue';
import { diskTrouble, openAppend, readLines, segmentFiles, segmentName, toMessage } from './segment-files';

interface Segment {
  readonly file: string;
  /** The highest sequence written to it. */
  lastSeq: number;
}

/** The segment files of one queue folder. */
export class SegmentStore {
  private readonly segments: Segment[] = [];
  /** Names that cannot be used (a folder, a FIFO… in the way): never opened again in this run. */
  private readonly badNames = new Set<string>();
  private fd: number | undefined;
  private fdBytes = 0;

  constructor(
    private readonly dir: string,
    private readonly segmentBytes: number,
    private readonly log: (message: string) => void,
  ) {}

  /**
   * Reads every segment: the messages after `done` that no tombstone removed, in order, and the highest sequence
   * seen. A file that cannot be read is skipped with a log line; damaged lines are skipped.
   */
  load(done: number): { messages: QueuedMessage[]; maxSeq: number } {
    const found = new Map<number, QueuedMessage>();
    let maxSeq = done;
    let tooLong = 0;
    for (const file of segmentFiles(readdirSync(this.dir))) {
      let lastSeq = 0;
      try {
        tooLong += readLines(join(this.dir, file), (line) => {
          if (!line) return;
          let v: unknown;
          try {
            v = JSON.parse(line);
          } catch {
            return; // a torn last line of a crash
          }
          if (typeof v !== 'object' || v === null) return;
          if ('x' in v && Array.isArray(v.x)) {
            for (const s of v.x) if (typeof s === 'number') found.delete(s);
            return;
          }
          const m = toMessage(v);
          if (!m) return;
          lastSeq = Math.max(lastSeq, m.seq);
          maxSeq = Math.max(maxSeq, m.seq);
          if (m.seq > done) found.set(m.seq, m);
        }).tooLong;
      } catch (err) {
        this.log(`MQTT queue: the queue file ${file} cannot be read (${diskTrouble(err).words}); skipped.`);
        this.badNames.add(file);
        continue;
      }
      this.segments.push({ file, lastSeq });
    }
    if (tooLong) this.log(`MQTT queue: ${tooLong} damaged lines over 8 MiB were skipped in the queue files.`);
    return { messages: [...found.values()].sort((a, b) => a.seq - b.seq), maxSeq };
  }

  /**
   * Appends `text` (lines whose highest sequence is `last`, 0 for tombstones only) and syncs it. On failure the
   * segment is cut back to its last whole line, or closed when it cannot be, and the error thrown.
   */
  append(text: string, last: number, nextSeq: number): void {
    const fd = this.open(last || nextSeq);
    const bytes = Buffer.from(text);
    try {
      for (let off = 0; off < bytes.length;) off += writeSync(fd, bytes, off);
      fsyncSync(fd);
    } catch (err) {
      try {
        ftruncateSync(fd, this.fdBytes); // a torn line would join the next batch's first line
      } catch {
        this.close(); // cannot cut it: the torn line stays the file's last, skipped on load
      }
      throw err;
    }
    this.fdBytes += bytes.length;
    if (last) this.segments[this.segments.length - 1]!.lastSeq = last;
    if (this.fdBytes > this.segmentBytes) this.close();
  }

  /** Removes the segments whose every message is done (the one being written stays). */
  removeDone(done: number): void {
    while (this.segments.length > 1 && this.segments[0]!.lastSeq <= done) {
      rmSync(join(this.dir, this.segments.shift()!.file), { force: true });
    }
  }

  close(): void {
    if (this.fd === undefined) return;
    try {
      closeSync(this.fd);
    } catch {
      // Already unusable: a new segment is opened for the next batch either way.
    }
    this.fd = undefined;
  }

  private open(seq: number): number {
    if (this.fd !== undefined) return this.fd;
    // Never a name used before in this run: appending after a torn line would damage the next one.
    let s = seq;
    while (this.badNames.has(segmentName(s)) || this.segments.some((g) => g.file === segmentName(s))) s++;
    const file = segmentName(s);
    try {
      this.fd = openAppend(join(this.dir, file));
    } catch (err) {
      this.badNames.add(file);
      throw err;
    }
    this.fdBytes = 0;
    this.segments.push({ file, lastSeq: seq - 1 });
    return this.fd;
  }
}
