import { describe, expect, it } from 'vitest';
import { columnStats, decimateMinMax, lowerBound } from './decimate';

function view(t: number[], ...cols: number[][]) {
  return { t, columns: cols, start: 0, end: t.length };
}

describe('decimateMinMax', () => {
  it('returns every row when there are few, with NaN as null', () => {
    const d = decimateMinMax(view([0, 1, 2], [1, NaN, 3]), 0, 3, 10);
    expect(d.t).toEqual([0, 1, 2]);
    expect(d.columns).toEqual([[1, null, 3]]);
  });

  it('keeps each bucket extremes in time order, on a shared index', () => {
    const t = Array.from({ length: 1000 }, (_, i) => i);
    const a = t.map((i) => (i === 337 ? 100 : i === 338 ? -100 : 0));
    const b = t.map((i) => i);
    const d = decimateMinMax(view(t, a, b), 0, 1000, 10);
    expect(d.t.length).toBeLessThanOrEqual(20);
    expect(d.columns[0]!.length).toBe(d.t.length);
    expect(d.columns[1]!.length).toBe(d.t.length);
    // The spike survives, max before min as in the data.
    const bucket = d.columns[0]!.slice(6, 8);
    expect(bucket).toEqual([100, -100]);
    expect(Math.max(...(d.columns[1] as number[]))).toBe(999);
    expect(Math.min(...(d.columns[1] as number[]))).toBe(0);
    // Times are non-decreasing.
    for (let i = 1; i < d.t.length; i++) expect(d.t[i]!).toBeGreaterThanOrEqual(d.t[i - 1]!);
  });

  // Its speed is measured in test/bench/pure-code.bench.ts, not asserted here.
  it('reduces 600,000 rows of 4 series to about 2 per bucket', () => {
    const n = 600_000;
    const t = new Float64Array(n).map((_, i) => i);
    const cols = [0, 1, 2, 3].map((k) => new Float64Array(n).map((_, i) => Math.sin(i / 1000 + k)));
    const d = decimateMinMax({ t, columns: cols, start: 0, end: n }, 0, n, 1000);
    expect(d.t.length).toBeLessThanOrEqual(2000);
    expect(d.t.length).toBeGreaterThan(1000);
  });

  it('gives null for a series with no finite value in a bucket', () => {
    const t = Array.from({ length: 100 }, (_, i) => i);
    const d = decimateMinMax(
      view(
        t,
        t.map((i) => (i < 50 ? NaN : i)),
      ),
      0,
      100,
      4,
    );
    expect(d.columns[0]![0]).toBeNull();
    expect(d.columns[0]![d.t.length - 1]).toBe(99);
  });
});

describe('lowerBound and columnStats', () => {
  it('finds the first time at or after a value', () => {
    const t = [1, 2, 2, 5, 9];
    expect(lowerBound(t, 2)).toBe(1);
    expect(lowerBound(t, 3)).toBe(3);
    expect(lowerBound(t, 10)).toBe(5);
    expect(lowerBound(t, 0)).toBe(0);
  });
  it('computes min/max/mean over finite values only', () => {
    expect(columnStats([1, NaN, 3, 8], 0, 4)).toEqual({ min: 1, max: 8, mean: 4, count: 3 });
    expect(columnStats([NaN], 0, 1)).toBeUndefined();
  });
  it('puts a row whose time rounds onto a bucket edge into one bucket (it once looped forever)', () => {
    // Found by search: floor((t − from) / width) = 45132 with 50,000 buckets, yet t ≥ from + 45133 × width in
    // floating point, so the old edge test left this row in no bucket and never moved past it.
    const from = 1800001217910.2834;
    const to = 1800001817910.391;
    const bad = 1800001759506.3806;
    const n = 120_000;
    const times = Array.from({ length: n }, (_, k) => from + ((to - from) * k) / n);
    times.push(bad);
    times.sort((a, b) => a - b);
    const t = Float64Array.from(times);
    const v = Float64Array.from(times, (x) => (x === bad ? 999 : 1));
    const d = decimateMinMax({ t, columns: [v], start: 0, end: t.length }, from, to, 50_000);
    expect(d.t.length).toBeLessThanOrEqual(100_000);
    expect(Math.max(...(d.columns[0] as number[]))).toBe(999);
  });
});
