// The on-disk queue's segment files: their names, and reading them back line by line in bounded memory.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { QueuedMessage } from './disk-queue';

/**
 * A segment's name: its first sequence, zero-padded to 12 digits so that names sort as numbers. Past 12 digits the
 * name grows (13, 14… digits); listing sorts by length first, so those still come after the 12-digit ones.
 */
export const segmentName = (seq: number) => `${String(seq).padStart(12, '0')}.ndjson`;

const SEGMENT = /^\d{12,}\.ndjson$/;

/** The segment files among `names`, oldest first (the dead-letter file and the cursor are not segments). */
export function segmentFiles(names: readonly string[]): string[] {
  return names
    .filter((f) => SEGMENT.test(f))
    .sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Highest sequence a queue line may carry: 2^48 (a million messages a second for nine years). A larger one, or
 * a cursor past it, can only come from a damaged file; taking it would skip the whole queue.
 */
export const MAX_SEQ = 2 ** 48;

/** Longest queue line read back (a message is at most 1 MiB, JSON escaping can grow it up to six times). */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;

/**
 * Calls `onLine` for each line of `file`, read in 1 MiB chunks: a damaged file of any size costs at most one line
 * of memory. Lines longer than `maxLine` bytes are skipped and counted. Throws only when the file cannot be read.
 */
export function readLines(
  file: string,
  onLine: (line: string) => void,
  maxLine = MAX_LINE_BYTES,
): { tooLong: number } {
  // Non-blocking: a FIFO in the queue folder must not hang the open; only a regular file is read (a device such
  // as /dev/zero never ends).
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  if (!fstatSync(fd).isFile()) {
    closeSync(fd);
    throw Object.assign(new Error(`${file} is not a regular file`), { code: 'ENOTFILE' });
  }
  const chunk = Buffer.alloc(1024 * 1024);
  let parts: Buffer[] = [];
  let partBytes = 0;
  let skipping = false;
  let tooLong = 0;
  try {
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      let start = 0;
      for (let nl = chunk.indexOf(10, start); nl !== -1 && nl < n; nl = chunk.indexOf(10, start)) {
        if (!skipping && partBytes + nl - start > maxLine) tooLong++;
        else if (!skipping) {
          parts.push(chunk.subarray(start, nl));
          onLine(Buffer.concat(parts).toString('utf8'));
        }
        parts = [];
        partBytes = 0;
        skipping = false;
        start = nl + 1;
      }
      if (skipping || start === n) continue;
      partBytes += n - start;
      if (partBytes > maxLine) {
        skipping = true;
        tooLong++;
        parts = [];
        continue;
      }
      parts.push(Buffer.from(chunk.subarray(start, n)));
    }
    // A last line without its newline: a torn write of a crash, which the caller's parse skips.
    if (!skipping && parts.length) onLine(Buffer.concat(parts).toString('utf8'));
  } finally {
    closeSync(fd);
  }
  return { tooLong };
}

/** A queue line as a message, or undefined when it is not one (a torn or damaged line). */
export function toMessage(line: object): QueuedMessage | undefined {
  const v: Record<string, unknown> = Object.fromEntries(Object.entries(line));
  const { s, k, t, p, r, q } = v;
  if (!Number.isSafeInteger(s) || typeof s !== 'number' || s < 1 || s > MAX_SEQ) return undefined;
  if (typeof t !== 'string' || typeof p !== 'string') return undefined;
  if (k !== 'telemetry' && k !== 'status' && k !== 'led' && k !== 'event' && k !== 'notice' && k !== 'alarm')
    return undefined;
  return { seq: s, kind: k, topic: t, payload: p, retain: r === true, qos: q === 0 ? 0 : 1 };
}

/**
 * Opens `file` for appending, creating it; only a regular file (a FIFO or a device in the queue folder must neither
 * hang the open nor swallow the queue). Throws otherwise.
 */
export function openAppend(file: string): number {
  const { O_WRONLY, O_APPEND, O_CREAT, O_NONBLOCK } = constants;
  const fd = openSync(file, O_WRONLY | O_APPEND | O_CREAT | O_NONBLOCK, 0o600);
  if (!fstatSync(fd).isFile()) {
    closeSync(fd);
    throw Object.assign(new Error(`${file} is not a regular file`), { code: 'ENOTFILE' });
  }
  return fd;
}

/** A file-system error in words, keyed by its code so that the same trouble is told once. */
export function diskTrouble(err: unknown): { key: string; words: string } {
  const code = err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
  const message = err instanceof Error ? err.message : String(err);
  switch (code) {
    case 'ENOSPC':
      return { key: code, words: 'the disk is full (ENOSPC)' };
    case 'EDQUOT':
      return { key: code, words: 'the disk quota is used up (EDQUOT)' };
    case 'EISDIR':
      return { key: code, words: `a folder stands where a queue file should be (${message})` };
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return { key: code, words: `this bench may not write there (${message})` };
    default:
      return { key: code ?? message, words: message };
  }
}
