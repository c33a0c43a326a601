import { mkdtempSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { plainError } from './plain-error';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('plainError', () => {
  const dir = mkdtempSync(join(tmpdir(), 'plain-error-'));

  it('names the file the bench meant to replace, not the temporary one, for a rename over a folder', () => {
    mkdirSync(join(dir, 'settings.json'));
    writeFileSync(join(dir, 'settings.json.tmp'), '{}');
    const err = thrown(() => renameSync(join(dir, 'settings.json.tmp'), join(dir, 'settings.json')));
    expect(plainError(err)).toBe(
      `could not replace ${join(dir, 'settings.json')}: it is a folder, where a file was expected`,
    );
  });

  it('says what was missing, without the error code', () => {
    const err = thrown(() => mkdirSync(join(dir, 'no', 'such', 'parent')));
    expect(plainError(err)).toBe(
      `could not create the folder ${join(dir, 'no', 'such', 'parent')}: it does not exist`,
    );
  });

  it('lists the values a schema refused instead of its JSON', () => {
    const err = thrown(() => z.object({ page: z.enum(['a', 'b']) }).parse({ page: 'c' }));
    const text = plainError(err);
    expect(text).toMatch(/^a value does not fit what this version expects \(page: /);
    expect(text).not.toContain('"code"');
  });

  it('keeps the message of any other error', () => {
    expect(plainError(new Error('The board closed the connection'))).toBe('The board closed the connection');
    expect(plainError('text')).toBe('text');
  });
});
