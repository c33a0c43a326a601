import type { Placement } from '../../../../shared/memory/types';

/** Fill of a placement on the region map, by what it is; a warning overrides (and is also said in words). */
export const kindColor: Record<Placement['kind'], string> = {
  'packet-pool': '#4FC3F7',
  'byte-pool': '#9575CD',
  buffer: '#78909C',
  section: '#8D6E63',
  reserve: '#546E7A',
};

export const warnColor = '#FFB300';
export const errorColor = '#FF5252';

/** Bar colour for a share used: calm below 75 %, amber to 90 %, red above. */
export function usageColor(percent: number): string {
  return percent > 100 ? errorColor : percent >= 90 ? '#FF7043' : percent >= 75 ? warnColor : '#66BB6A';
}
