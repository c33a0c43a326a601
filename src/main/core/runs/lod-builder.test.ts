import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../../../test/support/temp-dirs';
import { openSessionFile } from '../flight/session-file-reader';
import { SessionFileWriter } from '../flight/session-file-writer';
import { channelKeyOfTopic, type SessionChannelKey } from '../../../shared/session-file/channels';
import { firstPass } from './first-pass';
import { IncrementalIndex } from './incremental-index';
import { LodPyramid } from './lod';
import { LodBuilder } from './lod-builder';
import { loadLodCache } from './lod-cache';

const dirs = tempDirs('lod-builder-');

function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

/** The pyramid's level 0 as one byte string, to compare two pyramids whole. */
const bytesOf = (lod: LodPyramid): Buffer => Buffer.concat(lod.toBytes().parts);

describe('the level of detail built while recording', () => {
  it('is the pyramid one pass over the run builds (random runs, short and long)', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const rnd = random(seed);
      const from = 1_765_000_000_000 + Math.floor(rnd() * 1e6);
      // From under a second to over an hour: no coarsening, some, many.
      const span = Math.floor(10 ** (2.5 + rnd() * 4.2));
      const n = 200 + Math.floor(rnd() * 5000);
      const times = Array.from({ length: n }, () => from + rnd() * span).sort((a, b) => a - b);
      // Some samples lie just before the run's first message (a batch's first samples) or at its very end.
      times[0] = from - 3;
      times[n - 1] = from + span;
      const series = 1 + Math.floor(rnd() * 4);
      const rows = times.map(() =>
        Float64Array.from({ length: series }, () => (rnd() < 0.2 ? NaN : Math.round(rnd() * 20))),
      );
      // The run may go on past its last sample (events after it): its buckets widen at the end.
      const to = from + span + (seed % 3 === 0 ? Math.floor(span * 3 * rnd()) : 0);
      const direct = new LodPyramid(from, to);
      const built = new LodBuilder(from);
      times.forEach((t, j) => {
        direct.add(t, rows[j]!, series);
        built.add(t, rows[j]!, series);
      });
      direct.finish();
      const incremental = built.finish(from, to);
      expect(incremental, `seed ${seed}`).toBeDefined();
      expect(incremental!.baseWidth).toBe(direct.baseWidth);
      expect(incremental!.toBytes().series).toEqual(direct.toBytes().series);
      expect(bytesOf(incremental!).equals(bytesOf(direct)), `seed ${seed}, span ${span}`).toBe(true);
    }
  });

  it('keeps beside a recorded file the index its first pass would build', async () => {
    const path = join(dirs(), 'run.mcap');
    const t0 = 1_765_000_000_000;
    const w = await SessionFileWriter.create(
      path,
      { boardId: 'b', boardName: 'B', boardKind: 'virtual', benchVersion: 't', started: t0 },
      { sync: false, chunkBytes: 32 * 1024, index: new IncrementalIndex() },
    );
    w.add('events', t0, { kind: 'link', wire: 'ws', state: 'open', detail: 'WebSocket open' });
    const rnd = random(5);
    for (let j = 1; j <= 30_000; j++) {
      const t = t0 + j * 20.0005; // µs in the log times, as a real receipt has
      w.add(
        'telemetry',
        t,
        `{"type":"telemetry","data":{"a":${Math.round(rnd() * 1e4) / 100},"b":${j % 17}}}`,
      );
      if (j === 12_345) w.add('events', t, { kind: 'reboot', detail: 'uptime went from 9 s to 0 s' });
      if (j === 20_000) w.add('events', t, { kind: 'marker', note: 'here', source: 'user', detail: 'here' });
    }
    await w.close();

    const kept = await loadLodCache(path);
    expect(kept).toBeDefined();
    const file = await openSessionFile(path);
    const handle = await open(path, 'r');
    try {
      const ids = new Map<SessionChannelKey, Set<number>>();
      for (const c of file.mcap.channelsById.values()) {
        const key = channelKeyOfTopic(c.topic);
        if (key) ids.set(key, (ids.get(key) ?? new Set()).add(c.id));
      }
      const pass = await firstPass(file, handle, ids);
      expect(kept!.series).toEqual(pass.series);
      expect(kept!.samples).toBe(30_000);
      expect(kept!.samples).toBe(pass.samples);
      expect(kept!.marks).toEqual(pass.marks);
      expect(kept!.markers).toEqual(pass.markers);
      expect(kept!.lod.baseWidth).toBe(pass.lod.baseWidth);
      expect(bytesOf(kept!.lod).equals(bytesOf(pass.lod))).toBe(true);
    } finally {
      await handle.close();
      await file.close();
    }
  });
});
