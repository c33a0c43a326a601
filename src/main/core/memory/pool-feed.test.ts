import { describe, expect, it } from 'vitest';
import { poolStatusText, type PoolStatus } from '../../../shared/protocol/pool-status';
import { PoolStatusFeed, STALE_AFTER_MS } from './pool-feed';

const withEmmc: PoolStatus = {
  packetPools: [],
  bytePools: [],
  media: [{ name: 'eMMC', total: 1000, free: 250 }],
};

describe('PoolStatusFeed storage (the eMMC space a board reports)', () => {
  it('gives used and total from the last report, and unknown when the board says nothing or fell silent', async () => {
    let now = 1_000;
    const feed = new PoolStatusFeed(() => now);
    expect(await feed.storage('lab-1')).toEqual({
      ok: false,
      reason: 'this board does not report its eMMC space',
    });
    feed.push('lab-1', { type: 'pool-status', data: { packetPools: [] } });
    expect(await feed.storage('lab-1')).toMatchObject({ ok: false });
    feed.push('lab-1', JSON.parse(poolStatusText(withEmmc)));
    expect(await feed.storage('lab-1')).toEqual({ ok: true, used: 750, total: 1000 });
    now += STALE_AFTER_MS + 1;
    expect(await feed.storage('lab-1')).toEqual({
      ok: false,
      reason: 'the board has not reported its eMMC space for a while',
    });
  });

  it('waits for the first report of a board that just connected, and no longer than asked', async () => {
    const feed = new PoolStatusFeed();
    const asked = feed.storage('virtual', 5_000);
    feed.push('lab-1', JSON.parse(poolStatusText(withEmmc))); // another board's report is not this one's
    feed.push('virtual', JSON.parse(poolStatusText(withEmmc)));
    expect(await asked).toEqual({ ok: true, used: 750, total: 1000 });
    const t0 = Date.now();
    expect(await feed.storage('silent', 50)).toMatchObject({ ok: false });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(45);
  });
});
