// Folders the user names for recordings and exports: checked up front, and new files never overwrite old ones.
import { openSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { BenchError } from '../../../shared/result';
import { realWritableFolder } from '../files/host-paths';

/** Checks that `dir` is an existing, writable directory given as an absolute path; returns its real path. */
export function checkFolder(dir: string): string {
  if (!isAbsolute(dir))
    throw new BenchError(
      'BAD_REQUEST',
      `"${dir}" is not a full path: give the folder from its root, e.g. /home/me/runs.`,
    );
  return realWritableFolder(dir);
}

/** `YYYYMMDD-HHMMSS` in local time (what a person expects to see in a file name). */
export function stamp(t: number): string {
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/**
 * Creates a new file `<prefix>-<stamp><ext>` in `dir` (adding -2, -3 … when taken) and returns its path and an open
 * descriptor. The exclusive flag makes "never overwrite" hold even against a race.
 */
export function createNewFile(
  dir: string,
  prefix: string,
  ext: string,
  t: number,
): { path: string; fd: number } {
  const base = `${prefix}-${stamp(t)}`;
  for (let n = 1; n < 1000; n++) {
    const path = join(dir, `${base}${n === 1 ? '' : `-${n}`}${ext}`);
    try {
      return { path, fd: openSync(path, 'wx') };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new BenchError('IO_ERROR', `Could not create ${path}: ${(err as Error).message}`);
      }
    }
  }
  throw new BenchError('CONFLICT', `Too many files named ${base}* in ${dir}.`);
}
