import { describe, expect, it } from 'vitest';
import { listLine, mdtm } from './listing';

describe('listLine', () => {
  it('formats like NetX: upper-case month, size right-aligned in 10', () => {
    const mtime = new Date(2025, 0, 5, 7, 3);
    expect(listLine({ name: 'a b.txt', kind: 'file', size: 1234, mtime })).toBe(
      '-rw-rw-rw-  1 owner group       1234 JAN 05 07:03 a b.txt\r\n',
    );
    expect(listLine({ name: 'www', kind: 'dir', size: 0, mtime })).toBe(
      'drw-rw-rw-  1 owner group          0 JAN 05 07:03 www\r\n',
    );
  });

  it('formats MDTM in UTC', () => {
    expect(mdtm(new Date(Date.UTC(2025, 11, 31, 23, 59, 58)))).toBe('20251231235958');
  });
});
