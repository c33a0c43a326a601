import { describe, expect, it } from 'vitest';
import { LodPyramid, LOD_BASE_BUCKETS } from './lod';

/** A small deterministic random source (tests must not change from run to run). */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

interface Expected {
  count: number;
  tFirst: number;
  tLast: number;
  min: number;
  max: number;
  minAt: number;
  maxAt: number;
}

describe('LodPyramid against a brute-force count', () => {
  it(
    'keeps every bucket of every level as the samples in it say (random data, ties and gaps)',
    { timeout: 60_000 },
    () => {
      for (const seed of [1, 42]) {
        const rnd = random(seed);
        const from = 1_765_000_000_000;
        const to = from + LOD_BASE_BUCKETS * (1 + rnd() * 5);
        const lod = new LodPyramid(from, to);
        const n = 10_000;
        const times = Array.from({ length: n }, () => from + Math.floor(rnd() * (to - from + 1))).sort(
          (a, b) => a - b,
        );
        // Series 0: few distinct values (ties); series 1: absent often; series 2: never present.
        const values = times.map(() => [Math.floor(rnd() * 5), rnd() < 0.4 ? NaN : rnd() * 100 - 50]);
        const row = new Float64Array(3);
        times.forEach((t, j) => {
          row[0] = values[j]![0]!;
          row[1] = values[j]![1]!;
          row[2] = NaN;
          lod.add(t, row, 3);
        });
        lod.finish();

        const w0 = lod.bucket(0, 0, 0)!.width;
        const n0 = Math.ceil(Math.max(to - from, 1) / w0);
        expect(lod.levelCount).toBeGreaterThan(4);
        for (let level = 0; level < lod.levelCount; level++) {
          for (let series = 0; series < 3; series++) {
            const want = new Map<number, Expected>();
            times.forEach((t, j) => {
              const b0 = Math.min(n0 - 1, Math.max(0, Math.floor((t - from) / w0)));
              const b = Math.floor(b0 / 4 ** level);
              const e = want.get(b) ?? {
                count: 0,
                tFirst: t,
                tLast: t,
                min: Infinity,
                max: -Infinity,
                minAt: -1,
                maxAt: -1,
              };
              e.count++;
              e.tLast = t;
              const v = series === 2 ? NaN : values[j]![series]!;
              if (v < e.min) [e.min, e.minAt] = [v, j];
              if (v > e.max) [e.max, e.maxAt] = [v, j];
              want.set(b, e);
            });
            let seen = 0;
            const wrong: string[] = [];
            for (const [b, e] of want) {
              const got = lod.bucket(level, b, series)!;
              const ok =
                got.count === e.count &&
                got.tFirst === e.tFirst &&
                got.tLast === e.tLast &&
                got.min === e.min &&
                got.max === e.max &&
                (e.minAt < 0 || got.minFirst === e.minAt <= e.maxAt);
              if (!ok) wrong.push(`level ${level} bucket ${b}: ${JSON.stringify({ got, e })}`);
              seen += got.count;
            }
            expect(wrong.slice(0, 3)).toEqual([]);
            expect(seen).toBe(n);
          }
        }
      }
    },
  );

  it('gives a 1 min window of a 24 h run hundreds of buckets, so it is drawn without reading the file', () => {
    const from = 0;
    const day = 24 * 3_600_000;
    const lod = new LodPyramid(from, day);
    const row = new Float64Array(1);
    const at = 12 * 3_600_000;
    for (let t = at; t <= at + 60_000; t += 10) {
      row[0] = Math.sin(t / 1000);
      lod.add(t, row, 1);
    }
    lod.finish();
    // 1,000 buckets asked: at least 150 of them filled, each a minimum and a maximum.
    expect(lod.window(at, at + 60_000, 1000, 1).t.length).toBeGreaterThan(300);
  });
});
