// Telemetry ingest: every WebSocket message of the watched boards comes in here (from their sessions, or a
// benchmark's synthetic source). Text frames are parsed, telemetry rows go into that board's bounded columnar
// history, marks are derived (reboot, gap), and the renderer gets one columnar batch per tick of the shown board,
// only when something changed (pending-batch.ts). Each board keeps its history while the app runs, within the
// memory budget below (board-store.ts).

import { parseBoardMessage, type ParsedBoardMessage } from '../../../shared/protocol/messages';
import {
  batchLength,
  batchSampleData,
  batchSampleTimes,
  type TelemetryBatchMessage,
} from '../../../shared/protocol/telemetry-batch';
import type { MessageRecord } from '../../../shared/recording/format';
import { decimateMinMax } from '../../../shared/telemetry/decimate';
import type { TelemetryCounts, TimelineMark } from '../../../shared/telemetry/types';
import type { HistoryFigures } from '../../../shared/bridge/contracts/sessions';
import type { TelemetryHistory } from '../../../shared/bridge/contracts/telemetry';
import type { BoardTelemetry } from './board-telemetry';
import { BoardStore } from './board-store';
import { PendingBatch } from './pending-batch';
import type { TelemetryPipelineOptions } from './pipeline-options';

export type { TelemetryPipelineOptions } from './pipeline-options';

/** Something else that wants every message (the recorder, the capture ring). Must not throw. */
export type RecordTap = (boardId: string, record: MessageRecord) => void;

/**
 * The telemetry pipeline of the core: one per app session, one history per board id.
 *
 * Memory budget: the shown board's history is bounded by `maxRows`/`maxBytes` (64 MiB); every other board keeps
 * what it held when it was left, trimmed to its rows, all of them together within `maxHeldBytes` (192 MiB). So
 * the pipeline holds at most 256 MiB of telemetry for the boards not watched. A board fed while another is shown
 * (watched: several boards at once) has its own cap instead (`watchedMaxRows`/`watchedMaxBytes`, 24 h at 1 Hz
 * within 16 MiB by default) and is never evicted while fed. A board's history is dropped when its profile is
 * removed (`forget`).
 */
export class TelemetryPipeline {
  private readonly boards: BoardStore;
  private shown: BoardTelemetry | undefined;
  private readonly taps = new Set<RecordTap>();
  private scratch = new Float64Array(8);
  private readonly pending = new PendingBatch();
  private readonly timer: ReturnType<typeof setInterval> | undefined;
  private readonly now: () => number;
  /** Why the last invalid message was refused (for logs and tests). */
  lastInvalidReason: string | undefined;
  /** The last received text message and what it says: its one parse, handed to the others that read it. */
  private lastParsed:
    | { readonly record: MessageRecord; readonly parsed: ParsedBoardMessage; readonly reboot?: TimelineMark }
    | undefined;
  /** The first reboot seen while ingesting the current message. */
  private rebootNow: TimelineMark | undefined;

  constructor(private readonly options: TelemetryPipelineOptions) {
    this.now = options.now ?? Date.now;
    this.boards = new BoardStore(options);
    const batchMs = options.batchMs ?? 50;
    if (batchMs > 0) {
      this.timer = setInterval(() => this.flush(), batchMs);
      this.timer.unref?.();
    }
  }

  /** The board whose telemetry the pipeline shows. */
  get currentBoard(): string | null {
    return this.shown?.boardId ?? null;
  }

  /** Series of the shown board, in first-seen order. */
  get series(): readonly string[] {
    return this.shown?.ring.series ?? [];
  }

  /** Counters of the shown board since the app first watched it. */
  get totals(): TelemetryCounts {
    return { ...(this.shown?.counts ?? { received: 0, invalid: 0, dropped: 0, other: 0 }) };
  }

  /** Boards with a history, and the bytes each takes (for tests and the budget). */
  held(): Array<{ boardId: string; rows: number; bytes: number }> {
    return this.boards.held();
  }

  /** The history kept of a board now: samples, their bytes, the bytes set aside and the cap (zeros for none). */
  historyOf(boardId: string): HistoryFigures {
    return this.boards.historyOf(boardId, this.shown);
  }

  /** Adds a listener of every message (recorder, capture); returns its removal. */
  tap(fn: RecordTap): () => void {
    this.taps.add(fn);
    return () => this.taps.delete(fn);
  }

  /**
   * Shows `boardId`: the renderer is told to drop what it holds (a `reset` batch) and asks for this board's history,
   * which is what the app kept of it since it first watched it. The board left gets a mark where its link closed,
   * unless it stays watched (`leftWatched`: its links stay open and its history keeps growing).
   */
  select(boardId: string, leftWatched = false): void {
    if (boardId === this.shown?.boardId) return;
    const left = this.shown;
    if (left) {
      this.flush(); // what the renderer has not had yet of the board left
      if (!leftWatched && left.ring.length && left.marks.at(-1)?.kind !== 'disconnect')
        this.pushMark(left, {
          t: this.now(),
          kind: 'disconnect',
          detail: 'the app switched to another board',
        });
      left.lastT = NaN;
      left.lastShownAt = this.now();
      left.shrink();
      if (leftWatched) left.watch(this.boards.watchedBounds());
    }
    const next = this.boards.toShow(boardId);
    next.grow();
    this.shown = next;
    this.pending.restart();
    this.boards.keepWithinBudget(this.shown);
  }

  /** Drops a board's history (its profile was removed). */
  forget(boardId: string): void {
    if (this.shown?.boardId === boardId) return;
    this.boards.delete(boardId);
  }

  /**
   * One WebSocket message of a board, rx or tx, as the link saw it. The first board heard is shown; a message of
   * another board goes into that board's history (it is watched), and the renderer hears of it once it is shown.
   * Returns what a received text message says: the one parse of it, which the sessions, the pool feed and MQTT
   * read instead of parsing it again (`parsedOf`).
   */
  ingest(boardId: string, record: MessageRecord): ParsedBoardMessage | undefined {
    const b = this.boardFor(boardId);
    for (const tap of this.taps) tap(boardId, record);
    if (record.dir !== 'rx') return undefined;
    if (record.op !== 1) {
      // Binary frames are not board JSON; control frames (close, ping, pong) are the link's business.
      if (record.op === 2) {
        b.counts.other++;
        if (b === this.shown) this.pending.countsChanged = true;
      }
      return undefined;
    }
    const parsed = parseBoardMessage(record.data ?? '');
    this.rebootNow = undefined;
    if (parsed.kind === 'invalid') this.refuse(b, parsed.reason);
    else if (parsed.kind === 'telemetry-batch') this.acceptTelemetryBatch(b, record.t, parsed.batch);
    else if (parsed.kind === 'telemetry') this.acceptTelemetry(b, record.t, parsed.message.data);
    else {
      b.counts.other++;
      if (b === this.shown) this.pending.countsChanged = true;
    }
    this.lastParsed = { record, parsed, reboot: this.rebootNow };
    return parsed;
  }

  /** What a received text message says: the parse `ingest` made of it (a message never ingested is parsed now). */
  parsedOf(record: MessageRecord): ParsedBoardMessage {
    const last = this.lastParsed;
    return last?.record === record ? last.parsed : parseBoardMessage(record.data ?? '');
  }

  /**
   * The reboot `ingest` saw in a received message (its mark), if it saw one: the one decision the Lab's count, the
   * session file's events and MQTT take, so they never disagree with the chart's marks.
   */
  rebootOf(record: MessageRecord): TimelineMark | undefined {
    const last = this.lastParsed;
    return last?.record === record ? last.reboot : undefined;
  }

  /** A mark from the link (connect, disconnect, stale) of a board; a mark of another board shows it. */
  mark(boardId: string, mark: TimelineMark): void {
    const b = this.boardFor(boardId);
    this.pushMark(b, mark);
    if (mark.kind === 'disconnect' || mark.kind === 'connect') {
      b.lastT = NaN;
      b.reboots.linkChanged();
    }
  }

  /** Sends the pending batch now, if anything changed. */
  flush(): void {
    const batch = this.shown && this.pending.take(this.shown);
    if (batch) this.options.emit(batch);
  }

  /**
   * A decimated snapshot of [fromT, toT) from the shown board's history. `grid`: the span its maxPoints/2 buckets
   * split (default the window), so a window narrower than whole buckets keeps the grid it was asked on.
   */
  history(
    fromT = -Infinity,
    toT = Infinity,
    maxPoints = 2000,
    grid?: { readonly fromT: number; readonly toT: number },
  ): TelemetryHistory {
    const b = this.shown;
    if (!b) {
      return {
        boardId: null,
        series: [],
        t: [],
        columns: [],
        marks: [],
        counts: this.totals,
        rawRows: 0,
        heldFrom: null,
        heldTo: null,
        capacity: 0,
      };
    }
    const ring = b.ring;
    const view = ring.view();
    const { start, end } = ring.range(fromT, toT);
    const from = Number.isFinite(fromT) ? fromT : ring.firstT;
    const to = Number.isFinite(toT) ? toT : ring.lastT + 1;
    const buckets = Math.max(1, Math.floor(maxPoints / 2));
    const d = decimateMinMax({ ...view, start, end }, grid?.fromT ?? from, grid?.toT ?? to, buckets);
    return {
      boardId: b.boardId,
      series: [...ring.series],
      t: d.t,
      columns: d.columns,
      marks: b.marks.filter((m) => m.t >= fromT && m.t < toT),
      counts: { ...b.counts },
      rawRows: end - start,
      heldFrom: ring.length ? ring.firstT : null,
      heldTo: ring.length ? ring.lastT : null,
      capacity: ring.capacity,
    };
  }

  /**
   * Raw rows of the shown board in [fromT, toT) (or [fromT, toT] when `closed`), for exports: calls `row(t, values)`
   * in time order.
   */
  forEachRow(
    fromT: number,
    toT: number,
    row: (t: number, values: ArrayLike<number>) => void,
    closed = false,
  ): void {
    const ring = this.shown?.ring;
    if (!ring) return;
    const { t, columns } = ring.view();
    const { start, end } = ring.range(fromT, toT, closed);
    const values = new Float64Array(columns.length);
    for (let j = start; j < end; j++) {
      for (let i = 0; i < columns.length; i++) values[i] = columns[i]![j]!;
      row(t[j]!, values);
    }
  }

  /**
   * Raw rows of board `boardId` (shown or not) in [fromT, toT], both ends included, for the alarm captures: calls
   * `begin(series)` once, then `row(t, values)` in time order (values by series index, NaN = absent) until it
   * returns false (a caller writing in slices stops there). `heldFrom`: the oldest row memory holds; `evicted`:
   * older rows of the board fell out of memory. Undefined for a board without a history.
   */
  rowsOf(
    boardId: string,
    fromT: number,
    toT: number,
    row: (t: number, values: ArrayLike<number>) => boolean | void,
    begin: (series: readonly string[]) => void = () => {},
  ): { series: readonly string[]; heldFrom: number | undefined; evicted: boolean } | undefined {
    const b = this.boards.get(boardId);
    if (!b) return undefined;
    const ring = b.ring;
    begin(ring.series);
    const { t, columns } = ring.view();
    const { start, end } = ring.range(fromT, toT, true);
    const values = new Float64Array(columns.length);
    for (let j = start; j < end; j++) {
      for (let i = 0; i < columns.length; i++) values[i] = columns[i]![j]!;
      if (row(t[j]!, values) === false) break;
    }
    return {
      series: [...ring.series],
      heldFrom: ring.length ? ring.firstT : undefined,
      evicted: b.counts.received > ring.length,
    };
  }

  /** Stops the batch timer. */
  close(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private acceptTelemetry(b: BoardTelemetry, t: number, data: Readonly<Record<string, unknown>>): void {
    if (b.watched) b.ensureRoom();
    const ring = b.ring;
    // Validate first: a message with a known series of the wrong type is refused whole, never half-charted.
    let numeric = 0;
    for (const key in data) {
      const v = data[key];
      if (typeof v === 'number') {
        if (!Number.isFinite(v)) return this.refuse(b, `field "${key}" is not a finite number`);
        numeric++;
      } else if (ring.series.includes(key)) {
        return this.refuse(b, `field "${key}" is ${v === null ? 'null' : typeof v}, not a number`);
      }
    }
    if (numeric === 0) return this.refuse(b, 'telemetry without a numeric field');
    if (!Number.isFinite(t)) return this.refuse(b, 'receipt time is not a number');

    if (this.scratch.length < ring.series.length + numeric)
      this.scratch = new Float64Array(ring.series.length + numeric + 8);
    const row = this.scratch;
    row.fill(NaN);
    for (const key in data) {
      const v = data[key];
      if (typeof v !== 'number') continue;
      const i = ring.seriesIndex(key);
      if (i >= 0) row[i] = v;
    }
    const n = ring.series.length;
    this.detectMarks(b, t, data);
    ring.push(t, row.subarray(0, n));
    b.counts.received++;
    b.latest = data;
    if (b !== this.shown) return;
    this.pending.countsChanged = true;
    if (this.pending.t.length >= (this.options.maxPendingRows ?? 100_000)) {
      b.counts.dropped++;
      return;
    }
    this.pending.t.push(t);
    this.pending.rows.push(row.slice(0, n));
  }

  /**
   * A telemetry-batch frame becomes the same appends its samples would have made as single telemetry messages,
   * received at their times (docs/telemetry-batch.md). A batch is refused whole, never half-charted.
   */
  private acceptTelemetryBatch(b: BoardTelemetry, t: number, batch: TelemetryBatchMessage): void {
    // The parser checked every column is finite numbers, so no sample below can be refused once the time is good.
    if (!Number.isFinite(t)) return this.refuse(b, 'receipt time is not a number');
    const times = batchSampleTimes(batch, t, b.ring.length ? b.ring.lastT : -Infinity);
    for (let i = 0, n = batchLength(batch); i < n; i++)
      this.acceptTelemetry(b, times[i]!, batchSampleData(batch, i));
  }

  private detectMarks(b: BoardTelemetry, t: number, data: Readonly<Record<string, unknown>>): void {
    const uptime = data[this.options.uptimeField ?? 'uptime'];
    const reboot = typeof uptime === 'number' ? b.reboots.see(t, uptime) : undefined;
    if (reboot) {
      const mark: TimelineMark = { t, kind: 'reboot', detail: reboot.detail };
      this.pushMark(b, mark);
      this.rebootNow ??= mark;
    }
    if (Number.isFinite(b.lastT)) {
      const dt = t - b.lastT;
      const limit = Math.max((this.options.gapPeriods ?? 3) * b.periodMs, this.options.minGapMs ?? 500);
      if (Number.isFinite(b.periodMs) && dt > limit) {
        this.pushMark(b, { t: b.lastT, kind: 'gap', detail: `no telemetry for ${(dt / 1000).toFixed(1)} s` });
      } else if (dt >= 0) {
        // A slow average of the period; gaps are left out of it.
        b.periodMs = Number.isFinite(b.periodMs) ? b.periodMs * 0.9 + dt * 0.1 : dt;
      }
    }
    b.lastT = t;
  }

  private pushMark(b: BoardTelemetry, mark: TimelineMark): void {
    b.marks.push(mark);
    if (b.marks.length > (this.options.maxMarks ?? 2000)) b.marks.shift();
    if (b === this.shown) this.pending.marks.push(mark);
  }

  private refuse(b: BoardTelemetry, reason: string): void {
    b.counts.invalid++;
    if (b === this.shown) this.pending.countsChanged = true;
    this.lastInvalidReason = reason;
  }

  /** The board a message of `boardId` goes to: the shown one, or a watched one (made when first heard). */
  private boardFor(boardId: string): BoardTelemetry {
    if (!this.shown) this.select(boardId);
    if (boardId === this.shown!.boardId) return this.shown!;
    return this.boards.toWatch(boardId);
  }
}
