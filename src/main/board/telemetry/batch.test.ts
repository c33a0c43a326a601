import { describe, expect, it } from 'vitest';
import { parseBoardMessage } from '../../../shared/protocol/messages';
import { BATCH_TEXT_BUDGET, MAX_TELEMETRY_BATCH, batchOffsetsUs, telemetryBatchText } from './batch';
import { cjsonNumber } from './cjson-number';

/** The longest randomFloat the firmware can print: float32(x / 100) for x in 0..9999. */
function longestFloat(): number {
  let best = 0;
  for (let x = 0; x < 10_000; x++) {
    const v = Math.fround(Math.fround(x) / 100);
    if (cjsonNumber(v).length > cjsonNumber(best).length) best = v;
  }
  return best;
}

describe('telemetry-batch text (board side)', () => {
  it('prints like cJSON: integer offsets, whole numbers bare, float32 values with up to 17 digits', () => {
    const text = telemetryBatchText(batchOffsetsUs(2, 1), [
      { junctionTemp: 42, randomFloat: Math.fround(73.21), randomInt: 456, uptime: 12 },
      { junctionTemp: 43, randomFloat: 42.5, randomInt: 0, uptime: 12 },
    ]);
    expect(text).toBe(
      '{"type":"telemetry-batch","dt_us":[0,500],"data":{"junctionTemp":[42,43],"randomFloat":[73.209999084472656,42.5],"randomInt":[456,0],"uptime":[12,12]}}',
    );
    const m = parseBoardMessage(text);
    expect(m.kind === 'telemetry-batch' && m.batch.columns.randomFloat).toEqual([Math.fround(73.21), 42.5]);
  });

  it('spreads the offsets evenly over the period, in whole µs', () => {
    expect(batchOffsetsUs(10, 1)).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
    expect(batchOffsetsUs(3, 1)).toEqual([0, 333, 667]);
  });

  it(`fits one WS pool packet at ${MAX_TELEMETRY_BATCH} samples of the worst case of every field, not at one more`, () => {
    const worst = (n: number) =>
      telemetryBatchText(
        new Array<number>(n).fill(59_999_999),
        new Array(n).fill({
          junctionTemp: -40,
          randomFloat: longestFloat(),
          randomInt: 1000,
          uptime: 4_294_967,
        }),
      ).length;
    expect(cjsonNumber(longestFloat())).toHaveLength(20);
    expect(worst(MAX_TELEMETRY_BATCH)).toBeLessThanOrEqual(BATCH_TEXT_BUDGET);
    expect(worst(MAX_TELEMETRY_BATCH + 1)).toBeGreaterThan(BATCH_TEXT_BUDGET);
  });
});
