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
import { BoardLinks } from './board-links';
import type { FtpLink, FtpLinkOptions } from './ftp-link';
import { PartialFiles } from './partial-files';
import { checkHostDir, walkHost } from './host-paths';
import { baseName, joinRemote, remotePath } from './names';
import { RecentFolders } from './recent-folders';
import { collectDownloads, entryOf, failure, removeTree, usable, type ListingCache } from './remote-tree';
import { ListedNames } from './request-words';
import { BrowserUploads } from './browser-uploads';
import { targetBoard, targetOf, type FtpTarget, type FtpTargetProvider } from './target';
import { TransferBatch, TransferQueue, type TransferTask } from './transfer-queue';
import { uploadTask, type PartialMarks } from './upload-task';
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
  /** How long a running browser upload waits for its next chunk before it fails (default 60 s; tests shorten it). */
  readonly uploadStallMs?: number;
}

/**
 * The eMMC browser's core: one FTP session per board it was asked about (BoardLinks), the transfer queue (each
 * transfer on the board it was started for, going on while another board is focused), conflicts, browser uploads.
 * Every request may name its board; without one it is the focused board's.
 */
export class FilesService {
  private readonly links: BoardLinks;
  private readonly recent: RecentFolders;
  private readonly conflicts: ConflictDesk;
  private readonly browser: BrowserUploads;
  private readonly listed = new Map<string, ListedNames>();
  private readonly partials = new PartialFiles();
  readonly queue: TransferQueue;
  private readonly unsubscribe: () => void;

  constructor(private readonly options: FilesServiceOptions) {
    this.conflicts = new ConflictDesk((q) => options.events.conflict(q));
    this.queue = new TransferQueue(
      (s) => options.events.transfers(s),
      (q) => this.conflicts.ask(q),
    );
    this.browser = new BrowserUploads(this.queue, options.uploadStallMs);
    this.recent = new RecentFolders(options.dataDir, options.log);
    this.links = new BoardLinks({ ...options.link, log: options.log }, (id) => this.emitState(id));
    this.unsubscribe = options.provider.onChange(() => {
      const focused = options.provider.current()?.boardId;
      const closed = this.links.settle(
        focused,
        (id) => targetOf(options.provider, id),
        (id) => this.queue.busy(id),
      );
      for (const id of closed) if (id !== focused) this.emitState(id);
      this.emitState(focused);
    });
  }

  /** Board `boardId`'s state (default: the focused board's). */
  state(boardId?: string): FilesState {
    const t = targetOf(this.options.provider, boardId);
    const link = t && this.links.peek(t.boardId);
    const session = !t ? ({ kind: 'no-target' } as const) : (link?.state ?? { kind: 'idle' as const });
    return {
      boardId: t?.boardId ?? boardId,
      target: t && { boardId: t.boardId, host: t.host, port: t.port, httpBase: t.httpBase },
      session,
      words: sessionWords(t, session, link?.features),
      features: link?.features,
      generation: link?.generation ?? 0,
      recentHostDirs: this.recent.list(),
    };
  }

  attach(): FilesState {
    this.links.watch(1, this.options.provider.current()?.boardId);
    return this.state();
  }

  detach(): void {
    this.links.watch(-1, this.options.provider.current()?.boardId);
  }

  async list(path: string, boardId?: string): Promise<RemoteListing> {
    const p = remotePath(path);
    try {
      const link = this.ftp(boardId);
      const board = link.target.boardId;
      const l = await link.list(p);
      this.namesOf(board).remember(
        p,
        l.entries.map((e) => e.name),
      );
      const entries = l.entries.filter(usable).map((e) => {
        const partial = e.kind === 'file' ? this.partials.of(board, joinRemote(p, e.name)) : undefined;
        return partial ? { ...e, partial } : e;
      });
      return { path: p, entries, listedAt: l.listedAt, generation: l.generation };
    } catch (err) {
      throw failure(err, `Could not list ${p}`);
    }
  }

  async mkdir(path: string, boardId?: string): Promise<{ path: string }> {
    const p = remotePath(path);
    await this.ftp(boardId)
      .command('MKD', p)
      .catch((err) => Promise.reject(failure(err, `Could not create the folder ${p}`)));
    return { path: p };
  }

  async rename(from: string, to: string, boardId?: string): Promise<{ path: string }> {
    const f = remotePath(from);
    const t = remotePath(to);
    if (f === '/' || t === '/') throw new BenchError('BAD_REQUEST', 'The root folder cannot be renamed.');
    const link = this.ftp(boardId);
    await link
      .rename(f, t)
      .catch((err) => Promise.reject(failure(err, `Could not rename ${baseName(f)} to ${baseName(t)}`)));
    const why = this.partials.of(link.target.boardId, f);
    this.partials.forget(link.target.boardId, f);
    if (why) this.partials.mark(link.target.boardId, t, why);
    return { path: t };
  }

  /** Deletes files, and folders with everything in them. */
  async delete(paths: string[], boardId?: string): Promise<{ deleted: number }> {
    const ftp = () => this.ftp(boardId);
    const board = ftp().target.boardId;
    let deleted = 0;
    const seen: ListingCache = new Map();
    for (const raw of paths) {
      const p = remotePath(raw);
      if (p === '/') throw new BenchError('BAD_REQUEST', 'The root folder cannot be deleted.');
      const entry = await this.entry(p, seen, boardId);
      try {
        deleted += entry.kind === 'dir' ? await removeTree(ftp, p) : (await ftp().command('DELE', p), 1);
        this.partials.forget(board, p);
      } catch (err) {
        throw failure(err, `Could not delete ${p}`);
      }
    }
    return { deleted };
  }

  async capacity(boardId?: string): Promise<Capacity> {
    const t = targetOf(this.options.provider, boardId);
    if (!t) return { kind: 'unknown', reason: 'no board selected' };
    if (!this.options.provider.capacity)
      return { kind: 'unknown', reason: 'capacity unknown (this board does not report its eMMC space)' };
    try {
      const c = await this.options.provider.capacity(t.boardId);
      return { kind: 'known', usedBytes: c.used, totalBytes: c.total };
    } catch (err) {
      const why =
        err instanceof Error && err.message ? err.message : 'this board does not report its eMMC space';
      return { kind: 'unknown', reason: `capacity unknown (${why})` };
    }
  }

  /** Bytes of a small file, for previews and "download to this computer". */
  async read(path: string, maxBytes = READ_MAX_BYTES, boardId?: string): Promise<FileBytes> {
    const p = remotePath(path);
    const entry = await this.entry(p, undefined, boardId);
    if (entry.kind !== 'file') throw new BenchError('BAD_REQUEST', `${p} is a folder.`);
    if (entry.size > maxBytes)
      throw new BenchError(
        'BAD_REQUEST',
        `${entry.name} has ${formatBytes(entry.size)}; this reads at most ${formatBytes(maxBytes)}. Download it to a folder instead.`,
      );
    const chunks: Buffer[] = [];
    const sink = new Writable({ write: (c: Buffer, _e, cb) => (chunks.push(c), cb()) });
    try {
      await this.ftp(boardId).download(p, sink, 0, () => undefined);
    } catch (err) {
      throw failure(err, `Could not read ${p}`);
    }
    const buf = Buffer.concat(chunks);
    return { path: p, size: buf.length, base64: buf.toString('base64') };
  }

  /** Queues files and folders for download into a host folder. */
  async download(paths: string[], localDir: string, boardId?: string): Promise<{ queued: number }> {
    const t = this.boardTarget(boardId);
    const ftp = () => this.ftp(t.boardId);
    const dir = await checkHostDir(localDir);
    this.recent.remember(dir);
    this.emitState(t.boardId);
    const batch = new TransferBatch();
    const tasks: TransferTask[] = [];
    const seen: ListingCache = new Map();
    for (const raw of paths) {
      const p = remotePath(raw);
      const entry = await this.entry(p, seen, t.boardId);
      if (entry.kind === 'file')
        tasks.push(downloadTask(ftp, p, entry, join(dir, entry.name), batch, entry.name));
      else await collectDownloads(ftp, p, join(dir, entry.name), entry.name, batch, tasks);
    }
    this.queue.add(tasks, targetBoard(t));
    return { queued: tasks.length };
  }

  /** Queues host files and folders (recursive) for upload into a remote folder. */
  async uploadFromHost(
    localPaths: string[],
    remoteDir: string,
    boardId?: string,
  ): Promise<{ queued: number }> {
    const t = this.boardTarget(boardId);
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
            () => this.ftp(t.boardId),
            remote,
            f.size,
            () => createReadStream(f.abs),
            batch,
            f.rel,
            undefined,
            f.mtime,
            this.partialMarks(t.boardId),
          ),
        );
      }
    }
    this.queue.add(tasks, targetBoard(t));
    return { queued: tasks.length };
  }

  /** Queues browser uploads whose bytes follow through uploadChunk. */
  uploadBegin(
    remoteDir: string,
    files: Array<{ relPath: string; size: number; modifiedAt?: number }>,
    boardId?: string,
  ): { uploadIds: number[] } {
    const t = this.boardTarget(boardId);
    const dest = remotePath(remoteDir);
    return this.browser.begin(files, targetBoard(t), (f, open, batch, settle) =>
      uploadTask(
        () => this.ftp(t.boardId),
        joinRemote(dest, f.relPath),
        f.size,
        open,
        batch,
        f.relPath.replace(/^\/+/, ''),
        settle,
        f.modifiedAt,
        this.partialMarks(t.boardId),
      ),
    );
  }

  uploadChunk(uploadId: number, offset: number, base64: string, last: boolean) {
    return this.browser.chunk(uploadId, offset, base64, last);
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
    this.links.close();
  }

  /** Board `boardId`'s target (default: the focused board's), or why there is none. */
  private boardTarget(boardId: string | undefined): FtpTarget {
    const t = targetOf(this.options.provider, boardId);
    if (t) return t;
    throw new BenchError(
      'UNAVAILABLE',
      boardId === undefined
        ? 'No board with FTP is selected. Select a board (or start the virtual one) to browse its eMMC.'
        : 'That board has no FTP server the app can reach now (a virtual board that is stopped, or a board that was removed).',
    );
  }

  /** The session to board `boardId` (default: the focused one), created on first use. */
  private ftp(boardId?: string): FtpLink {
    const t = this.boardTarget(boardId);
    return this.links.of(t, t.boardId === this.options.provider.current()?.boardId);
  }

  private namesOf(boardId: string): ListedNames {
    let names = this.listed.get(boardId);
    if (!names) this.listed.set(boardId, (names = new ListedNames()));
    return names;
  }

  private partialMarks(boardId: string): PartialMarks {
    return {
      mark: (path, why) => this.partials.mark(boardId, path, why),
      forget: (path) => this.partials.forget(boardId, path),
    };
  }

  /** The listing entry of one path (a LIST of its parent). */
  private entry(p: string, cache?: ListingCache, boardId?: string) {
    const link = () => this.ftp(boardId);
    return entryOf(link, this.namesOf(link().target.boardId), p, cache);
  }

  private emitState(boardId: string | undefined): void {
    this.options.events.state(this.state(boardId));
  }
}
