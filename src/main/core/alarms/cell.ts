// One (rule, board) pair: the unit of alarm state. The engine keeps one cell per enabled rule and watched board it
// applies to; a cell holds at most one alarm at a time, and the "held since" time that a minimum duration (forS)
// needs. The kinds (threshold, rate, stale, link, reboot, pool) subclass it in their own files.
import type { AlarmRule } from '../../../shared/alarms/rules';
import type { AlarmRecord } from '../../../shared/bridge/contracts/alarms';
import type { BoardState } from './board-state';

/** Where a cell reports its raises and clears (the engine, which tells its listener). */
export interface CellSink {
  raised(cell: Cell, alarm: AlarmRecord): void;
  cleared(cell: Cell, alarm: AlarmRecord): void;
}

/** What a raise says: the value, what it is about, and the words. */
export interface Raise {
  readonly value?: number;
  readonly subject?: string;
  readonly message: string;
}

export abstract class Cell<R extends AlarmRule = AlarmRule> {
  /** When the condition began to hold without a break, ms (NaN: it does not hold now). */
  protected since = NaN;
  /** The alarm raised now, if any. */
  alarm: AlarmRecord | undefined;
  /** The rule's minimum duration in ms (times are ms, rule durations seconds). */
  protected readonly forMs: number;

  constructor(
    readonly rule: R,
    readonly board: BoardState,
    protected readonly sink: CellSink,
  ) {
    this.forMs = rule.forS * 1000;
  }

  /**
   * The condition holds at `t` (and has since `startedAt`, when this is the first time it is seen): true when it
   * has now held for the rule's forS and the alarm is not raised yet, i.e. when the caller should raise it.
   */
  protected due(t: number, startedAt: number = t): boolean {
    if (this.alarm) return false;
    if (Number.isNaN(this.since)) this.since = startedAt;
    return t - this.since >= this.forMs;
  }

  /** The condition stopped holding: a minimum duration starts over next time. Does not clear a raised alarm. */
  protected reset(): void {
    this.since = NaN;
  }

  protected raise(t: number, what: Raise): void {
    const { rule, board } = this;
    const alarm: AlarmRecord = {
      id: `${board.id}/${rule.id}/${t}`,
      ruleId: rule.id,
      ruleName: rule.name,
      ruleKind: rule.kind,
      severity: rule.severity,
      boardId: board.id,
      boardName: board.name,
      raisedAt: t,
      ...(what.value !== undefined ? { value: what.value } : {}),
      ...(what.subject !== undefined ? { subject: what.subject } : {}),
      message: what.message,
    };
    this.alarm = alarm;
    this.sink.raised(this, alarm);
  }

  /** Clears the alarm (when raised) with `clearedAt: t`; the condition starts over. */
  clear(t: number): void {
    this.since = NaN;
    const alarm = this.alarm;
    if (!alarm) return;
    this.alarm = undefined;
    this.sink.cleared(this, { ...alarm, clearedAt: t });
  }

  /** Time passed (the engine's tick): silence, link and hold conditions are decided here. */
  tick(_t: number): void {}
}

/** A number for people: at most 2 decimals, no trailing zeros ("91", "2.35", "-0.5"). */
export function num(v: number): string {
  const r = Math.round(v * 100) / 100;
  return String(Object.is(r, -0) ? 0 : r);
}

/** Seconds for people from ms ("5.3 s"). */
export function secs(ms: number): string {
  return `${num(Math.round(ms / 100) / 10)} s`;
}
