import { describe, expect, it } from 'vitest';
import { FileType } from 'basic-ftp';
import { inferYear, parseFtpList, parseNetxLine } from './netx-list';

const now = new Date(2026, 10, 25, 12, 0);

describe('NetX LIST parser', () => {
  it('reads size, upper-case month, directories and names with spaces', () => {
    const raw = [
      '-rw-rw-rw-  1 owner group       1234 JAN 05 13:07 my  report.csv',
      'drw-rw-rw-  1 owner group          0 NOV 24 00:00 assets',
      '-r--r--r--  1 owner group 4294967296 FEB 28 23:59  leading space.bin',
    ].join('\r\n');
    const list = parseFtpList(`${raw}\r\n`, now);
    expect(list.map((e) => [e.name, e.type, e.size])).toEqual([
      ['my  report.csv', FileType.File, 1234],
      ['assets', FileType.Directory, 0],
      [' leading space.bin', FileType.File, 4294967296],
    ]);
    expect(list[0]!.modifiedAt).toEqual(new Date(2026, 0, 5, 13, 7));
  });

  it('puts a date that would be in the future into the previous year', () => {
    expect(inferYear(11, 31, 0, 0, now).getFullYear()).toBe(2025);
    expect(inferYear(10, 25, 18, 0, now).getFullYear()).toBe(2026);
  });

  it('falls back to the generic parsers for other servers, and rejects a line in another format', () => {
    expect(parseNetxLine('-rw-r--r--   1 ftp ftp   10 Jan 05 2024 other.txt', now)).toBeUndefined();
    const list = parseFtpList('-rw-r--r--   1 ftp ftp   10 Jan 05  2024 other.txt\r\n', now);
    expect(list[0]?.name).toBe('other.txt');
    expect(parseFtpList('', now)).toEqual([]);
  });
});
