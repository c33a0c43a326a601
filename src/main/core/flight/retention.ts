// The retention budget of the session folder (docs/sessions.md §Retention): when the session files together pass
// the budget (5 GB unless the settings say otherwise), the oldest are deleted first until they fit again. A file
// being written is never deleted. What was deleted is returned, and said in plain words for the log and the user.
import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import {
  SESSION_FILE_EXTENSION,
  markersSidecarOf,
  startedOfFileName,
} from '../../../shared/session-file/channels';
import { formatBytes } from '../../../shared/format/bytes';

/** The default budget: 5 GB (decimal, as file browsers count). */
export const DEFAULT_SESSION_BUDGET_BYTES = 5_000_000_000;

/** One session file on disk. */
export interface StoredSessionFile {
  readonly path: string;
  /** The board folder it is in. */
  readonly boardId: string;
  readonly bytes: number;
  /** When its run started (from its name; its last change for a file named otherwise), ms since the epoch. */
  readonly started: number;
}

/** What enforcing the budget did. */
export interface RetentionResult {
  readonly budgetBytes: number;
  /** Deleted, oldest first. */
  readonly deleted: readonly StoredSessionFile[];
  /** Bytes of session files left. */
  readonly keptBytes: number;
  /** Files that could not be deleted, with why. */
  readonly failed: readonly { readonly file: StoredSessionFile; readonly reason: string }[];
}

/** Every session file under `root` (`<root>/<board id>/*.mcap`), oldest first. A missing root holds none. */
export async function listSessionFiles(root: string): Promise<StoredSessionFile[]> {
  const files: StoredSessionFile[] = [];
  let boards: string[];
  try {
    boards = await readdir(root);
  } catch (e) {
    if (e instanceof Error && 'code' in e && e.code === 'ENOENT') return [];
    throw e;
  }
  for (const boardId of boards) {
    let names: string[];
    try {
      names = await readdir(join(root, boardId));
    } catch {
      continue; // a plain file or an unreadable folder is not a board's sessions
    }
    for (const name of names) {
      if (!name.endsWith(SESSION_FILE_EXTENSION)) continue;
      const path = join(root, boardId, name);
      const s = await stat(path).catch(() => undefined);
      if (!s?.isFile()) continue;
      files.push({ path, boardId, bytes: s.size, started: startedOfFileName(name) ?? s.mtimeMs });
    }
  }
  return files.sort((a, b) => a.started - b.started || a.path.localeCompare(b.path));
}

/**
 * Deletes the oldest session files under `root` until the rest fit in `budgetBytes`. Files in `active` (being
 * written) are kept whatever their age; if they alone pass the budget, nothing more can be done and the result says
 * how much is kept.
 */
export async function enforceSessionBudget(
  root: string,
  budgetBytes: number,
  active: ReadonlySet<string> = new Set(),
): Promise<RetentionResult> {
  const files = await listSessionFiles(root);
  let total = files.reduce((n, f) => n + f.bytes, 0);
  const deleted: StoredSessionFile[] = [];
  const failed: { file: StoredSessionFile; reason: string }[] = [];
  for (const file of files) {
    if (total <= budgetBytes) break;
    if (active.has(file.path)) continue;
    try {
      await unlink(file.path);
      // The markers added in review go with their run.
      await unlink(markersSidecarOf(file.path)).catch(() => undefined);
      await unlink(`${file.path}.lod`).catch(() => undefined); // the review's level of detail (runs/lod-cache.ts)
      deleted.push(file);
      total -= file.bytes;
    } catch (e) {
      // Gone already (deleted by hand meanwhile): it takes no room either.
      if (e instanceof Error && 'code' in e && e.code === 'ENOENT') total -= file.bytes;
      else failed.push({ file, reason: e instanceof Error ? e.message : String(e) });
    }
  }
  return { budgetBytes, deleted, keptBytes: total, failed };
}

/** What a retention pass did, in one plain sentence (undefined when it did nothing worth saying). */
export function describeRetention(r: RetentionResult): string | undefined {
  const parts: string[] = [];
  if (r.deleted.length > 0) {
    const freed = r.deleted.reduce((n, f) => n + f.bytes, 0);
    const oldest = new Date(r.deleted[0]!.started).toISOString().slice(0, 16).replace('T', ' ');
    parts.push(
      `Deleted the ${r.deleted.length === 1 ? 'oldest session' : `${r.deleted.length} oldest sessions`} ` +
        `(${formatBytes(freed)}, the oldest from ${oldest} UTC) to keep sessions within their ` +
        `${formatBytes(r.budgetBytes)} budget.`,
    );
  }
  if (r.failed.length > 0) {
    parts.push(`Could not delete ${r.failed.length} old session file(s): ${r.failed[0]!.reason}.`);
  }
  if (r.keptBytes > r.budgetBytes) {
    parts.push(
      `Sessions still take ${formatBytes(r.keptBytes)}, more than the ${formatBytes(r.budgetBytes)} budget: ` +
        'the sessions being recorded now are never deleted.',
    );
  }
  return parts.length > 0 ? parts.join(' ') : undefined;
}
