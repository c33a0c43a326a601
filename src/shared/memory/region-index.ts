// Which region holds an address, in log time: the map of a build may list up to MAX_REGIONS regions and
// MAX_OUTPUT_SECTIONS sections, and matching each section against every region was regions × sections.
import type { LinkerRegion } from './types';

/** One stretch of addresses where the same regions overlap, with those regions in declaration order. */
interface Stretch {
  readonly start: number;
  readonly covering: readonly number[];
}

/**
 * Finds the region of a section as ld's map reader would: the first declared region holding the whole section, or
 * else the first holding its start. Regions may overlap; the address line is cut where any region starts or ends,
 * and each stretch keeps the regions covering it, so a lookup is one binary search plus the few overlapping ones.
 */
export class RegionIndex {
  private readonly stretches: Stretch[] = [];
  /** Regions looked at so far (binary-search steps and candidates): tests check it grows as sections × log regions. */
  probes = 0;

  constructor(private readonly regions: readonly LinkerRegion[]) {
    const cuts = [...new Set(regions.flatMap((r) => [r.origin, r.origin + r.length]))].sort((a, b) => a - b);
    for (const start of cuts) {
      const covering: number[] = [];
      regions.forEach((r, k) => {
        if (r.origin <= start && start < r.origin + r.length) covering.push(k);
      });
      this.stretches.push({ start, covering });
    }
  }

  /** The name of the region holding `[address, address + max(size, 1))`, else the one holding `address`. */
  find(address: number, size: number): string | undefined {
    let lo = 0;
    let hi = this.stretches.length - 1;
    let at = -1;
    while (lo <= hi) {
      this.probes++;
      const mid = (lo + hi) >> 1;
      if (this.stretches[mid]!.start <= address) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (at < 0) return undefined;
    const covering = this.stretches[at]!.covering;
    const end = address + Math.max(size, 1);
    for (const k of covering) {
      this.probes++;
      const r = this.regions[k]!;
      if (end <= r.origin + r.length) return r.name;
    }
    return covering.length > 0 ? this.regions[covering[0]!]!.name : undefined;
  }
}
