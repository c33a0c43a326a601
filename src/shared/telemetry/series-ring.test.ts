import { describe, expect, it } from 'vitest';
import { SeriesRing } from './series-ring';

function rows(ring: SeriesRing): number[][] {
  const v = ring.view();
  const out: number[][] = [];
  for (let j = v.start; j < v.end; j++) out.push([v.t[j]!, ...v.columns.map((c) => c[j]!)]);
  return out;
}

describe('SeriesRing', () => {
  it('keeps the newest rows in order up to its capacity and counts evictions', () => {
    const ring = new SeriesRing({ maxRows: 100, maxBytes: 1e9 });
    ring.seriesIndex('a');
    for (let i = 0; i < 1000; i++) ring.push(i, [i * 2]);
    expect(ring.length).toBe(100);
    expect(ring.evicted).toBe(900);
    expect(ring.firstT).toBe(900);
    expect(ring.lastT).toBe(999);
    const r = rows(ring);
    expect(r[0]).toEqual([900, 1800]);
    expect(r[99]).toEqual([999, 1998]);
  });

  it('adds series in first-seen order; earlier rows read NaN for a later series', () => {
    const ring = new SeriesRing({ maxRows: 10, maxBytes: 1e9 });
    expect(ring.seriesIndex('x')).toBe(0);
    ring.push(1, [5]);
    expect(ring.seriesIndex('y')).toBe(1);
    expect(ring.seriesIndex('x')).toBe(0);
    ring.push(2, [6, 7]);
    expect(ring.series).toEqual(['x', 'y']);
    expect(rows(ring)).toEqual([
      [1, 5, NaN],
      [2, 6, 7],
    ]);
  });

  it('bounds memory by bytes: more series mean fewer rows, newest kept', () => {
    const ring = new SeriesRing({ maxRows: 1_000_000, maxBytes: 8 * 2 * 1.25 * 1000 });
    ring.seriesIndex('a');
    expect(ring.capacity).toBe(1000);
    for (let i = 0; i < 1000; i++) ring.push(i, [i]);
    ring.seriesIndex('b');
    expect(ring.capacity).toBe(666);
    expect(ring.length).toBe(666);
    expect(ring.lastT).toBe(999);
    expect(ring.evicted).toBe(334);
  });

  it('stops adding series at maxSeries and finds time ranges', () => {
    const ring = new SeriesRing({ maxRows: 100, maxBytes: 1e9, maxSeries: 1 });
    expect(ring.seriesIndex('a')).toBe(0);
    expect(ring.seriesIndex('b')).toBe(-1);
    for (let i = 0; i < 10; i++) ring.push(i * 10, [i]);
    expect(ring.range(15, 45)).toEqual({ start: 2, end: 5 });
    ring.clear();
    expect(ring.length).toBe(0);
    expect(ring.series).toEqual([]);
  });
});
