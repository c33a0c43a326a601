import { describe, expect, it } from 'vitest';
import { EmmcError, normalizeVirtual, splitVirtualPath } from './paths';

const code = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return err instanceof EmmcError ? err.code : 'other';
  }
  return 'ok';
};

describe('splitVirtualPath', () => {
  it('canonicalises slashes and dots', () => {
    expect(normalizeVirtual('//a/./b//')).toBe('/a/b');
    expect(normalizeVirtual('c d', '/a b')).toBe('/a b/c d');
    expect(normalizeVirtual('')).toBe('/');
  });

  it('refuses .., backslashes, NUL, FAT-forbidden characters, reserved and overlong names', () => {
    expect(code(() => splitVirtualPath('/a/../b'))).toBe('EACCES');
    expect(code(() => splitVirtualPath('..'))).toBe('EACCES');
    expect(code(() => splitVirtualPath('/a\\b'))).toBe('EACCES');
    expect(code(() => splitVirtualPath('/a\u0000b'))).toBe('EACCES');
    expect(code(() => splitVirtualPath('/C:/x'))).toBe('EACCES');
    expect(code(() => splitVirtualPath('/.~emmc-1.part'))).toBe('EACCES');
    expect(code(() => splitVirtualPath(`/${'a'.repeat(255)}`))).toBe('ok');
    expect(code(() => splitVirtualPath(`/${'a'.repeat(256)}`))).toBe('EINVAL');
    expect(code(() => splitVirtualPath('/name.'))).toBe('EINVAL');
    expect(code(() => splitVirtualPath('/...'))).toBe('EINVAL');
  });

  it('with allowDotDot climbs but never above the root', () => {
    expect(normalizeVirtual('../../..', '/a', true)).toBe('/');
    expect(normalizeVirtual('../b', '/a', true)).toBe('/b');
    expect(normalizeVirtual('/../../etc/passwd', '/', true)).toBe('/etc/passwd');
  });
});
