// The always-on capture: the last minutes of messages in memory, so "save the last 10 minutes" works after the
// interesting moment has passed. Bounded by age, count and bytes; the oldest records go first.

import { closeSync, fsyncSync, writeSync } from 'node:fs';
import type { WrittenFile } from '../../../shared/bridge/contracts/telemetry';
import type { MessageRecord } from '../../../shared/recording/format';
import { BenchError } from '../../../shared/result';
import { checkFolder, createNewFile } from './files';
import { headerLine, recordLine } from './recorder';

/** Bounds of the capture. */
export interface CaptureOptions {
  /** Age of the oldest record kept, ms (default 10 min). */
  readonly maxAgeMs?: number;
  /** Records kept at most (default 1,000,000). */
  readonly maxRecords?: number;
  /** Payload bytes kept at most (default 96 MiB). */
  readonly maxBytes?: number;
}

/** A time-bounded ring of recent messages. */
export class CaptureRing {
  private items: MessageRecord[] = [];
  private head = 0;
  private bytes = 0;
  /** Records pushed out by the count or byte bound before their time was up. */
  evictedEarly = 0;

  constructor(private readonly options: CaptureOptions = {}) {}

  /** Minutes the capture aims to hold. */
  get minutes(): number {
    return (this.options.maxAgeMs ?? 600_000) / 60_000;
  }

  /** Records held. */
  get length(): number {
    return this.items.length - this.head;
  }

  /** Adds one message and drops what is too old or over the bounds. */
  push(record: MessageRecord): void {
    this.items.push(record);
    this.bytes += size(record);
    const maxAge = this.options.maxAgeMs ?? 600_000;
    const maxRecords = this.options.maxRecords ?? 1_000_000;
    const maxBytes = this.options.maxBytes ?? 96 * 1024 * 1024;
    while (this.length > 0) {
      const oldest = this.items[this.head]!;
      const overBound = this.length > maxRecords || this.bytes > maxBytes;
      if (!overBound && record.t - oldest.t <= maxAge) break;
      if (overBound) this.evictedEarly++;
      this.bytes -= size(oldest);
      this.head++;
    }
    // Compact now and then so the array does not grow without end.
    if (this.head > 65_536 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }

  /** The records held, oldest first. */
  snapshot(): MessageRecord[] {
    return this.items.slice(this.head);
  }

  /** Writes the capture as a recording `capture-YYYYMMDD-HHMMSS.ndjson` in `dir`. */
  save(dir: string, board: Readonly<Record<string, unknown>>, now = Date.now()): WrittenFile {
    const records = this.snapshot();
    if (!records.length)
      throw new BenchError('NOT_FOUND', 'The capture is empty: no message has arrived from the board yet.');
    const real = checkFolder(dir);
    const { path, fd } = createNewFile(real, 'capture', '.ndjson', now);
    let bytes = 0;
    try {
      bytes += writeSync(fd, headerLine(records[0]!.t, board));
      // Join in chunks: one syscall per record would be slow for a million records.
      for (let i = 0; i < records.length; i += 2000) {
        bytes += writeSync(
          fd,
          records
            .slice(i, i + 2000)
            .map(recordLine)
            .join(''),
        );
      }
      fsyncSync(fd);
    } catch (err) {
      throw new BenchError('IO_ERROR', `Saving the capture to ${path} failed: ${(err as Error).message}`);
    } finally {
      closeSync(fd);
    }
    return { file: path, rows: records.length, bytes };
  }
}

function size(r: MessageRecord): number {
  return 48 + (r.data?.length ?? 0) + (r.b64?.length ?? 0);
}
