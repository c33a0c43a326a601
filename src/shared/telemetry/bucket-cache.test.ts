import { describe, expect, it } from 'vitest';
import { BucketCache } from './bucket-cache';
import { columnStats, lowerBound, upperBound } from './decimate';
import { SeriesRing } from './series-ring';

describe('BucketCache', () => {
  it('gives the same extremes and statistics as a full pass while the window scrolls and rows are evicted', () => {
    const ring = new SeriesRing({ maxRows: 5000, maxBytes: 1e9 });
    ring.seriesIndex('a');
    ring.seriesIndex('b');
    const cache = new BucketCache();
    let t = 0;
    for (let step = 0; step < 30; step++) {
      for (let i = 0; i < 500; i++, t += 1)
        ring.push(t, [Math.sin(t / 50) * 10 + (t % 97 === 0 ? 50 : 0), t % 13]);
      const toT = ring.lastT;
      const fromT = toT - 3000;
      const r = cache.query(ring.view(), fromT, toT, 3000 / 100);
      const v = ring.view();
      const start = lowerBound(v.t, fromT, v.start, v.end);
      const end = upperBound(v.t, toT, start, v.end);
      for (let i = 0; i < 2; i++) {
        const exact = columnStats(v.columns[i]!, start, end)!;
        expect(r.stats[i]!.min).toBe(exact.min);
        expect(r.stats[i]!.max).toBe(exact.max);
        expect(r.stats[i]!.count).toBe(exact.count);
        expect(r.stats[i]!.mean).toBeCloseTo(exact.mean, 6);
        expect(Math.max(...(r.columns[i] as number[]))).toBe(exact.max);
      }
      expect(r.t.length).toBeLessThanOrEqual(2 * 102);
      // The newest row is drawn (the window's end is closed).
      expect(r.t.at(-1)).toBe(toT);
      for (let j = 1; j < r.t.length; j++) expect(r.t[j]!).toBeGreaterThanOrEqual(r.t[j - 1]!);
    }
  });
});
