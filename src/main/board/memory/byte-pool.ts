import type { BytePoolStatus } from '../../../shared/protocol/pool-status';

/** Bytes ThreadX keeps per block (next-block pointer + owner pool pointer on a 32-bit core). */
const BLOCK_OVERHEAD = 8;
/** ThreadX does not split off a free remainder smaller than this (TX_BYTE_BLOCK_MIN). */
const BLOCK_MIN = 20;

interface Block {
  size: number;
  free: boolean;
  label?: string;
}

/** A handle for allocated bytes; release it exactly once. */
export interface ByteLease {
  readonly size: number;
  release(): void;
}

/**
 * A ThreadX-style byte pool of the virtual board: first-fit blocks with an 8-byte header each, so `available` and
 * `fragments` move the way `tx_byte_pool_info_get` shows them on the real board.
 */
export class BytePool {
  private blocks: Block[] = [];
  private size: number;
  private listeners = new Set<() => void>();

  constructor(
    readonly name: string,
    size: number,
  ) {
    this.size = Math.floor(size / 4) * 4;
    this.blocks = [{ size: this.size - BLOCK_OVERHEAD, free: true }];
  }

  /** Takes `bytes` (rounded up to 4) or returns undefined when no free block is large enough (TX_NO_MEMORY). */
  allocate(bytes: number, label?: string): ByteLease | undefined {
    const need = Math.ceil(Math.max(1, bytes) / 4) * 4 + BLOCK_OVERHEAD;
    const i = this.blocks.findIndex((b) => b.free && b.size >= need);
    if (i < 0) return undefined;
    const block = this.blocks[i]!;
    if (block.size - need >= BLOCK_MIN) {
      this.blocks.splice(i + 1, 0, { size: block.size - need, free: true });
      block.size = need;
    }
    block.free = false;
    block.label = label;
    this.changed();
    let released = false;
    return {
      size: block.size,
      release: () => {
        if (released) return;
        released = true;
        block.free = true;
        block.label = undefined;
        this.merge();
        this.changed();
      },
    };
  }

  /** Changes the pool size (a what-if applied); allocations stay. Returns false when they would not fit. */
  resize(size: number): boolean {
    const next = Math.floor(size / 4) * 4;
    const last = this.blocks[this.blocks.length - 1]!;
    const delta = next - this.size;
    if (delta === 0) return true;
    if (last.free) {
      if (last.size + delta < 0) return false;
      last.size += delta;
    } else {
      if (delta < BLOCK_MIN) return false;
      this.blocks.push({ size: delta, free: true });
    }
    this.size = next;
    this.merge();
    this.changed();
    return true;
  }

  /** What `tx_byte_pool_info_get` reports (plus the size, which the firmware knows). */
  stats(): Required<BytePoolStatus> {
    const available = this.blocks.filter((b) => b.free).reduce((s, b) => s + b.size, 0);
    return { name: this.name, size: this.size, available, fragments: this.blocks.length + 1 };
  }

  /** Allocated blocks in pool order: what the pool holds. */
  allocations(): Array<{ label?: string; size: number }> {
    return this.blocks.filter((b) => !b.free).map((b) => ({ label: b.label, size: b.size }));
  }

  /** Called after every change; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private merge(): void {
    for (let i = 0; i < this.blocks.length - 1;) {
      const a = this.blocks[i]!;
      const b = this.blocks[i + 1]!;
      if (a.free && b.free) {
        a.size += b.size;
        this.blocks.splice(i + 1, 1);
      } else i++;
    }
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}
