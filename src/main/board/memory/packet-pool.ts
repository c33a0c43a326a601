/** Counters of one NetX packet pool, as `nx_packet_pool_info_get` reports them. */
export interface PacketPoolStats {
  readonly name: string;
  /** Payload bytes per packet. */
  readonly payload: number;
  readonly total: number;
  readonly free: number;
  /** Most packets ever in use at once. */
  readonly highWater: number;
  /** Allocations refused because the pool was empty (NX_NO_PACKET). */
  readonly failures: number;
  /** Allocations served. */
  readonly allocations: number;
}

/** A handle for allocated packets; release it exactly once. */
export interface PacketLease {
  release(): void;
}

/**
 * A NetX-style packet pool of the virtual board: a fixed number of fixed-size packets. `allocate(bytes)` takes as
 * many packets as the bytes need (NetX chains packets) or none at all, and counts a failure when it cannot.
 */
export class PacketPool {
  private inUse = 0;
  private highWater = 0;
  private failures = 0;
  private allocations = 0;
  private listeners = new Set<() => void>();

  constructor(
    readonly name: string,
    readonly payload: number,
    private total: number,
  ) {}

  /** Takes packets for `bytes` of data, or returns undefined (and counts a failure) if the pool cannot serve them. */
  allocate(bytes: number): PacketLease | undefined {
    const need = Math.max(1, Math.ceil(bytes / this.payload));
    if (this.inUse + need > this.total) {
      this.failures++;
      this.changed();
      return undefined;
    }
    this.inUse += need;
    this.allocations++;
    if (this.inUse > this.highWater) this.highWater = this.inUse;
    this.changed();
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.inUse -= need;
        this.changed();
      },
    };
  }

  /** Changes the number of packets (a fault knob, or a what-if applied). Packets in use stay in use. */
  resize(total: number): void {
    this.total = Math.max(0, Math.floor(total));
    this.changed();
  }

  /** Clears the high-water mark and failure count (as a reboot does). */
  resetCounters(): void {
    this.highWater = this.inUse;
    this.failures = 0;
    this.allocations = 0;
    this.changed();
  }

  stats(): PacketPoolStats {
    return {
      name: this.name,
      payload: this.payload,
      total: this.total,
      free: Math.max(0, this.total - this.inUse),
      highWater: this.highWater,
      failures: this.failures,
      allocations: this.allocations,
    };
  }

  /** Called after every change; returns the unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}
