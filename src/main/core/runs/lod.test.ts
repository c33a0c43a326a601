import { describe, expect, it } from 'vitest';
import { LodPyramid, LOD_BASE_BUCKETS } from './lod';

/** A pyramid over `n` samples of two series, one every `dt` ms from t = 1000; series 1 only on even samples. */
function build(n: number, dt: number, value: (j: number) => number) {
  const lod = new LodPyramid(1000, 1000 + (n - 1) * dt);
  const row = new Float64Array(2);
  for (let j = 0; j < n; j++) {
    row[0] = value(j);
    row[1] = j % 2 === 0 ? -value(j) : NaN;
    lod.add(1000 + j * dt, row, 2);
  }
  lod.finish();
  return lod;
}

describe('LodPyramid', () => {
  it('counts the samples of a window by its buckets', () => {
    const lod = build(10_000, 10, (j) => j);
    expect(lod.samplesIn(1000, 1000 + 9999 * 10)).toBe(10_000);
    expect(lod.samplesIn(0, 500)).toBe(0);
    const half = lod.samplesIn(1000, 1000 + 4999 * 10);
    expect(half).toBeGreaterThanOrEqual(5000);
    expect(half).toBeLessThanOrEqual(5002);
  });

  it('draws any window in at most two rows per bucket, keeping each bucket’s extremes in order', () => {
    // A sawtooth with one spike: every zoom must still show the spike at its value.
    const n = 400_000;
    const lod = build(n, 1, (j) => (j === 123_457 ? 1e6 : j % 1000));
    for (const [from, to] of [
      [1000, 1000 + n],
      [1000 + 100_000, 1000 + 200_000],
      [1000 + 123_000, 1000 + 124_000],
    ] as const) {
      for (const buckets of [10, 500, 1000]) {
        const w = lod.window(from, to, buckets, 2);
        expect(w.t.length).toBeLessThanOrEqual(2 * buckets);
        expect(w.t.length).toBeGreaterThan(0);
        const values = w.columns[0]!.filter((v): v is number => v !== null);
        if (from <= 1000 + 123_457 && to >= 1000 + 123_457) expect(Math.max(...values)).toBe(1e6);
        else expect(Math.max(...values)).toBe(999);
        expect(Math.min(...values)).toBe(0);
        for (let j = 1; j < w.t.length; j++) expect(w.t[j]!).toBeGreaterThanOrEqual(w.t[j - 1]!);
        // The second series is there on every row a bucket gave it, absent never as 0.
        expect(w.columns[1]!.every((v) => v === null || v <= 0)).toBe(true);
      }
    }
  });

  it('puts the minimum first when it came first, and the maximum first when it did', () => {
    const rising = build(1000, 1, (j) => j);
    const falling = build(1000, 1, (j) => 5 - j);
    const up = rising.window(1000, 2000, 1, 1);
    const down = falling.window(1000, 2000, 1, 1);
    expect(up.columns[0]).toEqual([0, 999]);
    expect(down.columns[0]).toEqual([5, -994]);
    expect(up.t).toEqual([1000, 1999]);
  });

  it('keeps its memory bounded whatever the run’s length', () => {
    const lod = build(1_000_000, 86.4, (j) => j);
    expect(lod.bytes).toBeLessThan(LOD_BASE_BUCKETS * (20 + 2 * 17) * 1.4);
  });

  it('finds the bucket of the last sample at or before a time', () => {
    const lod = build(100, 100, (j) => j);
    expect(lod.lastBucketAtOrBefore(500)).toBeUndefined();
    const at = lod.lastBucketAtOrBefore(1000 + 50 * 100 + 50);
    expect(at!.from).toBeLessThanOrEqual(1000 + 50 * 100);
    expect(at!.to).toBeGreaterThanOrEqual(1000 + 50 * 100);
  });
});
