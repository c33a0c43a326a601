import type { AlarmRule } from '../../src/shared/alarms/rules';
import type { AlarmRecord } from '../../src/shared/bridge/contracts/alarms';
import type { PoolStatus } from '../../src/shared/protocol/pool-status';
import type { AlarmEngineApi, AlarmTransition, EngineBoard } from '../../src/main/core/alarms/types';

/** One call the engine received, for the test to check. */
export type EngineCall =
  | { readonly call: 'setRules'; readonly t: number; readonly ids: readonly string[] }
  | { readonly call: 'addBoard'; readonly t: number; readonly board: EngineBoard }
  | { readonly call: 'removeBoard'; readonly t: number; readonly boardId: string }
  | {
      readonly call: 'telemetry';
      readonly t: number;
      readonly boardId: string;
      readonly data: Readonly<Record<string, unknown>>;
    }
  | { readonly call: 'link'; readonly t: number; readonly boardId: string; readonly open: boolean }
  | { readonly call: 'reboot'; readonly t: number; readonly boardId: string }
  | { readonly call: 'pools'; readonly t: number; readonly boardId: string; readonly status: PoolStatus }
  | { readonly call: 'tick'; readonly t: number };

/**
 * An engine driven by the test: it raises and clears exactly what the test says (`hold`, `release`, or `react` to
 * an input), and writes down every call.
 */
export class FakeAlarmEngine implements AlarmEngineApi {
  readonly calls: EngineCall[] = [];
  private held: AlarmRecord[] = [];
  private rules: Map<string, AlarmRule>;
  private readonly onTransition: (t: AlarmTransition) => void;
  /** Called after each input is written down: the test raises and clears from there. */
  react: (c: EngineCall, engine: FakeAlarmEngine) => void = () => {};

  constructor(opts: { rules: readonly AlarmRule[]; onTransition: (t: AlarmTransition) => void }) {
    this.rules = new Map(opts.rules.map((r) => [r.id, r]));
    this.onTransition = opts.onTransition;
  }

  /** Raises `a` (its rule must be one of the engine's). */
  hold(a: AlarmRecord): void {
    if (this.held.some((h) => h.id === a.id)) return;
    this.held.push(a);
    this.onTransition({ kind: 'raised', alarm: a, rule: this.rules.get(a.ruleId)! });
  }
  /** Clears alarm `id` at `t`. */
  release(id: string, t: number, rule?: AlarmRule): void {
    const a = this.held.find((h) => h.id === id);
    if (!a) return;
    this.held = this.held.filter((h) => h !== a);
    this.onTransition({
      kind: 'cleared',
      alarm: { ...a, clearedAt: t },
      rule: rule ?? this.rules.get(a.ruleId)!,
    });
  }

  private note(c: EngineCall): void {
    this.calls.push(c);
    this.react(c, this);
  }

  setRules(rules: readonly AlarmRule[], t: number): void {
    const former = this.rules;
    this.rules = new Map(rules.map((r) => [r.id, r]));
    // As the real engine: a rule no longer there has no alarm.
    for (const h of this.held) if (!this.rules.has(h.ruleId)) this.release(h.id, t, former.get(h.ruleId));
    this.note({ call: 'setRules', t, ids: rules.map((r) => r.id) });
  }
  addBoard(board: EngineBoard, t: number): void {
    this.note({ call: 'addBoard', t, board });
  }
  removeBoard(boardId: string, t: number): void {
    for (const h of this.held) if (h.boardId === boardId) this.release(h.id, t);
    this.note({ call: 'removeBoard', t, boardId });
  }
  telemetry(boardId: string, t: number, data: Readonly<Record<string, unknown>>): void {
    this.note({ call: 'telemetry', t, boardId, data });
  }
  link(boardId: string, t: number, open: boolean): void {
    this.note({ call: 'link', t, boardId, open });
  }
  reboot(boardId: string, t: number): void {
    this.note({ call: 'reboot', t, boardId });
  }
  pools(boardId: string, t: number, status: PoolStatus): void {
    this.note({ call: 'pools', t, boardId, status });
  }
  tick(t: number): void {
    this.note({ call: 'tick', t });
  }
  active(): readonly AlarmRecord[] {
    return this.held;
  }
}

/** An alarm record as the engine makes one (`board`/`rule` at `t`). */
export function alarmRecord(rule: AlarmRule, boardId: string, t: number, value = 50): AlarmRecord {
  return {
    id: `${boardId}/${rule.id}/${t}`,
    ruleId: rule.id,
    ruleName: rule.name,
    ruleKind: rule.kind,
    severity: rule.severity,
    boardId,
    boardName: `Board ${boardId}`,
    raisedAt: t,
    value,
    message: `junctionTemp ${value} above the limit`,
  };
}
