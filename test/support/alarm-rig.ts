// A fake clock around the alarm engine for unit tests: time moves only when the test says, and the engine is
// ticked every 250 ms as the alarm service does.
import { alarmRuleSchema, type AlarmRule, type AlarmRuleInput } from '../../src/shared/alarms/rules';
import { AlarmEngine } from '../../src/main/core/alarms/engine';
import type { AlarmTransition, EngineBoard } from '../../src/main/core/alarms/types';

/** The service's tick period. */
export const TICK_MS = 250;

/** A rule with the schema's defaults filled in (as the settings hand rules to the engine). */
export function rule(input: AlarmRuleInput): AlarmRule {
  return alarmRuleSchema.parse(input);
}

export class AlarmRig {
  /** ms since the epoch: the fake clock. */
  now = 1_700_000_000_000;
  readonly transitions: AlarmTransition[] = [];
  readonly engine: AlarmEngine;

  constructor(
    rules: readonly AlarmRuleInput[],
    boards: readonly EngineBoard[] = [{ id: 'b1', name: 'Board 1' }],
  ) {
    this.engine = new AlarmEngine({ rules: rules.map(rule), onTransition: (t) => this.transitions.push(t) });
    for (const b of boards) this.engine.addBoard(b, this.now);
  }

  /** One telemetry message now. */
  tel(data: Record<string, unknown>, board = 'b1'): void {
    this.engine.telemetry(board, this.now, data);
  }

  /** Time passes with no input but the service's ticks. */
  wait(ms: number): void {
    const end = this.now + ms;
    while (this.now < end) {
      this.now = Math.min(end, this.now + TICK_MS);
      this.engine.tick(this.now);
    }
  }

  /** Feeds `series` values every `periodMs`, ticking as time passes (a board at 1000/periodMs Hz). */
  feed(values: readonly number[], periodMs: number, series = 'junctionTemp', board = 'b1'): void {
    let nextTick = this.now - (this.now % TICK_MS) + TICK_MS;
    for (const v of values) {
      this.now += periodMs;
      while (nextTick <= this.now) {
        this.engine.tick(nextTick);
        nextTick += TICK_MS;
      }
      this.engine.telemetry(board, this.now, { [series]: v });
    }
  }

  /** The transitions so far as "raised b1/rule" lines. */
  log(): string[] {
    return this.transitions.map((t) => `${t.kind} ${t.alarm.boardId}/${t.alarm.ruleId}`);
  }

  last(): AlarmTransition {
    const t = this.transitions.at(-1);
    if (!t) throw new Error('no transition yet');
    return t;
  }
}
