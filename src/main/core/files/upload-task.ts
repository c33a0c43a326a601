import type { Readable } from 'node:stream';
import { FTPError } from 'basic-ftp';
import type { FtpLink } from './ftp-link';
import { describe } from './ftp-link';
import { formatBytes } from '../../../shared/format/bytes';
import { baseName, parentOf, renameCandidate } from './names';
import type { TransferBatch, TransferTask } from './transfer-queue';

/** Creates `dir` and its parents on the board unless the batch already knows them. */
export async function ensureRemoteDir(link: FtpLink, dir: string, batch: TransferBatch): Promise<void> {
  if (dir === '/' || batch.remoteDirs.has(dir)) return;
  await ensureRemoteDir(link, parentOf(dir), batch);
  const siblings = await remoteNames(link, parentOf(dir), batch);
  if (!siblings.has(baseName(dir))) {
    await link.command('MKD', dir);
    siblings.set(baseName(dir), { size: 0 });
    batch.remoteDirs.set(dir, new Map());
  }
}

/** Names in a remote folder, listed once per batch. */
async function remoteNames(link: FtpLink, dir: string, batch: TransferBatch) {
  let names = batch.remoteDirs.get(dir);
  if (!names) {
    const listing = await link.list(dir);
    names = new Map(listing.entries.map((e) => [e.name, { size: e.size, modifiedAt: e.modifiedAt }]));
    batch.remoteDirs.set(dir, names);
  }
  return names;
}

/** An upload of one source (host file or browser stream) to `remote`; folders on the way are created. */
export function uploadTask(
  link: () => FtpLink,
  remote: string,
  size: number,
  open: () => Readable,
  batch: TransferBatch,
  display: string,
  finish?: TransferTask['finish'],
  modifiedAt?: number,
): TransferTask {
  let aborted = false;
  const dir = parentOf(remote);
  const name = baseName(remote);
  return {
    direction: 'upload',
    remote,
    name: display,
    size,
    batch,
    finish,
    async conflict() {
      await ensureRemoteDir(link(), dir, batch);
      const names = await remoteNames(link(), dir, batch);
      const existing = names.get(name);
      if (!existing) return undefined;
      return {
        existing,
        incoming: { size, modifiedAt },
        renameTo: renameCandidate(name, (n) => names.has(n)),
      };
    },
    async run(decision, progress) {
      const target = typeof decision === 'object' ? `${dir === '/' ? '' : dir}/${decision.rename}` : remote;
      const l = link();
      let sent = 0;
      try {
        await l.upload(open(), target, (b) => progress((sent = b)));
      } catch (err) {
        if (aborted) throw err;
        const why = err instanceof FTPError && err.code === 552 ? 'the eMMC is full' : describe(err);
        const resume = l.features?.appe
          ? 'Upload it again to restart it.'
          : 'This board cannot resume uploads (no APPE or REST): upload it again and it restarts from the beginning.';
        throw new Error(
          `The upload of ${name} stopped after ${formatBytes(sent)} of ${formatBytes(size)}: ${why}. ${resume}`,
          { cause: err },
        );
      }
      (await remoteNames(l, dir, batch)).set(baseName(target), { size });
      return undefined;
    },
    abort() {
      aborted = true;
      link().abort();
    },
  };
}
