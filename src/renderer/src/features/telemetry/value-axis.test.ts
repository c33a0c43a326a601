import { describe, expect, it } from 'vitest';
import { valueAxis } from './value-axis';

const whole = (ticks: readonly number[]) => ticks.every((v) => Number.isInteger(v));

describe('valueAxis', () => {
  it('gives a whole-valued series whole ticks, however narrow its range', () => {
    for (const [lo, hi] of [
      [41, 42],
      [39, 44],
      [42, 42],
      [0, 3],
      [-2, 1],
      [100, 107],
    ] as const) {
      const a = valueAxis(lo, hi, true);
      expect(whole(a.ticks), `${lo}…${hi}: ${a.ticks.join(' ')}`).toBe(true);
      expect(a.lo).toBeLessThanOrEqual(lo);
      expect(a.hi).toBeGreaterThanOrEqual(hi);
      expect(a.ticks.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('never steps a whole-valued axis by 2.5', () => {
    const a = valueAxis(0, 9, true);
    expect(a.ticks).toEqual([0, 5, 10]);
  });

  it('keeps fractional ticks for a fractional series', () => {
    expect(valueAxis(41, 42).ticks).toEqual([41, 41.25, 41.5, 41.75, 42]);
  });
});
