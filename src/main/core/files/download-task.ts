import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { RemoteEntry } from '../../../shared/bridge/contracts/files';
import { describe, isNotFound, type FtpLink } from './ftp-link';
import { formatBytes } from '../../../shared/format/bytes';
import { renameCandidate } from './names';
import type { TransferBatch, TransferTask } from './transfer-queue';

/** Suffix of a download in progress: an interrupted transfer never leaves a half file posing as whole. */
export const PART_SUFFIX = '.part';

/** A download of one remote file to `localPath`, through `localPath.part`, resuming with REST where offered. */
export function downloadTask(
  link: () => FtpLink,
  remote: string,
  entry: RemoteEntry,
  localPath: string,
  batch: TransferBatch,
  display: string,
): TransferTask {
  let aborted = false;
  return {
    direction: 'download',
    remote,
    name: display,
    size: entry.size,
    batch,
    async conflict() {
      const s = await stat(localPath).catch(() => undefined);
      if (!s) return undefined;
      const dir = dirname(localPath);
      const renameTo = renameCandidate(entry.name, (n) => existsSync(join(dir, n)));
      return {
        existing: { size: s.size, modifiedAt: s.mtimeMs },
        incoming: { size: entry.size, modifiedAt: entry.modifiedAt },
        renameTo,
      };
    },
    async run(decision, progress) {
      const finalPath = typeof decision === 'object' ? join(dirname(localPath), decision.rename) : localPath;
      const partName = partNameFor(basename(finalPath));
      const part = join(dirname(finalPath), partName);
      await mkdir(dirname(finalPath), { recursive: true });
      const l = link();
      const partSize = (await stat(part).catch(() => undefined))?.size ?? 0;
      const canResume = l.features?.rest ?? false;
      const start = canResume && partSize > 0 && partSize < entry.size ? partSize : 0;
      const out = createWriteStream(part, { flags: start > 0 ? 'r+' : 'w', start });
      let got = start;
      try {
        await l.download(remote, out, start, (b) => progress((got = start + b)));
        await finished(out).catch(() => undefined);
      } catch (err) {
        if (!out.writableEnded) out.end();
        await finished(out).catch(() => undefined);
        if (aborted) throw err;
        if (isNotFound(err) && got === 0) {
          await unlink(part).catch(() => undefined);
          throw new Error(
            `${entry.name} is no longer on the board: it was deleted or renamed after the folder was listed. Refresh the folder.`,
            { cause: err },
          );
        }
        throw new Error(interrupted(got, entry.size, partName, canResume, describe(err)), { cause: err });
      }
      if (got < entry.size)
        throw new Error(interrupted(got, entry.size, partName, canResume, 'the data connection ended early'));
      await rename(part, finalPath);
      return start > 0 ? `resumed at ${formatBytes(start)}` : undefined;
    },
    abort() {
      aborted = true;
      link().abort();
    },
  };
}

function interrupted(got: number, size: number, partName: string, canResume: boolean, why: string): string {
  const head = `The board closed the FTP data connection after ${formatBytes(got)} of ${formatBytes(size)} (${why})`;
  if (got === 0) return `${head}; nothing was saved.`;
  return canResume
    ? `${head}; the partial file was kept as ${partName} so the download can resume.`
    : `${head}; the partial file was kept as ${partName}, but this board cannot resume downloads (no REST), so the next attempt starts over.`;
}

/** `name.part`, shortened (with "~") when the name is already near the 255-byte limit of host file systems. */
export function partNameFor(name: string): string {
  if (Buffer.byteLength(name + PART_SUFFIX) <= 255) return name + PART_SUFFIX;
  let stem = name;
  while (Buffer.byteLength(`${stem}~${PART_SUFFIX}`) > 255) stem = stem.slice(0, -1);
  return `${stem}~${PART_SUFFIX}`;
}
