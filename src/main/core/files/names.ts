import { BenchError } from '../../../shared/result';

/** FAT long names hold 255 UTF-16 units; FileX and the virtual eMMC agree. */
export const MAX_NAME_LENGTH = 255;

/** Why a file name cannot go over FTP or onto the card, or undefined when it can. */
export function nameProblem(name: string): string | undefined {
  if (name === '') return 'the name is empty';
  if (/[\r\n\0]/.test(name)) return 'the name contains a line break or NUL character, which FTP cannot carry';
  if (name === '.' || name === '..') return `"${name}" is not a file name`;
  if (name.includes('/')) return 'the name contains "/"';
  if (name.length > MAX_NAME_LENGTH)
    return `the name has ${name.length} characters; the card allows ${MAX_NAME_LENGTH}`;
  return undefined;
}

/** Throws a BenchError with a clear message when `name` is not usable. */
export function checkName(name: string): void {
  const problem = nameProblem(name);
  if (problem)
    throw new BenchError('BAD_REQUEST', `Cannot use ${JSON.stringify(name.slice(0, 80))}: ${problem}.`);
}

/** Normalises an absolute remote path ("/a//b/" → "/a/b") and checks every segment. */
export function remotePath(path: string): string {
  if (!path.startsWith('/'))
    throw new BenchError('BAD_REQUEST', `Remote paths start with "/": ${JSON.stringify(path.slice(0, 80))}.`);
  const segments = path.split('/').filter((s) => s !== '');
  segments.forEach(checkName);
  return `/${segments.join('/')}`;
}

/** Joins an absolute remote directory and a relative '/'-separated path, checking each new segment. */
export function joinRemote(dir: string, rel: string): string {
  const base = remotePath(dir);
  const segments = rel.split('/').filter((s) => s !== '');
  segments.forEach(checkName);
  return base === '/' ? `/${segments.join('/')}` : `${base}/${segments.join('/')}`;
}

/** The parent folder of an absolute remote path ("/" for "/x"). */
export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** The last segment of a path. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** "name (1).ext", "name (2).ext" … the first not in `taken`. */
export function renameCandidate(name: string, taken: (n: string) => boolean): string {
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  for (let i = 1; i < 10_000; i++) {
    const suffix = ` (${i})`;
    const candidate = `${stem.slice(0, MAX_NAME_LENGTH - suffix.length - ext.length)}${suffix}${ext}`;
    if (!taken(candidate)) return candidate;
  }
  throw new BenchError('CONFLICT', `No free name like ${JSON.stringify(name)} is left in this folder.`);
}
