import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** How a JSON state file is written. */
export interface JsonFileOptions {
  /** File mode of a new file (e.g. 0o600 for one holding a password); default 0o666 less the umask. */
  readonly mode?: number;
  /** Indented for a person to read (default true). */
  readonly pretty?: boolean;
}

/**
 * Writes `value` as JSON to `file` atomically: into a temp file beside it, synced to disk, renamed over the old file,
 * then the folder synced. A crash or a full disk leaves the old file or the new one, never a torn one. Throws on
 * failure (the temp file is removed); the old file is then untouched.
 */
export function writeJsonFile(file: string, value: unknown, options: JsonFileOptions = {}): void {
  const text = `${JSON.stringify(value, null, options.pretty === false ? undefined : 2)}\n`;
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const fd = openSync(tmp, 'w', options.mode ?? 0o666);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  syncFolder(dirname(file));
}

/** Makes the rename itself durable; folders cannot be opened for sync on every platform, and that is no error. */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Windows refuses to open a folder; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
