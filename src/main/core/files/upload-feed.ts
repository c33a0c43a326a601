import { Readable } from 'node:stream';

/** Per-file buffer of a browser upload; the global budget bounds all feeds together. */
export const FEED_BUFFER_BYTES = 1024 * 1024;
export const FEEDS_BUDGET_BYTES = 8 * 1024 * 1024;

export type FeedAnswer = 'accepted' | 'busy' | 'skipped' | 'cancelled' | 'failed';

/**
 * The bytes of one file the renderer streams over the bridge in chunks, as a Readable for basic-ftp. Chunks must
 * end up in order (one that arrives early waits for its turn); a repeated chunk (a retry after "busy" that did land) is acknowledged and dropped. `offer` waits a
 * bounded time for room and answers "busy" rather than holding a bridge call for long.
 */
/** How long a running upload waits for its next chunk before it fails. */
export const UPLOAD_STALL_MS = 60_000;

export class UploadFeed {
  readonly readable: Readable;
  private offset = 0;
  private ended = false;
  private outcome: 'skipped' | 'cancelled' | 'failed' | undefined;
  private wakers = new Set<() => void>();
  private stallTimer: NodeJS.Timeout | undefined;
  /** Why the feed failed, for a transfer still waiting for its first bytes. */
  private endedWith: Error | undefined;

  constructor(
    readonly size: number,
    private readonly totalBuffered: () => number,
    private readonly isActive: () => boolean,
    private readonly stallMs = UPLOAD_STALL_MS,
    /** The browser stopped sending this file (its stall timer ran out): the rest of its upload will not come. */
    private readonly onStall: () => void = () => {},
  ) {
    this.readable = new Readable({ highWaterMark: FEED_BUFFER_BYTES, read: () => this.wake() });
    // The transfer hears a failure through its own listener; a feed that fails before its transfer opened it (a
    // stall, an abandoned upload) has none, and an 'error' nobody hears would end the process.
    this.readable.on('error', () => {});
    if (size === 0) this.finishInput();
  }

  /** The stream for the transfer when it starts, once its first bytes are here; throws why the feed failed. */
  async open(): Promise<Readable> {
    await this.ready();
    if (this.endedWith) throw this.endedWith;
    this.wake();
    return this.readable;
  }

  /** True once a byte of this file has arrived. */
  started(): boolean {
    return this.offset > 0 || this.ended;
  }

  /**
   * Resolves once the file's first bytes are here (or it is empty), so the transfer takes the board's FTP session
   * only when it has something to send: a browser that begins an upload and sends nothing must not hold the
   * session (and every listing, rename and delete queued behind it) for the stall time. Rejects when the feed
   * ends first: stalled, skipped, cancelled.
   */
  async ready(): Promise<void> {
    this.armStall();
    while (!this.started()) {
      if (this.outcome) throw this.endedWith ?? new Error(`the upload was ${this.outcome}`);
      await new Promise<void>((resolve) => this.wakers.add(resolve));
    }
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
    this.endedWith = err;
    clearTimeout(this.stallTimer);
    this.readable.destroy(err);
    this.wake();
    return 'failed';
  }

  /** Fails a feed that got nothing because another file of its upload stalled (never once the bytes flow). */
  abandon(why: string): void {
    if (this.outcome || this.started()) return;
    this.fail(new Error(why));
  }

  /** A browser that stops sending (tab closed) must not hold the FTP session for ever. */
  private armStall(): void {
    if (this.ended || this.outcome) return;
    clearTimeout(this.stallTimer);
    this.stallTimer = setTimeout(() => {
      this.fail(new Error(`the browser stopped sending this file for ${this.stallMs / 1000} s`));
      this.onStall();
    }, this.stallMs);
    this.stallTimer.unref();
  }
}
