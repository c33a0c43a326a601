import { describe, expect, it } from 'vitest';
import { parseRecording, type MessageRecord } from './format';
import { LineSplitter, MAX_LINE_BYTES, RecordingReader } from './reader';

const enc = new TextEncoder();
const header = '{"format":"nucleo-bench-recording","version":1,"started":5,"board":{"id":"v"}}';
const rec = (t: number) => `{"t":${t},"dir":"rx","op":1,"data":"{}"}`;

/** Feeds `text` to a reader in chunks of `size` bytes; returns the records and the summary. */
function read(text: string | Uint8Array, size = 7, max = MAX_LINE_BYTES) {
  const records: MessageRecord[] = [];
  const reader = new RecordingReader((r) => records.push(r), max);
  const bytes = typeof text === 'string' ? enc.encode(text) : text;
  for (let i = 0; i < bytes.length; i += size) reader.push(bytes.subarray(i, i + size));
  reader.end();
  return { records, summary: reader.summary };
}

describe('LineSplitter', () => {
  it('hands over lines split across chunks, without CR, skipping blank ones but counting them', () => {
    const got: [string, number][] = [];
    const s = new LineSplitter((text, n) => got.push([text, n]));
    for (const part of ['ab', 'c\r\n\n', '\r\nd€', 'f\ng']) s.push(enc.encode(part));
    s.end();
    expect(got).toEqual([
      ['abc', 1],
      ['d€f', 4],
      ['g', 5],
    ]);
  });

  it('keeps what it holds of a line when the caller reuses its buffer', () => {
    const got: string[] = [];
    const s = new LineSplitter((text) => got.push(text));
    const buf = new Uint8Array(3);
    for (const part of ['abc', 'def', 'g\nh']) {
      buf.set(enc.encode(part));
      s.push(buf);
    }
    s.end();
    expect(got).toEqual(['abcdefg', 'h']);
  });

  it('refuses a line longer than the limit before holding more of it than the limit', () => {
    const s = new LineSplitter(() => {}, 64);
    s.push(enc.encode('ok\n'));
    for (let i = 0; i < 8; i++) s.push(new Uint8Array(8).fill(0x78)); // exactly 64 bytes: still fine
    expect(() => s.push(new Uint8Array(1).fill(0x78))).toThrow(
      'line 2 is longer than 64 bytes: not a telemetry recording',
    );
  });
});

describe('RecordingReader', () => {
  it('reads the header and the records, skips foreign lines and keeps a torn last line out', () => {
    const { records, summary } = read(`${header}\n${rec(1)}\n\nnot json\n${rec(2)}\n{"t":3,"dir"`);
    expect(records.map((r) => r.t)).toEqual([1, 2]);
    expect(summary).toEqual({
      header: { format: 'nucleo-bench-recording', version: 1, started: 5, board: { id: 'v' } },
      records: 2,
      skipped: 2,
    });
  });

  it('reads a recording whose first line starts with a UTF-8 byte order mark', () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode(`${header}\n${rec(1)}\n`)]);
    for (const size of [1, 2, 4096]) expect(read(withBom, size).records.map((r) => r.t)).toEqual([1]);
    expect(parseRecording(`\uFEFF${header}\n${rec(1)}\n`).records).toHaveLength(1);
  });

  it('says which version a recording of another version is', () => {
    const v2 = header.replace('"version":1', '"version":2');
    const message = 'this recording is version 2; this bench reads version 1 recordings';
    expect(() => read(`${v2}\n${rec(1)}\n`)).toThrow(message);
    expect(() => parseRecording(`${v2}\n`)).toThrow(message);
    expect(() => read(`${header.replace('"version":1,', '')}\n`)).toThrow(/names no version/);
  });

  it('refuses what is not a recording in words', () => {
    expect(() => read('{"hello":1}\n')).toThrow(/first line is not its header/);
    expect(() => read(`\n${header}\n`)).toThrow(/first line is not its header/);
    expect(() => read('')).toThrow('the recording is empty');
    expect(() => read(`${header}\n${'x'.repeat(101)}\n`, 7, 100)).toThrow(
      'line 2 is longer than 100 bytes: not a telemetry recording',
    );
  });
});
