import { describe, expect, it } from 'vitest';
import type { TelemetryHistory } from '../../../../shared/bridge/contracts/telemetry';
import { TelemetryStore } from './telemetry-store';

const T0 = 1_765_100_000_000;

/** A store holding 100 rows from T0 + 10 s (one a 10 ms), with `v` = 1 … 100. */
function storeWithRows() {
  const store = new TelemetryStore(undefined, () => T0 + 11_000);
  const t = Float64Array.from({ length: 100 }, (_, j) => T0 + 10_000 + j * 10);
  store.apply({
    boardId: 'b',
    series: ['v'],
    t,
    columns: [Float64Array.from(t, (_, j) => j + 1)],
    counts: { received: 100, invalid: 0, dropped: 0, other: 0 },
    marks: [],
  });
  return store;
}

const answer = (t: number[], v: Array<number | null>): TelemetryHistory => ({
  boardId: 'b',
  series: ['v'],
  t,
  columns: [v],
  marks: [{ t: t[0]!, kind: 'reboot', detail: 'uptime went from 9 s to 0 s' }],
  counts: { received: 0, invalid: 0, dropped: 0, other: 0 },
  rawRows: 5000,
  heldFrom: null,
  heldTo: null,
  capacity: 0,
  reach: { memoryFrom: T0 + 10_000, fileFrom: T0, recorded: true },
});

describe('the older part of a window', () => {
  it('is asked on the view’s own bucket grid, then drawn before the rows held, with its marks and extremes', async () => {
    const store = storeWithRows();
    const asked: Array<{ fromT: number; toT: number; bucketMs: number }> = [];
    let reply: (h: TelemetryHistory) => void = () => {};
    store.older.fetch = (req) => {
      asked.push(req);
      return new Promise((r) => (reply = r));
    };
    const before = store.view(T0, T0 + 11_000, 110);
    expect(asked).toEqual([{ fromT: T0, toT: T0 + 10_000, bucketMs: 100 }]);
    expect(before.t[0]).toBe(T0 + 10_000);
    const changed = new Promise<void>((r) => store.subscribe(r));
    // The core's rows: one bucket's min and max (a spike of 500), the last one inside the store's first bucket.
    reply(answer([T0 + 5, T0 + 95, T0 + 9_990], [-3, 500, 7]));
    await changed;
    const v = store.view(T0, T0 + 11_000, 110);
    expect(v.t.slice(0, 2)).toEqual([T0 + 5, T0 + 95]);
    // T0 + 9 990 lies in the bucket before the store's first row (T0 + 10 000 starts a bucket): kept apart.
    expect(v.t[2]).toBe(T0 + 9_990);
    expect(v.t[3]).toBe(T0 + 10_000);
    expect(v.columns[0]!.slice(0, 4)).toEqual([-3, 500, 7, 1]);
    expect(new Set(v.t).size).toBe(v.t.length);
    expect(v.stats[0]).toMatchObject({ min: -3, max: 500 });
    expect(v.marks.map((m) => m.kind)).toEqual(['reboot']);
    expect(v.rawRows).toBe(100 + 5000);
    expect(store.older.reach).toEqual({ memoryFrom: T0 + 10_000, fileFrom: T0, recorded: true });
    // The same window again asks nothing more.
    store.view(T0, T0 + 11_000, 110);
    expect(asked).toHaveLength(1);
  });

  it('a window within the rows held asks nothing', () => {
    const store = storeWithRows();
    let asked = 0;
    store.older.fetch = async () => {
      asked++;
      return undefined;
    };
    store.view(T0 + 10_000, T0 + 11_000, 100);
    expect(asked).toBe(0);
  });
});
