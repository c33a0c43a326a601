/** One line (or one cut piece of an overlong line) out of the byte stream. */
export interface SplitLine {
  /** The bytes decoded as UTF-8; invalid sequences become U+FFFD, never an error. */
  readonly text: string;
  /** The raw bytes of the line, without its line ending (for a hex view). */
  readonly bytes: Uint8Array;
  /** True when the line was longer than the maximum and this is one of its pieces. */
  readonly overlong: boolean;
  /** True when the bytes were not valid UTF-8 (wrong baud rate, noise): the hex view is the honest one. */
  readonly garbage: boolean;
}

/** Counters a splitter keeps over its life. */
export interface SplitterStats {
  /** Bytes pushed in. */
  readonly bytes: number;
  /** Lines emitted (each piece of an overlong line counts). */
  readonly lines: number;
  /** Lines that exceeded the maximum and were cut. */
  readonly overlongLines: number;
  /** Pieces emitted for overlong lines. */
  readonly overlongPieces: number;
}

/** Default maximum line length in bytes: the firmware's longest line is ~200 B; 4 KiB leaves room for other firmware. */
export const DEFAULT_MAX_LINE_BYTES = 4096;

const LF = 0x0a;
const CR = 0x0d;

/**
 * Splits a byte stream into lines at \r\n, \n or a lone \r, with a bounded line buffer: a stream with no newline
 * never grows memory past `maxLineBytes`; the overlong line is cut into pieces, each flagged and counted.
 * Cost is O(bytes) whatever the line lengths (unlike a concat-and-search splitter, which is O(n²) without newlines).
 */
export class LineSplitter {
  private readonly max: number;
  private readonly buf: Uint8Array;
  private len = 0;
  /** The previous byte was a CR: a following LF belongs to it. Survives chunk boundaries. */
  private afterCr = false;
  /** The line being assembled has already overflowed once. */
  private inOverlong = false;
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });
  private readonly strict = new TextDecoder('utf-8', { fatal: true });
  private stats: { bytes: number; lines: number; overlongLines: number; overlongPieces: number } = {
    bytes: 0,
    lines: 0,
    overlongLines: 0,
    overlongPieces: 0,
  };

  /** `onOverlong` is called once per overlong line, when it first overflows. */
  constructor(
    options: { maxLineBytes?: number } = {},
    private readonly onOverlong?: () => void,
  ) {
    this.max = Math.max(16, Math.floor(options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES));
    this.buf = new Uint8Array(this.max);
  }

  /** Feeds bytes; returns the lines they complete. */
  push(chunk: Uint8Array): SplitLine[] {
    const out: SplitLine[] = [];
    this.stats.bytes += chunk.length;
    let i = 0;
    if (this.afterCr && chunk.length > 0) {
      if (chunk[0] === LF) i = 1;
      this.afterCr = false;
    }
    let start = i;
    for (; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b !== LF && b !== CR) continue;
      this.append(chunk, start, i, out);
      out.push(this.take(this.inOverlong));
      this.inOverlong = false;
      if (b === CR) {
        if (i + 1 < chunk.length) {
          if (chunk[i + 1] === LF) i++;
        } else {
          this.afterCr = true;
        }
      }
      start = i + 1;
    }
    this.append(chunk, start, chunk.length, out);
    return out;
  }

  /** Emits what is left without a line ending (end of stream, or a quiet line after a timeout). */
  flush(): SplitLine[] {
    if (this.len === 0) {
      this.inOverlong = false;
      return [];
    }
    const line = this.take(this.inOverlong);
    this.inOverlong = false;
    return [line];
  }

  /** Bytes waiting for a line ending. */
  get pending(): number {
    return this.len;
  }

  /** Counters since construction. */
  counters(): SplitterStats {
    return { ...this.stats };
  }

  /** Copies chunk[from, to) into the line buffer, cutting a piece off each time it fills. */
  private append(chunk: Uint8Array, from: number, to: number, out: SplitLine[]): void {
    while (from < to) {
      // Cut only when a further byte of the same line arrives: a line of exactly `max` bytes is not overlong.
      if (this.len === this.max) this.cut(out);
      const n = Math.min(to - from, this.max - this.len);
      this.buf.set(chunk.subarray(from, from + n), this.len);
      this.len += n;
      from += n;
    }
  }

  private cut(out: SplitLine[]): void {
    if (!this.inOverlong) {
      this.inOverlong = true;
      this.stats.overlongLines++;
      this.onOverlong?.();
    }
    out.push(this.take(true));
  }

  private take(overlong: boolean): SplitLine {
    const bytes = this.buf.slice(0, this.len);
    this.len = 0;
    this.stats.lines++;
    if (overlong) this.stats.overlongPieces++;
    let garbage = false;
    let text: string;
    try {
      text = this.strict.decode(bytes);
    } catch {
      garbage = true;
      text = this.decoder.decode(bytes);
    }
    return { text, bytes, overlong, garbage };
  }
}
