// Which file a run id names: always one inside the sessions folder, checked by its real path, so an id with `..`, a
// name that is not a session file's, or a symlink leading out of the folder names nothing (docs/sessions.md §Review).
import { realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { SESSION_FILE_EXTENSION } from '../../../shared/session-file/channels';
import { BenchError } from '../../../shared/result';

/** A bench session file named by a run id. */
export interface RunFile {
  readonly id: string;
  readonly boardId: string;
  /** The path under the sessions folder, as the recorder names it. */
  readonly path: string;
}

const SEGMENT = /^[^/\\\0]+$/;

/** The session file run `id` names under `root`; throws NOT_FOUND or FORBIDDEN in words. */
export async function runFileOf(root: string, id: string): Promise<RunFile> {
  const parts = id.split('/');
  const [boardId, name] = parts;
  if (
    parts.length !== 2 ||
    boardId === undefined ||
    name === undefined ||
    !SEGMENT.test(boardId) ||
    !SEGMENT.test(name) ||
    boardId === '.' ||
    boardId === '..' ||
    !name.endsWith(SESSION_FILE_EXTENSION)
  )
    throw new BenchError('NOT_FOUND', 'No kept session has that id.');
  const path = join(root, boardId, name);
  let real: string;
  let realRoot: string;
  try {
    [real, realRoot] = await Promise.all([realpath(path), realpath(root)]);
  } catch {
    throw new BenchError('NOT_FOUND', 'That session is no longer kept (it was deleted).');
  }
  if (!real.startsWith(realRoot + sep))
    throw new BenchError(
      'FORBIDDEN',
      'That session file lies outside the sessions folder, so the bench does not open it.',
    );
  if (!(await stat(real)).isFile()) throw new BenchError('NOT_FOUND', 'No kept session has that id.');
  return { id, boardId, path };
}
