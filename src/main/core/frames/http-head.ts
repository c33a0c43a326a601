// The HTTP upgrade request and its 101 answer, read passively from a byte stream until the blank line.

/** Longest HTTP head kept; a longer one is reported and decoding gives up on that direction. */
export const MAX_HTTP_HEAD = 16 * 1024;

/** A parsed HTTP head. */
export interface HttpHead {
  /** Request line or status line. */
  readonly startLine: string;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  /** Status code of a response, undefined for a request. */
  readonly status: number | undefined;
  /** The head's bytes (up to and including the blank line). */
  readonly bytes: Uint8Array;
}

/** Gathers bytes until `\r\n\r\n`; returns the head and what follows, or undefined while incomplete. */
export class HttpHeadReader {
  private buf = new Uint8Array(0);

  /** Bytes held so far. */
  get buffered(): number {
    return this.buf.length;
  }

  /** Feeds bytes. `overflow` when the head is longer than MAX_HTTP_HEAD without its blank line. */
  push(bytes: Uint8Array): { head: HttpHead; rest: Uint8Array } | 'overflow' | undefined {
    const joined = new Uint8Array(this.buf.length + bytes.length);
    joined.set(this.buf);
    joined.set(bytes, this.buf.length);
    const end = findBlankLine(joined, Math.max(0, this.buf.length - 3));
    if (end < 0) {
      this.buf = joined;
      return joined.length > MAX_HTTP_HEAD ? 'overflow' : undefined;
    }
    this.buf = new Uint8Array(0);
    const headBytes = joined.slice(0, end);
    return { head: parseHead(headBytes), rest: joined.subarray(end) };
  }
}

function findBlankLine(b: Uint8Array, from: number): number {
  for (let i = from; i + 3 < b.length; i++) {
    if (b[i] === 13 && b[i + 1] === 10 && b[i + 2] === 13 && b[i + 3] === 10) return i + 4;
  }
  return -1;
}

/** Parses a head's text (latin1, so any byte shows). Lenient: a line without a colon is kept with an empty value. */
export function parseHead(bytes: Uint8Array): HttpHead {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  const lines = text.split('\r\n').filter((l) => l !== '');
  const startLine = lines[0] ?? '';
  const headers = lines.slice(1).map((l): [string, string] => {
    const c = l.indexOf(':');
    return c < 0 ? [l, ''] : [l.slice(0, c), l.slice(c + 1).trim()];
  });
  const m = /^HTTP\/\d\.\d (\d{3})/.exec(startLine);
  return { startLine, headers, status: m ? Number(m[1]) : undefined, bytes };
}
