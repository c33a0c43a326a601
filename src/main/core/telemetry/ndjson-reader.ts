// Streaming reader of recordings (docs/architecture.md §12.1): a file of any size is read a chunk at a time with a
// bounded line length; a torn last line (the app was killed mid-write) and any other line that is not a record are
// skipped and counted. Only regular files are opened: a FIFO or a device named *.ndjson would block a read (and a
// libuv thread with it) until someone writes to it, which could be never.

import { constants } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { MessageRecord } from '../../../shared/recording/format';
import { RecordingError, RecordingReader, type ReadSummary } from '../../../shared/recording/reader';

export type { ReadSummary } from '../../../shared/recording/reader';

/** Bytes read at a time. */
const CHUNK_BYTES = 64 * 1024;

/** The kind of a file that is not a regular one, in words. */
function kindOf(s: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean }): string {
  if (s.isDirectory()) return 'a folder';
  if (s.isFIFO()) return 'a named pipe (FIFO)';
  if (s.isSocket()) return 'a socket';
  return 'a device';
}

function notRegular(s: Parameters<typeof kindOf>[0]): RecordingError {
  return new RecordingError(`it is ${kindOf(s)}, not a regular file: not a telemetry recording`);
}

/**
 * Opens `path` for reading only if it is a regular file. Checked before opening (opening some devices acts on
 * them), opened without blocking (a FIFO's open would wait for a writer) and checked again on the descriptor (the
 * path may have been swapped in between).
 */
async function openRegularFile(path: string): Promise<FileHandle> {
  const before = await stat(path);
  if (!before.isFile()) throw notRegular(before);
  const fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOCTTY ?? 0));
  try {
    const s = await fh.stat();
    if (!s.isFile()) throw notRegular(s);
    return fh;
  } catch (err) {
    await fh.close();
    throw err;
  }
}

/** Yields every well-formed record of a recording; fills `summary` as it goes. Throws if line 1 is no header. */
export async function* readRecording(
  path: string,
  summary: ReadSummary = { header: undefined, records: 0, skipped: 0 },
): AsyncGenerator<MessageRecord> {
  const fh = await openRegularFile(path);
  let ready: MessageRecord[] = [];
  const reader = new RecordingReader((r) => ready.push(r));
  const sync = () => Object.assign(summary, reader.summary);
  try {
    const buf = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      reader.push(buf.subarray(0, bytesRead));
      sync();
      const batch = ready;
      ready = [];
      yield* batch;
    }
    reader.end();
    sync();
    yield* ready;
  } finally {
    await fh.close();
  }
}
