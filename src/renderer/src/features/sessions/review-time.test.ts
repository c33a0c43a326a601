import { describe, expect, it } from 'vitest';
import type { ReviewedRun, RunMarker } from '../../../../shared/bridge/contracts/runs';
import {
  alignOffset,
  difference,
  follow,
  MIN_SPAN_MS,
  playStep,
  overlay,
  secondOf,
  zoomAround,
} from './review-time';

const run = { fromT: 10_000, toT: 70_000 };

function reviewed(from: number, reboots: number[], markers: number[] = []): ReviewedRun {
  const m = markers.map((t): RunMarker => ({ t, note: '', source: 'user', kind: 'marker' }));
  return {
    reviewId: `r${from}`,
    run: {
      id: `virtual/${from}.mcap`,
      boardId: 'virtual',
      boardName: 'Virtual board',
      boardKind: 'virtual',
      started: from,
      ended: from + 60_000,
      bytes: 1,
      markers: m.length,
      live: false,
      source: 'bench',
    },
    series: ['junctionTemp'],
    from,
    to: from + 60_000,
    counts: {},
    markers: m,
    reboots,
  };
}

describe('playback', () => {
  it('advances run time by the wall time × speed, and stops at the end of the run', () => {
    expect(playStep(20_000, 100, 1, run)).toEqual({ t: 20_100, playing: true });
    expect(playStep(20_000, 100, 100, run)).toEqual({ t: 30_000, playing: true });
    expect(playStep(69_990, 100, 10, run)).toEqual({ t: 70_000, playing: false });
  });

  it('keeps the cursor in view by whole pages, not by crawling', () => {
    const view = { fromT: 10_000, toT: 20_000 };
    expect(follow(view, 15_000, run)).toBe(view);
    expect(follow(view, 20_500, run)).toEqual({ fromT: 20_500, toT: 30_500 });
    expect(follow(view, 66_000, run)).toEqual({ fromT: 60_000, toT: 70_000 });
  });
});

describe('zoom', () => {
  it('keeps the point under the pointer in place, within the run', () => {
    const z = zoomAround(run, 25_000, 0.5, run);
    expect(z.toT - z.fromT).toBe(30_000);
    // 25 s was a quarter of the way in; it still is.
    expect((25_000 - z.fromT) / (z.toT - z.fromT)).toBeCloseTo(0.25);
  });

  it('goes from the whole run down to single samples, never past either', () => {
    let w = run;
    for (let i = 0; i < 100; i++) w = zoomAround(w, 40_000, 0.5, run);
    expect(w.toT - w.fromT).toBe(MIN_SPAN_MS);
    expect(w.fromT <= 40_000 && w.toT >= 40_000).toBe(true);
    for (let i = 0; i < 100; i++) w = zoomAround(w, 40_000, 2, run);
    expect(w).toEqual(run);
  });

  it('names the whole second of a moment', () => {
    expect(secondOf(12_345.6)).toEqual({ fromT: 12_000, toT: 12_999.999 });
  });
});

describe('compare alignment', () => {
  const a = reviewed(1_000_000, [1_020_000], [1_030_000, 1_040_000]);
  const b = reviewed(5_000_000, [5_005_000, 5_015_000], [5_001_000]);

  it('aligns on the starts, on a chosen reboot of each, or on a chosen marker of each', () => {
    expect(alignOffset(a, b, { kind: 'start' })).toEqual({ ok: true, offset: -4_000_000 });
    expect(alignOffset(a, b, { kind: 'reboot', a: 0, b: 1 })).toEqual({
      ok: true,
      offset: 1_020_000 - 5_015_000,
    });
    expect(alignOffset(a, b, { kind: 'marker', a: 1, b: 0 })).toEqual({
      ok: true,
      offset: 1_040_000 - 5_001_000,
    });
  });

  it('says which run lacks the reboot or marker asked for', () => {
    expect(alignOffset(a, b, { kind: 'reboot', a: 1, b: 0 })).toEqual({
      ok: false,
      why: 'The run of Virtual board has no reboot number 2.',
    });
    expect(alignOffset(a, b, { kind: 'marker', a: 0, b: 3 }).ok).toBe(false);
  });

  it("lays run b over run a on one axis with the rows of both, each run on its own line at the other's rows", () => {
    // b shifted by +1000: its rows at 1100, 1200, 1300 (no value at 1200).
    const o = overlay([1000, 1100, 1150, 1400], [[10, 20, 30, 40]], [100, 200, 300], [[1, null, 3]], 1000);
    expect(o.t).toEqual([1000, 1100, 1100, 1150, 1200, 1300, 1400]);
    // a at b's rows: its line (1200 and 1300 lie between its 1150 and 1400 rows).
    expect(o.a[0]).toEqual([10, 20, 20, 30, 32, 36, 40]);
    // b at a's rows: its own values at its rows, null before its first, after its last and beside its hole.
    expect(o.b[0]).toEqual([null, 1, 1, null, null, 3, null]);
    expect(o.fromA).toEqual([true, true, false, true, false, false, true]);
  });

  it('reads the difference b − a only when both are there', () => {
    expect(difference(41.5, 43)).toBe(1.5);
    expect(difference(null, 43)).toBeUndefined();
    expect(difference(41.5, Number.NaN)).toBeUndefined();
  });
});
