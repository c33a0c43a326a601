// The frame log's bounded store: captured items and raw TCP chunks in rings with item, byte and chunk caps, and the
// rows and notes not yet sent to the page.
import type { CaptureStats, FrameDir, FrameNote, FrameRow, FramesBatch } from '../../../shared/frames/types';

/** A batch before the board it belongs to is named (BoardCaptures adds it). */
export type CaptureBatch = Omit<FramesBatch, 'boardId'>;
import { Ring } from './ring';

/** One captured item: the row the table shows and the bytes behind it. */
export interface CapturedItem {
  readonly row: FrameRow & { notes: string[] };
  /** Kept payload (frames) or head bytes (HTTP); empty for events. */
  readonly payload: Uint8Array;
  readonly framesInChunk: number;
}

/** One TCP read or write as it happened. */
export interface ChunkRecord {
  readonly no: number;
  readonly connId: string;
  readonly dir: FrameDir;
  readonly t: number;
  readonly bytes: Uint8Array;
}

export interface StoreLimits {
  readonly maxItems: number;
  readonly maxBytes: number;
  readonly maxChunks: number;
  readonly maxChunkBytes: number;
}

export class CaptureStore {
  private readonly items: Ring<CapturedItem>;
  private readonly chunks: Ring<ChunkRecord>;
  private seq = 0;
  private chunkNo = 0;
  private bytes = 0;
  private chunkBytes = 0;
  private dropped = 0;
  private pendingRows: FrameRow[] = [];
  private pendingNotes: FrameNote[] = [];
  private cleared = false;

  private opt: StoreLimits;

  /** `opt`: the limits now; `room`: the most they may ever grow to (the rings are sized for it). */
  constructor(opt: StoreLimits, room: Pick<StoreLimits, 'maxItems' | 'maxChunks'> = opt) {
    this.opt = opt;
    this.items = new Ring(Math.max(room.maxItems, opt.maxItems));
    this.chunks = new Ring(Math.max(room.maxChunks, opt.maxChunks));
  }

  /** Applies new limits (a board's share of the budget changed), forgetting the oldest items and chunks over them. */
  setLimits(limits: StoreLimits): void {
    this.opt = {
      ...limits,
      maxItems: Math.min(limits.maxItems, this.items.capacity),
      maxChunks: Math.min(limits.maxChunks, this.chunks.capacity),
    };
    this.trimItems();
    this.trimChunks();
  }

  limits(): StoreLimits {
    return this.opt;
  }

  /** Rows and notes since the last call, or undefined when nothing changed. */
  drainBatch(): CaptureBatch | undefined {
    if (!this.pendingRows.length && !this.pendingNotes.length && !this.cleared) return undefined;
    const batch: CaptureBatch = {
      rows: this.pendingRows,
      notes: this.pendingNotes,
      stats: this.stats(),
      cleared: this.cleared,
    };
    this.pendingRows = [];
    this.pendingNotes = [];
    this.cleared = false;
    return batch;
  }

  stats(): CaptureStats {
    return {
      held: this.items.length,
      dropped: this.dropped,
      lastSeq: this.seq,
      bytes: this.bytes,
      capacity: this.opt.maxItems,
    };
  }

  /** The item with sequence number `seq`, if still held. */
  get(seq: number): CapturedItem | undefined {
    const first = this.items.at(0);
    if (!first) return undefined;
    const item = this.items.at(seq - first.row.seq);
    return item && item.row.seq === seq ? item : undefined;
  }

  /** Every held item, oldest first. */
  allItems(): Iterable<CapturedItem> {
    return this.items;
  }

  /** Every held chunk, oldest first. */
  allChunks(): Iterable<ChunkRecord> {
    return this.chunks;
  }

  /** Forgets every item and chunk. */
  clear(): void {
    this.items.clear();
    this.chunks.clear();
    this.bytes = 0;
    this.chunkBytes = 0;
    this.dropped = 0;
    this.pendingRows = [];
    this.pendingNotes = [];
    this.cleared = true;
  }

  addItem(row: FrameRow & { notes: string[] }, payload: Uint8Array, framesInChunk: number): number {
    const item: CapturedItem = { row: { ...row, seq: ++this.seq }, payload, framesInChunk };
    const out = this.items.push(item);
    if (out) this.forget(out);
    this.bytes += payload.length;
    this.trimItems();
    this.pendingRows.push(item.row);
    if (this.pendingRows.length > this.opt.maxItems)
      this.pendingRows.splice(0, this.pendingRows.length - this.opt.maxItems);
    return item.row.seq;
  }

  private trimItems(): void {
    while ((this.items.length > this.opt.maxItems || this.bytes > this.opt.maxBytes) && this.items.length > 1)
      this.forget(this.items.shift()!);
  }

  private trimChunks(): void {
    while (
      (this.chunks.length > this.opt.maxChunks || this.chunkBytes > this.opt.maxChunkBytes) &&
      this.chunks.length > 1
    )
      this.chunkBytes -= this.chunks.shift()!.bytes.length;
  }

  private forget(item: CapturedItem): void {
    this.bytes -= item.payload.length;
    this.dropped++;
  }

  addNote(seq: number, note: string): void {
    const item = this.get(seq);
    if (!item || item.row.notes.includes(note)) return;
    item.row.notes.push(note);
    this.pendingNotes.push({ seq, note });
  }

  addChunk(connId: string, dir: FrameDir, bytes: Uint8Array, t: number): number {
    const rec: ChunkRecord = { no: ++this.chunkNo, connId, dir, t, bytes };
    const out = this.chunks.push(rec);
    if (out) this.chunkBytes -= out.bytes.length;
    this.chunkBytes += bytes.length;
    this.trimChunks();
    return rec.no;
  }
}
