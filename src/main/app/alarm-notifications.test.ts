import { describe, expect, it, vi } from 'vitest';
import type { AlarmRecord } from '../../shared/bridge/contracts/alarms';
import type { AlarmTransition } from '../core/alarms/types';
import { alarmRuleSchema } from '../../shared/alarms/rules';
import { notifyAlarms, type ShownNotification } from './alarm-notifications';

vi.mock('electron', () => ({}));

const rule = alarmRuleSchema.parse({
  id: 'hot',
  name: 'Hot board',
  kind: 'threshold',
  series: 't',
  above: 40,
});
const alarm = (severity: AlarmRecord['severity'] = 'warning'): AlarmRecord => ({
  id: 'a/hot/1',
  ruleId: 'hot',
  ruleName: 'Hot board',
  ruleKind: 'threshold',
  severity,
  boardId: 'a',
  boardName: 'Bench A',
  raisedAt: 1,
  message: 'junctionTemp 49 °C above 40',
});

function setup(opts: { enabled?: boolean; supported?: boolean; throws?: boolean } = {}) {
  const shown: Array<{ options: { title: string; body: string; urgency?: string }; click: () => void }> = [];
  let listener: ((t: AlarmTransition) => void) | undefined;
  const source = {
    onTransition: (l: (t: AlarmTransition) => void) => {
      listener = l;
      return () => (listener = undefined);
    },
    active: () => [],
  };
  class FakeNotification implements ShownNotification {
    static isSupported = () => opts.supported ?? true;
    private click = () => {};
    constructor(readonly options: { title: string; body: string; urgency?: string }) {
      if (opts.throws) throw new Error('no notification server');
    }
    on(event: 'click' | 'close', fn: () => void) {
      if (event === 'click') this.click = fn;
      return this;
    }
    show() {
      shown.push({ options: this.options, click: () => this.click() });
    }
  }
  const clicked: string[] = [];
  const logs: string[] = [];
  let enabled = opts.enabled ?? true;
  const off = notifyAlarms(source, {
    Notification: FakeNotification,
    enabled: () => enabled,
    onClick: (a) => clicked.push(a.id),
    log: (m) => logs.push(m),
  });
  const send = (kind: 'raised' | 'cleared', a = alarm()) => listener?.({ kind, alarm: a, rule });
  return { shown, clicked, logs, send, off, setEnabled: (v: boolean) => (enabled = v) };
}

describe('alarm notifications (desktop app)', () => {
  it('shows one for each raise, none for a clear; a click brings the app', () => {
    const { shown, clicked, send } = setup();
    send('raised');
    send('cleared');
    send('raised', alarm('critical'));
    expect(shown.map((s) => s.options)).toEqual([
      { title: 'Alarm: Hot board', body: 'Bench A: junctionTemp 49 °C above 40', urgency: 'normal' },
      {
        title: 'Critical alarm: Hot board',
        body: 'Bench A: junctionTemp 49 °C above 40',
        urgency: 'critical',
      },
    ]);
    shown[0]!.click();
    expect(clicked).toEqual(['a/hot/1']);
  });

  it('respects the setting, read at each raise, and a system without notifications', () => {
    const s = setup({ enabled: false });
    s.send('raised');
    s.setEnabled(true);
    s.send('raised');
    expect(s.shown).toHaveLength(1);
    const none = setup({ supported: false });
    none.send('raised');
    expect(none.shown).toHaveLength(0);
  });

  it('a notification that cannot be made is logged, not thrown into the alarm service', () => {
    const s = setup({ throws: true });
    expect(() => s.send('raised')).not.toThrow();
    expect(s.logs).toEqual(['alarm notification not shown: no notification server']);
  });

  it('stops with its unsubscribe', () => {
    const s = setup();
    s.off();
    s.send('raised');
    expect(s.shown).toHaveLength(0);
  });
});
