// Reading a recording from its bytes, a chunk at a time (docs/architecture.md §6, §12.1). A state machine over bytes:
// lines are split on LF without building a line longer than the limit, line 1 must be the header, and each later
// line is a record (a torn or foreign line is skipped and counted). What a caller holds stays bounded whatever the
// file holds: one line of at most MAX_LINE_BYTES, plus the chunk being read.

import { headerOf, parseRecord, type MessageRecord, type RecordingHeader } from './format';

/** The longest line a recording may hold. The recorder's lines are far shorter (a link takes 64 KiB messages). */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/** A line limit in words, for messages ("16 MB"). */
export function limitWords(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return Number.isInteger(mb) ? `${mb} MB` : `${bytes} bytes`;
}

/** A file that is not a recording this bench reads; the message says why in plain words. */
export class RecordingError extends Error {
  override name = 'RecordingError';
}

const LF = 0x0a;
const CR = 0x0d;
/** Lenient: a stray invalid byte in one record should not stop a read (that record then fails to parse). */
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Splits bytes into lines and hands each one over with its 1-based number; never holds more than `maxLineBytes` of a
 * line. Empty lines are counted but not decoded (a file of blank lines costs nothing).
 */
export class LineSplitter {
  private parts: Uint8Array[] = [];
  private partBytes = 0;
  /** Lines handed over or skipped so far. */
  lines = 0;

  constructor(
    private readonly onLine: (text: string, lineNo: number) => void,
    private readonly maxLineBytes = MAX_LINE_BYTES,
  ) {}

  /** Feeds the next bytes; the chunk may be reused by the caller afterwards. */
  push(chunk: Uint8Array): void {
    let start = 0;
    const end = chunk.length;
    while (start < end) {
      // Blank lines one byte at a time: a search call per empty line made a file of blank lines slow.
      if (this.partBytes === 0 && chunk[start] === LF) {
        this.lines++;
        start++;
        continue;
      }
      const nl = chunk.indexOf(LF, start);
      if (nl < 0) break;
      this.take(chunk.subarray(start, nl));
      this.complete();
      start = nl + 1;
    }
    // A copy: the caller reuses its buffer (and a Node Buffer's slice would be a view of it).
    if (start < end) this.take(new Uint8Array(chunk.subarray(start)));
  }

  /** The end of the input: a last line without its LF (a torn write, or a file that ends without one) is handed over. */
  end(): void {
    if (this.partBytes > 0) this.complete();
  }

  private take(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    if (this.partBytes + bytes.length > this.maxLineBytes) {
      throw new RecordingError(
        `line ${this.lines + 1} is longer than ${limitWords(this.maxLineBytes)}: not a telemetry recording`,
      );
    }
    this.parts.push(bytes);
    this.partBytes += bytes.length;
  }

  private complete(): void {
    this.lines++;
    const parts = this.parts;
    let size = this.partBytes;
    this.parts = [];
    this.partBytes = 0;
    if (size === 0) return;
    const last = parts[parts.length - 1]!;
    if (last[last.length - 1] === CR) {
      parts[parts.length - 1] = last.subarray(0, last.length - 1);
      size--;
    }
    if (size === 0) return;
    const text = parts.length === 1 ? utf8.decode(parts[0]) : utf8.decode(concat(parts, size));
    this.onLine(text, this.lines);
  }
}

function concat(parts: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** What a read found besides the records. */
export interface ReadSummary {
  header: RecordingHeader | undefined;
  records: number;
  skipped: number;
}

/**
 * A recording read from its bytes: `push` each chunk and the records it completes go to `onRecord`; `end` at the end
 * of the file. Throws a RecordingError (a line too long, no header, an unknown version, an empty file).
 */
export class RecordingReader {
  readonly summary: ReadSummary = { header: undefined, records: 0, skipped: 0 };
  private readonly lines: LineSplitter;

  constructor(
    private readonly onRecord: (record: MessageRecord) => void,
    maxLineBytes = MAX_LINE_BYTES,
  ) {
    this.lines = new LineSplitter(this.line, maxLineBytes);
  }

  push(chunk: Uint8Array): void {
    this.lines.push(chunk);
  }

  end(): void {
    this.lines.end();
    if (!this.summary.header) throw new RecordingError('the recording is empty');
  }

  private readonly line = (text: string, lineNo: number): void => {
    if (!this.summary.header) {
      if (lineNo !== 1) throw new RecordingError(notHeader);
      const header = headerOf(text);
      if (typeof header === 'string') throw new RecordingError(header);
      this.summary.header = header;
      return;
    }
    if (text.trim() === '') return;
    const record = parseRecord(text);
    if (!record) {
      this.summary.skipped++;
      return;
    }
    this.summary.records++;
    this.onRecord(record);
  };
}

const notHeader = 'not a NUCLEO-MEM Bench recording: the first line is not its header';
