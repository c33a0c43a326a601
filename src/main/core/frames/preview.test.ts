import { describe, expect, it } from 'vitest';
import { describeFrame } from './preview';

const text = (s: string) => {
  const bytes = new TextEncoder().encode(s);
  return describeFrame(1, bytes, bytes.length, false);
};

describe('frame preview of a telemetry-batch (docs/telemetry-batch.md)', () => {
  it('names the type for the filter and says how many samples over what span, then the last one', () => {
    expect(
      text(
        '{"type":"telemetry-batch","dt_us":[0,100,900],"data":{"junctionTemp":[41,41,42],"randomFloat":[1,2,73.209999084472656],"uptime":[7,7,8]}}',
      ),
    ).toEqual({
      msgType: 'telemetry-batch',
      preview: 'telemetry-batch 3 samples over 0.9 ms, last: 42 °C randomFloat=73.21 uptime=8',
    });
  });

  it('says why a malformed batch is refused', () => {
    expect(text('{"type":"telemetry-batch","dt_us":[0],"data":{"a":[1,2]}}')).toEqual({
      msgType: 'telemetry-batch',
      preview: 'telemetry-batch (refused: dt_us has 1 offsets for 2 samples)',
    });
  });
});
