import { describe, expect, it } from 'vitest';
import type { RunTelemetry } from '../../../../shared/bridge/contracts/runs';
import { seriesPath } from '../telemetry/series-path';
import { COMPARED, placeNotes, reviewView, rowAt } from './chart-data';

const tel = (t: number[], temp: Array<number | null>): RunTelemetry => ({
  reviewId: 'r',
  exact: true,
  boardId: 'virtual',
  series: ['junctionTemp'],
  t,
  columns: [temp],
  marks: [{ t: 1500, kind: 'reboot' }],
  counts: { received: t.length, invalid: 0, dropped: 0, other: 0 },
  rawRows: t.length,
  heldFrom: t[0] ?? null,
  heldTo: t.at(-1) ?? null,
  capacity: 0,
});

describe('review chart data', () => {
  it("draws the compared run's same series from its own rows, shifted by the alignment", () => {
    const a = tel([1000, 2000, 3000], [40, 41, 42]);
    const b = tel([10_000, 11_000], [45, 47]);
    const v = reviewView(a, 1000, 3000, { data: b, offset: -9000 });
    expect(v.series).toEqual(['junctionTemp', `junctionTemp${COMPARED}`]);
    expect(v.t).toEqual([1000, 1000, 2000, 2000, 3000]);
    expect(v.columns[0]).toEqual([40, 40, 41, 41, 42]);
    expect(v.columns[1]).toEqual([45, 45, 47, 47, null]);
    // Figures from each run's own samples.
    expect(v.stats[0]).toMatchObject({ min: 40, max: 42, count: 3 });
    expect(v.stats[1]).toMatchObject({ min: 45, max: 47, count: 2 });
    expect(v.marks).toEqual([{ t: 1500, kind: 'reboot' }]);
  });

  it("draws a spike of the compared run that lies between this run's rows, at its time and height", () => {
    // This run: a row a second (a coarse zoom). The compared run's buckets hold a spike to 90 at 2.4 s.
    const a = tel([1000, 2000, 3000, 4000], [40, 40, 40, 40]);
    const b = tel([5000, 6000, 6400, 7000, 8000], [41, 41, 90, 41, 41]);
    const v = reviewView(a, 1000, 4000, { data: b, offset: -4000 });
    const k = v.series.indexOf(`junctionTemp${COMPARED}`);
    expect(v.stats[k]).toMatchObject({ max: 90 });
    const j = v.t.indexOf(2400);
    expect(v.columns[k]![j]).toBe(90);
    // The drawn line passes through it: x of 2.4 s, y of 90 on a 0..100 axis 100 px high.
    const frame = { fromT: 1000, toT: 4000, left: 0, top: 0, width: 300, height: 100 };
    expect(seriesPath(v.t, v.columns[k]!, 0, 100, frame)).toContain('L140 10');
    // And the hover there reads both runs' own samples: this run's nearest (2 s) and the spike, so Δ is +50.
    expect(rowAt(v, 2400)).toEqual({ t: 2400, values: [40, 90] });
    // Between rows a run is read at its own nearest sample, never at a point of its line.
    const sloped = reviewView(tel([1000, 2000], [40, 50]), 1000, 2000, {
      data: tel([1600], [45]),
      offset: 0,
    });
    expect(rowAt(sloped, 1600)).toEqual({ t: 1600, values: [50, 45] });
  });

  it('reads the row nearest the pointer: both values, so the hover box gives their difference', () => {
    const v = reviewView(tel([1000, 2000, 3000], [40, 41, 42]), 1000, 3000, {
      data: tel([1000, 2000, 3000], [43, 43, 43]),
      offset: 0,
    });
    expect(rowAt(v, 1400)).toEqual({ t: 1000, values: [40, 43] });
    expect(rowAt(v, 2600)).toEqual({ t: 3000, values: [42, 43] });
    expect(rowAt(reviewView(tel([], []), 0, 1), 5)).toBeUndefined();
  });
});

describe('marker notes on the charts', () => {
  it('stacks notes that would overlap, runs one left at the right edge, and drops what finds no row', () => {
    const places = placeNotes(
      [
        { x: 10, width: 100 },
        { x: 50, width: 100 },
        { x: 200, width: 50 },
        { x: 60, width: 10 },
        { x: 70, width: 10 },
        { x: 580, width: 100 },
      ],
      600,
      3,
    );
    expect(places.map((p) => p.row)).toEqual([0, 1, 0, 2, undefined, 0]);
    expect(places.map((p) => p.leftward)).toEqual([false, false, false, false, false, true]);
  });
});
