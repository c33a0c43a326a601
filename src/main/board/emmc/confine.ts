// Keeping client paths on the volume: FileX's case-insensitive names, and no way out through `..` or symlinks.
import { lstat, readdir, realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { hostError } from './host-error';
import { EmmcError, TEMP_PREFIX } from './paths';

/**
 * FileX matches names case-insensitively: when the exact spelling does not exist, each existing segment is
 * replaced by the entry that differs only in case. Segments that do not exist yet keep the client's spelling.
 */
export async function matchCase(root: string, segments: string[]): Promise<string[]> {
  if (
    !segments.length ||
    (await lstat(join(root, ...segments)).then(
      () => true,
      () => false,
    ))
  )
    return segments;
  const out: string[] = [];
  let dir = root;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const names = await readdir(dir).catch(() => undefined);
    const lower = seg.toLowerCase();
    const found =
      names &&
      (names.includes(seg)
        ? seg
        : names.find((n) => n.toLowerCase() === lower && !n.startsWith(TEMP_PREFIX)));
    if (!found) return [...out, ...segments.slice(i)];
    out.push(found);
    dir = join(dir, found);
  }
  return out;
}

/** Refuses a host path whose nearest existing ancestor (itself included) resolves outside the root. */
export async function confine(
  root: string,
  host: string,
  virtual: string,
  log: (message: string) => void,
): Promise<void> {
  let probe = host;
  for (;;) {
    try {
      const real = await realpath(probe);
      if (real !== root && !real.startsWith(root + sep)) {
        log(`eMMC: refused ${virtual}: it leads outside the volume`);
        throw new EmmcError('EACCES', 'Access denied');
      }
      return;
    } catch (err) {
      if (err instanceof EmmcError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        // A dangling symlink must not be created through: lstat tells it apart from a missing name.
        const l = await lstat(probe).catch(() => undefined);
        if (l?.isSymbolicLink()) throw new EmmcError('EACCES', 'Access denied');
        if (probe === root) return;
        probe = probe.slice(0, probe.lastIndexOf(sep)) || sep;
        continue;
      }
      throw hostError(err, virtual);
    }
  }
}
