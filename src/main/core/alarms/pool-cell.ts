// Pool rules (pool-status, docs/pool-status.md): a named pool, or any pool, above abovePct % in use; and/or a
// pool's allocation failures counter going up. One alarm per rule and board covers both conditions: it is raised
// by the first that holds and cleared once neither does.
import type { AlarmRule } from '../../../shared/alarms/rules';
import type { PoolStatus } from '../../../shared/protocol/pool-status';
import type { BoardState } from './board-state';
import { Cell, num, type CellSink } from './cell';

type PoolRule = Extract<AlarmRule, { kind: 'pool' }>;

/** Packet pools: (total − free) / total; byte pools: (size − available) / size when the size is sent. */
function usedPct(used: number, size: number): number {
  return size > 0 ? (used / size) * 100 : NaN;
}

export class PoolCell extends Cell<PoolRule> {
  /** The pool's name as the rule gives it, in lower case (names match whatever their case). */
  private readonly wanted: string | undefined;
  /** The % condition is met (raised or holding it raised), with hysteresis. */
  private full = false;
  /** A failure keeps the alarm raised until then, ms. */
  private failedUntil = -Infinity;
  /** Each packet pool's failures count at its last report: an increase is a new failure. */
  private readonly failures = new Map<string, number>();

  constructor(rule: PoolRule, board: BoardState, sink: CellSink) {
    super(rule, board, sink);
    this.wanted = rule.pool?.trim().toLowerCase();
  }

  private matches(name: string): boolean {
    return this.wanted === undefined || name.trim().toLowerCase() === this.wanted;
  }

  report(t: number, status: PoolStatus): void {
    if (this.rule.abovePct !== undefined) this.fullness(t, status, this.rule.abovePct);
    if (this.rule.failures) this.failuresSeen(t, status);
  }

  private fullness(t: number, status: PoolStatus, abovePct: number): void {
    // The fullest matching pool decides; pools of unknown size are left out.
    let worst = NaN;
    let worstName = '';
    for (const p of status.packetPools) {
      const pct = usedPct(p.total - p.free, p.total);
      if (this.matches(p.name) && (Number.isNaN(worst) || pct > worst)) {
        worst = pct;
        worstName = p.name;
      }
    }
    for (const p of status.bytePools) {
      if (p.size === undefined) continue;
      const pct = usedPct(p.size - p.available, p.size);
      if (this.matches(p.name) && (Number.isNaN(worst) || pct > worst)) {
        worst = pct;
        worstName = p.name;
      }
    }
    if (Number.isNaN(worst)) return; // the pool is not in this report: nothing known
    if (this.full) {
      if (worst <= abovePct - this.rule.hysteresisPct) {
        this.full = false;
        this.settle(t);
      }
      return;
    }
    if (worst <= abovePct) {
      this.reset();
      return;
    }
    if (this.alarm) {
      // Raised by a failure already: the one alarm now also stands for the % condition.
      this.full = true;
      return;
    }
    if (this.due(t)) {
      this.full = true;
      const held = this.rule.forS > 0 ? ` for ${num(this.rule.forS)} s` : '';
      this.raise(t, {
        value: Math.round(worst * 10) / 10,
        subject: worstName,
        message: `${worstName} ${num(worst)} % in use, above ${num(abovePct)} %${held}`,
      });
    }
  }

  private failuresSeen(t: number, status: PoolStatus): void {
    for (const p of status.packetPools) {
      if (p.failures === undefined || !this.matches(p.name)) continue;
      const before = this.failures.get(p.name);
      this.failures.set(p.name, p.failures);
      // The first report is the baseline (those failures happened before the bench watched); a count that went
      // down (the board restarted) is a new baseline too.
      if (before === undefined || p.failures <= before) continue;
      this.failedUntil = t + this.rule.holdS * 1000;
      if (!this.alarm) {
        const n = p.failures - before;
        this.raise(t, {
          value: n,
          subject: p.name,
          message: `${p.name}: ${n} allocation${n === 1 ? '' : 's'} failed (pool empty)`,
        });
      }
    }
  }

  /** Clears once neither condition holds. */
  private settle(t: number): void {
    if (this.alarm && !this.full && t >= this.failedUntil) this.clear(t);
  }

  override tick(t: number): void {
    if (this.alarm) this.settle(t);
  }

  override clear(t: number): void {
    this.full = false;
    this.failedUntil = -Infinity;
    super.clear(t);
  }
}
