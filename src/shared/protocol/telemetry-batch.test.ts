import { describe, expect, it } from 'vitest';
import { parseBoardMessage } from './messages';
import {
  MAX_BATCH_SAMPLES,
  batchSampleData,
  batchSampleTimes,
  parseTelemetryBatch,
  type TelemetryBatchMessage,
} from './telemetry-batch';

const FRAME =
  '{"type":"telemetry-batch","dt_us":[0,100,200],"data":{"junctionTemp":[42,42,43],' +
  '"randomFloat":[73.209999084472656,0,42.5],"randomInt":[456,456,7],"uptime":[12,12,13]}}';

function batchOf(text: string): TelemetryBatchMessage {
  const m = parseBoardMessage(text);
  if (m.kind !== 'telemetry-batch') throw new Error(`not a batch: ${JSON.stringify(m)}`);
  return m.batch;
}
function reasonOf(text: string): string {
  const m = parseBoardMessage(text);
  return m.kind === 'invalid' ? m.reason : `parsed as ${m.kind}`;
}

describe('telemetry-batch parser', () => {
  it('reads the columnar frame: offsets, columns in key order, values as sent', () => {
    const b = batchOf(FRAME);
    expect(b.dtUs).toEqual([0, 100, 200]);
    expect(Object.keys(b.columns)).toEqual(['junctionTemp', 'randomFloat', 'randomInt', 'uptime']);
    expect(b.columns.randomFloat).toEqual([73.209999084472656, 0, 42.5]);
    expect(batchSampleData(b, 2)).toEqual({ junctionTemp: 43, randomFloat: 42.5, randomInt: 7, uptime: 13 });
  });

  it('times each sample back from the receipt time by its board-time offset to the last sample', () => {
    const b = batchOf(FRAME);
    expect(batchSampleTimes(b, 5000)).toEqual([4999.8, 4999.9, 5000]);
    expect(batchSampleTimes(b, 5000, 4999.8)).toEqual([4999.8, 4999.9, 5000]);
  });

  it('never goes back before the previous sample: a bunched frame is squeezed after it, ending at its receipt', () => {
    const b = batchOf(FRAME);
    expect(batchSampleTimes(b, 5000, 4999.9)).toEqual([4999.9, 4999.95, 5000]);
    expect(batchSampleTimes(b, 5000, 5000)).toEqual([5000, 5000, 5000]);
    // Received before the previous sample (the host's clock stepped back): all at the previous sample's time.
    expect(batchSampleTimes(b, 4000, 5000)).toEqual([5000, 5000, 5000]);
    const one = batchOf('{"type":"telemetry-batch","dt_us":[7],"data":{"a":[1]}}');
    expect(batchSampleTimes(one, 10, 20)).toEqual([20]);
  });

  it('takes period_us instead of dt_us, and dt_us over period_us when both are sent', () => {
    expect(batchOf('{"type":"telemetry-batch","period_us":250,"data":{"a":[1,2,3]}}').dtUs).toEqual([
      0, 250, 500,
    ]);
    expect(
      batchOf('{"type":"telemetry-batch","period_us":250,"dt_us":[5,6],"data":{"a":[1,2]}}').dtUs,
    ).toEqual([5, 6]);
  });

  it.each([
    ['{"type":"telemetry-batch","dt_us":[0]}', 'without a data object'],
    ['{"type":"telemetry-batch","dt_us":[0],"data":[[1]]}', 'without a data object'],
    ['{"type":"telemetry-batch","dt_us":[],"data":{}}', 'without a field'],
    ['{"type":"telemetry-batch","dt_us":[],"data":{"a":[]}}', 'without samples'],
    ['{"type":"telemetry-batch","data":{"a":[1,2]}}', 'neither dt_us nor period_us'],
    ['{"type":"telemetry-batch","dt_us":5,"data":{"a":[1]}}', 'dt_us is not an array'],
    ['{"type":"telemetry-batch","dt_us":[0,1,2],"data":{"a":[1,2]}}', 'dt_us has 3 offsets for 2 samples'],
    ['{"type":"telemetry-batch","dt_us":[0,"1"],"data":{"a":[1,2]}}', 'dt_us value #2 is string'],
    ['{"type":"telemetry-batch","dt_us":[0,200,100],"data":{"a":[1,2,3]}}', 'dt_us goes back at sample #3'],
    ['{"type":"telemetry-batch","dt_us":[0,1e9],"data":{"a":[1,2]}}', 'spans more than 60 s'],
    ['{"type":"telemetry-batch","period_us":0,"data":{"a":[1,2]}}', 'period_us is not a positive number'],
    ['{"type":"telemetry-batch","period_us":"100","data":{"a":[1,2]}}', 'period_us is not a positive number'],
    [
      '{"type":"telemetry-batch","dt_us":[0,1],"data":{"a":[1,2],"b":[3]}}',
      'field "b" has 1 values for 2 samples',
    ],
    [
      '{"type":"telemetry-batch","dt_us":[0,1],"data":{"a":[1,2],"b":5}}',
      'field "b" is number, not an array',
    ],
    ['{"type":"telemetry-batch","dt_us":[0,1],"data":{"a":5}}', 'field "a" is not an array'],
    ['{"type":"telemetry-batch","dt_us":[0,1],"data":{"a":[1,null]}}', 'field "a" value #2 is null'],
    ['{"type":"telemetry-batch","dt_us":[0,1],"data":{"a":[1,"2"]}}', 'field "a" value #2 is string'],
    ['{"type":"telemetry-batch","dt_us":[0,1],"data":{"a":[1,1e999]}}', 'field "a" value #2 is Infinity'],
  ])('refuses %s with a reason (%s), never throws', (text, reason) => {
    expect(reasonOf(text)).toContain(reason);
  });

  it('refuses a batch of more samples than it takes', () => {
    const n = MAX_BATCH_SAMPLES + 1;
    const zeros = new Array(n).fill(0).join(',');
    expect(reasonOf(`{"type":"telemetry-batch","dt_us":[${zeros}],"data":{"a":[${zeros}]}}`)).toContain(
      `${n} samples`,
    );
  });

  it('takes a parsed object directly, refusing anything that is not a batch', () => {
    expect(parseTelemetryBatch(null)).toEqual({ ok: false, reason: 'not a JSON object' });
    expect(parseTelemetryBatch({ type: 'telemetry', data: {} })).toMatchObject({ ok: false });
    expect(parseTelemetryBatch(JSON.parse(FRAME))).toMatchObject({ ok: true });
  });

  it('leaves the single form and the other messages as they were', () => {
    expect(parseBoardMessage('{"type":"telemetry","data":{"a":1}}').kind).toBe('telemetry');
    expect(parseBoardMessage('{"type":"pool-status","data":{}}').kind).toBe('other');
  });
});
