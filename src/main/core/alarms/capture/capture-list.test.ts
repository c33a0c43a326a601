import { describe, expect, it } from 'vitest';
import type { AlarmCapture } from '../../../../shared/bridge/contracts/alarms';
import { overLimits } from './capture-list';

const bundle = (id: string, bytes: number, state: AlarmCapture['state'] = 'done'): AlarmCapture => ({
  id,
  alarmId: id,
  boardId: 'b',
  ruleName: 'r',
  t: 0,
  fromT: 0,
  toT: 0,
  folder: id,
  files: [{ name: 'telemetry.csv', bytes }],
  state,
});

describe('bundle limits', () => {
  it('deletes the oldest bundles first until both the count and the bytes fit', () => {
    const newestFirst = [bundle('d', 10), bundle('c', 10), bundle('b', 50), bundle('a', 50)];
    expect(overLimits(newestFirst, { maxBundles: 3, maxBytes: 1000 }).map((c) => c.id)).toEqual(['a']);
    expect(overLimits(newestFirst, { maxBundles: 10, maxBytes: 25 }).map((c) => c.id)).toEqual(['a', 'b']);
    expect(overLimits(newestFirst, { maxBundles: 10, maxBytes: 1000 })).toEqual([]);
  });

  it('never deletes a bundle being written', () => {
    const list = [bundle('b', 10), bundle('a', 10, 'writing')];
    expect(overLimits(list, { maxBundles: 1, maxBytes: 1000 }).map((c) => c.id)).toEqual(['b']);
  });
});
