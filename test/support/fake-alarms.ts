import type { AlarmRecord } from '../../src/shared/bridge/contracts/alarms';
import type { AlarmRule } from '../../src/shared/alarms/rules';
import type { AlarmSource, AlarmTransition } from '../../src/main/core/alarms/types';

/** A rule for fake alarms: the junction temperature above 85 °C. */
export const hotRule: AlarmRule = {
  id: 'hot',
  name: 'Too hot',
  kind: 'threshold',
  board: '*',
  enabled: true,
  severity: 'critical',
  forS: 0,
  series: 'junctionTemp',
  above: 85,
  hysteresis: 2,
};

/** An AlarmSource driven by the test: it raises and clears exactly what the test says. */
export class FakeAlarms implements AlarmSource {
  private readonly listeners = new Set<(t: AlarmTransition) => void>();
  private readonly now = new Map<string, AlarmRecord>();

  onTransition(listener: (t: AlarmTransition) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  active(): readonly AlarmRecord[] {
    return [...this.now.values()];
  }

  get listening(): number {
    return this.listeners.size;
  }

  /** Raises `rule` on the board at `t` with `value`; returns the alarm. */
  raise(board: { id: string; name: string }, t: number, value: number, rule = hotRule): AlarmRecord {
    const alarm: AlarmRecord = {
      id: `${board.id}/${rule.id}/${t}`,
      ruleId: rule.id,
      ruleName: rule.name,
      ruleKind: rule.kind,
      severity: rule.severity,
      boardId: board.id,
      boardName: board.name,
      raisedAt: t,
      value,
      subject: 'junctionTemp',
      message: `junctionTemp ${value} °C above 85`,
    };
    this.now.set(alarm.id, alarm);
    this.emit({ kind: 'raised', alarm, rule });
    return alarm;
  }

  /** Clears a raised alarm at `t`. */
  clear(alarm: AlarmRecord, t: number, rule = hotRule): AlarmRecord {
    const cleared = { ...alarm, clearedAt: t };
    this.now.delete(alarm.id);
    this.emit({ kind: 'cleared', alarm: cleared, rule });
    return cleared;
  }

  private emit(t: AlarmTransition): void {
    for (const l of this.listeners) l(t);
  }
}
