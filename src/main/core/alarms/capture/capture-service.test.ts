import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { alarmRuleSchema, type AlarmRuleInput } from '../../../../shared/alarms/rules';
import type { AlarmCapture } from '../../../../shared/bridge/contracts/alarms';
import type { AlarmTransition } from '../types';
import { CaptureService, MAX_WAITING, type CaptureServiceOptions } from './capture-service';
import { PoolRing } from './pool-ring';

const base = mkdtempSync(join(tmpdir(), 'capture-service-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
let n = 0;
const T0 = Date.UTC(2026, 11, 7, 22, 15, 3);

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

function service(more: Partial<CaptureServiceOptions> = {}) {
  const root = join(base, `r${n++}`);
  const events: AlarmCapture[] = [];
  const marks: string[] = [];
  const logs: string[] = [];
  const options: CaptureServiceOptions = {
    root,
    // One row a second of one series, from T0 − 10 s to T0 + 10 s.
    telemetry: {
      rowsOf: (_id, fromT, toT, row, begin) => {
        begin?.(['junctionTemp']);
        for (let t = T0 - 10_000; t <= T0 + 10_000; t += 1000)
          if (t >= fromT && t <= toT) row(t, [40 + t / 1e12]);
        return { series: ['junctionTemp'], heldFrom: T0 - 10_000, evicted: false };
      },
    },
    frames: () => undefined,
    serial: () => undefined,
    pools: new PoolRing(),
    units: () => undefined,
    markers: () => [],
    application: 'test',
    board: () => ({ name: 'Bench A', host: '10.0.0.5', kind: 'real' }),
    emit: (c) => events.push(c),
    mark: (id, note) => marks.push(`${id}: ${note}`),
    log: (m) => logs.push(m),
    ...more,
  };
  return { s: new CaptureService(options), root, events, marks, logs, options };
}

function raise(ruleIn: Partial<AlarmRuleInput> = {}, t = Date.now(), board = 'bench-1'): AlarmTransition {
  const rule = alarmRuleSchema.parse({
    id: 'temp-high',
    name: 'Temp high',
    kind: 'threshold',
    series: 'junctionTemp',
    above: 85,
    capture: { preS: 2, postS: 3 },
    ...ruleIn,
  });
  return {
    kind: 'raised',
    rule,
    alarm: {
      id: `${board}/${rule.id}/${t}`,
      ruleId: rule.id,
      ruleName: rule.name,
      ruleKind: rule.kind,
      severity: rule.severity,
      boardId: board,
      boardName: 'Bench A',
      raisedAt: t,
      message: 'hot',
    },
  };
}

describe('capture service', () => {
  it('writes the bundle once t + post has passed, telling writing then done, and marks the session', async () => {
    const { s, root, events, marks } = service();
    s.onTransition(raise());
    expect(events).toMatchObject([
      { state: 'writing', folder: '20261207-221503_bench-1_temp-high', fromT: T0 - 2000, toT: T0 + 3000 },
    ]);
    await vi.advanceTimersByTimeAsync(3999);
    expect(events).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await s.idle();
    expect(events.map((e) => e.state)).toEqual(['writing', 'done']);
    expect(marks).toEqual(['bench-1: Capture saved: 20261207-221503_bench-1_temp-high']);
    const csv = readFileSync(join(root, events[1]!.folder, 'telemetry.csv'), 'utf8');
    expect(csv).toContain('# board: Bench A (10.0.0.5)');
    expect(csv.trim().split('\r\n').slice(5)).toHaveLength(6); // T0 − 2 s … T0 + 3 s, a row a second
    expect(s.captureOf(events[0]!.alarmId)?.state).toBe('done');
    expect(s.captures()).toHaveLength(1);
  });

  it('ignores clears and rules without capture', async () => {
    const { s, events } = service();
    s.onTransition({ ...raise(), kind: 'cleared' });
    s.onTransition(raise({ capture: undefined }));
    expect(events).toEqual([]);
  });

  it(`refuses a raise past ${MAX_WAITING} bundles waiting, in words`, async () => {
    const { s, events, logs } = service();
    for (let i = 0; i <= MAX_WAITING; i++) s.onTransition(raise({}, Date.now(), `b${i}`));
    const last = events.at(-1)!;
    expect(last).toMatchObject({ state: 'failed', boardId: `b${MAX_WAITING}` });
    expect(last.note).toMatch(/20 bundles were already waiting/);
    expect(logs.join('\n')).toMatch(/not saved/);
  });

  it('deletes the oldest bundles past the limits and says so in the log', async () => {
    const { s, root, logs } = service({ limits: { maxBundles: 2, maxBytes: 1e9 } });
    for (let i = 0; i < 3; i++) {
      s.onTransition(raise({}, Date.now()));
      await vi.advanceTimersByTimeAsync(5000);
      await s.idle();
    }
    const kept = s.captures().map((c) => c.folder);
    expect(kept).toEqual(['20261207-221513_bench-1_temp-high', '20261207-221508_bench-1_temp-high']);
    expect(existsSync(join(root, '20261207-221503_bench-1_temp-high'))).toBe(false);
    expect(logs.join('\n')).toMatch(
      /deleted the 1 oldest bundle\(s\) \(20261207-221503_bench-1_temp-high\) to keep at most 2 bundles/,
    );
  });

  it('writes waiting bundles when closed, saying the window was cut short', async () => {
    const { s, root, events } = service();
    s.onTransition(raise());
    await s.close();
    expect(events.at(-1)!.state).toBe('done');
    const summary = JSON.parse(readFileSync(join(root, events[0]!.folder, 'summary.json'), 'utf8'));
    expect(summary.missing[0].why).toMatch(/closed before the window ended/);
  });

  it('lists the bundles after a restart, a damaged one as failed, newest first', async () => {
    const first = service();
    first.s.onTransition(raise());
    await vi.advanceTimersByTimeAsync(5000);
    await first.s.idle();
    mkdirSync(join(first.root, '20261207-221000_bench-2_pool-full'));
    writeFileSync(join(first.root, '20261207-221000_bench-2_pool-full', 'summary.json'), '{"format":');
    mkdirSync(join(first.root, 'not-a-bundle'));
    const again = new CaptureService(first.options);
    const list = again.captures();
    expect(list.map((c) => [c.folder, c.state])).toEqual([
      ['20261207-221503_bench-1_temp-high', 'done'],
      ['20261207-221000_bench-2_pool-full', 'failed'],
    ]);
    expect(list[0]).toEqual(first.s.captures()[0]);
    expect(list[1]!.note).toMatch(/not JSON/);
  });

  it('answers a zip or folder of a bundle being written or unknown in words', async () => {
    const { s } = service();
    s.onTransition(raise());
    const id = s.captures()[0]!.id;
    expect(() => s.zip(id)).toThrow(/still being written/);
    expect(() => s.zip('20200101-000000_x_y')).toThrow(/no capture bundle named/);
    await vi.advanceTimersByTimeAsync(5000);
    await s.idle();
    expect(s.zip(id).fileName).toBe(`${id}.zip`);
  });
});
