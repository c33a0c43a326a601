import { describe, expect, it } from 'vitest';
import type { TelemetryBatch } from '../../../../shared/telemetry/types';
import { liveWindow, silenceNote } from './live-view';
import { TelemetryStore } from './telemetry-store';

const MIN = 60_000;

/** A one-series batch of board `v` at times `t` (values `v`). */
function batch(
  t: number[],
  v: number[] = t.map(() => 1),
  marks: TelemetryBatch['marks'] = [],
): TelemetryBatch {
  return {
    boardId: 'v',
    series: ['a'],
    t: Float64Array.from(t),
    columns: [Float64Array.from(v)],
    counts: { received: t.length, invalid: 0, dropped: 0, other: 0 },
    marks,
  };
}

describe('liveWindow', () => {
  it('keeps moving with the clock when no sample comes (the gap grows at its right edge)', () => {
    const lastSample = 1_000_000;
    const w = liveWindow(lastSample, lastSample + 40_000, MIN);
    expect(w).toEqual({ fromT: lastSample + 40_000 - MIN, toT: lastSample + 40_000 });
    const later = liveWindow(lastSample, lastSample + 100_000, MIN, w);
    expect(later.toT).toBe(lastSample + 100_000);
  });

  it('ends at a sample stamped a moment after the clock reading', () => {
    expect(liveWindow(5_000, 4_990, MIN).toT).toBe(5_000);
  });

  it('never moves back from the window drawn before, unless the window changed', () => {
    const before = { fromT: 10_000 - MIN, toT: 10_000 };
    expect(liveWindow(9_000, 9_950, MIN, before).toT).toBe(10_000);
    expect(liveWindow(9_000, 9_950, 10 * MIN, before).toT).toBe(9_950);
  });

  it('with no sample at all, ends at the clock', () => {
    expect(liveWindow(NaN, 7_000, MIN).toT).toBe(7_000);
  });
});

describe('silenceNote', () => {
  it('says how long no data came once it is more than three periods (and 3 s)', () => {
    expect(silenceNote(40_000, 1000)).toBe('no data for 40 s');
    expect(silenceNote(2_000, 200)).toBeUndefined();
    expect(silenceNote(3_500, 200)).toBe('no data for 3 s');
    expect(silenceNote(25_000, 10_000)).toBeUndefined();
    expect(silenceNote(31_000, 10_000)).toBe('no data for 31 s');
    expect(silenceNote(5 * MIN, 1000)).toBe('no data for 5 min');
    expect(silenceNote(NaN, 1000)).toBeUndefined();
  });
});

describe("TelemetryStore's clock", () => {
  it("reads the core's clock through the page's, learning the offset from what the core sends", () => {
    let pageNow = 50_000; // the page's clock runs 20 s ahead of the core's
    const s = new TelemetryStore(undefined, () => pageNow);
    s.apply(batch([29_000, 30_000]));
    expect(s.coreNow()).toBe(30_000);
    pageNow += 40_000; // the board went down 40 s ago
    expect(s.coreNow()).toBe(70_000);
    expect(s.silenceMs()).toBe(40_000);
    expect(silenceNote(s.silenceMs(), s.recentPeriod())).toBe('no data for 40 s');
    // A heartbeat that took less time to arrive corrects the offset; a slower one does not.
    s.heardCoreTime(90_100);
    expect(s.coreNow()).toBe(90_100);
    s.heardCoreTime(80_000);
    expect(s.coreNow()).toBe(90_100);
  });

  it("gives the board's rate over the last 10 s of the core's clock, falling off once it went silent", () => {
    let pageNow = 0;
    const s = new TelemetryStore(undefined, () => pageNow);
    const t = Array.from({ length: 100 }, (_, k) => 1_000 + k * 200); // 5 a second for 20 s
    pageNow = t.at(-1)!;
    s.apply(batch(t));
    expect(s.rate()).toBeCloseTo(5, 5);
    expect(s.recentPeriod()).toBeCloseTo(200, 5);
    pageNow += 5_000; // 5 s of silence: the last 10 s hold 26 samples, 25 periods
    expect(s.rate()).toBeCloseTo(25 / 9.8, 5);
    pageNow += 10_000;
    expect(s.rate()).toBe(0);
  });
});

describe('TelemetryStore.wholeValued', () => {
  it('holds while every value of a series is whole, and stops at the first fraction', () => {
    const s = new TelemetryStore();
    s.apply(batch([1, 2], [42, 43]));
    expect(s.wholeValued('a')).toBe(true);
    s.apply(batch([3], [42.5]));
    expect(s.wholeValued('a')).toBe(false);
    expect(s.wholeValued('unknown')).toBe(false);
  });

  it('starts again with another board', () => {
    const s = new TelemetryStore();
    s.apply(batch([1], [0.5]));
    s.apply({ ...batch([2], [7]), boardId: 'w', reset: true });
    expect(s.wholeValued('a')).toBe(true);
  });
});
