// What the alarm parts agree on: the engine (rules → raises and clears, engine.ts), the service that feeds it from
// every watched board and keeps the list (alarm-service.ts), and what listens to it: capture bundles (capture/),
// the MQTT publisher, notifications and session markers.
import type { AlarmRecord } from '../../../shared/bridge/contracts/alarms';
import type { AlarmRule } from '../../../shared/alarms/rules';
import type { PoolStatus } from '../../../shared/protocol/pool-status';

/** One raise or clear, with the rule that made it. */
export interface AlarmTransition {
  readonly kind: 'raised' | 'cleared';
  readonly alarm: AlarmRecord;
  readonly rule: AlarmRule;
}

/** Where the alarms come from, for those that act on them (captures, MQTT, notifications, markers). */
export interface AlarmSource {
  /** Every raise and clear from now on; returns the unsubscribe function. A throwing listener stops no other. */
  onTransition(listener: (t: AlarmTransition) => void): () => void;
  /** The alarms raised now (all boards). */
  active(): readonly AlarmRecord[];
}

/** A board the engine watches. */
export interface EngineBoard {
  readonly id: string;
  readonly name: string;
}

/**
 * The rule engine: pure, driven by its inputs and `tick` with times given by the caller (a fake clock in tests).
 * Implemented by `AlarmEngine` (engine.ts).
 */
export interface AlarmEngineApi {
  /** Replaces the rules; the alarms of a rule removed, disabled or changed are cleared (with a transition). */
  setRules(rules: readonly AlarmRule[], t: number): void;
  addBoard(board: EngineBoard, t: number): void;
  /** The board is no longer watched: its alarms are cleared. */
  removeBoard(boardId: string, t: number): void;
  /** One telemetry message (receipt time, the message's `data`). */
  telemetry(boardId: string, t: number, data: Readonly<Record<string, unknown>>): void;
  /** The board's WebSocket link opened or closed. */
  link(boardId: string, t: number, open: boolean): void;
  /** The board restarted (the pipeline's reboot decision). */
  reboot(boardId: string, t: number): void;
  /** One pool-status report. */
  pools(boardId: string, t: number, status: PoolStatus): void;
  /** Time passes: silence, minimum durations and holds are decided here (the service calls it every 250 ms). */
  tick(t: number): void;
  active(): readonly AlarmRecord[];
}
