// The frame log, one capture per board: each board session's WebSocket link feeds its own board's capture, so a
// board's frames are kept while another board is shown and the Frames page can only ever read one board's. The
// captures share one memory budget: each board holds an equal share of it, re-shared when a board comes or goes.
import type { FramesBatch } from '../../../shared/frames/types';
import { FrameCapture, type CaptureOptions, type StoreLimits } from './capture';
import type { FrameTap } from './tap';

/** What all boards' frame logs hold together at most (docs/architecture.md §4). */
export const FRAMES_BUDGET: StoreLimits = {
  maxItems: 50_000,
  maxBytes: 64 * 1024 * 1024,
  maxChunks: 100_000,
  maxChunkBytes: 32 * 1024 * 1024,
};

/** Options of every board's capture but its limits, which the budget sets. */
export type BoardCaptureOptions = Omit<
  CaptureOptions,
  'maxItems' | 'maxBytes' | 'maxChunks' | 'maxChunkBytes' | 'room'
>;

/** One FrameCapture per board id, within one shared budget. */
export class BoardCaptures {
  private readonly captures = new Map<string, FrameCapture>();

  constructor(
    private readonly budget: StoreLimits = FRAMES_BUDGET,
    private readonly options: BoardCaptureOptions = {},
  ) {}

  /** Board `boardId`'s capture, made (and the budget re-shared) the first time a link of that board asks. */
  tapFor(boardId: string): FrameTap {
    return this.captureOf(boardId);
  }

  /** Board `boardId`'s capture, if it has one. */
  get(boardId: string): FrameCapture | undefined {
    return this.captures.get(boardId);
  }

  /** Board ids with a capture. */
  ids(): string[] {
    return [...this.captures.keys()];
  }

  /** What one board may hold while `boards` boards share the budget. */
  shareOf(boards: number): StoreLimits {
    const n = Math.max(1, boards);
    const b = this.budget;
    return {
      maxItems: Math.max(1, Math.floor(b.maxItems / n)),
      maxBytes: Math.floor(b.maxBytes / n),
      maxChunks: Math.max(1, Math.floor(b.maxChunks / n)),
      maxChunkBytes: Math.floor(b.maxChunkBytes / n),
    };
  }

  /** Forgets the captures of boards `keep` says no longer exist (their profiles were removed). */
  retain(keep: (boardId: string) => boolean): void {
    let changed = false;
    for (const id of [...this.captures.keys()])
      if (!keep(id)) {
        this.captures.delete(id);
        changed = true;
      }
    if (changed) this.reshare();
  }

  /** Marks expired quirk waits and takes each board's new rows, named with its board. */
  drainAll(now?: number): FramesBatch[] {
    const out: FramesBatch[] = [];
    for (const [boardId, c] of this.captures) {
      c.sweep(now);
      const batch = c.drainBatch();
      if (batch) out.push({ boardId, ...batch });
    }
    return out;
  }

  private captureOf(boardId: string): FrameCapture {
    let c = this.captures.get(boardId);
    if (c) return c;
    const share = this.shareOf(this.captures.size + 1);
    // Sized so the capture could hold the whole budget, should it become the only board again.
    c = new FrameCapture({
      ...this.options,
      ...share,
      room: { maxItems: this.budget.maxItems, maxChunks: this.budget.maxChunks },
    });
    this.captures.set(boardId, c);
    this.reshare();
    return c;
  }

  private reshare(): void {
    const share = this.shareOf(this.captures.size);
    for (const c of this.captures.values()) c.setLimits(share);
  }
}
