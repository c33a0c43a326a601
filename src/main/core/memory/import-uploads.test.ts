import { describe, expect, it } from 'vitest';
import { IMPORT_PART_CHARS, MAX_IMPORT_CHARS } from '../../../shared/bridge/contracts/memory';
import { ImportUploads, MAX_STAGED_UPLOADS, UPLOAD_IDLE_MS } from './import-uploads';

describe('import uploads (files in parts)', () => {
  it('joins the parts of each file in order and forgets the upload once taken', () => {
    const u = new ImportUploads();
    expect(u.add('a', 'mapFile', 0, 'Memory ')).toBe(7);
    expect(u.add('a', 'mapFile', 1, 'Configuration')).toBe(20);
    u.add('a', 'linkerScript', 0, '');
    expect(u.take('a')).toEqual({ mapFile: 'Memory Configuration', linkerScript: '' });
    expect(() => u.take('a')).toThrow(/holds no upload "a" .*pick the file again/);
  });

  it('refuses a part out of order, and a file past the import limit (dropping that upload)', () => {
    const u = new ImportUploads();
    u.add('a', 'mapFile', 0, 'x');
    expect(() => u.add('a', 'mapFile', 2, 'x')).toThrow(
      /Part 3 of the map file came, but part 2 was expected/,
    );
    expect(() => u.add('b', 'mapFile', 1, 'x')).toThrow(/holds no upload "b"/);
    const part = 'x'.repeat(IMPORT_PART_CHARS);
    const parts = Math.floor(MAX_IMPORT_CHARS / IMPORT_PART_CHARS);
    for (let i = 0; i < parts; i++) u.add('big', 'linkerScript', i, part);
    expect(() => u.add('big', 'linkerScript', parts, part)).toThrow(
      'The linker script is larger than 3.5 MB, more than the import takes.',
    );
    expect(() => u.take('big')).toThrow(/holds no upload/);
  });

  it(`holds at most ${MAX_STAGED_UPLOADS} uploads, the oldest going first, and forgets idle ones`, () => {
    let now = 0;
    const u = new ImportUploads(() => now);
    for (let k = 0; k <= MAX_STAGED_UPLOADS; k++) u.add(`u${k}`, 'mapFile', 0, `${k}`);
    expect(u.size).toBe(MAX_STAGED_UPLOADS);
    expect(() => u.take('u0')).toThrow(/holds no upload "u0"/);
    expect(u.take('u1')).toEqual({ mapFile: '1' });
    now = UPLOAD_IDLE_MS + 1;
    expect(() => u.take('u2')).toThrow(/waited over 120 s/);
    expect(u.size).toBe(0);
  });
});
