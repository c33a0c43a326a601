import { closeSync, fsyncSync, lstatSync, openSync, realpathSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join } from 'node:path';
import { BenchError } from '../../../shared/result';
import { plainError } from '../plain-error';

/** Extensions a serial log may have: never a config or script file by mistake. */
const ALLOWED_EXT = new Set(['.log', '.txt']);

/**
 * Refuses a log path that is not absolute, echoing it as given (a relative path would be resolved against wherever
 * the bench was started, and its folder would read as "."). `example` is a full path to suggest.
 */
export function requireAbsoluteLogPath(path: string, example = '/home/me/serial-logs/serial.log'): void {
  if (!isAbsolute(path))
    throw new BenchError(
      'BAD_REQUEST',
      `The serial log path must be absolute, from the root of the disk (such as ${example}), not ${JSON.stringify(path)}.`,
    );
}

/** Checks a user-given log path; returns the path to open (parent resolved through symlinks). */
export function validateLogPath(path: string): string {
  requireAbsoluteLogPath(path);
  if (!ALLOWED_EXT.has(extname(path).toLowerCase()))
    throw new BenchError('BAD_REQUEST', 'The log file name must end in .log or .txt.');
  let dir: string;
  try {
    dir = realpathSync(dirname(path));
    if (!statSync(dir).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new BenchError('NOT_FOUND', `The folder ${dirname(path)} does not exist.`);
  }
  const target = join(dir, basename(path));
  try {
    const st = lstatSync(target);
    if (!st.isFile())
      throw new BenchError('BAD_REQUEST', `${path} exists and is not a regular file; choose another name.`);
  } catch (err) {
    if (err instanceof BenchError) throw err;
  }
  return target;
}

/** Append-only text log: synchronous appends, an fsync at most every second, so a crash loses at most ~1 s. */
export class SerialLogFile {
  private fd: number | undefined;
  private lastSync = 0;
  bytes = 0;
  readonly since = Date.now();

  constructor(readonly path: string) {
    try {
      this.fd = openSync(path, 'a');
    } catch (err) {
      throw new BenchError('IO_ERROR', `The serial log cannot start: ${plainError(err)}.`);
    }
  }

  /** Appends lines as "ISO-time  text". */
  append(lines: readonly { t: number; text: string }[]): void {
    if (this.fd === undefined || lines.length === 0) return;
    const text = lines.map((l) => `${new Date(l.t).toISOString()}  ${l.text}\n`).join('');
    this.bytes += writeSync(this.fd, text);
    const now = Date.now();
    if (now - this.lastSync >= 1000) {
      fsyncSync(this.fd);
      this.lastSync = now;
    }
  }

  close(): void {
    if (this.fd === undefined) return;
    try {
      fsyncSync(this.fd);
    } finally {
      closeSync(this.fd);
      this.fd = undefined;
    }
  }
}
