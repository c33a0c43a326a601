import { Readable } from 'node:stream';

/** Per-file buffer of a browser upload; the global budget bounds all feeds together. */
export const FEED_BUFFER_BYTES = 1024 * 1024;
export const FEEDS_BUDGET_BYTES = 8 * 1024 * 1024;

export type FeedAnswer = 'accepted' | 'busy' | 'skipped' | 'cancelled' | 'failed';

/** How long a running upload waits for its next chunk before it fails. */
export const UPLOAD_STALL_MS = 60_000;

/**
 * The bytes of one file the renderer streams over the bridge in chunks, as a Readable for basic-ftp. Chunks must
 * end up in order (one that arrives early waits for its turn); a repeated chunk (a retry after "busy" that did land) is acknowledged and dropped. `offer` waits a
 * bounded time for room and answers "busy" rather than holding a bridge call for long.
 */
export class UploadFeed {
  readonly readable: Readable;
  private offset = 0;
  private ended = false;
  private outcome: 'skipped' | 'cancelled' | 'failed' | undefined;
  private failure: Error | undefined;
  private wakers = new Set<() => void>();
  private stallTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly size: number,
    private readonly totalBuffered: () => number,
    private readonly isActive: () => boolean,
    private readonly stallMs = UPLOAD_STALL_MS,
  ) {
    this.readable = new Readable({ highWaterMark: FEED_BUFFER_BYTES, read: () => this.wake() });
    // A feed can fail before its transfer reads it (a queued upload sent too many bytes, or given up): with no
    // listener, that error would be thrown out of the event loop and end the process. The transfer learns of it
    // from open() instead.
    this.readable.on('error', () => undefined);
    if (size === 0) this.finishInput();
  }

  /** The stream for the transfer when it starts; throws why the feed failed if it already did. */
  open(): Readable {
    if (this.failure) throw this.failure;
    this.wake();
    return this.readable;
  }

  /** Bytes waiting in this feed. */
  buffered(): number {
    return this.readable.readableLength;
  }

  /** Wakes waiting offers (a feed started, drained or ended). */
  wake(): void {
    for (const w of this.wakers) w();
    this.wakers.clear();
    if (this.isActive()) this.armStall();
  }

  /** Offers one chunk; waits up to `waitMs` for room. */
  async offer(offset: number, data: Buffer, last: boolean, waitMs = 5000): Promise<FeedAnswer> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      if (this.outcome) return this.outcome;
      if (offset + data.length <= this.offset) return 'accepted';
      if (offset < this.offset) return 'failed';
      // A later chunk may overtake an earlier one that is waiting for room (the sender keeps a few in flight).
      const own = this.buffered();
      const room = own + data.length <= FEED_BUFFER_BYTES || own === 0;
      if (
        offset === this.offset &&
        room &&
        (this.isActive() || this.totalBuffered() + data.length <= FEEDS_BUDGET_BYTES)
      )
        break;
      const left = deadline - Date.now();
      if (left <= 0) return 'busy';
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 250));
        this.wakers.add(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    if (this.offset + data.length > this.size)
      return this.fail(new Error('the browser sent more bytes than the file has'));
    this.readable.push(data);
    this.offset += data.length;
    this.wake();
    if (last || this.offset === this.size) {
      if (this.offset !== this.size)
        return this.fail(new Error(`the browser sent ${this.offset} of ${this.size} bytes`));
      this.finishInput();
    } else if (this.isActive()) this.armStall();
    // A queued upload has no clock (but after a refused chunk, until the page sends again: expectResend).
    else clearTimeout(this.stallTimer);
    return 'accepted';
  }

  /** `open` while bytes are still due, `complete` once every byte arrived, else how the transfer ended early. */
  state(): 'open' | 'complete' | 'skipped' | 'cancelled' | 'failed' {
    return this.outcome ?? (this.ended ? 'complete' : 'open');
  }

  /**
   * A chunk was refused (not base64): the page may send it again, but a page that gives up must not leave the
   * upload waiting in the queue for ever, so the stall timer runs now even before the transfer starts.
   */
  expectResend(): void {
    this.armStall();
  }

  /** The transfer ended without consuming the feed: later chunks get this answer. */
  settle(outcome: 'skipped' | 'cancelled' | 'failed'): void {
    if (this.outcome || (this.ended && outcome === 'failed')) return;
    this.outcome = outcome;
    clearTimeout(this.stallTimer);
    this.readable.destroy();
    this.wake();
  }

  private finishInput(): void {
    this.ended = true;
    clearTimeout(this.stallTimer);
    this.readable.push(null);
  }

  private fail(err: Error): 'failed' {
    this.outcome = 'failed';
    this.failure = err;
    clearTimeout(this.stallTimer);
    this.readable.destroy(err);
    return 'failed';
  }

  /** A browser that stops sending (tab closed) must not hold the FTP session for ever. */
  private armStall(): void {
    if (this.ended || this.outcome) return;
    clearTimeout(this.stallTimer);
    this.stallTimer = setTimeout(
      () => this.fail(new Error(`the browser stopped sending this file for ${this.stallMs / 1000} s`)),
      this.stallMs,
    );
    this.stallTimer.unref();
  }
}
