import { afterEach, describe, expect, it } from 'vitest';
import type { PoolFeedState } from '../../../shared/bridge/contracts/memory';
import { poolStatusText } from '../../../shared/protocol/pool-status';
import { PoolStatusFeed } from './pool-feed';
import { PoolMonitor, STALE_AFTER_MS } from './pool-monitor';

const closers: Array<() => void> = [];
afterEach(() => closers.splice(0).forEach((c) => c()));

function monitor(selected: string, virtualRunning = false) {
  let now = 1_000_000;
  const feed = new PoolStatusFeed(() => now);
  const emitted: PoolFeedState[] = [];
  const m = new PoolMonitor({
    feed,
    virtualRunning: () => virtualRunning,
    selectedBoard: () => selected,
    emit: (s) => emitted.push(s),
    now: () => now,
  });
  closers.push(() => m.close());
  return { m, feed, emitted, advance: (ms: number) => (now += ms) };
}

describe('PoolMonitor', () => {
  it('shows a real board live after a pool-status, stale after 5 s of silence, none after its link closes', () => {
    const { m, feed, advance } = monitor('lab-1');
    expect(m.state()).toMatchObject({ kind: 'none', source: { kind: 'board', id: 'lab-1' } });
    feed.push('lab-1', {
      type: 'pool-status',
      data: { bytePools: [{ name: 'Nx', available: 10, fragments: 2 }] },
    });
    expect(m.state().kind).toBe('live');
    advance(STALE_AFTER_MS + 1);
    expect(m.state().kind).toBe('stale');
    feed.forget('lab-1');
    expect(m.state().kind).toBe('none');
  });

  it('ignores other boards and says when the virtual board is not running', () => {
    const { m, feed } = monitor('virtual');
    feed.push('lab-1', { type: 'pool-status', data: { packetPools: [] } });
    expect(m.state()).toEqual({
      kind: 'none',
      source: { kind: 'virtual', id: 'virtual' },
      reason: 'The virtual board is not running.',
    });
  });

  it("shows the virtual board's pools from its pool-status messages, like a real board's", () => {
    const { m, feed, advance } = monitor('virtual', true);
    expect(m.state()).toEqual({
      kind: 'none',
      source: { kind: 'virtual', id: 'virtual' },
      reason: 'The virtual board has not reported its pools yet.',
    });
    const status = {
      packetPools: [{ name: 'NetX Main Packet Pool', payload: 1536, total: 60, free: 52 }],
      bytePools: [],
    };
    feed.push('virtual', JSON.parse(poolStatusText(status)));
    const s = m.state();
    expect(s).toMatchObject({ kind: 'live', source: { kind: 'virtual' } });
    expect(s.kind === 'live' && s.status.packetPools.map((p) => p.name)).toEqual(['NetX Main Packet Pool']);
    advance(STALE_AFTER_MS + 1);
    expect(m.state().kind).toBe('stale');
  });
});
