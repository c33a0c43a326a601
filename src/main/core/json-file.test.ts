import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeJsonFile } from './json-file';

describe('writeJsonFile', () => {
  it('replaces the file whole and leaves no temp file behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'json-file-'));
    const file = join(dir, 'state.json');
    writeJsonFile(file, { a: 1 });
    writeJsonFile(file, { a: 2, b: [1, 2] });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ a: 2, b: [1, 2] });
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('creates a file owner-only when asked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'json-file-'));
    const file = join(dir, 'secret.json');
    writeJsonFile(file, { password: 'x' }, { mode: 0o600 });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('throws when it cannot write, and the old file is untouched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'json-file-'));
    const file = join(dir, 'state.json');
    writeFileSync(file, '{"old":true}\n');
    // A value JSON cannot hold fails before anything is written.
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => writeJsonFile(file, circular)).toThrow();
    // A folder the process may not write into fails at the temp file (root ignores modes, so skip that half).
    if (process.getuid?.() !== 0) {
      chmodSync(dir, 0o500);
      expect(() => writeJsonFile(file, { new: true })).toThrow();
      chmodSync(dir, 0o700);
    }
    expect(readFileSync(file, 'utf8')).toBe('{"old":true}\n');
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('throws when the folder is gone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'json-file-'));
    expect(() => writeJsonFile(join(dir, 'missing', 'state.json'), {})).toThrow(/ENOENT/);
  });
});
