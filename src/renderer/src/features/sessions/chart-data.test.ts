import { describe, expect, it } from 'vitest';
import type { RunTelemetry } from '../../../../shared/bridge/contracts/runs';
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
  it("draws the compared run's same series on the reviewed run's rows, shifted by the alignment", () => {
    const a = tel([1000, 2000, 3000], [40, 41, 42]);
    const b = tel([10_000, 11_000], [45, 47]);
    const v = reviewView(a, 1000, 3000, { data: b, offset: -9000 });
    expect(v.series).toEqual(['junctionTemp', `junctionTemp${COMPARED}`]);
    expect(v.columns[1]).toEqual([45, 47, null]);
    expect(v.stats[1]).toMatchObject({ min: 45, max: 47 });
    expect(v.marks).toEqual([{ t: 1500, kind: 'reboot' }]);
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
