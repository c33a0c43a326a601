// Triggered capture on the real core (docs/alarm-captures.md): a virtual board at 20 Hz, an alarm source raising a
// rule with capture {preS: 2, postS: 2}, and the bundle it leaves: the CSV's rows lie within [t − 2 s, t + 2 s] and
// reach both ends, tshark reads the pcapng, the zip offered to a browser-mode page unzips, no host path reaches the
// page, and the list survives a restart.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bench } from '../../src/main/core/bench';
import type { AlarmSource, AlarmTransition } from '../../src/main/core/alarms/types';
import { alarmRuleSchema } from '../../src/shared/alarms/rules';
import type { PayloadOf } from '../../src/shared/bridge/contract';
import type { AlarmCapture, AlarmsState } from '../../src/shared/bridge/contracts/alarms';
import type { RunsState } from '../../src/shared/bridge/contracts/runs';
import type { Result } from '../../src/shared/result';
import { caller, testBench } from '../support/bench';
import { tempDirs } from '../support/temp-dirs';
import { until } from '../support/wait';

const run = promisify(execFile);
const dirs = tempDirs('alarm-captures-');
const benches: Bench[] = [];
afterEach(async () => {
  for (const b of benches.splice(0)) await b.close();
});

/** An alarm source the test drives: what the alarm service is to the capture service. */
class FakeAlarms implements AlarmSource {
  private readonly listeners = new Set<(t: AlarmTransition) => void>();
  onTransition(listener: (t: AlarmTransition) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  active() {
    return [];
  }
  raise(t: AlarmTransition) {
    for (const l of this.listeners) l(t);
  }
}

const rule = alarmRuleSchema.parse({
  id: 'temp-high',
  name: 'Temp high',
  kind: 'threshold',
  series: 'junctionTemp',
  above: 20,
  capture: { preS: 2, postS: 2 },
});

describe('alarm capture bundles', () => {
  it('saves the window around a raise from every layer, offers it as a zip and lists it after a restart', async () => {
    const config = dirs();
    const shown: string[] = [];
    const b = await testBench(config, {
      hostDialogs: {
        chooseFolder: async () => undefined,
        chooseSaveFile: async () => undefined,
        chooseOpen: async () => [],
        showItemInFolder: (path) => void shown.push(path),
      },
    });
    benches.push(b);
    const call = caller(() => b);
    const { endpoints } = await b.virtualBoards.service('virtual').ensureStarted();
    const wsPort = new URL(endpoints.ws).port;
    await call('vboard:configure', { boardId: 'virtual', telemetryMs: 50 });
    // 3 s of telemetry before the moment, so the pre window is all in memory.
    let firstT: number | undefined;
    b.telemetry.pipeline.tap((id, r) => {
      if (id === 'virtual' && r.dir === 'rx') firstT ??= r.t;
    });
    await until(() => firstT !== undefined && Date.now() - firstT > 3000, '3 s of telemetry', 30_000);

    const events: AlarmCapture[] = [];
    b.hub.on('alarms:capture', (c) => events.push(c));
    const alarms = new FakeAlarms();
    b.captures.listen(alarms);
    const t = Date.now();
    alarms.raise({
      kind: 'raised',
      rule,
      alarm: {
        id: `virtual/temp-high/${t}`,
        ruleId: rule.id,
        ruleName: rule.name,
        ruleKind: rule.kind,
        severity: rule.severity,
        boardId: 'virtual',
        boardName: 'Virtual board',
        raisedAt: t,
        value: 45,
        subject: 'junctionTemp',
        message: 'junctionTemp 45 °C above 20',
      },
    });
    expect(events[0]).toMatchObject({ state: 'writing', boardId: 'virtual', fromT: t - 2000, toT: t + 2000 });
    const done = await until(
      async () => (await call<AlarmCapture[]>('alarms:captures', {})).find((c) => c.state !== 'writing'),
      'the bundle written',
      30_000,
    );
    expect(done.state, done.note).toBe('done');
    expect(Date.now()).toBeGreaterThanOrEqual(t + 2000);
    expect(events.map((e) => e.state)).toEqual(['writing', 'done']);
    expect(done.folder).toMatch(/^\d{8}-\d{6}_virtual_temp-high$/);
    expect(done.files.map((f) => f.name).sort()).toEqual([
      'charts.png',
      'frames.pcapng',
      'pool-status.ndjson',
      'serial.txt',
      'summary.json',
      'telemetry.csv',
    ]);
    const dir = join(config, 'alarm-captures', done.folder);

    // The CSV: every row inside the window, rows near both ends (the board sends every 50 ms).
    const csv = readFileSync(join(dir, 'telemetry.csv'), 'utf8').split('\r\n').filter(Boolean);
    expect(csv[4]).toMatch(/^time \(UTC\),junctionTemp \(°C\),/);
    const times = csv.slice(5).map((l) => Date.parse(l.split(',')[0]!));
    expect(times.length).toBeGreaterThan(20);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(t - 2000);
    expect(Math.max(...times)).toBeLessThanOrEqual(t + 2000);
    expect(Math.min(...times)).toBeLessThan(t - 2000 + 500);
    expect(Math.max(...times)).toBeGreaterThan(t + 2000 - 500);

    // The summary: times, board, values at t, counts; nothing missing but what the virtual board has not.
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Record<string, unknown>;
    expect(summary).toMatchObject({
      t,
      fromT: t - 2000,
      toT: t + 2000,
      tIso: new Date(t).toISOString(),
      board: { id: 'virtual' },
      rule: { id: 'temp-high', capture: { preS: 2, postS: 2 } },
    });
    expect(Object.keys(summary['valuesAt'] as object)).toContain('junctionTemp');
    const files = summary['files'] as { name: string; count: number }[];
    expect(files.find((f) => f.name === 'telemetry.csv')!.count).toBe(times.length);
    const frames = files.find((f) => f.name === 'frames.pcapng')!.count;
    expect(frames).toBeGreaterThan(20);

    // tshark opens the pcapng and decodes the window's WebSocket frames (the connection's HTTP upgrade is kept
    // too, so a dissector can follow the stream: a first message sent with it lies before the window).
    const decoded = await run(
      'tshark',
      [
        '-r',
        join(dir, 'frames.pcapng'),
        '-d',
        `tcp.port==${wsPort},http`,
        '-Y',
        'websocket',
        '-T',
        'fields',
        '-e',
        'frame.time_epoch',
        '-e',
        'websocket.opcode',
      ],
      { timeout: 60_000 },
    );
    // One line per packet; a packet carrying several frames lists their opcodes with commas.
    const inWindow = decoded.stdout
      .trim()
      .split('\n')
      .map((l) => l.split('\t'))
      .filter(([time]) => Number(time) * 1000 >= t - 2001 && Number(time) * 1000 <= t + 2001)
      .flatMap(([, ops]) => ops!.split(','));
    expect(inWindow.length).toBe(frames);

    // The zip, as a browser-mode page gets it: a one-time download of the bundle, which unzip checks.
    const zip = await call<{ download: string; bytes: number; fileName: string }>('alarms:capture-zip', {
      id: done.id,
    });
    expect(zip.fileName).toBe(`${done.folder}.zip`);
    const offer = b.downloads.take(zip.download.replace('/download/', ''))!;
    const listing = await run('unzip', ['-t', offer.file], { timeout: 30_000 });
    expect(listing.stdout).toMatch(/No errors detected/);
    const names = await run('unzip', ['-Z1', offer.file], { timeout: 30_000 });
    expect(names.stdout.trim().split('\n').sort()).toEqual(
      readdirSync(dir)
        .map((n) => `${done.folder}/${n}`)
        .sort(),
    );
    // No host path in what the page is told.
    expect(JSON.stringify([done, zip, events])).not.toContain(config);
    const show = (await b.dispatch(
      'alarms:capture-show',
      { id: done.id },
      { transport: 'browser' },
    )) as Result<unknown>;
    expect(show).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    if (!show.ok) expect(show.error.message).toMatch(/only in the desktop app/);

    // The desktop app shows the folder in the file manager (the host path goes to the shell, not the page).
    const desktop = (name: string) => b.dispatch(name, { id: done.id }, { transport: 'electron' });
    expect(await desktop('alarms:capture-show')).toEqual({ ok: true, value: { shown: true } });
    expect(shown).toEqual([dir]);
    expect(await desktop('alarms:capture-zip')).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });

    // A restart lists the bundle from its summary.
    await b.close();
    benches.splice(0);
    const again = await testBench(config, { connectOnStart: false });
    benches.push(again);
    const listed = await caller(() => again)<AlarmCapture[]>('alarms:captures', {});
    expect(listed).toEqual([{ ...done }]);
  }, 90_000);

  it('saves a bundle when the alarm service raises a rule with capture on a temperature spike', async () => {
    const config = dirs();
    const b = await testBench(config);
    benches.push(b);
    const call = caller(() => b);
    const markers: PayloadOf<'runs:marker'>[] = [];
    b.hub.on('runs:marker', (m) => markers.push(m));
    let temperature: number | undefined;
    b.telemetry.pipeline.tap((id, r) => {
      if (id !== 'virtual' || r.dir !== 'rx' || !r.data?.startsWith('{"type":"telemetry"')) return;
      const data = (JSON.parse(r.data) as { data: { junctionTemp?: unknown } }).data;
      if (typeof data.junctionTemp === 'number') temperature = data.junctionTemp;
    });
    await b.virtualBoards.service('virtual').ensureStarted();
    await call('vboard:configure', { boardId: 'virtual', telemetryMs: 50 });
    const before = await until(() => temperature, 'the virtual board telemetry', 30_000);
    const firstAt = Date.now();
    await call('alarms:set-rules', {
      rules: [
        {
          id: 'hot',
          name: 'Hot board',
          kind: 'threshold',
          series: 'junctionTemp',
          above: before + 15,
          capture: { preS: 2, postS: 2 },
        },
      ],
    });
    await until(
      async () => (await call<RunsState>('runs:list', {})).runs.some((r) => r.live),
      'the live run',
      30_000,
    );
    // The pre window (2 s) lies after the board's first telemetry.
    await until(() => Date.now() - firstAt > 3000, '3 s of telemetry', 30_000);
    await call('vboard:fault', { boardId: 'virtual', kind: 'temperature-spike', deltaC: 40 });
    const done = await until(
      async () => (await call<AlarmCapture[]>('alarms:captures', {})).find((c) => c.state !== 'writing'),
      'the bundle written',
      60_000,
    );
    expect(done.state, done.note).toBe('done');
    expect(done.folder).toMatch(/^\d{8}-\d{6}_virtual_hot-board$/);
    // The alarm's record names its bundle, and the board's run got the marker.
    const state = await call<AlarmsState>('alarms:state', {});
    expect(state.recent.find((a) => a.id === done.alarmId)?.captureId).toBe(done.id);
    await until(() => markers.some((m) => m.note === `Capture saved: ${done.folder}`), 'the capture marker');
    // The CSV holds the window around the raise, and the spike in it.
    const dir = join(config, 'alarm-captures', done.folder);
    const csv = readFileSync(join(dir, 'telemetry.csv'), 'utf8').split('\r\n').filter(Boolean);
    const rows = csv.slice(5).map((l) => l.split(','));
    const times = rows.map((r) => Date.parse(r[0]!));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(done.t - 2000);
    expect(Math.max(...times)).toBeLessThanOrEqual(done.t + 2000);
    expect(Math.min(...times)).toBeLessThan(done.t - 1500);
    expect(Math.max(...times)).toBeGreaterThan(done.t + 1500);
    expect(Math.max(...rows.map((r) => Number(r[1])))).toBeGreaterThan(before + 15);
    await run('tshark', ['-r', join(dir, 'frames.pcapng')], { timeout: 60_000 });
  }, 120_000);
});
