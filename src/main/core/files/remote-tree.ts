// Walks of the board's folders shared by the files service's commands: one path's listing entry, a folder's
// downloads, a folder's removal; and how an FTP failure is told to the user.
import { join } from 'node:path';
import type { RemoteEntry } from '../../../shared/bridge/contracts/files';
import { BenchError } from '../../../shared/result';
import { downloadTask } from './download-task';
import { describe, isNotFound, type FtpLink } from './ftp-link';
import { baseName, parentOf } from './names';
import type { ListedNames } from './request-words';
import type { TransferBatch, TransferTask } from './transfer-queue';

/** Listings of parent folders already asked for within one request. */
export type ListingCache = Map<string, Promise<RemoteEntry[]>>;

/** The listing entry of one path (a LIST of its parent). */
export async function entryOf(
  ftp: () => FtpLink,
  listed: ListedNames,
  p: string,
  cache: ListingCache = new Map(),
): Promise<RemoteEntry> {
  if (p === '/') return { name: '', kind: 'dir', size: 0 };
  const dir = parentOf(p);
  let listing = cache.get(dir);
  if (!listing)
    cache.set(
      dir,
      (listing = ftp()
        .list(dir)
        .then((l) => l.entries)),
    );
  let entries: RemoteEntry[];
  try {
    entries = await listing;
  } catch (err) {
    throw failure(err, `Could not look up ${p}`);
  }
  const e = entries.find((x) => x.name === baseName(p));
  if (!e) throw listed.missing(p);
  return e;
}

/** Adds a download task for every file under a remote folder, into the matching host folder. */
export async function collectDownloads(
  ftp: () => FtpLink,
  remote: string,
  local: string,
  rel: string,
  batch: TransferBatch,
  out: TransferTask[],
): Promise<void> {
  const { entries } = await ftp().list(remote);
  for (const e of entries.filter(usable)) {
    const r = `${remote}/${e.name}`;
    if (e.kind === 'dir') await collectDownloads(ftp, r, join(local, e.name), `${rel}/${e.name}`, batch, out);
    else out.push(downloadTask(ftp, r, e, join(local, e.name), batch, `${rel}/${e.name}`));
  }
}

/** Deletes a folder with everything in it; the number of files and folders removed. */
export async function removeTree(ftp: () => FtpLink, dir: string): Promise<number> {
  let n = 0;
  const { entries } = await ftp().list(dir);
  for (const e of entries) {
    const p = `${dir}/${e.name}`;
    if (e.kind === 'dir') n += await removeTree(ftp, p);
    else {
      await ftp().command('DELE', p);
      n++;
    }
  }
  await ftp().command('RMD', dir);
  return n + 1;
}

/** Entries whose names FTP and the card can carry; others are not offered (never seen from NetX). */
export function usable(e: RemoteEntry): boolean {
  return !/[\r\n\0/]/.test(e.name) && e.name !== '.' && e.name !== '..';
}

export function failure(err: unknown, what: string): BenchError {
  if (err instanceof BenchError) return err;
  if (isNotFound(err))
    return new BenchError(
      'IO_ERROR',
      `${what}: the board said ${describe(err).replace(/^the server answered /, '')}.`,
    );
  return new BenchError('IO_ERROR', `${what}: ${describe(err)}.`);
}
