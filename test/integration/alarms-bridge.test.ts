// Alarms in a real bench core (docs/alarms.md): rules set through the bridge, the virtual board's temperature-spike
// fault raises a threshold alarm that alarms:state shows, it is acknowledged, it clears once the temperature is
// back, and each raise and clear is a marker of the board's run. Rules kept in settings.json: one bad saved rule
// keeps the others; a rules file's JSON mistake is named by line and column.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bench } from '../../src/main/core/bench';
import type { PayloadOf } from '../../src/shared/bridge/contract';
import type { AlarmRulesView, AlarmsState } from '../../src/shared/bridge/contracts/alarms';
import type { ReviewedRun, RunsState } from '../../src/shared/bridge/contracts/runs';
import type { Result } from '../../src/shared/result';
import { caller, testBench } from '../support/bench';
import { tempDirs } from '../support/temp-dirs';
import { until } from '../support/wait';

const dirs = tempDirs('alarms-bridge-');
const benches: Bench[] = [];
afterEach(async () => {
  for (const b of benches.splice(0)) await b.close();
});

async function bench(dir: string, more: Parameters<typeof testBench>[1] = {}) {
  const b = await testBench(dir, more);
  benches.push(b);
  return { b, call: caller(() => b) };
}

/** The virtual board's latest junctionTemp, as its telemetry says. */
function latestTemperature(b: Bench): () => number | undefined {
  let temp: number | undefined;
  b.telemetry.pipeline.tap((id, r) => {
    if (id !== 'virtual' || r.dir !== 'rx' || !r.data?.startsWith('{"type":"telemetry"')) return;
    const data = (JSON.parse(r.data) as { data: { junctionTemp?: unknown } }).data;
    if (typeof data.junctionTemp === 'number') temp = data.junctionTemp;
  });
  return () => temp;
}

describe('alarms through the bridge', () => {
  it('a temperature spike on the virtual board raises a threshold alarm; it is acknowledged and clears', async () => {
    const { b, call } = await bench(dirs());
    const transitions: PayloadOf<'alarms:transition'>[] = [];
    const markers: PayloadOf<'runs:marker'>[] = [];
    const rulesChanged: AlarmRulesView[] = [];
    b.hub.on('alarms:transition', (t) => transitions.push(t));
    b.hub.on('runs:marker', (m) => markers.push(m));
    b.hub.on('alarms:rules-changed', (v) => rulesChanged.push(v));
    const temperature = latestTemperature(b);
    await b.virtualBoards.service('virtual').ensureStarted();
    await call('vboard:configure', { boardId: 'virtual', telemetryMs: 50 });
    const before = await until(temperature, 'the virtual board telemetry', 30_000);
    // The limit sits well above the board's temperature now, and well below it during a +40 °C spike.
    const limit = before + 15;
    const set = await call<AlarmRulesView>('alarms:set-rules', {
      rules: [
        {
          id: 'hot',
          name: 'Hot board',
          kind: 'threshold',
          series: 'junctionTemp',
          above: limit,
          hysteresis: 2,
          severity: 'critical',
        },
      ],
    });
    expect(set).toMatchObject({ rules: [{ id: 'hot', board: '*', enabled: true }], problems: [] });
    expect(rulesChanged).toHaveLength(1);
    await until(
      async () => (await call<RunsState>('runs:list', {})).runs.some((r) => r.live),
      'the live run',
      30_000,
    );
    expect((await call<AlarmsState>('alarms:state', {})).active).toEqual([]);

    await call('vboard:fault', { boardId: 'virtual', kind: 'temperature-spike', deltaC: 40 });
    const raised = await until(
      () => transitions.find((t) => t.kind === 'raised'),
      'the alarm raised by the spike',
      30_000,
    );
    expect(raised.alarm).toMatchObject({
      ruleId: 'hot',
      ruleName: 'Hot board',
      ruleKind: 'threshold',
      severity: 'critical',
      boardId: 'virtual',
      subject: 'junctionTemp',
    });
    expect(raised.alarm.value).toBeGreaterThan(limit);
    const state = await call<AlarmsState>('alarms:state', {});
    expect(state.active.map((a) => a.id)).toEqual([raised.alarm.id]);
    expect(state.recent[0]!.id).toBe(raised.alarm.id);
    expect(state.unacknowledged).toBe(1);

    const acked = await call<AlarmsState>('alarms:ack', { id: raised.alarm.id });
    expect(acked.unacknowledged).toBe(0);
    expect(acked.active[0]!.ackedAt).toBeGreaterThanOrEqual(raised.alarm.raisedAt);
    const unknown = (await b.dispatch(
      'alarms:ack',
      { id: 'nope' },
      { transport: 'browser' },
    )) as Result<unknown>;
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    // The temperature comes back (the opposite spike): the alarm clears, still acknowledged.
    await call('vboard:fault', { boardId: 'virtual', kind: 'temperature-spike', deltaC: -40 });
    const cleared = await until(
      () => transitions.find((t) => t.kind === 'cleared'),
      'the alarm cleared after the recovery',
      30_000,
    );
    expect(cleared.alarm).toMatchObject({ id: raised.alarm.id, boardId: 'virtual' });
    expect(cleared.alarm.clearedAt).toBeGreaterThan(raised.alarm.raisedAt);
    const after = await call<AlarmsState>('alarms:state', {});
    expect(after.active).toEqual([]);
    expect(after.recent[0]).toMatchObject({ id: raised.alarm.id, clearedAt: cleared.alarm.clearedAt });
    expect(after.recent[0]!.ackedAt).toBeDefined();

    // Each raise and clear is a marker of the board's run, and the Sessions review lists them.
    const alarmMarkers = await until(
      () => (markers.filter((m) => m.kind === 'alarm').length === 2 ? markers : undefined),
      'the alarm markers',
      10_000,
    );
    expect(alarmMarkers.filter((m) => m.kind === 'alarm')).toEqual([
      expect.objectContaining({
        boardId: 'virtual',
        source: 'bench',
        t: raised.alarm.raisedAt,
        note: `Alarm raised: Hot board — ${raised.alarm.message}`,
      }),
      expect.objectContaining({
        boardId: 'virtual',
        t: cleared.alarm.clearedAt,
        note: expect.stringMatching(/^Alarm cleared: Hot board — after \d+ s \(raised for: /),
      }),
    ]);
    const live = (await call<RunsState>('runs:list', {})).runs.find((r) => r.live)!;
    const review = await until(
      async () => {
        const r = await call<ReviewedRun>('runs:open', { id: live.id });
        if (r.markers.some((m) => m.kind === 'alarm' && m.note.startsWith('Alarm cleared'))) return r;
        await call('runs:close', { reviewId: r.reviewId });
        return undefined;
      },
      'the review listing the alarm markers',
      30_000,
      200,
    );
    expect(review.markers.filter((m) => m.kind === 'alarm').map((m) => m.note.split(':')[0])).toEqual([
      'Alarm raised',
      'Alarm cleared',
    ]);
  });

  it('a board sending telemetry-batch frames is judged sample by sample, and is not taken for silent', async () => {
    const { b, call } = await bench(dirs());
    const transitions: PayloadOf<'alarms:transition'>[] = [];
    b.hub.on('alarms:transition', (t) => transitions.push(t));
    let batches = 0;
    b.telemetry.pipeline.tap((id, r) => {
      if (id === 'virtual' && r.dir === 'rx' && r.data?.startsWith('{"type":"telemetry-batch"')) batches++;
    });
    await b.virtualBoards.service('virtual').ensureStarted();
    // 10 samples a frame, a frame every 500 ms: no single telemetry message at all.
    await call('vboard:configure', { boardId: 'virtual', telemetryMs: 50, telemetryBatch: 10 });
    await until(() => batches >= 2, 'telemetry-batch frames', 30_000);
    await call('alarms:set-rules', {
      rules: [
        { id: 'quiet', name: 'No telemetry', kind: 'stale', afterS: 2 },
        { id: 'up', name: 'Up', kind: 'threshold', series: 'uptime', above: 0 },
      ],
    });
    const up = await until(
      () => transitions.find((t) => t.alarm.ruleId === 'up'),
      'the threshold alarm from a batch sample',
      30_000,
    );
    expect(up.alarm).toMatchObject({ boardId: 'virtual', subject: 'uptime' });
    // More than the stale rule's 2 s of batches, and it never held.
    const seen = batches;
    await until(() => batches >= seen + 6, 'three more seconds of batches', 30_000);
    expect(transitions.filter((t) => t.alarm.ruleId === 'quiet')).toEqual([]);
  });

  it('a settings file with one bad rule keeps the others and says which; the bad one stays in the file', async () => {
    const dir = dirs();
    const good = { id: 'hot', name: 'Hot', kind: 'threshold', series: 'junctionTemp', above: 80 };
    const bad = { id: 'typo', name: 'Typo', kind: 'threshold', series: 'junctionTemp', abov: 80 };
    const quiet = { id: 'quiet', name: 'Quiet', kind: 'stale', afterS: 10 };
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ alarmRules: [good, bad, quiet] }));
    const { call } = await bench(dir, { connectOnStart: false });
    const view = await call<AlarmRulesView>('alarms:rules', {});
    expect(view.rules.map((r) => r.id)).toEqual(['hot', 'quiet']);
    expect(view.problems).toEqual([
      'Saved alarm rule 2 (id "typo"): it has a field this version does not know: "abov"; A threshold rule needs "above", "below" or both; it is kept in settings.json but not used.',
    ]);
    await call('alarms:set-rules', { rules: [good] });
    const saved = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as { alarmRules: unknown[] };
    expect(saved.alarmRules).toEqual([expect.objectContaining(good), bad]);
    // settings:set cannot change the rules.
    const refused = (await benches[0]!.dispatch(
      'settings:set',
      { alarmRules: [] },
      { transport: 'browser' },
    )) as Result<unknown>;
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('imports a rules file (errors say where), and exports one', async () => {
    const { b, call } = await bench(dirs(), { connectOnStart: false });
    const text =
      '{\n  "format": "nucleo-mem-alarm-rules",\n  "version": 1,\n  "rules": [\n    { "id": "x" }\n    { "id": "y" }\n  ]\n}';
    const r = (await b.dispatch(
      'alarms:import-rules',
      { text },
      { transport: 'browser' },
    )) as Result<unknown>;
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(!r.ok && r.error.message).toMatch(/^The rules file is not valid JSON at line 6, column 5: /);
    const rules = [{ id: 'boot', name: 'Rebooted', kind: 'reboot' }];
    const file = JSON.stringify({ format: 'nucleo-mem-alarm-rules', version: 1, rules });
    const bad = (await b.dispatch(
      'alarms:import-rules',
      { text: file.replace('"reboot"', '"reboots"') },
      { transport: 'browser' },
    )) as Result<unknown>;
    expect(!bad.ok && bad.error.message).toBe(
      'The rules file was not imported: rule 1 (id "boot"): "kind" must be one of threshold, rate, stale, link, reboot, pool.',
    );
    const imported = await call<AlarmRulesView>('alarms:import-rules', { text: file });
    expect(imported.rules).toEqual([expect.objectContaining({ id: 'boot', holdS: 60 })]);
    const out = await call<{ fileName: string; text: string }>('alarms:export-rules', {});
    expect(out.fileName).toMatch(/^alarm-rules-.+-\d{4}-\d{2}-\d{2}\.alarms\.json$/);
    expect(JSON.parse(out.text)).toEqual({
      format: 'nucleo-mem-alarm-rules',
      version: 1,
      rules: imported.rules,
    });
  });
});
