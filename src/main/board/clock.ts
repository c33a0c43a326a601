// Injected time and randomness, so the virtual board runs deterministically in tests.

/** A timer handle as returned by the clock. */
export type TimerHandle = { readonly id: unknown };

/** Wall time and timers. The default uses Date.now and setTimeout. */
export interface BoardClock {
  /** Milliseconds (epoch for the real clock; any origin for a fake one). */
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** A 32-bit random source, like the STM32 RNG (`HAL_RNG_GenerateRandomNumber`). */
export type RandomSource = () => number;

export const realClock: BoardClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => ({ id: setTimeout(fn, ms) }),
  clearTimeout: (h) => clearTimeout(h.id as NodeJS.Timeout),
};

/** Math.random as 32-bit words. */
export const mathRandom: RandomSource = () => Math.floor(Math.random() * 2 ** 32) >>> 0;

/** A seeded xorshift32 source for reproducible runs. */
export function seededRandom(seed: number): RandomSource {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

/** A set of timers that can all be cancelled at once (close() and reboot release every timer). */
export class TimerSet {
  private readonly live = new Set<TimerHandle>();
  constructor(private readonly clock: BoardClock) {}

  after(ms: number, fn: () => void): TimerHandle {
    const h = this.clock.setTimeout(
      () => {
        this.live.delete(h);
        fn();
      },
      Math.max(0, ms),
    );
    this.live.add(h);
    return h;
  }

  cancel(h: TimerHandle | undefined): void {
    if (!h) return;
    this.clock.clearTimeout(h);
    this.live.delete(h);
  }

  cancelAll(): void {
    for (const h of this.live) this.clock.clearTimeout(h);
    this.live.clear();
  }

  get size(): number {
    return this.live.size;
  }
}

/**
 * The ThreadX tick counter: 1000 ticks per nominal second, sped up by `tickScale` (1.1458 models the 550 MHz core
 * with SysTick reload computed for 480 MHz). Optionally wraps at 2^32 ticks like the 32-bit `tx_time_get()`.
 */
export class TickClock {
  private origin: number;
  constructor(
    private readonly clock: BoardClock,
    public tickScale = 1,
    public wrap = true,
    /** Ticks already elapsed at start (to test the wrap). */
    private readonly startTicks = 0,
  ) {
    this.origin = clock.now();
  }

  /** Restarts at tick 0 (reboot). */
  restart(): void {
    this.origin = this.clock.now();
  }

  ticks(): number {
    return this.ticksBefore(0);
  }

  /** What tx_time_get() returned `ticksAgo` ticks ago (0 before boot; across the wrap, the count before it). */
  ticksBefore(ticksAgo: number): number {
    const t = Math.max(
      0,
      Math.floor((this.clock.now() - this.origin) * this.tickScale - ticksAgo) + this.startTicks,
    );
    return this.wrap ? t % 2 ** 32 : t;
  }

  /** `tx_time_get() / TX_TIMER_TICKS_PER_SECOND`. */
  uptimeSeconds(): number {
    return Math.floor(this.ticks() / 1000);
  }

  /** Real milliseconds for a number of ticks. */
  msForTicks(ticks: number): number {
    return ticks / this.tickScale;
  }
}
