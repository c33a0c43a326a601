// A small seeded random source for the fuzz tests (sfc32): the same seed gives the same requests in the same order,
// so a failure found with one seed is replayed with FUZZ_SEED=<seed>.

/** A seeded pseudo-random source with the helpers a value generator needs. */
export interface Prng {
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** A whole number in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** A whole number spread evenly over the orders of magnitude of [lo, hi] (sizes: small ones as often as huge). */
  logInt(lo: number, hi: number): number;
}

/** The seed FUZZ_SEED names, or a fresh one; either way a 32-bit unsigned integer to print on failure. */
export function fuzzSeed(env: NodeJS.ProcessEnv = process.env): number {
  const given = env.FUZZ_SEED;
  if (given !== undefined && given !== '') {
    const n = Number(given);
    if (!Number.isInteger(n) || n < 0 || n > 0xffffffff)
      throw new Error(`FUZZ_SEED must be a whole number from 0 to 4294967295, not "${given}"`);
    return n;
  }
  return (Date.now() ^ (process.pid << 16)) >>> 0;
}

/** sfc32 seeded from one 32-bit number (its state warmed up so nearby seeds do not start alike). */
export function prng(seed: number): Prng {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const raw = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 16; i++) raw();
  const int = (lo: number, hi: number): number => lo + Math.floor(raw() * (hi - lo + 1));
  return {
    seed,
    next: raw,
    int,
    chance: (p) => raw() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(0, items.length - 1)]!;
    },
    logInt: (lo, hi) => {
      const from = Math.log(Math.max(1, lo));
      const to = Math.log(Math.max(1, hi));
      return Math.min(hi, Math.max(lo, Math.round(Math.exp(from + raw() * (to - from)))));
    },
  };
}
