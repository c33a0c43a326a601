import { describe, expect, it } from 'vitest';
import { BucketCache } from '../../../../shared/telemetry/bucket-cache';
import { SeriesRing } from '../../../../shared/telemetry/series-ring';
import { lineBreaks, seriesPath, type PlotFrame } from './series-path';

/** The vertices of a path as subpaths of [x, y]. */
function subpaths(d: string): Array<Array<[number, number]>> {
  const out: Array<Array<[number, number]>> = [];
  for (const m of d.matchAll(/([ML])([-\d.]+) ([-\d.]+)/g)) {
    if (m[1] === 'M') out.push([]);
    out.at(-1)!.push([Number(m[2]), Number(m[3])]);
  }
  return out;
}

describe('seriesPath', () => {
  it('keeps the min and the max of every pixel column of a decimated window', () => {
    const ring = new SeriesRing({ maxRows: 200_000, maxBytes: 1e9 });
    ring.seriesIndex('a');
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 100;
    for (let j = 0; j < 100_000; j++) ring.push(j * 0.37, [j % 997 === 0 ? 1000 : rnd()]);
    const frame: PlotFrame = { fromT: 5000, toT: 35_000, left: 64, top: 18, width: 600, height: 300 };
    const width = (frame.toT - frame.fromT) / frame.width;
    const d = new BucketCache().query(ring.view(), frame.fromT, frame.toT, width);
    const path = seriesPath(d.t, d.columns[0]!, 0, 1000, frame);
    const ys = new Map<number, Set<number>>(); // pixel column → y values drawn in it
    for (const [x, y] of subpaths(path).flat()) {
      const col = Math.floor((x - frame.left) / 1 + 1e-6);
      if (!ys.has(col)) ys.set(col, new Set());
      ys.get(col)!.add(y);
    }
    const y = (v: number) => Math.round((frame.top + ((1000 - v) / 1000) * frame.height) * 10) / 10;
    const v = ring.view();
    let checked = 0;
    for (let k = Math.floor(frame.fromT / width); k * width <= frame.toT; k++) {
      const { start, end } = ring.range(
        Math.max(k * width, frame.fromT),
        Math.min((k + 1) * width, frame.toT),
      );
      if (end <= start) continue;
      let min = Infinity;
      let max = -Infinity;
      for (let j = start; j < end; j++) {
        min = Math.min(min, v.columns[0]![j]!);
        max = Math.max(max, v.columns[0]![j]!);
      }
      // The column's vertices sit within a pixel of the bucket's own column.
      const near = [...ys.entries()].filter(([c]) => Math.abs(c - (k * width - frame.fromT) / width) <= 1.5);
      const drawn = new Set(near.flatMap(([, s]) => [...s]));
      expect(drawn.has(y(min)), `min of column ${k}`).toBe(true);
      expect(drawn.has(y(max)), `max of column ${k}`).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(590);
    // And it is about 2 vertices per column, not one per sample (81,000 samples in the window).
    expect(subpaths(path).flat().length).toBeLessThanOrEqual(2 * 602);
    expect(path).toContain(`${y(1000)}`); // the rare spikes survive
  });

  it('breaks the line at missing values, gaps and reboots, and only there', () => {
    const frame: PlotFrame = { fromT: 0, toT: 100, left: 0, top: 0, width: 100, height: 10 };
    const t = [0, 10, 20, 30, 40, 50, 60, 70];
    const v = [1, 2, null, 3, 4, 5, 6, 7];
    const breaks = lineBreaks([
      { t: 40, kind: 'gap' }, // last sample before a silence: break after 40
      { t: 60, kind: 'reboot' }, // first sample after a reboot: break before 60
      { t: 65, kind: 'connect' }, // not a break
    ]);
    const parts = subpaths(seriesPath(t, v, 0, 10, frame, breaks)).map((p) => p.map(([x]) => x));
    expect(parts).toEqual([[0, 10], [30, 40], [50], [60, 70]]);
  });

  it('breaks the line where the link went stale or closed', () => {
    const frame: PlotFrame = { fromT: 0, toT: 10, left: 0, top: 0, width: 10, height: 10 };
    const breaks = lineBreaks([
      { t: 2.5, kind: 'stale' },
      { t: 3.5, kind: 'connect' },
      { t: 4.5, kind: 'disconnect' },
    ]);
    const parts = subpaths(seriesPath([1, 2, 3, 4, 5], [1, 2, 3, 4, 5], 0, 10, frame, breaks)).map((p) =>
      p.map(([x]) => x),
    );
    expect(parts).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('draws a lone point as a short stroke so it stays visible', () => {
    const frame: PlotFrame = { fromT: 0, toT: 10, left: 0, top: 0, width: 10, height: 10 };
    expect(seriesPath([5], [3], 0, 10, frame)).toBe('M5 7h1');
    expect(seriesPath([5, 6], [NaN, null], 0, 10, frame)).toBe('');
  });
});
