import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../../../test/support/temp-dirs';
import { FlightRecorder } from '../flight/flight-recorder';
import { IncrementalIndex } from './incremental-index';
import { loadLodCache } from './lod-cache';

const dirs = tempDirs('incremental-index-');

describe('a run recorded with its index', () => {
  it('has its level of detail, reboots and markers kept beside its file when the run ends', async () => {
    const root = dirs();
    const r = new FlightRecorder({
      root,
      enabled: () => true,
      budgetBytes: () => 5e9,
      board: () => ({ name: 'Board a', kind: 'virtual' }),
      benchVersion: 'test',
      log: () => {},
      writer: { sync: false },
      index: () => new IncrementalIndex(),
    });
    r.follow({ list: () => [{ id: 'a' }], onSessionsChanged: () => () => {} });
    const t0 = 1_765_000_000_000;
    // Uptime 10, 11, 12, then 2: a reboot (the pipeline decides it and hands the decision on), while receipt times
    // go on.
    [10, 11, 12, 2].forEach((uptime, j) => {
      const t = t0 + j * 1000;
      const data = `{"type":"telemetry","data":{"temp":${40 + j},"uptime":${uptime}}}`;
      r.message(
        'a',
        { t, dir: 'rx', op: 1, data },
        { kind: 'telemetry', message: { type: 'telemetry', data: { temp: 40 + j, uptime } } },
        j === 3 ? { t, kind: 'reboot', detail: 'uptime went from 12 s to 2 s' } : undefined,
      );
    });
    r.event('a', { kind: 'marker', note: 'looked here', source: 'user', detail: 'looked here' }, t0 + 3500);
    await r.close();

    const [name] = readdirSync(join(root, 'a')).filter((f) => f.endsWith('.mcap'));
    const kept = await loadLodCache(join(root, 'a', name!));
    expect(kept).toBeDefined();
    expect(kept!.series).toEqual(['temp', 'uptime']);
    expect(kept!.samples).toBe(4);
    expect(kept!.marks.map((m) => [m.t, m.kind])).toEqual([[t0 + 3000, 'reboot']]);
    expect(kept!.markers.map((m) => [m.t, m.note, m.source])).toEqual([
      [t0 + 3000, 'uptime went from 12 s to 2 s', 'bench'],
      [t0 + 3500, 'looked here', 'user'],
    ]);
    const w = kept!.lod.window(t0, t0 + 3500, 10, 2);
    expect(w.columns[0]!.filter((v) => v !== null)).toEqual([40, 41, 42, 43]);
  });
});
