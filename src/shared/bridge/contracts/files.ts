// The files feature's part of the bridge contract: the board's eMMC browsed and maintained over FTP.
import { z } from 'zod';
import { command, event, res } from '../define';

/** An absolute path on the board's eMMC ("/", "/assets/css"). Checked again in the core. */
const remotePath = z.string().min(1).max(4096);
/** A host path the user typed (a folder to save into, a file or folder to upload). */
const hostPath = z.string().min(1).max(4096);
/** Which board a request is for (the page's focused board); absent: the board focused in the core now. */
const onBoard = { boardId: z.string().min(1).max(200).optional() };

/** One entry of a remote directory listing. */
export interface RemoteEntry {
  readonly name: string;
  readonly kind: 'file' | 'dir';
  /** Bytes (0 for directories). */
  readonly size: number;
  /** Modification time in ms since the epoch, when the server says (NetX lists no year: inferred). */
  readonly modifiedAt?: number;
  /** Set when the file holds only part of what was sent to it (an upload cancelled or broken off): why. */
  readonly partial?: string;
}

/** A listing and when it was taken: never shown as current after the session it came from is gone. */
export interface RemoteListing {
  readonly path: string;
  readonly entries: readonly RemoteEntry[];
  /** Core time of the LIST, ms since the epoch. */
  readonly listedAt: number;
  /** The FTP session generation that produced it (see FilesState.generation). */
  readonly generation: number;
}

/** Which extended commands the FTP server offers (all false on the firmware's NetX Duo server). */
export interface FtpFeatures {
  readonly size: boolean;
  readonly rest: boolean;
  readonly appe: boolean;
  readonly mlsd: boolean;
  readonly mdtm: boolean;
}

/** The FTP session to the selected board, in words and as a discriminated union. */
export type FtpSessionState =
  | { readonly kind: 'no-target' }
  | { readonly kind: 'idle' }
  | { readonly kind: 'connecting' }
  | { readonly kind: 'open'; readonly since: number }
  | { readonly kind: 'failed'; readonly reason: string; readonly at: number };

/** Everything the Files page needs to draw its header, for one board. */
export interface FilesState {
  /** The board this state is of (the focused one unless asked for another); undefined when none is focused. */
  readonly boardId?: string;
  /** The board whose eMMC is shown; undefined when none is selected or it has no FTP port. */
  readonly target?: {
    readonly boardId: string;
    readonly host: string;
    readonly port: number;
    readonly httpBase?: string;
  };
  readonly session: FtpSessionState;
  /** One line for a person: "Connected to 127.0.0.1:2121 (firmware command set: no resume)". */
  readonly words: string;
  /** Known after the first connection; undefined before. */
  readonly features?: FtpFeatures;
  /** Incremented on every new FTP session; listings of an older generation are stale. */
  readonly generation: number;
  /** Folders typed before (most recent first), for the host-path fields. */
  readonly recentHostDirs: readonly string[];
}

/** eMMC capacity as far as it is known. */
export type Capacity =
  | { readonly kind: 'known'; readonly usedBytes: number; readonly totalBytes: number }
  | { readonly kind: 'unknown'; readonly reason: string };

/** The board a transfer went to or came from, as it was named when the transfer was queued. */
export interface TransferBoard {
  readonly id: string;
  readonly name: string;
  readonly virtual: boolean;
}

/** One item of the transfer queue. */
export interface TransferItem {
  readonly id: number;
  /** Whose eMMC: transfers of a board selected earlier stay in the list, so each row says which board it was. */
  readonly board?: TransferBoard;
  readonly direction: 'upload' | 'download';
  /** Remote path (upload destination or download source). */
  readonly remote: string;
  /** Display name (the remote file name, or the relative path inside an uploaded folder). */
  readonly name: string;
  readonly state: 'queued' | 'waiting-conflict' | 'running' | 'done' | 'skipped' | 'cancelled' | 'failed';
  readonly bytes: number;
  /** Total bytes when known. */
  readonly size?: number;
  /** Bytes per second over the last seconds (running items). */
  readonly speed?: number;
  /** Words for done/failed/skipped items ("resumed at 100 MB", "The board closed …"). */
  readonly message?: string;
}

/** The whole queue, sent at most 10 times a second. */
export interface TransfersSnapshot {
  readonly items: readonly TransferItem[];
  readonly totalBytes: number;
  readonly doneBytes: number;
  /** Bytes per second of the running transfer. */
  readonly speed: number;
  /** Seconds left for the queued and running bytes at the current speed, when it can be estimated. */
  readonly etaSeconds?: number;
  readonly active: boolean;
}

/** How a name conflict is settled. */
export type ConflictAction = 'overwrite' | 'skip' | 'rename';

/** The core asks the renderer what to do with an existing file; answered by files:resolve-conflict. */
export interface ConflictQuestion {
  /** The board the transfer is for. */
  readonly boardId?: string;
  readonly conflictId: number;
  readonly transferId: number;
  readonly direction: 'upload' | 'download';
  readonly name: string;
  readonly existing: { readonly size?: number; readonly modifiedAt?: number };
  readonly incoming: { readonly size?: number; readonly modifiedAt?: number };
  /** What "rename" would name the new file. */
  readonly renameTo: string;
}

/** A small file's bytes (preview, or "download to this computer"). */
export interface FileBytes {
  readonly path: string;
  readonly size: number;
  readonly base64: string;
}

const uploadFile = z.object({
  /** Path relative to the destination folder, '/'-separated (folders are created). */
  relPath: z.string().min(1).max(4096),
  size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  modifiedAt: z.number().optional(),
});

/** Chunk size limit of files:upload-chunk, before base64. */
export const UPLOAD_CHUNK_BYTES = 256 * 1024;
/** Largest file files:read returns (preview and download to this computer). */
export const READ_MAX_BYTES = 20 * 1024 * 1024;

export const filesCommands = {
  /** The session, target and recent folders; also marks the page as open (keep-alive on) until files:detach. */
  'files:attach': command(z.object({}).strict(), res<FilesState>()),
  /** The page closed: stop the keep-alive NOOPs. */
  'files:detach': command(z.object({}).strict(), res<{ ok: true }>()),
  'files:state': command(z.object(onBoard).strict(), res<FilesState>()),
  /** The transfer queue now (a page that opens late gets it without waiting for the next change). */
  'files:transfers': command(z.object({}).strict(), res<TransfersSnapshot>()),
  'files:list': command(z.object({ path: remotePath, ...onBoard }).strict(), res<RemoteListing>()),
  'files:mkdir': command(z.object({ path: remotePath, ...onBoard }).strict(), res<{ path: string }>()),
  'files:rename': command(
    z.object({ from: remotePath, to: remotePath, ...onBoard }).strict(),
    res<{ path: string }>(),
  ),
  /** Deletes files and folders (folders recursively); the renderer confirms first. */
  'files:delete': command(
    z.object({ paths: z.array(remotePath).min(1).max(1000), ...onBoard }).strict(),
    res<{ deleted: number }>(),
  ),
  'files:capacity': command(z.object(onBoard).strict(), res<Capacity>()),
  /** Bytes of one small file (≤ READ_MAX_BYTES, or maxBytes if smaller). */
  'files:read': command(
    z
      .object({
        path: remotePath,
        maxBytes: z.number().int().min(1).max(READ_MAX_BYTES).optional(),
        ...onBoard,
      })
      .strict(),
    res<FileBytes>(),
  ),
  /** Queues downloads of files and folders into a host folder (validated: exists, is a folder, writable). */
  'files:download': command(
    z.object({ paths: z.array(remotePath).min(1).max(1000), localDir: hostPath, ...onBoard }).strict(),
    res<{ queued: number }>(),
  ),
  /** Queues uploads of host files or folders (recursive) into a remote folder. */
  'files:upload-from-host': command(
    z.object({ localPaths: z.array(hostPath).min(1).max(1000), remoteDir: remotePath, ...onBoard }).strict(),
    res<{ queued: number }>(),
  ),
  /** Starts a browser upload: the files are queued; their bytes follow with files:upload-chunk, in order. */
  'files:upload-begin': command(
    z.object({ remoteDir: remotePath, files: z.array(uploadFile).min(1).max(10_000), ...onBoard }).strict(),
    res<{ uploadIds: number[] }>(),
  ),
  /**
   * One chunk of a browser upload (base64, ≤ 256 KiB decoded), at `offset`. Answers 'accepted', or 'busy' when the
   * core's buffer is full (send the same chunk again), or 'skipped'/'cancelled' (stop sending this file).
   */
  'files:upload-chunk': command(
    z
      .object({
        uploadId: z.number().int(),
        offset: z.number().int().min(0),
        data: z.string().max(Math.ceil((UPLOAD_CHUNK_BYTES * 4) / 3) + 4),
        last: z.boolean(),
      })
      .strict(),
    res<{ state: 'accepted' | 'busy' | 'skipped' | 'cancelled' | 'failed' }>(),
  ),
  /** Cancels one transfer, or all when id is omitted. */
  'files:cancel': command(
    z.object({ id: z.number().int().optional() }).strict(),
    res<{ cancelled: number }>(),
  ),
  /** Removes finished items from the queue. */
  'files:clear-finished': command(z.object({}).strict(), res<{ removed: number }>()),
  'files:resolve-conflict': command(
    z
      .object({
        conflictId: z.number().int(),
        action: z.enum(['overwrite', 'skip', 'rename']),
        applyToAll: z.boolean().default(false),
      })
      .strict(),
    res<{ ok: true }>(),
  ),
};

export const filesEvents = {
  /** The transfer queue, throttled to ≤ 10 Hz. */
  'files:transfers': event<TransfersSnapshot>(),
  'files:conflict': event<ConflictQuestion>(),
  'files:state': event<FilesState>(),
};
