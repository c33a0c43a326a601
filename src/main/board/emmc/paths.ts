/** Why a path was refused or an operation failed. Messages never contain a host path. */
export type EmmcErrorCode =
  'ENOENT' | 'EEXIST' | 'ENOTDIR' | 'EISDIR' | 'ENOTEMPTY' | 'EACCES' | 'ENOSPC' | 'EINVAL' | 'EIO';

/** A failed eMMC operation: a code clients map to their own replies, and a message safe to show a client. */
export class EmmcError extends Error {
  constructor(
    readonly code: EmmcErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EmmcError';
  }
}

/** Longest name FAT long file names allow, in bytes of UTF-8 (FAT counts UTF-16 units; bytes are stricter). */
export const MAX_NAME_BYTES = 255;

/** Longest whole virtual path accepted. */
export const MAX_PATH_BYTES = 1024;

/** Prefix of in-progress upload files: hidden from listings and refused as client names. */
export const TEMP_PREFIX = '.~emmc-';

// Characters a FAT volume refuses in names, plus the C0 controls (NUL included) and DEL.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f\\:*?"<>|]/;

/**
 * Splits a client path into validated segments of the virtual volume. `cwd` (itself a virtual path) is used for
 * relative paths. `.` and empty segments are dropped; `..` is refused in any position unless `allowDotDot`, in
 * which case it climbs, clamped at the root (FTP `CWD ..`). Backslashes, NUL, FAT-forbidden characters and names
 * over 255 bytes are refused, so nothing a client sends can name a host path.
 */
export function splitVirtualPath(path: string, cwd = '/', allowDotDot = false): string[] {
  if (typeof path !== 'string') throw new EmmcError('EINVAL', 'Invalid path');
  if (Buffer.byteLength(path) > MAX_PATH_BYTES) throw new EmmcError('EINVAL', 'Path too long');
  if (path.includes('\\')) throw new EmmcError('EACCES', 'Backslashes are not allowed in paths');
  const start = path.startsWith('/') ? [] : splitVirtualPath(cwd, '/', false);
  const out = [...start];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (!allowDotDot) throw new EmmcError('EACCES', 'Parent directory references are not allowed');
      out.pop();
      continue;
    }
    if (FORBIDDEN.test(seg)) throw new EmmcError('EACCES', 'Invalid character in name');
    if (Buffer.byteLength(seg) > MAX_NAME_BYTES) throw new EmmcError('EINVAL', 'Name too long');
    if (seg.startsWith(TEMP_PREFIX)) throw new EmmcError('EACCES', 'Reserved name');
    // FAT ignores trailing dots and spaces; refusing them keeps one name per file.
    if (/[. ]$/.test(seg)) throw new EmmcError('EINVAL', 'Names may not end with a dot or a space');
    out.push(seg);
  }
  return out;
}

/** Joins segments back into a canonical virtual path: `/` or `/a/b`. */
export function joinVirtual(segments: readonly string[]): string {
  return `/${segments.join('/')}`;
}

/** Canonical virtual path of `path` relative to `cwd` (see splitVirtualPath). */
export function normalizeVirtual(path: string, cwd = '/', allowDotDot = false): string {
  return joinVirtual(splitVirtualPath(path, cwd, allowDotDot));
}
