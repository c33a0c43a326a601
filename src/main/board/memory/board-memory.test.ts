import { describe, expect, it } from 'vitest';
import { parsePoolStatus } from '../../../shared/protocol/pool-status';
import { BoardMemory, type MemoryClock } from './board-memory';
import { BytePool } from './byte-pool';

function fakeClock() {
  let now = 0;
  const timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let next = 1;
  const clock: MemoryClock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = next++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (h) => {
      const i = timers.findIndex((t) => t.id === h);
      if (i >= 0) timers.splice(i, 1);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const t = timers[0];
      if (!t || t.at > now) break;
      timers.shift();
      t.fn();
    }
  };
  return { clock, advance };
}

describe('BoardMemory', () => {
  it('holds the firmware pools by id and by name, boot allocations made', () => {
    const m = new BoardMemory();
    expect(m.packetPool('ws')).toBe(m.packetPool('WS Server Packet Pool'));
    const s = m.snapshot();
    expect(s.packetPools.map((p) => [p.name, p.payload, p.total])).toEqual([
      ['HTTP Server Packet Pool', 1536, 19],
      ['FTP Server Packet Pool', 776, 122],
      ['WS Server Packet Pool', 1024, 18],
      ['NetX Main Packet Pool', 1536, 60],
    ]);
    const nx = s.bytePools.find((b) => b.name === 'Nx App memory pool')!;
    // 9 allocations of (size + 8 B header), and the end block: ThreadX counts 11 fragments.
    expect(nx).toEqual({
      name: 'Nx App memory pool',
      size: 512000,
      available: 512000 - 8 - (24576 + 9 * 8),
      fragments: 11,
    });
    expect(parsePoolStatus(JSON.parse(m.statusText()))).toEqual({ ok: true, status: s, skipped: [] });
  });

  it('notifies at most once per throttle period, with the latest counters', () => {
    const { clock, advance } = fakeClock();
    const m = new BoardMemory({ clock, throttleMs: 250 });
    const seen: number[] = [];
    m.onChange((s) => seen.push(s.packetPools.find((p) => p.name === 'WS Server Packet Pool')!.free));
    const leases = Array.from({ length: 10 }, () => m.packetPool('ws')!.allocate(100));
    advance(0);
    expect(seen).toEqual([8]);
    leases.slice(0, 5).forEach((l) => l!.release());
    advance(100);
    expect(seen).toEqual([8]);
    advance(150);
    expect(seen).toEqual([8, 13]);
    m.close();
  });

  it('applies a what-if to the live pools and says what it could not do', () => {
    const m = new BoardMemory();
    const ws = m.packetPool('ws')!;
    const lease = ws.allocate(1024);
    const r = m.apply({
      httpSessionMax: 2,
      packetPools: { ws: { bytes: 10840, payload: 512 } },
      bytePools: { tx: { size: 1000 } },
    });
    expect(m.packetPool('http')!.stats().total).toBe(115);
    expect(ws.stats()).toMatchObject({ total: 10, free: 9 });
    expect(r.applied).toContain('HTTP sessions: 2.');
    expect(r.notApplied.join(' ')).toMatch(/payload 512 B needs a rebuilt firmware/);
    expect(r.notApplied.join(' ')).toMatch(/Tx App memory pool: 1,000 B is too small/);
    expect(m.usage().regions.find((x) => x.name === 'RAM')!.percent).toBeGreaterThan(90);
    lease!.release();
  });
});

describe('BytePool', () => {
  it('splits and merges blocks as ThreadX counts them', () => {
    const p = new BytePool('t', 1000);
    expect(p.stats()).toEqual({ name: 't', size: 1000, available: 992, fragments: 2 });
    const a = p.allocate(100)!;
    const b = p.allocate(3)!;
    expect(p.stats()).toMatchObject({ available: 992 - 108 - 12, fragments: 4 });
    expect(p.allocate(5000)).toBeUndefined();
    a.release();
    b.release();
    expect(p.stats()).toMatchObject({ available: 992, fragments: 2 });
  });
});
