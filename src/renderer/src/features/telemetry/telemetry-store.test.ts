import { describe, expect, it } from 'vitest';
import type { TelemetryBatch } from '../../../../shared/telemetry/types';
import { timeTicks } from './format';
import { TelemetryStore } from './telemetry-store';

/** A batch as the pipeline sends it (typed columns, NaN where absent), written with plain arrays and nulls. */
function batch(
  p: Partial<Omit<TelemetryBatch, 't' | 'columns'>> & {
    series: string[];
    t: number[];
    columns: Array<Array<number | null>>;
  },
): TelemetryBatch {
  return {
    boardId: 'v',
    counts: { received: p.t.length, invalid: 0, dropped: 0, other: 0 },
    marks: [],
    ...p,
    t: Float64Array.from(p.t),
    columns: p.columns.map((c) => Float64Array.from(c, (v) => v ?? NaN)),
  };
}

describe('TelemetryStore', () => {
  it('applies columnar batches, maps series by name, and counts samples', () => {
    const s = new TelemetryStore();
    s.apply(batch({ series: ['a'], t: [1, 2], columns: [[10, 11]] }));
    s.apply(batch({ series: ['b', 'a'], t: [3], columns: [[5], [12]] }));
    expect(s.series).toEqual(['a', 'b']);
    expect(s.samplesIn).toBe(3);
    const v = s.view(0, 10, 100);
    expect(v.stats[0]).toEqual({ min: 10, max: 12, mean: 11, count: 3 });
    expect(v.t).toEqual([1, 2, 3]);
    expect(v.columns).toEqual([
      [10, 11, 12],
      [null, null, 5],
    ]);
    expect(v.newestT).toBe(3);
    expect(s.view(0, 3, 100).newestT).toBe(3); // the window's end is closed: the newest sample is drawn
    expect(s.timesBetween(1, 3)).toEqual([2, 3]);
    expect(s.stats(0, 10)[0]).toEqual({ min: 10, max: 12, mean: 11, count: 3 });
  });

  it("gives the newest value a window holds, not the newest value received (a paused view's figure)", () => {
    const s = new TelemetryStore();
    s.apply(
      batch({
        series: ['a', 'b'],
        t: [1, 2, 3],
        columns: [
          [10, 11, 12],
          [5, null, null],
        ],
      }),
    );
    expect(s.lastValue(0, 0, 2)).toBe(11);
    expect(s.lastValue(0, 0, 3)).toBe(12);
    expect(s.lastValue(1, 0, 3)).toBe(5);
    expect(s.lastValue(1, 2, 3)).toBeNaN();
    expect(s.lastValue(7, 0, 3)).toBeNaN();
  });

  it('hover reads the raw sample nearest the pointer inside the window, never a bucket', () => {
    const s = new TelemetryStore();
    s.apply(
      batch({
        series: ['a', 'b'],
        t: [10, 20, 30],
        columns: [
          [1.5, 2.5, 3.5],
          [7, null, 9],
        ],
      }),
    );
    expect(s.sampleAt(14, 0, 100)).toEqual({ t: 10, values: [1.5, 7] });
    expect(s.sampleAt(16, 0, 100)).toEqual({ t: 20, values: [2.5, NaN] });
    expect(s.sampleAt(99, 0, 100)).toEqual({ t: 30, values: [3.5, 9] });
    expect(s.sampleAt(14, 15, 100)?.t).toBe(20); // outside the window is not shown
    expect(s.sampleAt(14, 40, 100)).toBeUndefined();
  });

  it('starts over on a reset or another board', () => {
    const s = new TelemetryStore();
    s.apply(batch({ series: ['a'], t: [1], columns: [[1]], marks: [{ t: 1, kind: 'reboot' }] }));
    s.apply(batch({ boardId: 'w', series: ['z'], t: [2], columns: [[2]] }));
    expect(s.series).toEqual(['z']);
    expect(s.marks).toEqual([]);
    s.apply(batch({ boardId: 'w', reset: true, series: ['y'], t: [3], columns: [[3]] }));
    expect(s.series).toEqual(['y']);
    expect(s.length).toBe(1);
  });

  it('puts history before the live rows without duplicating them', () => {
    const s = new TelemetryStore();
    s.apply(batch({ series: ['a'], t: [100, 101], columns: [[1, 2]] }));
    s.loadHistory({
      boardId: 'v',
      series: ['a', 'b'],
      t: [98, 99, 100, 101],
      columns: [
        [7, 8, 1, 2],
        [0, 0, 0, 0],
      ],
      marks: [{ t: 99, kind: 'gap' }],
      counts: { received: 4, invalid: 0, dropped: 0, other: 0 },
      rawRows: 4,
      heldFrom: 98,
      heldTo: 101,
      capacity: 100,
    });
    expect(s.length).toBe(4);
    expect(s.firstT).toBe(98);
    expect(s.view(0, 1000, 100).columns[0]).toEqual([7, 8, 1, 2]);
    expect(s.marks).toEqual([{ t: 99, kind: 'gap' }]);
  });

  it('stays bounded', () => {
    const s = new TelemetryStore({ maxRows: 1000, maxBytes: 1e9, maxMarks: 5 });
    for (let k = 0; k < 100; k++) {
      const t = Array.from({ length: 50 }, (_, i) => k * 50 + i);
      s.apply(batch({ series: ['a'], t, columns: [t], marks: [{ t: k, kind: 'stale' }] }));
    }
    expect(s.length).toBe(1000);
    expect(s.marks).toHaveLength(5);
    expect(s.evicted).toBe(4000);
  });
});

describe('timeTicks', () => {
  it('gives round, evenly spaced ticks inside the range', () => {
    const from = Date.UTC(2026, 0, 1, 12, 0, 7);
    const ticks = timeTicks(from, from + 600_000, 880);
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    expect(ticks.length).toBeLessThanOrEqual(8);
    const step = ticks[1]! - ticks[0]!;
    expect(step % 60_000).toBe(0);
    ticks.forEach((t) => expect(t >= from && t <= from + 600_000).toBe(true));
  });
});
