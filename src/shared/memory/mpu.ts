import type { CachePolicy, MemoryBank, MpuRegion } from './types';

/** What the CPU's caches do at one address: the MPU region that wins, or the default map. */
export interface CacheAt {
  readonly policy: CachePolicy | 'tcm';
  /** MPU region number that decides, or undefined for the default memory map. */
  readonly region?: number;
}

/** True when the data cache may hold lines of memory with this policy (so a DMA can see stale data). */
export function isCached(policy: CacheAt['policy']): boolean {
  return policy === 'write-back' || policy === 'write-through';
}

function covers(r: MpuRegion, address: number): boolean {
  if (address < r.base || address >= r.base + r.size) return false;
  if (r.srd === 0 || r.size < 256) return true;
  const sub = Math.floor((address - r.base) / (r.size / 8));
  return (r.srd & (1 << sub)) === 0;
}

/** Armv7-M default memory map attributes (used where no MPU region applies, with PRIVDEFENA). */
function defaultPolicy(address: number): CachePolicy {
  if (address < 0x20000000) return 'write-through';
  if (address < 0x40000000) return 'write-back';
  if (address >= 0x60000000 && address < 0x80000000) return 'write-back';
  if (address >= 0x80000000 && address < 0xa0000000) return 'write-through';
  return 'strongly-ordered';
}

/** The cache policy at `address`: the highest-numbered MPU region covering it wins (Armv7-M rule). */
export function cacheAt(mpu: readonly MpuRegion[], banks: readonly MemoryBank[], address: number): CacheAt {
  const bank = banks.find((b) => address >= b.origin && address < b.origin + b.length);
  if (bank && (bank.id === 'dtcm' || bank.id === 'itcm')) return { policy: 'tcm' };
  let best: MpuRegion | undefined;
  for (const r of mpu) if (covers(r, address) && (!best || r.number > best.number)) best = r;
  return best ? { policy: best.policy, region: best.number } : { policy: defaultPolicy(address) };
}

/** Words for a policy, as a bench engineer says them. */
export function policyLabel(policy: CacheAt['policy']): string {
  switch (policy) {
    case 'tcm':
      return 'TCM (never cached)';
    case 'no-access':
      return 'no access';
    case 'strongly-ordered':
      return 'strongly ordered (device)';
    case 'non-cacheable':
      return 'non-cacheable';
    case 'write-through':
      return 'cached, write-through';
    case 'write-back':
      return 'cached, write-back';
  }
}
