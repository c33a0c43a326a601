import { afterEach, describe, expect, it } from 'vitest';
import type { PoolFeedState } from '../../../shared/bridge/contracts/memory';
import { BoardMemory } from '../../board/memory/board-memory';
import { PoolStatusFeed } from './pool-feed';
import { PoolMonitor, STALE_AFTER_MS } from './pool-monitor';

const closers: Array<() => void> = [];
afterEach(() => closers.splice(0).forEach((c) => c()));

function monitor(selected: string, memory?: BoardMemory) {
  let now = 1_000_000;
  const feed = new PoolStatusFeed(() => now);
  const emitted: PoolFeedState[] = [];
  const m = new PoolMonitor({
    getBoardMemory: () => memory,
    feed,
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
      source: { kind: 'virtual' },
      reason: 'The virtual board is not running.',
    });
  });

  it("reads the virtual board's BoardMemory directly", () => {
    const memory = new BoardMemory();
    closers.push(() => memory.close());
    const { m } = monitor('virtual', memory);
    const s = m.state();
    expect(s.kind === 'live' && s.status.packetPools.map((p) => p.name)).toContain('NetX Main Packet Pool');
  });
});
