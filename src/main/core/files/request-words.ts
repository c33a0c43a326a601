// What the Files page is told when a request names something the core does not have: a path that is not on the
// board (and whether the page had seen it listed), an upload id with no upload behind it, a chunk that is not
// base64. Each says what actually happened.
import { BenchError } from '../../../shared/result';
import { baseName, parentOf } from './names';

/** Names seen in the latest listing of each folder (a bounded number of folders). */
export class ListedNames {
  private readonly dirs = new Map<string, ReadonlySet<string>>();

  constructor(private readonly maxDirs = 200) {}

  remember(dir: string, names: Iterable<string>): void {
    this.dirs.delete(dir);
    this.dirs.set(dir, new Set(names));
    if (this.dirs.size > this.maxDirs) this.dirs.delete(this.dirs.keys().next().value!);
  }

  /** The error for a path its folder does not hold now. */
  missing(path: string): BenchError {
    const dir = parentOf(path);
    const name = baseName(path);
    if (this.dirs.get(dir)?.has(name))
      return new BenchError(
        'NOT_FOUND',
        `${name} is no longer on the board: it was deleted or renamed after the folder was listed. Refresh the folder.`,
      );
    return new BenchError('NOT_FOUND', `There is no ${name} in ${dir} on the board.`);
  }
}

/** A files:upload-chunk for an id that has no upload in progress: it finished, or none was begun. */
export function noSuchUpload(uploadId: number, finished: boolean): BenchError {
  return new BenchError(
    'NOT_FOUND',
    finished
      ? `Upload ${uploadId} has already finished: all its bytes arrived, and it takes no more.`
      : `There is no upload ${uploadId}: files:upload-begin gives the ids of the uploads it starts.`,
  );
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The bytes of a base64 chunk, or undefined when it is not valid base64. */
export function chunkBytes(base64: string): Buffer | undefined {
  return BASE64.test(base64) ? Buffer.from(base64, 'base64') : undefined;
}

/** A chunk that is not base64, for an upload still waiting for bytes: not written; it may come again, in time. */
export function badChunk(uploadId: number, offset: number, stallMs: number): BenchError {
  return new BenchError(
    'BAD_REQUEST',
    `The chunk of upload ${uploadId} at byte ${offset} is not valid base64 (only A-Z, a-z, 0-9, + and /, padded with =), so it was not written. ` +
      `Send the bytes from byte ${offset} again as valid base64 within ${Math.round(stallMs / 1000)} s, or the upload fails.`,
  );
}

/** A chunk past the end of an upload that already has every byte: there is nothing left to send. */
export function completeUpload(uploadId: number, notBase64: boolean): BenchError {
  return new BenchError(
    'BAD_REQUEST',
    `Upload ${uploadId} already has all its bytes and takes no more chunks${notBase64 ? '; this one was not valid base64 either' : ''}. Send nothing more for it.`,
  );
}
