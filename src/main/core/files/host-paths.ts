import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { access, readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { BenchError } from '../../../shared/result';

/**
 * The real path of `path`, an existing folder the app may write into. `refuse` may turn a folder down by its real
 * path (a system folder, say) before the write check, so the user hears why it was refused rather than "may not write".
 */
export function realWritableFolder(path: string, refuse?: (real: string) => BenchError | undefined): string {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    throw new BenchError('NOT_FOUND', `The folder ${path} does not exist.`);
  }
  if (!statSync(real).isDirectory()) throw new BenchError('BAD_REQUEST', `${path} is a file, not a folder.`);
  const refused = refuse?.(real);
  if (refused) throw refused;
  try {
    accessSync(real, constants.W_OK);
  } catch {
    throw new BenchError('IO_ERROR', `The app may not write in ${path}.`);
  }
  return real;
}

/** Checks a typed host folder for downloads: absolute, exists, is a folder, readable and writable. */
export async function checkHostDir(path: string): Promise<string> {
  if (!isAbsolute(path))
    throw new BenchError(
      'BAD_REQUEST',
      `Type a full folder path (for example /home/me/Downloads), not ${JSON.stringify(path)}.`,
    );
  const abs = resolve(path);
  const s = await stat(abs).catch(() => undefined);
  if (!s) throw new BenchError('BAD_REQUEST', `The folder ${abs} does not exist on this computer.`);
  if (!s.isDirectory()) throw new BenchError('BAD_REQUEST', `${abs} is a file, not a folder.`);
  try {
    await access(abs, constants.R_OK | constants.W_OK);
  } catch {
    throw new BenchError('BAD_REQUEST', `The app may not write to ${abs} (permission denied).`);
  }
  return abs;
}

/** A host file to upload: its path and its place relative to what was chosen. */
export interface HostFile {
  readonly abs: string;
  readonly rel: string;
  readonly size: number;
  readonly mtime: number;
}

/** Files and folders under a typed host path (a file gives itself); folders first so they can be created in order. */
export async function walkHost(path: string): Promise<{ files: HostFile[]; dirs: string[] }> {
  if (!isAbsolute(path))
    throw new BenchError(
      'BAD_REQUEST',
      `Type a full path to upload (for example /home/me/site), not ${JSON.stringify(path)}.`,
    );
  const abs = resolve(path);
  const s = await stat(abs).catch(() => undefined);
  if (!s) throw new BenchError('BAD_REQUEST', `${abs} does not exist on this computer.`);
  try {
    await access(abs, constants.R_OK);
  } catch {
    throw new BenchError('BAD_REQUEST', `The app may not read ${abs} (permission denied).`);
  }
  const top = basename(abs);
  if (s.isFile()) return { files: [{ abs, rel: top, size: s.size, mtime: s.mtimeMs }], dirs: [] };
  if (!s.isDirectory()) throw new BenchError('BAD_REQUEST', `${abs} is neither a file nor a folder.`);
  const files: HostFile[] = [];
  const dirs: string[] = [top];
  const walk = async (dir: string, rel: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const childAbs = join(dir, e.name);
      const childRel = `${rel}/${e.name}`;
      if (e.isDirectory()) {
        dirs.push(childRel);
        await walk(childAbs, childRel);
      } else if (e.isFile()) {
        const st = await stat(childAbs);
        files.push({ abs: childAbs, rel: childRel, size: st.size, mtime: st.mtimeMs });
      }
    }
  };
  await walk(abs, top);
  return { files, dirs };
}

const SECRETS = ['.ssh', '.gnupg', '.aws', '.kube', '.docker', '.config/autostart', '.local/bin'];
const POSIX_SYSTEM = [
  '/etc',
  '/usr',
  '/bin',
  '/sbin',
  '/lib',
  '/lib32',
  '/lib64',
  '/libx32',
  '/boot',
  '/proc',
];
const POSIX_MORE = [
  '/sys',
  '/dev',
  '/run',
  '/root',
  '/var/lib',
  '/var/log',
  '/var/spool',
  '/var/run',
  '/snap',
];
const MAC_SYSTEM = ['/System', '/Library', '/private/etc', '/private/var/db', '/Applications'];

/** Folders of the system: never read or written for a request, whatever was chosen. */
function systemDirs(): string[] {
  const env = process.env;
  const win = [env.SystemRoot, env.ProgramFiles, env['ProgramFiles(x86)'], env.ProgramData];
  return [
    ...POSIX_SYSTEM,
    ...POSIX_MORE,
    ...(process.platform === 'darwin' ? MAC_SYSTEM : []),
    ...win.filter((d): d is string => !!d),
  ];
}

/**
 * True when `real` (a real path) is the file system's root, lies in a system folder, or in a folder of the user's
 * secrets (~/.ssh …). Inside the home folder only the secrets count, so a home under /root still works.
 */
export function isSystemPath(real: string): boolean {
  if (dirname(real) === real) return true;
  const under = (dirs: readonly string[]) => dirs.some((d) => isInside(real, d) || isInside(real, realOr(d)));
  const home = homedir();
  if (under(SECRETS.map((s) => join(home, s)))) return true;
  if (under([home]) && dirname(home) !== home) return false;
  return under(systemDirs());
}

/** The real path of `path`, or `path` itself when it does not exist. */
function realOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** True when the real path `real` is `root` or inside it (both real paths). */
export function isInside(real: string, root: string): boolean {
  return real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * Resolves an existing host path by its real path (symlinks followed) and checks that it lies in one of `roots`
 * (folders the user chose, or the app's own) and in no system folder. Returns the real path.
 */
export function confineHostPath(path: string, roots: readonly string[], what: string): string {
  if (path.includes('\0'))
    throw new BenchError(
      'BAD_REQUEST',
      `The path for ${what} contains a NUL character, which no file name may hold.`,
    );
  if (!isAbsolute(path))
    throw new BenchError(
      'BAD_REQUEST',
      `The path for ${what} must be absolute, from the root of the disk (such as ${join(roots[0] ?? '/home/me', 'file')}), not ${JSON.stringify(path)}.`,
    );
  if (isSystemPath(resolve(path))) throw outside(path, roots, what);
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    throw new BenchError('NOT_FOUND', `${path} does not exist on the bench computer.`);
  }
  const realRoots = roots.map(realOr);
  if (isSystemPath(real) || !realRoots.some((r) => isInside(real, r))) throw outside(path, roots, what);
  return real;
}

function outside(path: string, roots: readonly string[], what: string): BenchError {
  return new BenchError(
    'FORBIDDEN',
    `${path} is outside the folder chosen for ${what} (${roots.join(', ')}); the bench reads and writes only there.`,
  );
}
