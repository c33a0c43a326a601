// Uploads whose bytes come from the page (browser mode, drag and drop): each file is queued at once and its bytes
// follow in chunks (files:upload-chunk), held in a bounded feed per upload until the transfer takes them.
import type { Readable } from 'node:stream';
import type { TransferBoard } from '../../../shared/bridge/contracts/files';
import { badChunk, chunkBytes, completeUpload, noSuchUpload } from './request-words';
import { TransferBatch, type TransferQueue, type TransferTask } from './transfer-queue';
import { UPLOAD_STALL_MS, UploadFeed } from './upload-feed';

/** Builds the transfer of one browser file: its bytes come from `open`, `settle` hears how it ended. */
export type BrowserUploadTask = (
  file: { relPath: string; size: number; modifiedAt?: number },
  open: () => Readable,
  batch: TransferBatch,
  settle: (state: string) => void,
) => TransferTask;

/** The feeds of the browser uploads in progress, by transfer id. */
export class BrowserUploads {
  private readonly feeds = new Map<number, UploadFeed>();

  constructor(
    private readonly queue: TransferQueue,
    /** How long an upload waits for its next chunk (UploadFeed's stall time). */
    private readonly stallMs = UPLOAD_STALL_MS,
  ) {}

  /** Queues the files on `board`; returns their upload ids (the transfer ids). */
  begin(
    files: Array<{ relPath: string; size: number; modifiedAt?: number }>,
    board: TransferBoard | undefined,
    makeTask: BrowserUploadTask,
  ): { uploadIds: number[] } {
    const batch = new TransferBatch();
    const ids: number[] = [];
    const tasks = files.map((f, i) => {
      const feed = new UploadFeed(
        f.size,
        () => this.buffered(),
        () => ids[i] !== undefined && this.queue.isRunning(ids[i]!),
        this.stallMs,
      );
      const settle = (state: string) => {
        if (state === 'skipped' || state === 'cancelled' || state === 'failed') feed.settle(state);
        if (state !== 'running') setTimeout(() => this.feeds.delete(ids[i]!), 60_000).unref();
      };
      const task = makeTask(f, () => feed.open(), batch, settle);
      return { task, feed };
    });
    ids.push(
      ...this.queue.add(
        tasks.map((x) => x.task),
        board,
      ),
    );
    ids.forEach((id, i) => this.feeds.set(id, tasks[i]!.feed));
    return { uploadIds: ids };
  }

  async chunk(uploadId: number, offset: number, base64: string, last: boolean) {
    const feed = this.feeds.get(uploadId);
    if (!feed) {
      // The feed is forgotten a minute after its transfer ends; the queue may still say how it ended.
      const ended = this.queue.stateOf(uploadId);
      if (ended === 'skipped' || ended === 'cancelled' || ended === 'failed') return { state: ended };
      throw noSuchUpload(uploadId, ended === 'done');
    }
    const bytes = chunkBytes(base64);
    const now = feed.state();
    if (now === 'complete') {
      // Every byte arrived: a repeated chunk is acknowledged, but one past the end (or not base64) is refused
      // without touching the upload, which may still be on its way to the board.
      if (!bytes || offset + bytes.length > feed.size) throw completeUpload(uploadId, !bytes);
      return { state: await feed.offer(offset, bytes, last) };
    }
    if (bytes) return { state: await feed.offer(offset, bytes, last) };
    if (now !== 'open') return { state: now };
    // The page may send it again; if it does not, the upload fails after the stall time instead of waiting.
    feed.expectResend();
    throw badChunk(uploadId, offset, this.stallMs);
  }

  /** Bytes held for all uploads (the feeds share one bound). */
  private buffered(): number {
    let n = 0;
    for (const f of this.feeds.values()) n += f.buffered();
    return n;
  }
}
