import { describe, expect, it } from 'vitest';
import { parseBoardMessage } from './messages';
import { emmcMedium, parsePoolStatus, poolStatusText } from './pool-status';

describe('pool-status parser', () => {
  it('round-trips what the virtual board sends', () => {
    const status = {
      packetPools: [
        { name: 'WS Server Packet Pool', payload: 1024, total: 18, free: 17, highWater: 3, failures: 0 },
      ],
      bytePools: [{ name: 'Nx App memory pool', size: 512000, available: 487344, fragments: 11 }],
    };
    const text = poolStatusText(status);
    const msg = parseBoardMessage(text);
    expect(msg.kind).toBe('other');
    expect(parsePoolStatus(msg.kind === 'other' ? msg.value : null)).toEqual({
      ok: true,
      status,
      skipped: [],
    });
  });

  it('is tolerant: snake_case, numeric strings, missing optional fields, bad entries skipped and named', () => {
    const r = parsePoolStatus({
      type: 'pool-status',
      data: {
        packet_pools: [
          { name: 'P', payload_size: '1536', total_packets: 60, free_packets: 70, empty_pool_requests: 2 },
          { total: 3, free: 1 },
        ],
        byte_pools: [{ name: 'B', available_bytes: 100, fragments_count: 4 }, 'junk'],
      },
    });
    expect(r).toEqual({
      ok: true,
      status: {
        packetPools: [{ name: 'P', payload: 1536, total: 60, free: 60, highWater: undefined, failures: 2 }],
        bytePools: [{ name: 'B', size: undefined, available: 100, fragments: 4 }],
      },
      skipped: ['packet pool #2: needs name, total and free'],
    });
  });

  it('reads the storage media, picks the eMMC for the Files page, and skips a medium without figures', () => {
    const r = parsePoolStatus({
      type: 'pool-status',
      data: {
        packetPools: [],
        media: [
          { name: 'SD', total: 100, free: 50 },
          { name: 'eMMC', total_bytes: '7818182656', free: 9e12 },
          { name: 'broken', total: 5 },
        ],
      },
    });
    expect(r.ok && r.status.media).toEqual([
      { name: 'SD', total: 100, free: 50 },
      { name: 'eMMC', total: 7818182656, free: 7818182656 },
    ]);
    expect(r.ok && r.skipped).toEqual(['medium #3: needs name, total and free']);
    expect(r.ok && emmcMedium(r.status)?.name).toBe('eMMC');
    expect(
      emmcMedium({ packetPools: [], bytePools: [], media: [{ name: 'SD', total: 1, free: 1 }] })?.name,
    ).toBe('SD');
    expect(emmcMedium({ packetPools: [], bytePools: [] })).toBeUndefined();
  });

  it.each([
    [null, 'not a JSON object'],
    [{ type: 'telemetry', data: {} }, 'type is "telemetry", not "pool-status"'],
    [{ type: 'pool-status' }, 'pool-status without a data object'],
    [{ type: 'pool-status', data: { pools: [] } }, 'pool-status with neither packetPools nor bytePools'],
  ])('says why it refuses %j', (value, reason) => {
    expect(parsePoolStatus(value)).toEqual({ ok: false, reason });
  });
});
