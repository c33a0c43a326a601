// The Files page's data, one store for the feature: it owns the files:* requests and events, and keeps what it
// learns per board id (session state, folder listings, capacity, the folder shown), so the page shows the focused
// board's files the moment it is focused and can never show another board's. The transfer queue is the core's
// (transfers keep going in the background, each row naming its board); conflicts wait here for an answer.
import { useSyncExternalStore } from 'react';
import type {
  Capacity,
  ConflictAction,
  ConflictQuestion,
  FilesState,
  RemoteListing,
  TransfersSnapshot,
} from '../../../../shared/bridge/contracts/files';
import { api } from '../../bridge';

/** One folder as the page knows it. */
export interface FolderView {
  readonly listing?: RemoteListing;
  readonly error?: string;
  readonly loading: boolean;
}

/** What the page shows of one board. */
export interface BoardFilesView {
  readonly boardId: string;
  readonly state?: FilesState;
  /** The folder shown (kept per board, so coming back shows the same folder). */
  readonly path: string;
  readonly folders: Readonly<Record<string, FolderView>>;
  readonly capacity?: Capacity;
}

/** Boards whose files are kept; the oldest is forgotten past this (it is fetched again when focused). */
const MAX_BOARDS = 16;
const EMPTY_FOLDER: FolderView = { loading: false };

/** A board key for requests: '' is "whatever the core has focused" (no board known to the page yet). */
const onBoard = (boardId: string) => (boardId ? { boardId } : {});

export class FilesStore {
  private readonly boards = new Map<string, BoardFilesView>();
  private readonly seq = new Map<string, number>();
  private listeners = new Set<() => void>();
  private transfersNow: TransfersSnapshot | undefined;
  private conflictsNow: readonly ConflictQuestion[] = [];
  private attached = 0;
  private offs: Array<() => void> = [];

  subscribe = (cb: () => void): (() => void) => {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  };

  /** The page opened: follow the events, keep the focused board's FTP session alive. Returns the detach. */
  attach(): () => void {
    if (this.attached++ === 0) {
      this.offs = [
        api.on('files:state', (s) => s.boardId !== undefined && this.setState(s.boardId, s)),
        api.on('files:transfers', (t) => this.setTransfers(t)),
        api.on('files:conflict', (q) => {
          this.conflictsNow = [...this.conflictsNow, q];
          this.changed();
        }),
      ];
      void api.invoke('files:attach', {});
      void api
        .invoke('files:transfers', {})
        .then((r) => r.ok && !this.transfersNow && this.setTransfers(r.value));
    }
    return () => {
      if (--this.attached > 0) return;
      for (const off of this.offs) off();
      this.offs = [];
      void api.invoke('files:detach', {});
    };
  }

  board(boardId: string): BoardFilesView {
    return this.boards.get(boardId) ?? this.blank(boardId);
  }

  transfers(): TransfersSnapshot | undefined {
    return this.transfersNow;
  }

  conflicts(): readonly ConflictQuestion[] {
    return this.conflictsNow;
  }

  /** The board is shown: fetch its state, the folder shown and its capacity (what is kept shows meanwhile). */
  async show(boardId: string): Promise<void> {
    const r = await api.invoke('files:state', onBoard(boardId));
    if (!r.ok) return;
    this.setState(boardId, r.value);
    if (!r.value.target) return;
    void this.capacity(boardId);
    await this.list(boardId, this.board(boardId).path);
  }

  /** Opens folder `path` of the board. */
  open(boardId: string, path: string): void {
    this.update(boardId, (b) => ({ ...b, path }));
    void this.list(boardId, path);
  }

  /** Lists the folder shown again, and the folders open on the way to it (the tree). */
  async refresh(boardId: string): Promise<void> {
    const b = this.board(boardId);
    const chain = ['/'];
    for (const seg of b.path.split('/').filter(Boolean))
      chain.push(`${chain.at(-1)!.replace(/\/$/, '')}/${seg}`);
    await Promise.all([...new Set([...chain, b.path])].map((p) => this.list(boardId, p)));
    void this.capacity(boardId);
  }

  /** Lists one folder of the board; a later request for the same folder wins. */
  async list(boardId: string, path: string): Promise<void> {
    const key = `${boardId}\n${path}`;
    const mine = (this.seq.get(key) ?? 0) + 1;
    this.seq.set(key, mine);
    this.setFolder(boardId, path, (f) => ({ ...f, loading: true }));
    const r = await api.invoke('files:list', { path, ...onBoard(boardId) });
    if (this.seq.get(key) !== mine) return;
    this.setFolder(boardId, path, (f) =>
      r.ok ? { listing: r.value, loading: false } : { ...f, error: r.error.message, loading: false },
    );
  }

  async capacity(boardId: string): Promise<void> {
    const r = await api.invoke('files:capacity', onBoard(boardId));
    if (r.ok) this.update(boardId, (b) => ({ ...b, capacity: r.value }));
  }

  mkdir(boardId: string, path: string) {
    return api.invoke('files:mkdir', { path, ...onBoard(boardId) });
  }
  rename(boardId: string, from: string, to: string) {
    return api.invoke('files:rename', { from, to, ...onBoard(boardId) });
  }
  remove(boardId: string, paths: string[]) {
    return api.invoke('files:delete', { paths, ...onBoard(boardId) });
  }
  download(boardId: string, paths: string[], localDir: string) {
    return api.invoke('files:download', { paths, localDir, ...onBoard(boardId) });
  }
  read(boardId: string, path: string, maxBytes?: number) {
    return api.invoke('files:read', { path, ...(maxBytes ? { maxBytes } : {}), ...onBoard(boardId) });
  }
  uploadFromHost(boardId: string, localPaths: string[], remoteDir: string) {
    return api.invoke('files:upload-from-host', { localPaths, remoteDir, ...onBoard(boardId) });
  }
  uploadBegin(
    boardId: string,
    remoteDir: string,
    files: Array<{ relPath: string; size: number; modifiedAt?: number }>,
  ) {
    return api.invoke('files:upload-begin', { remoteDir, files, ...onBoard(boardId) });
  }
  uploadChunk(uploadId: number, offset: number, data: string, last: boolean) {
    return api.invoke('files:upload-chunk', { uploadId, offset, data, last });
  }
  cancel(id?: number) {
    return api.invoke('files:cancel', id === undefined ? {} : { id });
  }
  clearFinished() {
    return api.invoke('files:clear-finished', {});
  }
  resolveConflict(conflictId: number, action: ConflictAction, applyToAll: boolean): void {
    this.conflictsNow = this.conflictsNow.filter((q) => q.conflictId !== conflictId);
    this.changed();
    void api.invoke('files:resolve-conflict', { conflictId, action, applyToAll });
  }

  private setState(boardId: string, s: FilesState): void {
    const before = this.boards.get(boardId)?.state;
    this.update(boardId, (b) => ({ ...b, state: s }));
    // The board got an FTP server (a virtual board finished starting): list what the page had nothing of.
    if (s.target && before && !before.target && this.attached > 0) {
      const b = this.board(boardId);
      if (!b.folders[b.path]?.listing && !b.folders[b.path]?.loading) void this.list(boardId, b.path);
      if (!b.capacity || b.capacity.kind === 'unknown') void this.capacity(boardId);
      return;
    }
    // A new FTP session makes the listings of the old one stale: list the folder shown again.
    if (before && s.target && s.generation > before.generation) {
      const shown = this.board(boardId).folders[this.board(boardId).path]?.listing;
      if (shown && shown.generation < s.generation) void this.list(boardId, this.board(boardId).path);
    }
  }

  private setTransfers(t: TransfersSnapshot): void {
    const wasActive = this.transfersNow?.active === true;
    this.transfersNow = t;
    this.changed();
    // A finished batch changed the boards it went to: list their folders shown again, and their space.
    if (wasActive && !t.active) {
      const ids = new Set(t.items.flatMap((i) => (i.board ? [i.board.id] : [])));
      for (const id of ids) if (this.boards.has(id)) void this.refresh(id);
    }
  }

  private setFolder(boardId: string, path: string, fn: (f: FolderView) => FolderView): void {
    this.update(boardId, (b) => ({
      ...b,
      folders: { ...b.folders, [path]: fn(b.folders[path] ?? EMPTY_FOLDER) },
    }));
  }

  private update(boardId: string, fn: (b: BoardFilesView) => BoardFilesView): void {
    const next = fn(this.board(boardId));
    this.boards.delete(boardId);
    this.boards.set(boardId, next);
    if (this.boards.size > MAX_BOARDS) this.boards.delete(this.boards.keys().next().value!);
    this.changed();
  }

  private blank(boardId: string): BoardFilesView {
    const b: BoardFilesView = { boardId, path: '/', folders: {} };
    this.boards.set(boardId, b);
    return b;
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}

/** The app's one files store (the page comes and goes; what each board had stays). */
export const filesStore = new FilesStore();

/** Board `boardId`'s files, re-rendering when they change. */
export function useBoardFiles(boardId: string): BoardFilesView {
  return useSyncExternalStore(filesStore.subscribe, () => filesStore.board(boardId));
}

/** The transfer queue as the core last sent it. */
export function useTransfers(): TransfersSnapshot | undefined {
  return useSyncExternalStore(filesStore.subscribe, () => filesStore.transfers());
}

/** Conflicts waiting for an answer, oldest first. */
export function useConflicts(): readonly ConflictQuestion[] {
  return useSyncExternalStore(filesStore.subscribe, () => filesStore.conflicts());
}
