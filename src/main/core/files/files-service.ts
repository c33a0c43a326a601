import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type {
  Capacity,
  ConflictAction,
  ConflictQuestion,
  FileBytes,
  FilesState,
  RemoteListing,
  TransfersSnapshot,
} from '../../../shared/bridge/contracts/files';
import { READ_MAX_BYTES } from '../../../shared/bridge/contracts/files';
import { formatBytes } from '../../../shared/format/bytes';
import { BenchError } from '../../../shared/result';
import { ConflictDesk } from './conflict-desk';
import { downloadTask } from './download-task';
import { FtpLink, type FtpLinkOptions } from './ftp-link';
import { checkHostDir, walkHost } from './host-paths';
import { baseName, joinRemote, remotePath } from './names';
import { RecentFolders } from './recent-folders';
import { collectDownloads, entryOf, failure, removeTree, usable, type ListingCache } from './remote-tree';
import { chunkBytes, ListedNames, noSuchUpload } from './request-words';
import { targetBoard, type FtpTargetProvider } from './target';
import { TransferBatch, TransferQueue, type TransferTask } from './transfer-queue';
import { UploadFeed } from './upload-feed';
import { uploadTask } from './upload-task';
import { sessionWords } from './words';

/** What the files service reports to (the event hub in the app, spies in tests). */
export interface FilesEvents {
  state(s: FilesState): void;
  transfers(s: TransfersSnapshot): void;
  conflict(q: ConflictQuestion): void;
}

export interface FilesServiceOptions {
  readonly provider: FtpTargetProvider;
  readonly events: FilesEvents;
  /** Where the recent host folders are remembered (files-recent.json); none keeps them in memory. */
  readonly dataDir?: string;
  readonly link?: Omit<FtpLinkOptions, 'onState'>;
  readonly log?: (message: string) => void;
}

/** The eMMC browser's core: one FTP link per selected board, the transfer queue, conflicts, browser uploads. */
export class FilesService {
  private link: FtpLink | undefined;
  private attached = 0;
  private readonly recent: RecentFolders;
  private readonly conflicts: ConflictDesk;
  private readonly feeds = new Map<number, UploadFeed>();
  private readonly listed = new ListedNames();
  readonly queue: TransferQueue;
  private readonly unsubscribe: () => void;

  constructor(private readonly options: FilesServiceOptions) {
    this.conflicts = new ConflictDesk((q) => options.events.conflict(q));
    this.queue = new TransferQueue(
      (s) => options.events.transfers(s),
      (q) => this.conflicts.ask(q),
    );
    this.recent = new RecentFolders(options.dataDir, options.log);
    this.unsubscribe = options.provider.onChange(() => {
      const t = options.provider.current();
      if (this.link && t && sameTarget(this.link.target, t)) return;
      this.queue.cancel();
      this.link?.close();
      this.link = undefined;
      this.emitState();
    });
  }

  state(): FilesState {
    const t = this.options.provider.current();
    const link = this.link;
    const session = !t ? ({ kind: 'no-target' } as const) : (link?.state ?? { kind: 'idle' as const });
    return {
      target: t && { boardId: t.boardId, host: t.host, port: t.port, httpBase: t.httpBase },
      session,
      words: sessionWords(t, session, link?.features),
      features: link?.features,
      generation: link?.generation ?? 0,
      recentHostDirs: this.recent.list(),
    };
  }

  attach(): FilesState {
    this.attached++;
    this.link?.keepAlive(true);
    return this.state();
  }

  detach(): void {
    this.attached = Math.max(0, this.attached - 1);
    if (this.attached === 0) this.link?.keepAlive(false);
  }

  async list(path: string): Promise<RemoteListing> {
    const p = remotePath(path);
    try {
      const l = await this.ftp().list(p);
      this.listed.remember(
        p,
        l.entries.map((e) => e.name),
      );
      return { path: p, entries: l.entries.filter(usable), listedAt: l.listedAt, generation: l.generation };
    } catch (err) {
      throw failure(err, `Could not list ${p}`);
    }
  }

  async mkdir(path: string): Promise<{ path: string }> {
    const p = remotePath(path);
    await this.ftp()
      .command('MKD', p)
      .catch((err) => Promise.reject(failure(err, `Could not create the folder ${p}`)));
    return { path: p };
  }

  async rename(from: string, to: string): Promise<{ path: string }> {
    const f = remotePath(from);
    const t = remotePath(to);
    if (f === '/' || t === '/') throw new BenchError('BAD_REQUEST', 'The root folder cannot be renamed.');
    await this.ftp()
      .rename(f, t)
      .catch((err) => Promise.reject(failure(err, `Could not rename ${baseName(f)} to ${baseName(t)}`)));
    return { path: t };
  }

  /** Deletes files, and folders with everything in them. */
  async delete(paths: string[]): Promise<{ deleted: number }> {
    let deleted = 0;
    const seen: ListingCache = new Map();
    for (const raw of paths) {
      const p = remotePath(raw);
      if (p === '/') throw new BenchError('BAD_REQUEST', 'The root folder cannot be deleted.');
      const entry = await this.entry(p, seen);
      try {
        deleted +=
          entry.kind === 'dir'
            ? await removeTree(() => this.ftp(), p)
            : (await this.ftp().command('DELE', p), 1);
      } catch (err) {
        throw failure(err, `Could not delete ${p}`);
      }
    }
    return { deleted };
  }

  async capacity(): Promise<Capacity> {
    const t = this.options.provider.current();
    if (!t) return { kind: 'unknown', reason: 'no board selected' };
    if (!this.options.provider.capacity)
      return { kind: 'unknown', reason: 'capacity unknown (this board does not report its eMMC space)' };
    try {
      const c = await this.options.provider.capacity();
      return { kind: 'known', usedBytes: c.used, totalBytes: c.total };
    } catch (err) {
      const why =
        err instanceof Error && err.message ? err.message : 'this board does not report its eMMC space';
      return { kind: 'unknown', reason: `capacity unknown (${why})` };
    }
  }

  /** Bytes of a small file, for previews and "download to this computer". */
  async read(path: string, maxBytes = READ_MAX_BYTES): Promise<FileBytes> {
    const p = remotePath(path);
    const entry = await this.entry(p);
    if (entry.kind !== 'file') throw new BenchError('BAD_REQUEST', `${p} is a folder.`);
    if (entry.size > maxBytes)
      throw new BenchError(
        'BAD_REQUEST',
        `${entry.name} has ${formatBytes(entry.size)}; this reads at most ${formatBytes(maxBytes)}. Download it to a folder instead.`,
      );
    const chunks: Buffer[] = [];
    const sink = new Writable({ write: (c: Buffer, _e, cb) => (chunks.push(c), cb()) });
    try {
      await this.ftp().download(p, sink, 0, () => undefined);
    } catch (err) {
      throw failure(err, `Could not read ${p}`);
    }
    const buf = Buffer.concat(chunks);
    return { path: p, size: buf.length, base64: buf.toString('base64') };
  }

  /** Queues files and folders for download into a host folder. */
  async download(paths: string[], localDir: string): Promise<{ queued: number }> {
    const dir = await checkHostDir(localDir);
    this.recent.remember(dir);
    this.emitState();
    const batch = new TransferBatch();
    const tasks: TransferTask[] = [];
    const seen: ListingCache = new Map();
    for (const raw of paths) {
      const p = remotePath(raw);
      const entry = await this.entry(p, seen);
      if (entry.kind === 'file')
        tasks.push(downloadTask(() => this.ftp(), p, entry, join(dir, entry.name), batch, entry.name));
      else await collectDownloads(() => this.ftp(), p, join(dir, entry.name), entry.name, batch, tasks);
    }
    this.queue.add(tasks, targetBoard(this.options.provider.current()));
    return { queued: tasks.length };
  }

  /** Queues host files and folders (recursive) for upload into a remote folder. */
  async uploadFromHost(localPaths: string[], remoteDir: string): Promise<{ queued: number }> {
    const dest = remotePath(remoteDir);
    const batch = new TransferBatch();
    const tasks: TransferTask[] = [];
    for (const lp of localPaths) {
      const { files, dirs } = await walkHost(lp);
      for (const d of dirs) joinRemote(dest, d);
      for (const f of files) {
        const remote = joinRemote(dest, f.rel);
        tasks.push(
          uploadTask(
            () => this.ftp(),
            remote,
            f.size,
            () => createReadStream(f.abs),
            batch,
            f.rel,
            undefined,
            f.mtime,
          ),
        );
      }
    }
    this.queue.add(tasks, targetBoard(this.options.provider.current()));
    return { queued: tasks.length };
  }

  /** Queues browser uploads whose bytes follow through uploadChunk. */
  uploadBegin(
    remoteDir: string,
    files: Array<{ relPath: string; size: number; modifiedAt?: number }>,
  ): { uploadIds: number[] } {
    const dest = remotePath(remoteDir);
    const batch = new TransferBatch();
    const remotes = files.map((f) => joinRemote(dest, f.relPath));
    this.ftp();
    const ids: number[] = [];
    const tasks = files.map((f, i) => {
      const feed = new UploadFeed(
        f.size,
        () => this.buffered(),
        () => ids[i] !== undefined && this.queue.isRunning(ids[i]!),
      );
      const settle = (state: string) => {
        if (state === 'skipped' || state === 'cancelled' || state === 'failed') feed.settle(state);
        if (state !== 'running') setTimeout(() => this.feeds.delete(ids[i]!), 60_000).unref();
      };
      const task = uploadTask(
        () => this.ftp(),
        remotes[i]!,
        f.size,
        () => (feed.wake(), feed.readable),
        batch,
        f.relPath.replace(/^\/+/, ''),
        settle,
        f.modifiedAt,
      );
      return { task, feed };
    });
    ids.push(
      ...this.queue.add(
        tasks.map((t) => t.task),
        targetBoard(this.options.provider.current()),
      ),
    );
    ids.forEach((id, i) => this.feeds.set(id, tasks[i]!.feed));
    return { uploadIds: ids };
  }

  async uploadChunk(uploadId: number, offset: number, base64: string, last: boolean) {
    const feed = this.feeds.get(uploadId);
    if (!feed) {
      // The feed is forgotten a minute after its transfer ends; the queue may still say how it ended.
      const ended = this.queue.stateOf(uploadId);
      if (ended === 'skipped' || ended === 'cancelled' || ended === 'failed') return { state: ended };
      throw noSuchUpload(uploadId, ended === 'done');
    }
    return { state: await feed.offer(offset, chunkBytes(uploadId, offset, base64), last) };
  }

  cancel(id?: number): number {
    const n = this.queue.cancel(id);
    this.conflicts.skip(id);
    return n;
  }

  resolveConflict(conflictId: number, action: ConflictAction, applyToAll: boolean): void {
    this.conflicts.resolve(conflictId, action, applyToAll);
  }

  close(): void {
    this.unsubscribe();
    this.cancel();
    this.queue.close();
    this.link?.close();
  }

  private buffered(): number {
    let n = 0;
    for (const f of this.feeds.values()) n += f.buffered();
    return n;
  }

  /** The link to the selected board, created on first use. */
  private ftp(): FtpLink {
    const t = this.options.provider.current();
    if (!t)
      throw new BenchError(
        'UNAVAILABLE',
        'No board with FTP is selected. Select a board (or start the virtual one) to browse its eMMC.',
      );
    if (!this.link || !sameTarget(this.link.target, t)) {
      this.link?.close();
      this.link = new FtpLink(t, {
        ...this.options.link,
        log: this.options.log,
        onState: () => this.emitState(),
      });
      if (this.attached > 0) this.link.keepAlive(true);
    }
    return this.link;
  }

  /** The listing entry of one path (a LIST of its parent). */
  private entry(p: string, cache?: ListingCache) {
    return entryOf(() => this.ftp(), this.listed, p, cache);
  }

  private emitState(): void {
    this.options.events.state(this.state());
  }
}

function sameTarget(
  a: { boardId: string; host: string; port: number },
  b: { boardId: string; host: string; port: number },
): boolean {
  return a.boardId === b.boardId && a.host === b.host && a.port === b.port;
}
