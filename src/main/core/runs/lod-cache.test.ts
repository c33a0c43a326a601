import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LodPyramid } from './lod';
import { loadLodCache, lodCacheOf, saveLodCache } from './lod-cache';

const made: string[] = [];
afterEach(() => made.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the level-of-detail cache beside a session file', () => {
  it('gives back the same pyramid, and nothing once the file changed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lod-cache-'));
    made.push(dir);
    const path = join(dir, 'run.mcap');
    writeFileSync(path, 'stands for a session file');
    const lod = new LodPyramid(0, 99_999);
    const row = new Float64Array(3).fill(NaN);
    for (let j = 0; j < 100_000; j++) {
      row[0] = Math.sin(j / 100);
      row[2] = j % 7; // series 1 never seen: its slot stays empty
      lod.add(j, row, 3);
    }
    lod.finish();
    const index = {
      lod,
      series: ['a', 'b', 'c'],
      samples: 100_000,
      marks: [{ t: 5, kind: 'reboot' as const, detail: 'uptime went from 9 s to 0 s' }],
      markers: [{ t: 5, note: 'uptime went from 9 s to 0 s', source: 'bench' as const, kind: 'reboot' }],
    };
    await saveLodCache(path, index);
    const back = await loadLodCache(path);
    expect(back).toBeDefined();
    expect({ ...back!, lod: undefined }).toEqual({ ...index, lod: undefined });
    for (const [from, to, n] of [
      [0, 99_999, 300],
      [1234, 5678, 1000],
    ] as const)
      expect(back!.lod.window(from, to, n, 3)).toEqual(lod.window(from, to, n, 3));
    expect(back!.lod.samplesIn(0, 50_000)).toBe(lod.samplesIn(0, 50_000));

    appendFileSync(path, ' that grew');
    expect(await loadLodCache(path)).toBeUndefined();
    writeFileSync(lodCacheOf(path), '{"version":1}\n');
    expect(await loadLodCache(path)).toBeUndefined();
  });
});
