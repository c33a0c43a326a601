import { describe, expect, it } from 'vitest';
import { SampleDecoder } from './sample-decoder';

function decodeAll(texts: string[]) {
  const d = new SampleDecoder();
  const out: { t: number; row: number[] }[] = [];
  texts.forEach((text, i) =>
    d.decode(Buffer.from(text), 1000 + i * 10, (t, row) =>
      out.push({ t, row: [...row.slice(0, d.series.length)] }),
    ),
  );
  return { series: d.series, out };
}

describe('SampleDecoder', () => {
  it('reads the firmware’s flat message and any other telemetry the same way', () => {
    const { series, out } = decodeAll([
      '{"type":"telemetry","data":{"junctionTemp":42.5,"randomInt":-7,"uptime":1e2}}',
      '{"type":"telemetry","data":{"junctionTemp":43,"label":"x","nested":{"a":1}}}',
      '{"type":"telemetry","data":{"uptime":3,"name":"é"}}',
      '{"type":"led-status","data":{"yellowLed":true,"redLed":false}}',
    ]);
    expect(series).toEqual(['junctionTemp', 'randomInt', 'uptime']);
    expect(out.map((s) => s.row)).toEqual([
      [42.5, -7, 100],
      [43, NaN, NaN],
      [NaN, NaN, 3],
    ]);
  });

  it('spreads a telemetry-batch before its receipt, as the live pipeline does', () => {
    const { out } = decodeAll([
      '{"type":"telemetry-batch","dt_us":[0,1000,2000],"data":{"junctionTemp":[1,2,3]}}',
    ]);
    expect(out).toEqual([
      { t: 998, row: [1] },
      { t: 999, row: [2] },
      { t: 1000, row: [3] },
    ]);
  });
});
