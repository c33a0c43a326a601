import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../../../test/support/temp-dirs';
import { readLines, segmentFiles, segmentName } from './segment-files';

const fresh = tempDirs('segment-files-');

describe('segment files', () => {
  it('names segments by their first sequence and lists them in number order past 12 digits', () => {
    expect(segmentName(42)).toBe('000000000042.ndjson');
    expect(segmentName(1_000_000_000_000)).toBe('1000000000000.ndjson');
    const names = [
      '1000000000000.ndjson',
      'dead-letter.ndjson',
      '999999999999.ndjson',
      'cursor.json',
      '12.ndjson',
    ];
    expect(segmentFiles(names)).toEqual(['999999999999.ndjson', '1000000000000.ndjson']);
  });

  it('reads lines across 1 MiB chunks, skips a line over the limit, and hands over a torn last line', () => {
    const file = join(fresh(), 'x.ndjson');
    const long = 'a'.repeat(1_500_000);
    const tooLong = 'b'.repeat(9 * 1024 * 1024);
    writeFileSync(file, `${long}\nshort\n${tooLong}\nafter\ntorn`);
    const lines: string[] = [];
    const { tooLong: skipped } = readLines(file, (l) => lines.push(l));
    expect(lines.map((l) => l.length)).toEqual([long.length, 5, 5, 4]);
    expect(lines.slice(1)).toEqual(['short', 'after', 'torn']);
    expect(skipped).toBe(1);
  });
});
