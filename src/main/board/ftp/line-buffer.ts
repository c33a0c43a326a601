import { isUtf8 } from 'node:buffer';

/**
 * What the control-line splitter produced: a complete line, or a line that exceeded the cap (its text dropped). A
 * line whose bytes are not valid UTF-8 is marked: its text has U+FFFD in their place and must not become a name.
 */
export type ControlLine =
  | { readonly kind: 'line'; readonly text: string; readonly invalidUtf8?: true }
  | { readonly kind: 'too-long' };

/**
 * Splits the FTP control stream into lines however TCP segments it: bytes are kept across packets until CRLF (or a
 * bare LF). A line longer than `maxBytes` is reported once as `too-long` and its bytes are skipped up to its end,
 * so the buffer never grows past the cap and the session goes on with the next line.
 */
export class LineBuffer {
  private parts: Buffer[] = [];
  private size = 0;
  private discarding = false;

  constructor(private readonly maxBytes = 4096) {}

  push(chunk: Buffer): ControlLine[] {
    const out: ControlLine[] = [];
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      const end = nl < 0 ? chunk.length : nl;
      const piece = chunk.subarray(start, end);
      if (!this.discarding) {
        if (this.size + piece.length > this.maxBytes) {
          this.discarding = true;
          this.parts = [];
          this.size = 0;
          out.push({ kind: 'too-long' });
        } else if (piece.length) {
          this.parts.push(piece);
          this.size += piece.length;
        }
      }
      if (nl < 0) break;
      if (!this.discarding) {
        let line = Buffer.concat(this.parts, this.size);
        if (line.length && line[line.length - 1] === 0x0d) line = line.subarray(0, -1);
        const text = line.toString('utf8');
        out.push(isUtf8(line) ? { kind: 'line', text } : { kind: 'line', text, invalidUtf8: true });
      }
      this.parts = [];
      this.size = 0;
      this.discarding = false;
      start = nl + 1;
    }
    // Keep a copy so the socket's buffer can be reused.
    if (this.parts.length && this.parts[this.parts.length - 1]!.buffer === chunk.buffer) {
      this.parts[this.parts.length - 1] = Buffer.from(this.parts[this.parts.length - 1]!);
    }
    return out;
  }
}
