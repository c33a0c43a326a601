import { resolveConfig, type MemoryConfig, type ResolvedConfig } from '../../../shared/memory/config';
import { nucleoMemLayout } from '../../../shared/memory/firmware-layout';
import type { BytePoolId, MemoryLayout, PacketPoolId } from '../../../shared/memory/types';
import { computeUsage, type MemoryUsage } from '../../../shared/memory/usage';
import { poolStatusText, type MediaStatus, type PoolStatus } from '../../../shared/protocol/pool-status';
import { BytePool } from './byte-pool';
import { PacketPool } from './packet-pool';

/** Timers BoardMemory uses for throttling; tests pass fakes. */
export interface MemoryClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemClock: MemoryClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** How to build a board's memory. */
export interface BoardMemoryOptions {
  /** Static layout (default: the NUCLEO-MEM firmware). */
  readonly layout?: MemoryLayout;
  /** What-if to start from (default: the firmware as built, one HTTP session). */
  readonly config?: MemoryConfig;
  /** Minimum time between change notifications, ms (default 250: at most 4 Hz). */
  readonly throttleMs?: number;
  readonly clock?: MemoryClock;
}

/** What `apply` did. */
export interface ApplyResult {
  readonly config: ResolvedConfig;
  /** Changes made to the live pools, in words. */
  readonly applied: readonly string[];
  /** Changes that need a rebuilt firmware (a payload size), or that did not fit. */
  readonly notApplied: readonly string[];
}

/**
 * The virtual board's memory: the four NetX packet pools and three ThreadX byte pools the firmware creates, with
 * the boot-time allocations already made. Servers allocate from `packetPool(...)`; the board sends `snapshot()` as
 * a pool-status message; `onChange` is throttled so a 100 Hz allocation storm costs at most 4 notifications a second.
 */
export class BoardMemory {
  readonly layout: MemoryLayout;
  private resolved: ResolvedConfig;
  private readonly packets = new Map<PacketPoolId, PacketPool>();
  private readonly bytes = new Map<BytePoolId, BytePool>();
  private readonly listeners = new Set<(status: PoolStatus) => void>();
  private readonly clock: MemoryClock;
  private readonly throttleMs: number;
  private timer: unknown;
  private lastEmit = -Infinity;
  private closed = false;

  constructor(options: BoardMemoryOptions = {}) {
    this.layout = options.layout ?? nucleoMemLayout;
    this.clock = options.clock ?? systemClock;
    this.throttleMs = options.throttleMs ?? 250;
    this.resolved = resolveConfig(this.layout, options.config);
    for (const spec of this.layout.packetPools) {
      const c = this.resolved.packetPools[spec.id];
      const pool = new PacketPool(spec.name, c.payload, c.packets);
      pool.onChange(() => this.schedule());
      this.packets.set(spec.id, pool);
    }
    for (const spec of this.layout.bytePools) {
      const pool = new BytePool(spec.name, this.resolved.bytePools[spec.id].size);
      for (const a of spec.allocations) pool.allocate(a.size, a.label);
      pool.onChange(() => this.schedule());
      this.bytes.set(spec.id, pool);
    }
  }

  /** A packet pool by id ('main' | 'http' | 'ftp' | 'ws') or by its firmware name ("WS Server Packet Pool"). */
  packetPool(key: PacketPoolId | string): PacketPool | undefined {
    return this.packets.get(key as PacketPoolId) ?? [...this.packets.values()].find((p) => p.name === key);
  }

  /** A byte pool by id ('tx' | 'fx' | 'nx') or by its firmware name ("Nx App memory pool"). */
  bytePool(key: BytePoolId | string): BytePool | undefined {
    return this.bytes.get(key as BytePoolId) ?? [...this.bytes.values()].find((p) => p.name === key);
  }

  /** The configuration the pools currently follow. */
  get config(): ResolvedConfig {
    return this.resolved;
  }

  /** The pool-status data: every pool's counters now. */
  snapshot(): PoolStatus {
    return {
      packetPools: [...this.packets.values()].map((p) => {
        const s = p.stats();
        return {
          name: s.name,
          payload: s.payload,
          total: s.total,
          free: s.free,
          highWater: s.highWater,
          failures: s.failures,
        };
      }),
      bytePools: [...this.bytes.values()].map((b) => b.stats()),
    };
  }

  /** The exact text of the pool-status message the virtual board sends, with its storage media when given. */
  statusText(media?: readonly MediaStatus[]): string {
    return poolStatusText(media ? { ...this.snapshot(), media } : this.snapshot());
  }

  /** Static region usage of the current configuration. */
  usage(): MemoryUsage {
    return computeUsage(this.layout, this.configInput());
  }

  /** Called with a snapshot at most once per throttle period after changes; returns the unsubscribe function. */
  onChange(listener: (status: PoolStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Applies a what-if to the live pools: packet counts follow the new pool bytes, byte pools are resized, placements
   * are recorded (they change the map, not the behaviour). A payload change cannot be made to a live pool.
   */
  apply(config: MemoryConfig): ApplyResult {
    const next = resolveConfig(this.layout, config);
    const applied: string[] = [];
    const notApplied: string[] = [];
    for (const spec of this.layout.packetPools) {
      const pool = this.packets.get(spec.id)!;
      const want = next.packetPools[spec.id];
      const before = this.resolved.packetPools[spec.id];
      if (want.payload !== pool.payload) {
        notApplied.push(
          `${spec.name}: payload ${want.payload} B needs a rebuilt firmware; it stays ${pool.payload} B.`,
        );
      }
      const packets = Math.floor(want.bytes / (Math.ceil((pool.payload + next.packetHeader) / 4) * 4));
      if (packets !== pool.stats().total) {
        applied.push(`${spec.name}: ${pool.stats().total} → ${packets} packets.`);
        pool.resize(packets);
      }
      if (want.region !== before.region) applied.push(`${spec.name}: placed in ${want.region}.`);
    }
    for (const spec of this.layout.bytePools) {
      const pool = this.bytes.get(spec.id)!;
      const want = next.bytePools[spec.id];
      if (want.size !== pool.stats().size) {
        if (pool.resize(want.size)) applied.push(`${spec.name}: ${want.size.toLocaleString('en-US')} B.`);
        else
          notApplied.push(
            `${spec.name}: ${want.size.toLocaleString('en-US')} B is too small for what is allocated in it.`,
          );
      }
    }
    if (next.httpSessionMax !== this.resolved.httpSessionMax)
      applied.push(`HTTP sessions: ${next.httpSessionMax}.`);
    this.resolved = next;
    this.schedule();
    return { config: next, applied, notApplied };
  }

  /** Clears high-water marks and failure counts, as a reboot does. */
  resetCounters(): void {
    for (const p of this.packets.values()) p.resetCounters();
  }

  /** Stops pending notifications. */
  close(): void {
    this.closed = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.listeners.clear();
  }

  private configInput(): MemoryConfig {
    const r = this.resolved;
    return {
      httpSessionMax: r.httpSessionMax,
      packetHeader: r.packetHeader,
      packetPools: Object.fromEntries(
        Object.entries(r.packetPools).map(([id, p]) => [
          id,
          { bytes: p.auto ? undefined : p.bytes, payload: p.payload, region: p.region },
        ]),
      ),
      bytePools: r.bytePools,
    };
  }

  private schedule(): void {
    if (this.closed || this.timer !== undefined || this.listeners.size === 0) return;
    const wait = Math.max(0, this.lastEmit + this.throttleMs - this.clock.now());
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.lastEmit = this.clock.now();
      const status = this.snapshot();
      for (const l of this.listeners) l(status);
    }, wait);
  }
}
