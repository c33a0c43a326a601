import { describe, expect, it } from 'vitest';
import { alarmRuleSchema } from '../../../shared/alarms/rules';
import type { BenchEventMessage } from '../../../shared/session-file/messages';
import { benchEvent, markerOf } from '../runs/review-rows';
import { alarmRecord } from '../../../../test/support/fake-alarm-engine';
import { alarmEvent, lasted, markAlarms } from './alarm-markers';
import type { AlarmTransition } from './types';

const hot = alarmRuleSchema.parse({
  id: 'hot',
  name: 'Hot board',
  kind: 'threshold',
  series: 't',
  above: 40,
});
const raised: AlarmTransition = { kind: 'raised', alarm: alarmRecord(hot, 'a', 10_000, 49), rule: hot };
const cleared: AlarmTransition = {
  kind: 'cleared',
  alarm: { ...raised.alarm, clearedAt: 10_000 + 125_000 },
  rule: hot,
};

describe('alarm markers', () => {
  it('each raise and clear is written into its board run at its own time', () => {
    const written: Array<{ boardId: string; e: BenchEventMessage; t: number }> = [];
    let listener: ((t: AlarmTransition) => void) | undefined;
    const off = markAlarms(
      { onTransition: (l) => ((listener = l), () => (listener = undefined)), active: () => [] },
      (boardId, e, t) => written.push({ boardId, e, t }),
    );
    listener?.(raised);
    listener?.(cleared);
    off();
    listener?.(raised);
    expect(written).toEqual([
      {
        boardId: 'a',
        t: 10_000,
        e: {
          kind: 'alarm',
          alarm: 'raised',
          rule: 'hot',
          severity: 'warning',
          detail: 'Alarm raised: Hot board — junctionTemp 49 above the limit',
        },
      },
      {
        boardId: 'a',
        t: 135_000,
        e: expect.objectContaining({
          alarm: 'cleared',
          detail: 'Alarm cleared: Hot board — after 2 min 5 s (raised for: junctionTemp 49 above the limit)',
        }),
      },
    ]);
  });

  it('the Sessions review lists them as bench markers of kind alarm, its events list once worded', () => {
    const bytes = new TextEncoder().encode(JSON.stringify(alarmEvent(raised)));
    const e = benchEvent(10_000, bytes)!;
    expect(e.detail).toBe('Alarm raised: Hot board — junctionTemp 49 above the limit');
    expect(markerOf(10_000, e)).toEqual({
      t: 10_000,
      note: 'Alarm raised: Hot board — junctionTemp 49 above the limit',
      source: 'bench',
      kind: 'alarm',
    });
  });

  it('says how long an alarm lasted', () => {
    expect([lasted(400), lasted(12_000), lasted(60_000), lasted(3_725_000), lasted(7_200_000)]).toEqual([
      '0 s',
      '12 s',
      '1 min',
      '1 h 2 min',
      '2 h',
    ]);
  });
});
