import { describe, expect, it } from 'vitest';
import type { TelemetryBatch } from '../../../shared/telemetry/types';
import { TelemetryPipeline } from './pipeline';

/** The rows a pipeline holds, and what it sent the renderer, after ingesting `feed`. */
function run(feed: (rx: (t: number, text: string) => void) => void) {
  const batches: TelemetryBatch[] = [];
  const p = new TelemetryPipeline({ batchMs: 0, emit: (b) => batches.push(b) });
  feed((t, data) => p.ingest('board', { t, dir: 'rx', op: 1, data }));
  p.flush();
  const rows: { t: number; values: number[] }[] = [];
  p.forEachRow(-Infinity, Infinity, (t, values) => rows.push({ t, values: Array.from(values) }));
  const sent = batches.map((b) => ({ ...b, marks: b.marks.map((m) => ({ ...m })) }));
  return { rows, series: p.series, totals: p.totals, sent, reason: p.lastInvalidReason };
}

type Sample = { junctionTemp: number; randomFloat: number; randomInt: number; uptime: number };

/** 3 frames of 10 samples at 10 kHz board time, 1 ms apart on receipt; the uptime goes back in the last (a reboot). */
const FRAMES: { receivedAt: number; dtUs: number[]; samples: Sample[] }[] = [0, 1, 2].map((f) => ({
  receivedAt: 1_700_000_000_000 + f,
  dtUs: Array.from({ length: 10 }, (_, i) => 1000 * f + 100 * i),
  samples: Array.from({ length: 10 }, (_, i) => ({
    junctionTemp: 40 + f,
    randomFloat: Math.fround((f * 10 + i) * 1.37),
    randomInt: (f * 10 + i) * 31,
    uptime: f === 2 ? 0 : 5,
  })),
}));

function batchText(dtUs: number[], samples: Sample[]): string {
  const col = (k: keyof Sample) => samples.map((s) => s[k]);
  return JSON.stringify({
    type: 'telemetry-batch',
    dt_us: dtUs,
    data: {
      junctionTemp: col('junctionTemp'),
      randomFloat: col('randomFloat'),
      randomInt: col('randomInt'),
      uptime: col('uptime'),
    },
  });
}

describe('TelemetryPipeline, telemetry-batch frames', () => {
  it('stores the same series as the single form: same values, same times, same marks and counts', () => {
    const batched = run((rx) => {
      for (const f of FRAMES) rx(f.receivedAt, batchText(f.dtUs, f.samples));
    });
    const single = run((rx) => {
      for (const f of FRAMES) {
        const last = f.dtUs[f.dtUs.length - 1]!;
        f.samples.forEach((data, i) =>
          rx(f.receivedAt - (last - f.dtUs[i]!) / 1000, JSON.stringify({ type: 'telemetry', data })),
        );
      }
    });
    expect(batched.rows).toHaveLength(30);
    expect(batched.series).toEqual(['junctionTemp', 'randomFloat', 'randomInt', 'uptime']);
    expect(batched.rows).toEqual(single.rows);
    expect(batched.sent).toEqual(single.sent);
    expect(batched.totals).toEqual({ received: 30, invalid: 0, dropped: 0, other: 0 });
    // The times: the last sample of a frame at its receipt, the first 0.9 ms before, strictly increasing.
    expect(batched.rows[9]!.t).toBe(FRAMES[0]!.receivedAt);
    expect(batched.rows[0]!.t).toBeCloseTo(FRAMES[0]!.receivedAt - 0.9, 6);
    expect(batched.rows.every((r, i) => i === 0 || r.t > batched.rows[i - 1]!.t)).toBe(true);
    expect(batched.sent[0]!.marks.map((m) => m.kind)).toEqual(['reboot']);
    expect(batched.sent[0]!.latest).toEqual(FRAMES[2]!.samples[9]);
  });

  it('keeps times in order when frames arrive bunched (a late reader gets several in one go)', () => {
    const r = run((rx) => {
      // Four frames of 10 samples 100 µs apart, all read at the same millisecond, then one on time.
      for (let f = 0; f < 4; f++) rx(5000, batchText(FRAMES[0]!.dtUs, FRAMES[0]!.samples));
      rx(5001, batchText(FRAMES[0]!.dtUs, FRAMES[0]!.samples));
    });
    expect(r.rows).toHaveLength(50);
    expect(r.rows.every((row, i) => i === 0 || row.t >= r.rows[i - 1]!.t)).toBe(true);
    expect(r.rows[0]!.t).toBeCloseTo(4999.1, 6);
    expect([9, 19, 29, 39, 49].map((i) => r.rows[i]!.t)).toEqual([5000, 5000, 5000, 5000, 5001]);
    expect(r.totals.received).toBe(50);
  });

  it('counts a malformed batch as one invalid message with its reason and charts none of it', () => {
    const r = run((rx) => {
      rx(1000, '{"type":"telemetry","data":{"a":1}}');
      rx(1001, '{"type":"telemetry-batch","dt_us":[0,100],"data":{"a":[2,"3"]}}');
      rx(1002, '{"type":"telemetry-batch","dt_us":[0,100],"data":{"a":[2,3],"b":[4]}}');
    });
    expect(r.rows).toEqual([{ t: 1000, values: [1] }]);
    expect(r.totals).toEqual({ received: 1, invalid: 2, dropped: 0, other: 0 });
    expect(r.reason).toBe('telemetry-batch field "b" has 1 values for 2 samples');
  });
});
