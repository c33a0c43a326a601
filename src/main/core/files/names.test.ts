import { describe, expect, it } from 'vitest';
import { BenchError } from '../../../shared/result';
import { checkName, joinRemote, nameProblem, parentOf, remotePath, renameCandidate } from './names';

describe('remote names', () => {
  it('accepts spaces, unicode and 255 characters', () => {
    expect(nameProblem('my file.txt')).toBeUndefined();
    expect(nameProblem('Grüße ✓ 日本.txt')).toBeUndefined();
    expect(nameProblem('x'.repeat(255))).toBeUndefined();
  });

  it('refuses CR, LF, NUL, slashes, dots and 256 characters with a clear message', () => {
    expect(nameProblem('a\r\nDELE x')).toMatch(/line break/);
    expect(nameProblem('a\0b')).toMatch(/NUL/);
    expect(nameProblem('a/b')).toMatch(/"\/"/);
    expect(nameProblem('..')).toMatch(/not a file name/);
    expect(nameProblem('x'.repeat(256))).toMatch(/256 characters/);
    expect(() => checkName('bad\nname')).toThrow(BenchError);
  });

  it('normalises and joins paths', () => {
    expect(remotePath('/a//b/')).toBe('/a/b');
    expect(remotePath('/')).toBe('/');
    expect(() => remotePath('a/b')).toThrow(/start with/);
    expect(() => remotePath('/a/../b')).toThrow(/not a file name/);
    expect(joinRemote('/', 'x/y z.txt')).toBe('/x/y z.txt');
    expect(joinRemote('/logs', 'a.csv')).toBe('/logs/a.csv');
    expect(parentOf('/logs/a.csv')).toBe('/logs');
    expect(parentOf('/a')).toBe('/');
  });

  it('finds the first free "name (n).ext"', () => {
    const taken = new Set(['log.csv', 'log (1).csv']);
    expect(renameCandidate('log.csv', (n) => taken.has(n))).toBe('log (2).csv');
    expect(renameCandidate('README', () => false)).toBe('README (1)');
    expect(renameCandidate('y'.repeat(251) + '.txt', () => false)).toHaveLength(255);
  });
});
