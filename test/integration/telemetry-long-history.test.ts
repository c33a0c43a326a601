// Long history (docs/sessions.md §Long history) in a real bench core: the shown board's memory holds 200 rows, and
// a window older than them is answered from the run's session file being written, with the samples the board sent,
// joined with the rows in memory without a seam or a row twice. With the recorder off, history is memory only.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Bench } from '../../src/main/core/bench';
import type { TelemetryHistory, WrittenFile } from '../../src/shared/bridge/contracts/telemetry';
import { decimateMinMax } from '../../src/shared/telemetry/decimate';
import { caller, testBench } from '../support/bench';
import { tempDirs } from '../support/temp-dirs';
import { until } from '../support/wait';

const dirs = tempDirs('long-history-');
const benches: Bench[] = [];
afterAll(async () => {
  for (const b of benches.splice(0)) await b.close();
});

const SERIES = ['junctionTemp', 'randomFloat', 'randomInt', 'uptime'];

/** A bench whose shown board keeps 200 rows in memory, its virtual board at 50 Hz, and every sample it sent. */
/**
 * One bench per recorder setting, shared by the tests (each waits for its first 600 samples: 12 s at 50 Hz, once):
 * the tests read the first samples sent and windows of them, which later samples do not change.
 */
const shared = new Map<boolean, ReturnType<typeof startSmallMemoryBench>>();
function smallMemoryBench(recorder: boolean) {
  let b = shared.get(recorder);
  if (!b) shared.set(recorder, (b = startSmallMemoryBench(recorder)));
  return b;
}

async function startSmallMemoryBench(recorder: boolean) {
  const dir = dirs();
  // The recorder's setting is read when a run starts: the board's run starts with the bench.
  if (!recorder) writeFileSync(join(dir, 'settings.json'), JSON.stringify({ sessionRecorder: false }));
  const b = await testBench(dir, { telemetry: { pipeline: { maxRows: 200 } } });
  benches.push(b);
  const call = caller(() => b);
  const sent: { t: number; data: Record<string, number> }[] = [];
  b.telemetry.pipeline.tap((id, r) => {
    if (id !== 'virtual' || r.dir !== 'rx' || !r.data?.startsWith('{"type":"telemetry"')) return;
    sent.push({ t: r.t, data: (JSON.parse(r.data) as { data: Record<string, number> }).data });
  });
  await b.virtualBoards.service('virtual').ensureStarted();
  await call('vboard:configure', { boardId: 'virtual', telemetryMs: 20 });
  return { b, call, sent };
}

/** The values the board sent for `name` at each time of [from, to). */
function sentColumn(sent: { t: number; data: Record<string, number> }[], from: number, to: number) {
  const rows = sent.filter((s) => s.t >= from && s.t < to);
  return { t: rows.map((s) => s.t), columns: SERIES.map((n) => rows.map((s) => s.data[n] ?? null)) };
}

/** The history's columns in SERIES order. */
function bySeries(h: TelemetryHistory) {
  return SERIES.map((n) => h.columns[h.series.indexOf(n)] ?? []);
}

describe('history of the shown board past its memory', () => {
  it('reads a window older than memory from the session file, with the samples sent', async () => {
    const { call, sent } = await smallMemoryBench(true);
    // 600 samples: three times what memory holds, the older ones long written to the file (a chunk each 500 ms).
    await until(() => sent.length >= 600, '600 samples from the virtual board', 60_000);
    const now = await call<TelemetryHistory>('telemetry:history', { fromT: sent[0]!.t, toT: Date.now() });
    const memoryFrom = now.reach!.memoryFrom!;
    expect(now.reach).toMatchObject({ recorded: true });
    expect(now.reach!.fileFrom!).toBeLessThanOrEqual(sent[0]!.t);
    expect(memoryFrom).toBeGreaterThan(sent[100]!.t);

    // Wholly older than memory: every sample, exactly as sent.
    const from = sent[10]!.t;
    const older = await call<TelemetryHistory>('telemetry:history', {
      fromT: from,
      toT: memoryFrom,
      maxPoints: 100_000,
    });
    const expected = sentColumn(sent, from, memoryFrom);
    expect(expected.t.length).toBeGreaterThan(100);
    expect(older.t).toEqual(expected.t);
    expect(bySeries(older)).toEqual(expected.columns);

    // Across the boundary: the file's part and memory's, every sample once, in order, none missing.
    const to = sent.at(-1)!.t + 1;
    const across = await call<TelemetryHistory>('telemetry:history', {
      fromT: from,
      toT: to,
      maxPoints: 100_000,
    });
    const all = sentColumn(sent, from, to);
    expect(across.t).toEqual(all.t);
    expect(bySeries(across)).toEqual(all.columns);
  }, 120_000);

  it('decimates the file part and the memory part on one grid, as one decimation of every sample', async () => {
    const { call, sent } = await smallMemoryBench(true);
    await until(() => sent.length >= 600, '600 samples from the virtual board', 60_000);
    const from = sent[0]!.t;
    const to = sent[599]!.t + 1;
    const h = await call<TelemetryHistory>('telemetry:history', { fromT: from, toT: to, maxPoints: 60 });
    expect(h.reach!.memoryFrom!).toBeGreaterThan(from);
    const rows = sent.filter((s) => s.t >= from && s.t < to);
    const once = decimateMinMax(
      {
        t: rows.map((s) => s.t),
        columns: SERIES.map((n) => Float64Array.from(rows, (s) => s.data[n] ?? NaN)),
        start: 0,
        end: rows.length,
      },
      from,
      to,
      30,
    );
    expect(h.t).toEqual(once.t);
    expect(bySeries(h)).toEqual(once.columns);

    // On the page's grid (buckets of 200 ms from a multiple of 200 ms): the samples of the window asked only.
    const [a, b] = [from + 3, to - 3];
    const grid = {
      from: Math.floor(a / 200) * 200,
      buckets: Math.ceil((b - Math.floor(a / 200) * 200) / 200),
    };
    const onGrid = await call<TelemetryHistory>('telemetry:history', { fromT: a, toT: b, bucketMs: 200 });
    const inside = sent.filter((s) => s.t >= a && s.t < b);
    expect(onGrid.rawRows).toBe(inside.length);
    const expected = decimateMinMax(
      {
        t: inside.map((s) => s.t),
        columns: SERIES.map((n) => Float64Array.from(inside, (s) => s.data[n] ?? NaN)),
        start: 0,
        end: inside.length,
      },
      grid.from,
      grid.from + grid.buckets * 200,
      grid.buckets,
    );
    expect(onGrid.t).toEqual(expected.t);
    expect(bySeries(onGrid)).toEqual(expected.columns);
  }, 120_000);

  it("exports the window on screen: the rows only the file holds, then memory's, every sample once", async () => {
    const { call, sent } = await smallMemoryBench(true);
    await until(() => sent.length >= 600, '600 samples from the virtual board', 60_000);
    const from = sent[10]!.t;
    const to = sent[590]!.t;
    const written = await call<WrittenFile>('telemetry:export-csv', {
      source: 'window',
      fromT: from,
      toT: to,
      view: 'zoomed',
    });
    const text = readFileSync(written.file, 'utf8');
    const lines = text.split('\r\n').filter((l) => l !== '');
    const header = lines.find((l) => l.startsWith('time (UTC)'))!.split(',');
    const rows = lines.filter((l) => /^\d{4}-/.test(l)).map((l) => l.split(','));
    const expected = sent.filter((s) => s.t >= from && s.t <= to);
    // Memory holds 200 rows: most of the 581 come from the session file.
    expect(expected.length).toBeGreaterThan(400);
    expect(written.rows).toBe(expected.length);
    expect(text).toContain(`# rows: ${expected.length} `);
    expect(rows.map((r) => Date.parse(r[0]!))).toEqual(expected.map((s) => Math.round(s.t)));
    const uptime = header.findIndex((h) => h.startsWith('uptime'));
    expect(rows.map((r) => Number(r[uptime]))).toEqual(expected.map((s) => s.data.uptime));
    expect(text).not.toContain('# held:');
  }, 120_000);

  it('says in the export that the window starts before what the bench holds (recorder off)', async () => {
    const { call, sent } = await smallMemoryBench(false);
    await until(() => sent.length >= 400, '400 samples from the virtual board', 60_000);
    const to = sent[399]!.t;
    const written = await call<WrittenFile>('telemetry:export-csv', {
      source: 'window',
      fromT: sent[0]!.t,
      toT: to,
      view: 'zoomed',
    });
    const text = readFileSync(written.file, 'utf8');
    expect(written.rows).toBeLessThanOrEqual(200);
    expect(text).toMatch(/^# held: only the rows in memory, from \S+Z \(this run is not being recorded\)$/m);
  }, 120_000);

  it('with the recorder off, a window older than memory is empty and the answer says memory is all', async () => {
    const { call, sent } = await smallMemoryBench(false);
    await until(() => sent.length >= 400, '400 samples from the virtual board', 60_000);
    const now = await call<TelemetryHistory>('telemetry:history', { fromT: sent[0]!.t, toT: Date.now() });
    expect(now.reach).toEqual({ memoryFrom: now.heldFrom, fileFrom: null, recorded: false });
    const older = await call<TelemetryHistory>('telemetry:history', {
      fromT: sent[0]!.t,
      toT: now.heldFrom!,
    });
    expect(older.t).toEqual([]);
  }, 120_000);
});
