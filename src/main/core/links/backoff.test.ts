import { describe, expect, it } from 'vitest';
import { backoffDelay, PeriodEstimator } from './backoff';

describe('backoffDelay', () => {
  it('grows 1, 2, 4, 8, 15 s and stays at 15 s', () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 9].map((a) => backoffDelay(a, { random: mid }))).toEqual([
      1000, 2000, 4000, 8000, 15000, 15000, 15000,
    ]);
  });

  it('jitters by ±20 %', () => {
    expect(backoffDelay(4, { random: () => 0 })).toBe(12000);
    expect(backoffDelay(4, { random: () => 0.999999 })).toBe(18000);
    expect(backoffDelay(0, { random: () => 0, jitter: 0 })).toBe(1000);
  });
});

describe('PeriodEstimator', () => {
  it('answers the default until two arrivals, then the median interval', () => {
    const p = new PeriodEstimator(1000);
    expect(p.periodMs).toBe(1000);
    p.arrival(0);
    expect(p.periodMs).toBe(1000);
    for (const t of [873, 1746, 2619, 3000, 3492]) p.arrival(t);
    expect(p.periodMs).toBe(873);
  });

  it('clamps silly periods and forgets on reset', () => {
    const p = new PeriodEstimator(1000);
    p.arrival(0);
    p.arrival(1);
    expect(p.periodMs).toBe(100);
    p.reset();
    expect(p.periodMs).toBe(1000);
  });
});
