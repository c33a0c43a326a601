import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDirs } from '../../../../test/support/temp-dirs';
import { SessionFileWriter } from '../flight/session-file-writer';
import { SessionFileHistory } from './file-history';

const dirs = tempDirs('file-history-');
const T0 = 1_765_100_000_000;
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

/** A run being written: `n` telemetry samples 10 ms apart, a chunk per 100 samples, and its live index. */
async function liveRun(n: number) {
  const path = join(dirs(), 'run.mcap');
  const info = {
    boardId: 'virtual',
    boardName: 'V',
    boardKind: 'virtual' as const,
    benchVersion: '0',
    started: T0,
  };
  const w = await SessionFileWriter.create(path, info, { chunkMs: 3_600_000, sync: false });
  closers.push(() => w.close());
  const value = (j: number) => (j % 50 === 7 ? 1000 + j : Math.sin(j / 9) * 10);
  const add = async (from: number, to: number) => {
    for (let j = from; j < to; j++) {
      w.add('telemetry', T0 + j * 10, `{"type":"telemetry","data":{"v":${value(j)},"k":${j}}}`);
      if (j % 100 === 99) await w.flush();
    }
    await w.flush();
  };
  await add(0, n);
  const index = () => ({ path, started: T0, ...w.liveIndex() });
  return { path, add, index, value };
}

describe('SessionFileHistory', () => {
  it('draws a wide window from chunk summaries, keeping every extreme, and reads its edge chunks exactly', async () => {
    const run = await liveRun(2000);
    const h = new SessionFileHistory(run.path, 100);
    closers.push(() => h.close());
    // [T0 + 155 samples, T0 + 1850 samples): edges inside chunks 1 and 18.
    const lo = T0 + 1555;
    const hi = T0 + 18_505;
    const part = await h.window(run.index(), lo, hi, { fromT: lo, toT: hi, buckets: 20 });
    expect(part.exact).toBe(false);
    expect(part.series).toEqual(['v', 'k']);
    expect(part.samples).toBeGreaterThan(1600);
    // Nothing outside the window (the part in memory starts at hi), and rows in time order.
    expect(Math.min(...part.t)).toBeGreaterThanOrEqual(lo);
    expect(Math.max(...part.t)).toBeLessThan(hi);
    expect([...part.t].sort((a, b) => a - b)).toEqual(part.t);
    // Every spike in the window survives; the extremes of `k` are the window's first and last samples.
    const inWindow = Array.from({ length: 2000 }, (_, j) => j).filter(
      (j) => T0 + j * 10 >= lo && T0 + j * 10 < hi,
    );
    const v = part.columns[0]!.filter((x): x is number => x !== null);
    expect(Math.max(...v)).toBe(Math.max(...inWindow.map(run.value)));
    expect(Math.min(...v)).toBe(Math.min(...inWindow.map(run.value)));
    const k = part.columns[1]!.filter((x): x is number => x !== null);
    expect([Math.min(...k), Math.max(...k)]).toEqual([inWindow[0], inWindow.at(-1)]);
  });

  it('reads each chunk once, and only the chunks written since when the file grows', async () => {
    const run = await liveRun(1000);
    const h = new SessionFileHistory(run.path);
    closers.push(() => h.close());
    const all = (to: number) => ({ fromT: T0, toT: to, buckets: 10_000 });
    const first = await h.window(run.index(), T0, T0 + 10_000, all(T0 + 10_000));
    expect(first.t.length).toBe(1000);
    expect(h.chunksRead).toBe(10);
    await h.window(run.index(), T0, T0 + 10_000, all(T0 + 10_000));
    expect(h.chunksRead).toBe(10);
    await run.add(1000, 1500);
    const grown = await h.window(run.index(), T0, T0 + 15_000, all(T0 + 15_000));
    expect(h.chunksRead).toBe(15);
    expect(grown.t.length).toBe(1500);
    expect(grown.columns[1]).toEqual(Array.from({ length: 1500 }, (_, j) => j));
  });
});
