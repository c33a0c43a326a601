// `runs:export-csv` in a real bench core: a kept run of 300,000 samples (five minutes at 1 kHz, more than one slice
// of the streamed export) with markers, exported whole and in a window: every sample exact (not the level of
// detail the charts get), the live export's columns, the markers in the marker column, a download in browser mode.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bench } from '../../src/main/core/bench';
import { SessionFileWriter } from '../../src/main/core/flight/session-file-writer';
import type { ReviewedRun, RunMarker, RunsState, RunTelemetry } from '../../src/shared/bridge/contracts/runs';
import type { WrittenFile } from '../../src/shared/bridge/contracts/telemetry';
import type { Result } from '../../src/shared/result';
import { sessionFileName } from '../../src/shared/session-file/channels';
import { caller, testBench } from '../support/bench';
import { tempDirs } from '../support/temp-dirs';
import { until } from '../support/wait';

const dirs = tempDirs('runs-export-');
const benches: Bench[] = [];
afterEach(async () => {
  for (const b of benches.splice(0)) await b.close();
});

const N = 300_000;
const started = Date.UTC(2026, 11, 7, 9);
/** Sample i: at started + i ms, junctionTemp i % 1000 / 10, randomInt i. */
const tOf = (i: number) => started + i;

/** A finished run of N samples at 1 kHz; a marker at 100.5 ms (between samples), one at 200 s, one past the end. */
async function writeRun(dir: string): Promise<string> {
  mkdirSync(join(dir, 'sessions', 'virtual'), { recursive: true });
  const path = join(dir, 'sessions', 'virtual', sessionFileName(started));
  const w = await SessionFileWriter.create(
    path,
    { boardId: 'virtual', boardName: 'Virtual board', boardKind: 'virtual', benchVersion: '0', started },
    { sync: false },
  );
  const marker = (t: number, note: string) =>
    w.add('events', t, { kind: 'marker', note, source: 'user', detail: note });
  for (let i = 0; i < N; i++) {
    if (i === 101) marker(tOf(100.5), 'between samples');
    if (i === 200_000) marker(tOf(200_000), 'on a sample');
    w.add(
      'telemetry',
      tOf(i),
      `{"type":"telemetry","data":{"junctionTemp":${(i % 1000) / 10},"randomInt":${i}}}`,
    );
    if (i % 20_000 === 0) await w.flush();
  }
  marker(tOf(N + 5000), 'after the last sample');
  w.add('telemetry', tOf(N + 10_000), '{"type":"telemetry","data":{"junctionTemp":1,"randomInt":-1}}');
  await w.close();
  return path;
}

describe('runs:export-csv', () => {
  it('exports every sample of a big window, streamed, with the markers on their rows', async () => {
    const dir = dirs();
    await writeRun(dir);
    const b = await testBench(dir, { connectOnStart: false });
    benches.push(b);
    const call = caller(() => b);
    const [run] = (await call<RunsState>('runs:list', {})).runs;
    const opened = await call<ReviewedRun>('runs:open', { id: run!.id });
    // The charts get the level of detail for this window; the export gets every sample.
    const lod = await call<RunTelemetry>('runs:telemetry', {
      reviewId: opened.reviewId,
      fromT: tOf(0),
      toT: tOf(N + 6000),
      maxPoints: 2000,
    });
    expect(lod.exact).toBe(false);
    const out = await call<WrittenFile>('runs:export-csv', {
      reviewId: opened.reviewId,
      fromT: tOf(0),
      toT: tOf(N + 6000),
    });
    expect(out.download).toMatch(/^\/download\//);
    expect(out.file).toMatch(/session-virtual-\d{8}-\d{6}\.csv$/);
    // N samples and the marker past the last one on a row of its own.
    expect(out.rows).toBe(N + 1);
    const lines = readFileSync(out.file, 'utf8').split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines.slice(0, 5)).toEqual([
      '# NUCLEO-MEM Bench telemetry',
      '# board: Virtual board (virtual), a recorded run',
      `# range: ${new Date(tOf(0)).toISOString()} to ${new Date(tOf(N + 6000)).toISOString()} (both included; the reviewed window as shown)`,
      `# rows: ${N + 1}`.padEnd(20),
      'time (UTC),junctionTemp (°C),randomInt,marker',
    ]);
    const rows = lines.slice(5);
    expect(rows).toHaveLength(N + 1);
    const marked: string[] = [];
    for (let i = 0; i < N; i++) {
      const row = rows[i]!;
      const expected = `${new Date(tOf(i)).toISOString()},${(i % 1000) / 10},${i},`;
      if (row !== expected) {
        expect(row.startsWith(expected), `row ${i}`).toBe(true);
        marked.push(row);
      }
    }
    expect(marked).toEqual([
      `${new Date(tOf(101)).toISOString()},10.1,101,between samples`,
      `${new Date(tOf(200_000)).toISOString()},0,200000,on a sample`,
    ]);
    expect(rows[N]).toBe(`${new Date(tOf(N + 5000)).toISOString()},,,after the last sample`);
  }, 120_000);

  it('exports a window exactly, both ends included, with a marker added in review; refuses a closed review', async () => {
    const dir = dirs();
    await writeRun(dir);
    const b = await testBench(dir, { connectOnStart: false });
    benches.push(b);
    const call = caller(() => b);
    const [run] = (await call<RunsState>('runs:list', {})).runs;
    const opened = await call<ReviewedRun>('runs:open', { id: run!.id });
    await call('runs:mark', { reviewId: opened.reviewId, t: tOf(150_000), note: 'seen in review' });
    const out = await call<WrittenFile>('runs:export-csv', {
      reviewId: opened.reviewId,
      fromT: tOf(149_998),
      toT: tOf(150_001),
    });
    const rows = readFileSync(out.file, 'utf8').split('\r\n').slice(5, -1);
    expect(rows).toEqual([
      `${new Date(tOf(149_998)).toISOString()},99.8,149998,`,
      `${new Date(tOf(149_999)).toISOString()},99.9,149999,`,
      `${new Date(tOf(150_000)).toISOString()},0,150000,seen in review`,
      `${new Date(tOf(150_001)).toISOString()},0.1,150001,`,
    ]);
    const ask = async (request: unknown) =>
      (await b.dispatch('runs:export-csv', request, { transport: 'browser' })) as Result<unknown>;
    expect(await ask({ reviewId: opened.reviewId, fromT: tOf(2), toT: tOf(1) })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(/window is empty/) as unknown },
    });
    await call('runs:close', { reviewId: opened.reviewId });
    expect(await ask({ reviewId: opened.reviewId, fromT: tOf(0), toT: tOf(1) })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringMatching(/review is closed/) as unknown },
    });
  }, 120_000);

  it("puts the board's live run's markers (the user's and the bench's own) into the live window export", async () => {
    const dir = dirs();
    const b = await testBench(dir);
    benches.push(b);
    const call = caller(() => b);
    let last = 0;
    b.telemetry.pipeline.tap((id, r) => {
      if (id === 'virtual' && r.dir === 'rx' && r.data?.startsWith('{"type":"telemetry"')) last = r.t;
    });
    await b.virtualBoards.service('virtual').ensureStarted();
    await call('vboard:configure', { boardId: 'virtual', telemetryMs: 50 });
    await until(
      async () => (await call<RunsState>('runs:list', {})).runs.find((r) => r.live),
      'the live run',
      30_000,
    );
    await until(() => last > 0, 'telemetry from the board', 30_000);
    const mark = await call<RunMarker>('runs:mark', { boardId: 'virtual', note: 'probe on TP3' });
    await until(() => last > mark.t + 200, 'telemetry after the marker', 30_000);
    const out = await call<WrittenFile>('telemetry:export-csv', {
      source: 'window',
      fromT: mark.t - 2000,
      toT: last,
      view: 'paused',
    });
    const lines = readFileSync(out.file, 'utf8').split('\r\n');
    expect(lines.find((l) => l.startsWith('time (UTC),'))!.endsWith(',marker')).toBe(true);
    const rows = lines.filter((l) => /^\d{4}-/.test(l));
    const at = rows.findIndex((l) => Date.parse(l.slice(0, l.indexOf(','))) >= mark.t);
    // Markers on one row are joined with " | " (the bench's own "HTTP answers…" may share it).
    expect(rows[at], rows.slice(Math.max(0, at - 2), at + 3).join('\n')).toMatch(
      /(,| \| )probe on TP3( \| |$)/,
    );
    expect(Date.parse(rows[at]!.slice(0, rows[at]!.indexOf(','))) - mark.t).toBeLessThanOrEqual(1000);
  }, 120_000);
});
