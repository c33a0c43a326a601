// Rules fed by one telemetry field: threshold (above, below, outside a band) and rate of change. Both are decided
// at each message of their series only: silence neither raises nor clears them (the stale rule covers silence),
// and a message without a usable number for the series leaves them as they are.
import type { AlarmRule } from '../../../shared/alarms/rules';
import type { BoardState } from './board-state';
import { Cell, num, type CellSink } from './cell';
import { RateWindow } from './rate-window';

type ThresholdRule = Extract<AlarmRule, { kind: 'threshold' }>;
type RateRule = Extract<AlarmRule, { kind: 'rate' }>;

/** A cell fed by one series' numbers. */
export interface SeriesCell extends Cell {
  sample(t: number, v: number): void;
}

export class ThresholdCell extends Cell<ThresholdRule> implements SeriesCell {
  private readonly above: number;
  private readonly below: number;
  /** Back inside by the hysteresis: at or under clearAbove and at or over clearBelow. */
  private readonly clearAbove: number;
  private readonly clearBelow: number;

  constructor(rule: ThresholdRule, board: BoardState, sink: CellSink) {
    super(rule, board, sink);
    this.above = rule.above ?? Infinity;
    this.below = rule.below ?? -Infinity;
    // A band narrower than twice the hysteresis clears at its middle rather than never.
    const h =
      rule.above !== undefined && rule.below !== undefined
        ? Math.min(rule.hysteresis, (rule.above - rule.below) / 2)
        : rule.hysteresis;
    this.clearAbove = this.above - h;
    this.clearBelow = this.below + h;
  }

  sample(t: number, v: number): void {
    if (this.alarm) {
      if (v <= this.clearAbove && v >= this.clearBelow) this.clear(t);
      return;
    }
    if (v > this.above || v < this.below) {
      if (this.due(t)) this.raise(t, { value: v, subject: this.rule.series, message: this.describe(v) });
    } else this.reset();
  }

  private describe(v: number): string {
    const { rule } = this;
    const held = rule.forS > 0 ? ` for ${num(rule.forS)} s` : '';
    const limit =
      rule.above !== undefined && rule.below !== undefined
        ? `outside ${num(rule.below)} to ${num(rule.above)}`
        : v > this.above
          ? `above ${num(this.above)}`
          : `below ${num(this.below)}`;
    return `${rule.series} ${num(v)} ${limit}${held}`;
  }
}

export class RateCell extends Cell<RateRule> implements SeriesCell {
  private readonly window: RateWindow;

  constructor(rule: RateRule, board: BoardState, sink: CellSink) {
    super(rule, board, sink);
    this.window = new RateWindow(rule.windowS * 1000);
  }

  sample(t: number, v: number): void {
    const rate = this.window.push(t, v);
    if (Number.isNaN(rate)) return; // less history than the window: nothing to say yet
    const fast = Math.abs(rate) > this.rule.perS;
    if (this.alarm) {
      if (!fast) this.clear(t);
      return;
    }
    if (!fast) this.reset();
    else if (this.due(t))
      this.raise(t, { value: rate, subject: this.rule.series, message: this.describe(rate) });
  }

  private describe(rate: number): string {
    const { rule } = this;
    const held = rule.forS > 0 ? ` for ${num(rule.forS)} s` : '';
    return (
      `${rule.series} ${rate > 0 ? 'rising' : 'falling'} ${num(Math.abs(rate))}/s over ${num(rule.windowS)} s, ` +
      `faster than ${num(rule.perS)}/s${held}`
    );
  }

  /** Samples held (tests: the bound). */
  get held(): number {
    return this.window.size;
  }
}
