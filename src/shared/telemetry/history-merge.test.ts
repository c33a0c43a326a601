import { describe, expect, it } from 'vitest';
import { decimateMinMax } from './decimate';
import { joinAtBoundary, reduceBucket } from './history-merge';

/** n samples of two series at 1 ms steps from t0, with spikes, as a columnar view. */
function samples(t0: number, n: number) {
  const t = Array.from({ length: n }, (_, j) => t0 + j);
  const a = t.map((_, j) => Math.sin(j / 7) * 10 + (j % 97 === 0 ? 50 : 0));
  const b = t.map((_, j) => (j * 31) % 17);
  return { t, columns: [Float64Array.from(a), Float64Array.from(b)] };
}

describe('joinAtBoundary', () => {
  const origin = 1_765_000_000_000;
  const width = 10;
  const buckets = 100;
  const all = samples(origin, 1000);
  const whole = (start: number, end: number) =>
    decimateMinMax({ ...all, start, end }, origin, origin + buckets * width, buckets);

  // The boundary inside a bucket (t = 455 is in bucket 45), on a bucket edge, and at the first sample.
  it.each([455, 450, 451, 459, 1])(
    'gives what one decimation of every sample gives, boundary at +%i ms',
    (offset) => {
      const boundary = origin + offset;
      const split = all.t.findIndex((v) => v >= boundary);
      const older = { series: ['a', 'b'], ...whole(0, split) };
      const newer = { series: ['a', 'b'], ...whole(split, all.t.length) };
      const joined = joinAtBoundary(older, newer, boundary, { origin, width }, true);
      const once = whole(0, all.t.length);
      expect(joined.t).toEqual(once.t);
      expect(joined.columns).toEqual(once.columns);
      // No row twice, in time order.
      expect(new Set(joined.t).size).toBe(joined.t.length);
      expect([...joined.t].sort((x, y) => x - y)).toEqual(joined.t);
    },
  );

  it('drops rows of either part on the wrong side of the boundary (an older part that reached past it)', () => {
    const older = { series: ['a'], t: [1, 2, 3, 4], columns: [[1, 2, 3, 4]] };
    const newer = { series: ['a'], t: [3, 4, 5], columns: [[30, 40, 50]] };
    const joined = joinAtBoundary(older, newer, 3, { origin: 0, width: 1 }, false);
    expect(joined.t).toEqual([1, 2, 3, 4, 5]);
    expect(joined.columns).toEqual([[1, 2, 30, 40, 50]]);
  });

  it('matches series by name, whatever their order in each part', () => {
    const older = { series: ['b', 'a', 'c'], t: [1], columns: [[2], [1], [9]] };
    const newer = { series: ['a', 'b'], t: [5], columns: [[10], [20]] };
    const joined = joinAtBoundary(older, newer, 5, { origin: 0, width: 1 }, false);
    expect(joined.series).toEqual(['a', 'b', 'c']);
    expect(joined.columns).toEqual([
      [1, 10],
      [2, 20],
      [9, null],
    ]);
  });
});

describe('reduceBucket', () => {
  it('keeps the first and last times and each series extremes in the order they came', () => {
    const r = reduceBucket(
      [10, 11, 12, 13],
      [
        [5, 9, 1, 4],
        [null, null, null, null],
      ],
    );
    expect(r).toEqual({
      t: [10, 13],
      columns: [
        [9, 1],
        [null, null],
      ],
    });
  });
});
