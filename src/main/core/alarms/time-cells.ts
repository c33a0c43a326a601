// Rules decided by the clock: no telemetry for afterS (stale), the link not open for afterS (link), and a reboot
// held raised for holdS (reboot). The engine's tick decides when they raise or clear; their events reset them.
import type { AlarmRule } from '../../../shared/alarms/rules';
import type { BoardState } from './board-state';
import { Cell, num, secs, type CellSink } from './cell';

type StaleRule = Extract<AlarmRule, { kind: 'stale' }>;
type LinkRule = Extract<AlarmRule, { kind: 'link' }>;
type RebootRule = Extract<AlarmRule, { kind: 'reboot' }>;

/** No telemetry for afterS: counted from the board's last message, or from when it was added. */
export class StaleCell extends Cell<StaleRule> {
  private readonly afterMs: number;

  constructor(rule: StaleRule, board: BoardState, sink: CellSink) {
    super(rule, board, sink);
    this.afterMs = rule.afterS * 1000;
  }

  override tick(t: number): void {
    const silentMs = t - this.board.lastMessageT;
    if (silentMs < this.afterMs) return;
    this.board.staleBusy = true;
    // The condition began when the silence reached afterS, not when a tick first saw it.
    if (this.due(t, this.board.lastMessageT + this.afterMs))
      this.raise(t, {
        value: Math.round(silentMs / 100) / 10,
        message: `no telemetry for ${secs(silentMs)} (limit ${num(this.rule.afterS)} s)`,
      });
  }

  /** A telemetry message came: the silence is over. */
  message(t: number): void {
    this.clear(t);
  }
}

/** The WebSocket link not open for afterS: counted from when it closed, or from when the board was added. */
export class LinkCell extends Cell<LinkRule> {
  private readonly afterMs: number;

  constructor(rule: LinkRule, board: BoardState, sink: CellSink) {
    super(rule, board, sink);
    this.afterMs = rule.afterS * 1000;
  }

  override tick(t: number): void {
    const { board } = this;
    if (board.linkOpen) return;
    const downMs = t - board.linkSince;
    if (downMs < this.afterMs) return;
    if (this.due(t, board.linkSince + this.afterMs))
      this.raise(t, {
        value: Math.round(downMs / 100) / 10,
        message: `link not open for ${secs(downMs)} (limit ${num(this.rule.afterS)} s)`,
      });
  }

  /** The link opened: clear (a close only starts the count, which the tick follows). */
  opened(t: number): void {
    this.clear(t);
  }
}

/**
 * The board restarted: raised at once (an event, so forS does not apply), cleared holdS after the last reboot. A
 * reboot while raised keeps the one alarm and holds it longer.
 */
export class RebootCell extends Cell<RebootRule> {
  private holdUntil = -Infinity;

  rebooted(t: number): void {
    this.holdUntil = t + this.rule.holdS * 1000;
    if (!this.alarm) this.raise(t, { message: 'the board restarted' });
  }

  override tick(t: number): void {
    if (this.alarm && t >= this.holdUntil) this.clear(t);
  }
}
