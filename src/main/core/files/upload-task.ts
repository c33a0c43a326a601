import { PassThrough, type Readable } from 'node:stream';
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

/** Where an upload tells that a file on the board holds only part of what was sent (or is whole again). */
export interface PartialMarks {
  mark(path: string, why: string): void;
  forget(path: string): void;
}

/** An upload of one source (host file or browser stream) to `remote`; folders on the way are created. */
export function uploadTask(
  link: () => FtpLink,
  remote: string,
  size: number,
  /** The bytes; a browser upload's resolve only once its first chunk is here (the FTP session is not held). */
  open: () => Readable | Promise<Readable>,
  batch: TransferBatch,
  display: string,
  finish?: TransferTask['finish'],
  modifiedAt?: number,
  partial?: PartialMarks,
): TransferTask {
  let aborted = false;
  /** Ends the data the board receives (a FIN, so the board closes the file), set while the transfer runs. */
  let stop: (() => void) | undefined;
  let breakOff: NodeJS.Timeout | undefined;
  /** Set while the transfer waits for its source (a browser's first chunk): a cancel ends the wait. */
  let stopWaiting: ((err: Error) => void) | undefined;
  /** Where the bytes went and whether a file was there before; set when the transfer starts. */
  let started: { target: string; replaced: boolean } | undefined;
  let sent = 0;
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
      const source = await new Promise<Readable>((resolve, reject) => {
        stopWaiting = reject;
        Promise.resolve(open()).then(resolve, reject);
      }).finally(() => (stopWaiting = undefined));
      started = { target, replaced: decision === 'overwrite' };
      const l = link();
      const pass = new PassThrough();
      source.on('error', (err) => pass.destroy(err));
      source.pipe(pass);
      stop = () => {
        source.unpipe(pass);
        source.destroy();
        pass.end();
      };
      try {
        await l.upload(pass, target, (b) => progress((sent = b)));
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
      } finally {
        stop = undefined;
        clearTimeout(breakOff);
      }
      if (aborted) return undefined;
      partial?.forget(target);
      (await remoteNames(l, dir, batch)).set(baseName(target), { size });
      return undefined;
    },
    abort() {
      aborted = true;
      if (stopWaiting) return stopWaiting(new Error('cancelled before any byte was sent'));
      if (!stop) return link().abort();
      // End the data rather than drop the session: the board then closes the file and answers, so the fragment
      // is there to delete (cut off, it may write the fragment after the DELE). A board that takes no more
      // bytes never reaches the end: break the session off after a while.
      stop();
      breakOff = setTimeout(() => link().abort(), 5000);
      breakOff.unref();
    },
    async afterCancel() {
      if (!started) return undefined;
      const { target, replaced } = started;
      const file = baseName(target);
      const what = `cancelled after ${formatBytes(sent)} of ${formatBytes(size)} were sent`;
      if (replaced) {
        // The file was the user's before this upload: never delete it, say what it holds now.
        partial?.mark(target, `overwrite ${what}`);
        return `${what}: ${file} existed before and was being overwritten, so it was not deleted; it now holds only the part of the new file that arrived (marked partial).`;
      }
      // The app created this file: take the fragment away rather than leave it posing as a whole file.
      try {
        await link().command('DELE', target);
        batch.remoteDirs.get(dir)?.delete(file);
        partial?.forget(target);
        return `${what}: the partial ${file} was deleted from the board.`;
      } catch (err) {
        // Whatever the refusal said (a 550 may mean nothing arrived), the folder's listing tells what is left.
        const left = await link()
          .list(dir)
          .then((l) => l.entries.some((e) => e.name === file))
          .catch(() => true);
        if (!left) return `${what}: nothing of ${file} was left on the board.`;
        partial?.mark(target, `upload ${what}; deleting the fragment failed`);
        return `${what}: the partial ${file} is left on the board (marked partial), because deleting it failed: ${describe(err)}.`;
      }
    },
  };
}
