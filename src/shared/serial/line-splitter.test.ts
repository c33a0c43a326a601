import { describe, expect, it } from 'vitest';
import { LineSplitter } from './line-splitter';

const enc = (s: string) => new TextEncoder().encode(s);
const texts = (lines: { text: string }[]) => lines.map((l) => l.text);

describe('LineSplitter', () => {
  it('splits at \\r\\n, \\n and a lone \\r, also across chunk boundaries', () => {
    const s = new LineSplitter();
    expect(texts(s.push(enc('a\r\nb\nc\rd')))).toEqual(['a', 'b', 'c']);
    expect(texts(s.push(enc('\r')))).toEqual(['d']);
    // The \n after a \r that ended the previous chunk is part of the same ending, not an empty line.
    expect(texts(s.push(enc('\ne\r\n\r\n')))).toEqual(['e', '']);
    expect(s.pending).toBe(0);
  });

  it('keeps a partial line until its ending or a flush', () => {
    const s = new LineSplitter();
    expect(s.push(enc('=== System '))).toEqual([]);
    expect(texts(s.push(enc('Starting ===\r\nDTS')))).toEqual(['=== System Starting ===']);
    expect(texts(s.flush())).toEqual(['DTS']);
    expect(s.flush()).toEqual([]);
  });

  it('cuts an overlong line into pieces of the maximum, counts it once and never holds more than the maximum', () => {
    let reported = 0;
    const s = new LineSplitter({ maxLineBytes: 100 }, () => reported++);
    const out = s.push(new Uint8Array(1050).fill(0x41));
    expect(out).toHaveLength(10);
    expect(out.every((l) => l.overlong && l.text.length === 100)).toBe(true);
    expect(s.pending).toBe(50);
    const end = s.push(enc('\nok\n'));
    expect(end.map((l) => [l.text.length, l.overlong])).toEqual([
      [50, true],
      [2, false],
    ]);
    expect(reported).toBe(1);
    expect(s.counters()).toMatchObject({ overlongLines: 1, overlongPieces: 11, lines: 12 });
  });

  it('does not call a line of exactly the maximum overlong', () => {
    const s = new LineSplitter({ maxLineBytes: 16 });
    const out = s.push(enc('0123456789abcdef\r\n'));
    expect(out).toEqual([expect.objectContaining({ text: '0123456789abcdef', overlong: false })]);
  });

  // Its speed is measured in test/bench/pure-code.bench.ts, not asserted here.
  it('cuts 8 MiB without a newline into pieces and keeps at most one line pending', () => {
    const s = new LineSplitter({ maxLineBytes: 4096 });
    const chunk = new Uint8Array(64 * 1024).fill(0x78);
    let pieces = 0;
    for (let i = 0; i < 128; i++) pieces += s.push(chunk).length;
    expect(pieces).toBe(2047);
    expect(s.pending).toBe(4096);
  });

  it('decodes bad bytes with U+FFFD, flags them and keeps the raw bytes', () => {
    const s = new LineSplitter();
    const [line] = s.push(new Uint8Array([0x41, 0xff, 0xfe, 0x42, 0x0a]));
    expect(line!.text).toBe('A\uFFFD\uFFFDB');
    expect(line!.garbage).toBe(true);
    expect([...line!.bytes]).toEqual([0x41, 0xff, 0xfe, 0x42]);
    const [ok] = s.push(enc('µs ok\n'));
    expect(ok).toMatchObject({ text: 'µs ok', garbage: false });
  });
});
