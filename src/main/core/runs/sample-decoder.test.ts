import { describe, expect, it, vi } from 'vitest';
import { SampleDecoder } from './sample-decoder';

const parses = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../shared/protocol/messages', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../shared/protocol/messages')>();
  return {
    ...actual,
    parseBoardMessage: (text: string) => {
      parses.count++;
      return actual.parseBoardMessage(text);
    },
  };
});

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

  it('reads long and exponent numbers by hand as JSON.parse does (the core parses a board message once)', () => {
    let seed = 7;
    const random = () =>
      ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 10 ** ((seed % 40) - 20);
    const values = Array.from({ length: 500 }, random).concat([55.310001373291016, -1.5e-7, 1e21, 0.1 + 0.2]);
    parses.count = 0;
    const { out } = decodeAll(values.map((v) => `{"type":"telemetry","data":{"v":${JSON.stringify(v)}}}`));
    expect(out.map((s) => s.row[0])).toEqual(values);
    expect(parses.count).toBe(0);
  });
});
