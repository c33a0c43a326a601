import { describe, expect, it } from 'vitest';
import { decodeWireBinary, encodeWire } from './wire';

const batch = {
  t: 'event',
  name: 'telemetry:batch',
  payload: {
    boardId: 'virtual',
    series: ['a', 'b'],
    t: Float64Array.from([1000.5, 1001]),
    columns: [Float64Array.from([1.25, NaN]), Float64Array.from([-0, 3e300])],
    counts: { received: 2, invalid: 0, dropped: 0, other: 0 },
    marks: [],
  },
};

describe('bridge wire format', () => {
  it('carries typed columns as one binary frame, NaN and all, read back as Float64Arrays', () => {
    const bytes = encodeWire(batch, true);
    expect(bytes).toBeInstanceOf(Uint8Array);
    const buf = (bytes as Uint8Array).slice().buffer;
    const back = decodeWireBinary(buf) as typeof batch;
    expect(back.payload.t).toBeInstanceOf(Float64Array);
    expect(back.payload.columns[0]).toBeInstanceOf(Float64Array);
    expect(Array.from(back.payload.t)).toEqual([1000.5, 1001]);
    expect(Array.from(back.payload.columns[0]!)).toEqual([1.25, NaN]);
    expect(Array.from(back.payload.columns[1]!)).toEqual([-0, 3e300]);
    expect({ ...back.payload, t: 0, columns: 0 }).toEqual({ ...batch.payload, t: 0, columns: 0 });
  });

  it('gives a page that did not ask for binary plain JSON arrays (NaN as null), and other messages as text', () => {
    const text = encodeWire(batch, false) as string;
    const back = JSON.parse(text) as { payload: { t: number[]; columns: Array<Array<number | null>> } };
    expect(back.payload.t).toEqual([1000.5, 1001]);
    expect(back.payload.columns).toEqual([
      [1.25, null],
      [0, 3e300],
    ]);
    expect(encodeWire({ t: 'event', name: 'app:heartbeat', payload: { seq: 1 } }, true)).toBe(
      '{"t":"event","name":"app:heartbeat","payload":{"seq":1}}',
    );
  });

  it('refuses a frame whose arrays point outside it', () => {
    const bytes = (encodeWire(batch, true) as Uint8Array).slice();
    expect(() => decodeWireBinary(bytes.buffer.slice(0, bytes.length - 8))).toThrow(/out of range/);
    expect(() => decodeWireBinary(new ArrayBuffer(2))).toThrow(/too short/);
  });
});
