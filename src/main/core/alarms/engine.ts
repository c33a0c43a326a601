// The alarm rule engine (docs/alarms.md "How rules are evaluated"): rules in, raises and clears out. Pure: no
// clock and no timers of its own; every call carries its time (ms since the epoch), and the caller's `tick` is when
// silence, links and holds are decided. One cell per (enabled rule, watched board) holds the state; cells are
// indexed per board by what feeds them, so a telemetry message touches only its board's cells for its own series.
import { ANY_BOARD, type AlarmRule } from '../../../shared/alarms/rules';
import type { AlarmRecord } from '../../../shared/bridge/contracts/alarms';
import type { PoolStatus } from '../../../shared/protocol/pool-status';
import { BoardState, type SeriesSlot } from './board-state';
import type { Cell, CellSink } from './cell';
import { PoolCell } from './pool-cell';
import { sameRule } from './same-rule';
import { RateCell, ThresholdCell, type SeriesCell } from './series-cells';
import { LinkCell, RebootCell, StaleCell } from './time-cells';
import type { AlarmEngineApi, AlarmTransition, EngineBoard } from './types';

export interface AlarmEngineOptions {
  readonly rules: readonly AlarmRule[];
  /** Every raise and clear, in order, as it is decided. */
  readonly onTransition: (t: AlarmTransition) => void;
  /** Boards watched from the start; their silence and link counts start at the first time the engine is given. */
  readonly boards?: readonly EngineBoard[];
}

function makeCell(rule: AlarmRule, board: BoardState, sink: CellSink): Cell {
  switch (rule.kind) {
    case 'threshold':
      return new ThresholdCell(rule, board, sink);
    case 'rate':
      return new RateCell(rule, board, sink);
    case 'stale':
      return new StaleCell(rule, board, sink);
    case 'link':
      return new LinkCell(rule, board, sink);
    case 'reboot':
      return new RebootCell(rule, board, sink);
    case 'pool':
      return new PoolCell(rule, board, sink);
  }
}

/** Rebuilds a board's indexes from its cells (after a rules change or when it is added). */
function index(board: BoardState): void {
  const series = new Map<string, SeriesCell[]>();
  board.stale = [];
  board.link = [];
  board.reboot = [];
  board.pool = [];
  board.timed = [];
  for (const cell of board.cells.values()) {
    if (cell instanceof ThresholdCell || cell instanceof RateCell) {
      const list = series.get(cell.rule.series) ?? [];
      list.push(cell);
      series.set(cell.rule.series, list);
      continue;
    }
    board.timed.push(cell);
    if (cell instanceof StaleCell) board.stale.push(cell);
    else if (cell instanceof LinkCell) board.link.push(cell);
    else if (cell instanceof RebootCell) board.reboot.push(cell);
    else if (cell instanceof PoolCell) board.pool.push(cell);
  }
  board.series = [...series].map(([name, cells]): SeriesSlot => ({ name, cells }));
}

function isNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

export class AlarmEngine implements AlarmEngineApi {
  private rules: AlarmRule[] = [];
  private readonly boards = new Map<string, BoardState>();
  /** The alarms raised now, by the cell that holds each. */
  private readonly live = new Map<Cell, AlarmRecord>();
  private readonly onTransition: (t: AlarmTransition) => void;
  /** A listener's error, thrown once the call that caused it has finished (so no cell is left half decided). */
  private failure: { error: unknown } | undefined;
  private readonly sink: CellSink = {
    raised: (cell, alarm) => {
      this.live.set(cell, alarm);
      this.emit({ kind: 'raised', alarm, rule: cell.rule });
    },
    cleared: (cell, alarm) => {
      this.live.delete(cell);
      this.emit({ kind: 'cleared', alarm, rule: cell.rule });
    },
  };

  constructor(opts: AlarmEngineOptions) {
    this.onTransition = opts.onTransition;
    this.rules = opts.rules.filter((r) => r.enabled);
    for (const b of opts.boards ?? []) this.add(b);
  }

  setRules(rules: readonly AlarmRule[], t: number): void {
    const next = new Map(rules.filter((r) => r.enabled).map((r) => [r.id, r]));
    for (const board of this.boards.values()) {
      for (const [id, cell] of board.cells) {
        const rule = next.get(id);
        if (rule && sameRule(rule, cell.rule)) continue;
        cell.clear(t);
        board.cells.delete(id);
      }
    }
    this.rules = [...next.values()];
    for (const board of this.boards.values()) this.fill(board);
    this.rethrow();
  }

  addBoard(board: EngineBoard, t: number): void {
    this.add(board).start(t);
  }

  removeBoard(boardId: string, t: number): void {
    const board = this.boards.get(boardId);
    if (!board) return;
    this.boards.delete(boardId);
    for (const cell of board.cells.values()) cell.clear(t);
    this.rethrow();
  }

  telemetry(boardId: string, t: number, data: Readonly<Record<string, unknown>>): void {
    const board = this.boards.get(boardId);
    if (!board) return;
    board.lastMessageT = t;
    if (board.staleBusy) {
      board.staleBusy = false;
      for (let i = 0; i < board.stale.length; i++) board.stale[i]!.message(t);
    }
    const slots = board.series;
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      const v = data[slot.name];
      if (!isNumber(v)) continue; // missing or not a number: the series' rules stay as they are
      for (let j = 0; j < slot.cells.length; j++) slot.cells[j]!.sample(t, v);
    }
    if (this.failure) this.rethrow();
  }

  link(boardId: string, t: number, open: boolean): void {
    const board = this.boards.get(boardId);
    if (!board) return;
    if (board.linkOpen === open) {
      board.start(t);
      return;
    }
    board.linkOpen = open;
    board.linkSince = t;
    if (open) for (const cell of board.link) cell.opened(t);
    this.rethrow();
  }

  reboot(boardId: string, t: number): void {
    for (const cell of this.boards.get(boardId)?.reboot ?? []) cell.rebooted(t);
    this.rethrow();
  }

  pools(boardId: string, t: number, status: PoolStatus): void {
    for (const cell of this.boards.get(boardId)?.pool ?? []) cell.report(t, status);
    this.rethrow();
  }

  tick(t: number): void {
    for (const board of this.boards.values()) {
      board.start(t);
      for (const cell of board.timed) cell.tick(t);
    }
    this.rethrow();
  }

  /** The alarms raised now, oldest first. */
  active(): readonly AlarmRecord[] {
    return [...this.live.values()];
  }

  private add(b: EngineBoard): BoardState {
    const known = this.boards.get(b.id);
    if (known) {
      known.name = b.name;
      return known;
    }
    const board = new BoardState(b.id, b.name);
    this.boards.set(b.id, board);
    this.fill(board);
    return board;
  }

  /** Gives the board a cell for each rule that applies to it and it lacks, then indexes its cells. */
  private fill(board: BoardState): void {
    for (const rule of this.rules) {
      if (rule.board !== ANY_BOARD && rule.board !== board.id) continue;
      if (!board.cells.has(rule.id)) board.cells.set(rule.id, makeCell(rule, board, this.sink));
    }
    index(board);
  }

  private emit(transition: AlarmTransition): void {
    try {
      this.onTransition(transition);
    } catch (error) {
      this.failure ??= { error };
    }
  }

  private rethrow(): void {
    const failure = this.failure;
    if (!failure) return;
    this.failure = undefined;
    throw failure.error;
  }
}
