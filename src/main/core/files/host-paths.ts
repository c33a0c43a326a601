import { constants } from 'node:fs';
import { access, readdir, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { BenchError } from '../../../shared/result';

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
