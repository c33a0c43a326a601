// An upload to the virtual volume: bytes go to a temporary file, counted against the volume's space as they arrive,
// and commit() renames it into place (or abort() removes it).
import { link, lstat, rename, unlink, type FileHandle } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { hostError } from './host-error';
import { EmmcError } from './paths';
import { clusterBytes, type SpaceAccount } from './space';

/** How an upload treats an existing file. */
export type WriteMode = 'create' | 'replace' | 'append';

/** An upload in progress: write to `stream`, then `commit()` (rename into place) or `abort()` (remove it). */
export interface EmmcUpload {
  readonly stream: Writable;
  /** Bytes accepted so far (excluding an appended-to file's old contents). */
  bytesWritten(): number;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

export function startUpload(
  space: SpaceAccount,
  fh: FileHandle,
  temp: string,
  host: string,
  virtual: string,
  base: number,
  mode: WriteMode,
): EmmcUpload {
  // `reserved` is what the temp file occupies now; the old file's clusters stay counted until the rename.
  let reserved = clusterBytes(base);
  let written = 0;
  let settled = false;
  space.used += reserved;
  const release = () => {
    space.used -= reserved;
    reserved = 0;
  };
  const stream = new Writable({
    highWaterMark: 256 * 1024,
    write: (chunk: Buffer, _enc, cb) => {
      const next = clusterBytes(base + written + chunk.length);
      if (space.used - reserved + next > space.capacityBytes) {
        cb(new EmmcError('ENOSPC', `${virtual}: no space left on the volume`));
        return;
      }
      space.used += next - reserved;
      reserved = next;
      fh.write(chunk).then(
        () => {
          written += chunk.length;
          cb();
        },
        (err: unknown) => cb(hostError(err, virtual)),
      );
    },
    final: (cb) => cb(),
  });
  // Errors reach the caller through write callbacks and commit(); an unheard 'error' event must not crash the board.
  stream.on('error', () => undefined);
  const abort = async () => {
    if (settled) return;
    settled = true;
    stream.destroy();
    await fh.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    release();
  };
  const commit = async () => {
    if (settled) throw new EmmcError('EINVAL', `${virtual}: upload already finished`);
    if (stream.errored || (stream.destroyed && !stream.writableFinished)) {
      const cause = stream.errored;
      await abort();
      throw cause ? hostError(cause, virtual) : new EmmcError('EIO', `${virtual}: upload interrupted`);
    }
    if (!stream.writableFinished) {
      await new Promise<void>((resolve, reject) => {
        stream.once('finish', resolve);
        stream.once('error', reject);
        if (!stream.writableEnded) stream.end();
      }).catch(async (err: unknown) => {
        await abort();
        throw hostError(err, virtual);
      });
    }
    settled = true;
    let replaced: number | undefined;
    try {
      await fh.close();
      if (mode === 'create') {
        // link() refuses an existing target atomically, so two racing creates cannot both win.
        await link(temp, host);
        await unlink(temp);
      } else {
        const old = await lstat(host).catch(() => undefined);
        replaced = old?.isFile() ? old.size : undefined;
        await rename(temp, host);
      }
    } catch (err) {
      await unlink(temp).catch(() => undefined);
      release();
      throw hostError(err, virtual);
    }
    if (replaced !== undefined) space.used -= clusterBytes(replaced);
  };
  return { stream, bytesWritten: () => written, commit, abort };
}
