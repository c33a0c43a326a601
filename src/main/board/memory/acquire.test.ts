import { describe, expect, it } from 'vitest';
import { acquirePackets } from './acquire';
import { PacketPool } from './packet-pool';

describe('acquirePackets', () => {
  it('waits for packets to be released without counting a failure', async () => {
    const pool = new PacketPool('p', 100, 4);
    const a = (await acquirePackets(pool, 300, 1000))!;
    const waiting = acquirePackets(pool, 200, 1000);
    expect(pool.stats().free).toBe(1);
    a.release();
    const b = await waiting;
    expect(b).toBeDefined();
    expect(pool.stats()).toMatchObject({ free: 2, failures: 0, allocations: 2 });
  });

  it('fails after the timeout and counts one failure', async () => {
    const pool = new PacketPool('p', 100, 1);
    await acquirePackets(pool, 100, 1000);
    await expect(acquirePackets(pool, 100, 20)).rejects.toThrow(/no packet free/);
    expect(pool.stats().failures).toBe(1);
  });

  it('is a no-op without a pool', async () => {
    expect(await acquirePackets(undefined, 10, 10)).toBeUndefined();
  });
});
