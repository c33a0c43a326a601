import { describe, expect, it } from 'vitest';
import type { AlarmRecord, AlarmsState } from '../../../../shared/bridge/contracts/alarms';
import type { AlarmRule } from '../../../../shared/alarms/rules';
import { activeOf, barSeverity, chartAlarms, forSeries, sameChartAlarms } from './alarm-views';

const a = (over: Partial<AlarmRecord>): AlarmRecord => ({
  id: 'x',
  ruleId: 'hot',
  ruleName: 'Too hot',
  ruleKind: 'threshold',
  severity: 'warning',
  boardId: 'virtual',
  boardName: 'Virtual board',
  raisedAt: 1000,
  message: 'm',
  subject: 'junctionTemp',
  ...over,
});
const hot = a({ id: 'hot', severity: 'warning' });
const reboot = a({ id: 'boot', ruleKind: 'reboot', subject: undefined, severity: 'critical', raisedAt: 500 });
const other = a({ id: 'other', boardId: 'virtual-2', severity: 'critical' });
const old = a({ id: 'old', raisedAt: 100, clearedAt: 200 });
const state: AlarmsState = {
  active: [hot, reboot, other],
  recent: [hot, reboot, other, old],
  unacknowledged: 3,
};
const rules: AlarmRule[] = [
  {
    id: 'band',
    name: 'Band',
    board: '*',
    enabled: true,
    severity: 'critical',
    forS: 0,
    kind: 'threshold',
    series: 'junctionTemp',
    above: 85,
    below: 10,
    hysteresis: 0,
  },
  {
    id: 'off',
    name: 'Off',
    board: '*',
    enabled: false,
    severity: 'info',
    forS: 0,
    kind: 'threshold',
    series: 'junctionTemp',
    above: 50,
    hysteresis: 0,
  },
  {
    id: 'b2',
    name: 'B2',
    board: 'virtual-2',
    enabled: true,
    severity: 'info',
    forS: 0,
    kind: 'threshold',
    series: 'junctionTemp',
    above: 60,
    hysteresis: 0,
  },
  { id: 'st', name: 'Stale', board: '*', enabled: true, severity: 'info', forS: 0, kind: 'stale', afterS: 5 },
];

describe('alarm views', () => {
  it("lists one board's raised alarms, most severe first", () => {
    expect(activeOf(state, 'virtual').map((x) => x.id)).toEqual(['boot', 'hot']);
    expect(activeOf(state, undefined)).toEqual([]);
  });

  it('colours the app bar by the worst unacknowledged alarm, else the worst raised one', () => {
    expect(barSeverity(state)).toBe('critical');
    const ackedBoot = { ...reboot, ackedAt: 1 };
    const acked: AlarmsState = {
      active: [hot, ackedBoot],
      recent: [hot, ackedBoot, { ...other, ackedAt: 1 }],
      unacknowledged: 1,
    };
    expect(barSeverity(acked)).toBe('warning');
    // A cleared alarm nobody acknowledged still colours the bar; all seen: the worst raised one.
    const seen = { ...hot, ackedAt: 1 };
    expect(
      barSeverity({ active: [seen], recent: [seen, { ...old, severity: 'critical' }], unacknowledged: 1 }),
    ).toBe('critical');
    expect(barSeverity({ active: [seen], recent: [seen], unacknowledged: 0 })).toBe('warning');
    expect(barSeverity({ active: [], recent: [], unacknowledged: 0 })).toBeUndefined();
  });

  it("draws only the board's spans and its enabled threshold limits, each on its series' chart", () => {
    const c = chartAlarms(state, rules, 'virtual');
    expect(c.spans.map((s) => [s.id, s.toT, s.series])).toEqual([
      ['hot', undefined, 'junctionTemp'],
      ['boot', undefined, undefined],
      ['old', 200, 'junctionTemp'],
    ]);
    expect(c.lines.map((l) => [l.ruleId, l.side, l.value])).toEqual([
      ['band', 'above', 85],
      ['band', 'below', 10],
    ]);
    const other = forSeries(c, ['randomFloat']);
    expect(other.spans.map((s) => s.id)).toEqual(['boot']);
    expect(other.lines).toEqual([]);
  });

  it('tells a change that redraws from one that does not', () => {
    const c = chartAlarms(state, rules, 'virtual');
    expect(sameChartAlarms(c, chartAlarms({ ...state, unacknowledged: 0 }, rules, 'virtual'))).toBe(true);
    const cleared = { ...state, recent: [{ ...hot, clearedAt: 3000 }, reboot, other, old] };
    expect(sameChartAlarms(c, chartAlarms(cleared, rules, 'virtual'))).toBe(false);
  });
});
