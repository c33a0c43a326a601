import { afterEach, describe, expect, it } from 'vitest';
import type { PoolsEvent } from '../../../shared/bridge/contracts/memory';
import { poolStatusText } from '../../../shared/protocol/pool-status';
import { until } from '../../../../test/support/wait';
import { focusOwner } from '../../../../test/support/focus';
import { PoolStatusFeed } from './pool-feed';
import { PoolMonitor, STALE_AFTER_MS } from './pool-monitor';

const closers: Array<() => void> = [];
afterEach(() => closers.splice(0).forEach((c) => c()));

function monitor(focused: string, virtualRunning = false) {
  let now = 1_000_000;
  const feed = new PoolStatusFeed(() => now);
  const focus = focusOwner(focused);
  const emitted: PoolsEvent[] = [];
  const m = new PoolMonitor({
    feed,
    focus: focus.source,
    isVirtual: (id) => id.startsWith('virtual'),
    virtualRunning: () => virtualRunning,
    emit: (e) => emitted.push(e),
    now: () => now,
    minIntervalMs: 0,
  });
  closers.push(() => m.close());
  return { m, feed, focus, emitted, advance: (ms: number) => (now += ms) };
}

const pools = (free: number) => ({
  type: 'pool-status',
  data: { packetPools: [{ name: 'P', total: 4, free }] },
});

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

  it('follows the focus it is handed, names the board in every state it sends, and sends no other board', async () => {
    const { feed, focus, emitted } = monitor('lab-1');
    feed.push('lab-2', pools(3));
    feed.push('lab-1', pools(1));
    await until(() => emitted.find((e) => e.state.kind === 'live'), "lab-1's live state", 3000);
    expect(emitted.every((e) => e.boardId === 'lab-1' && e.state.source.kind === 'board')).toBe(true);
    focus.move('lab-2');
    const moved = await until(() => emitted.find((e) => e.boardId === 'lab-2'), "lab-2's state", 3000);
    expect(moved.state).toMatchObject({ kind: 'live', source: { id: 'lab-2' } });
    expect(moved.state.kind === 'live' && moved.state.status.packetPools[0]?.free).toBe(3);
  });

  it("keeps each board's history apart, so going back to a board shows what it had", () => {
    const { m, feed, focus, advance } = monitor('lab-1');
    feed.push('lab-1', pools(1));
    advance(1000);
    feed.push('lab-2', pools(4));
    advance(1000);
    feed.push('lab-1', pools(2));
    focus.move('lab-2');
    expect(m.history().map((s) => s.inUse.P)).toEqual([0]);
    focus.move('lab-1');
    expect(m.history().map((s) => s.inUse.P)).toEqual([3, 2]);
    expect(m.history('lab-2').map((s) => s.inUse.P)).toEqual([0]);
    feed.forget('lab-2');
    expect(m.history('lab-2')).toEqual([]);
  });
});
