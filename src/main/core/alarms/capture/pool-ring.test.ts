import { describe, expect, it } from 'vitest';
import type { PoolStatus } from '../../../../shared/protocol/pool-status';
import { PoolRing } from './pool-ring';

const status = { pools: [] } as unknown as PoolStatus;

describe('pool-status ring', () => {
  it('keeps the reports of the last minutes, within a count, and answers a window', () => {
    const ring = new PoolRing({ keepMs: 10_000, maxReports: 5 });
    for (let t = 0; t <= 20_000; t += 1000) ring.push('a', t, status);
    const all = ring.between('a', -Infinity, Infinity);
    expect(all.reports.map((r) => r.t)).toEqual([16_000, 17_000, 18_000, 19_000, 20_000]);
    expect(ring.between('a', 17_000, 19_000).reports.map((r) => r.t)).toEqual([17_000, 18_000, 19_000]);
    const old = new PoolRing({ keepMs: 3000 });
    for (let t = 0; t <= 10_000; t += 1000) old.push('a', t, status);
    expect(old.between('a', 0, 10_000)).toMatchObject({ keptFrom: 7000, trimmed: true });
    expect(ring.between('b', 0, 1)).toEqual({ reports: [], keptFrom: undefined, trimmed: false });
  });

  it('keeps boards apart and forgets the board heard from longest ago past its board limit', () => {
    const ring = new PoolRing({ maxBoards: 2 });
    ring.push('a', 1, status);
    ring.push('b', 2, status);
    ring.push('a', 3, status);
    ring.push('c', 4, status);
    expect(ring.between('b', 0, 10).reports).toEqual([]);
    expect(ring.between('a', 0, 10).reports.map((r) => r.t)).toEqual([1, 3]);
    expect(ring.between('c', 0, 10).reports.map((r) => r.t)).toEqual([4]);
  });
});
