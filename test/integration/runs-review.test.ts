// Kept runs in a real bench core (docs/sessions.md §Review): a virtual board's run with a reboot, a fault and a
// marker is recorded, listed, opened, read on every channel, marked in review, reopened and deleted.
import { mkdirSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bench } from '../../src/main/core/bench';
import type {
  ReviewedRun,
  RunEvents,
  RunFrames,
  RunMarker,
  RunSerial,
  RunsState,
  RunTelemetry,
  RunValuesAt,
} from '../../src/shared/bridge/contracts/runs';
import type { Result } from '../../src/shared/result';
import { caller, testBench } from '../support/bench';
import { tempDirs } from '../support/temp-dirs';
import { until } from '../support/wait';

const dirs = tempDirs('runs-review-');
const benches: Bench[] = [];
afterEach(async () => {
  for (const b of benches.splice(0)) await b.close();
});

async function bench(dir: string, more: Parameters<typeof testBench>[1] = {}) {
  const b = await testBench(dir, more);
  benches.push(b);
  return { b, call: caller(() => b) };
}

/** A finished run of the virtual board with a reboot, a fault and a user marker made while it was recorded. */
async function recordRun(dir: string): Promise<{ liveMarker: RunMarker; pushed: RunMarker[] }> {
  const { b, call } = await bench(dir);
  const pushed: RunMarker[] = [];
  b.hub.on('runs:marker', (m) => pushed.push(m));
  let uptime = 0;
  let telemetry = 0;
  b.telemetry.pipeline.tap((id, r) => {
    if (id !== 'virtual' || r.dir !== 'rx' || !r.data?.startsWith('{"type":"telemetry"')) return;
    telemetry++;
    uptime = (JSON.parse(r.data) as { data: { uptime: number } }).data.uptime;
  });
  await b.virtualBoards.service('virtual').ensureStarted();
  await call('vboard:configure', { boardId: 'virtual', telemetryMs: 20 });
  const live = await until(
    async () => (await call<RunsState>('runs:list', {})).runs.find((r) => r.live),
    'the live run in the list',
    30_000,
  );
  expect(live).toMatchObject({ boardId: 'virtual', boardKind: 'virtual', source: 'bench' });
  // The board being recorded cannot be deleted from under the recorder.
  const refused = (await b.dispatch(
    'runs:delete',
    { id: live.id },
    { transport: 'browser' },
  )) as Result<unknown>;
  expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

  await until(() => uptime >= 2, 'two seconds of board uptime', 30_000);
  const liveMarker = await call<RunMarker>('runs:mark', { boardId: 'virtual', note: 'before the reboot' });
  await call('vboard:fault', { boardId: 'virtual', kind: 'reboot' });
  await until(() => uptime < 2 && uptime >= 1, 'the board back after its reboot', 30_000);
  const after = telemetry;
  await until(() => telemetry >= after + 10, 'telemetry after the reboot', 30_000);
  await until(() => pushed.some((m) => m.kind === 'reboot'), 'the reboot marker pushed to the page', 30_000);
  await b.close();
  benches.splice(benches.indexOf(b), 1);
  return { liveMarker, pushed };
}

describe('kept runs', () => {
  it('lists, opens, reads every channel, marks a reviewed run and keeps the marker for the next open', async () => {
    const dir = dirs();
    const { liveMarker, pushed } = await recordRun(dir);
    expect(pushed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          boardId: 'virtual',
          kind: 'marker',
          source: 'user',
          note: 'before the reboot',
        }),
        expect.objectContaining({ boardId: 'virtual', kind: 'fault', source: 'bench' }),
      ]),
    );

    const { b, call } = await bench(dir, { connectOnStart: false });
    const changed: RunsState[] = [];
    b.hub.on('runs:changed', (s) => changed.push(s));
    const state = await call<RunsState>('runs:list', {});
    expect(state.runs).toHaveLength(1);
    const run = state.runs[0]!;
    expect(run).toMatchObject({ boardId: 'virtual', live: false, source: 'bench' });
    expect(run.note).toBeUndefined();
    expect(run.ended).toBeGreaterThan(run.started);
    expect(run.markers).toBeGreaterThanOrEqual(3); // the user's, the fault, the reboot (and link states)

    const opened = await call<ReviewedRun>('runs:open', { id: run.id });
    expect(opened.series).toEqual(expect.arrayContaining(['junctionTemp', 'uptime']));
    expect(opened.reboots).toHaveLength(1);
    expect(opened.markers).toEqual(
      expect.arrayContaining([
        { ...liveMarker },
        expect.objectContaining({ kind: 'fault', source: 'bench' }),
        expect.objectContaining({ kind: 'reboot', source: 'bench' }),
        // The HTTP wire's probe found the board: the bench's own marker.
        expect.objectContaining({
          kind: 'link',
          source: 'bench',
          note: expect.stringMatching(/^HTTP answers/),
        }),
      ]),
    );
    expect(opened.counts['/board/telemetry']).toBeGreaterThan(50);
    const { reviewId, from, to } = opened;
    // Its level of detail is kept beside it, so the next open reads that instead of the whole run.
    const lodFile = join(dir, 'sessions', `${run.id}.lod`);
    expect(existsSync(lodFile)).toBe(true);

    const whole = await call<RunTelemetry>('runs:telemetry', {
      reviewId,
      fromT: from,
      toT: to,
      maxPoints: 20_000,
    });
    expect(whole.exact).toBe(true);
    expect(whole.t.length).toBe(opened.counts['/board/telemetry']);
    expect(whole.marks.filter((m) => m.kind === 'reboot').map((m) => m.t)).toEqual(opened.reboots);
    const few = await call<RunTelemetry>('runs:telemetry', { reviewId, fromT: from, toT: to, maxPoints: 20 });
    expect(few.exact).toBe(false);
    expect(few.t.length).toBeLessThanOrEqual(20);

    const reboot = opened.reboots[0]!;
    const before = await call<RunValuesAt>('runs:values-at', { reviewId, t: reboot - 1 });
    const atReboot = await call<RunValuesAt>('runs:values-at', { reviewId, t: reboot });
    expect(before.values.uptime).toBeGreaterThanOrEqual(2);
    expect(atReboot.values.uptime).toBeLessThan(2);
    expect(atReboot.sampleT).toBe(reboot);

    const frames = await call<RunFrames>('runs:frames', { reviewId, fromT: from, toT: to, limit: 5 });
    expect(frames.rows).toHaveLength(5);
    expect(frames.more).toBe(true);
    const telemetryRows = await call<RunFrames>('runs:frames', {
      reviewId,
      fromT: reboot,
      toT: to,
    });
    expect(telemetryRows.rows.some((r) => r.msgType === 'telemetry' && r.dir === 'rx')).toBe(true);
    const serial = await call<RunSerial>('runs:serial', { reviewId, fromT: from, toT: to });
    expect(serial.lines.length).toBeGreaterThan(0);
    const events = await call<RunEvents>('runs:events', { reviewId, fromT: from, toT: to });
    expect(events.events.find((e) => e.kind === 'fault')?.detail).toMatch(
      /^Fault: Fault injected: the board reboots/,
    );
    expect(events.events.find((e) => e.kind === 'reboot')?.detail).toMatch(
      /^Board rebooted: uptime went from/,
    );

    // A marker in review is kept beside the file and shows the next time it opens.
    const mid = Math.round((from + to) / 2);
    await call('runs:mark', { reviewId, t: mid, note: 'looked here' });
    await call('runs:close', { reviewId });
    const again = await call<ReviewedRun>('runs:open', { id: run.id });
    expect(again.markers).toContainEqual({ t: mid, note: 'looked here', source: 'user', kind: 'marker' });
    expect((await call<RunsState>('runs:list', {})).runs[0]!.markers).toBe(run.markers + 1);
    await until(
      () => changed.some((c) => c.runs[0]?.markers === run.markers + 1),
      'runs:changed telling the new marker count',
      30_000,
    );

    // At most four reviews: a fifth open closes the oldest.
    const more: ReviewedRun[] = [];
    for (let i = 0; i < 4; i++) more.push(await call<ReviewedRun>('runs:open', { id: run.id }));
    await expect(call('runs:values-at', { reviewId: again.reviewId, t: mid })).rejects.toThrow(
      /review is closed/,
    );
    await call('runs:values-at', { reviewId: more[0]!.reviewId, t: mid });

    const emptied = await call<RunsState>('runs:delete', { id: run.id });
    expect(emptied.runs).toEqual([]);
    expect(changed.at(-1)?.runs).toEqual([]);
    expect(existsSync(lodFile)).toBe(false);
    await expect(call('runs:values-at', { reviewId: more[3]!.reviewId, t: mid })).rejects.toThrow(/closed/);
  });

  it('opens and deletes only files inside the sessions folder', async () => {
    const dir = dirs();
    const outside = dirs();
    const victim = join(outside, 'x.mcap');
    writeFileSync(victim, 'not yours');
    mkdirSync(join(dir, 'sessions', 'evil'), { recursive: true });
    symlinkSync(victim, join(dir, 'sessions', 'evil', 'a.mcap'));
    symlinkSync(outside, join(dir, 'sessions', 'linked'));
    const { b } = await bench(dir, { connectOnStart: false });
    const ask = async (name: string, request: unknown) =>
      (await b.dispatch(name, request, { transport: 'browser' })) as Result<unknown>;
    for (const id of [
      '../x.mcap',
      'evil/../../x.mcap',
      '../../' + victim,
      'evil/a.mcap',
      'linked/x.mcap',
      'evil',
    ]) {
      for (const name of ['runs:open', 'runs:delete']) {
        const r = await ask(name, { id });
        expect(r.ok, `${name} ${id}`).toBe(false);
        if (!r.ok) expect(['NOT_FOUND', 'FORBIDDEN']).toContain(r.error.code);
      }
    }
    expect((await ask('runs:open', { id: 'evil/a.mcap' })).ok).toBe(false);
    expect(await ask('runs:delete', { id: 'linked/x.mcap' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(existsSync(victim)).toBe(true);
  });
});
