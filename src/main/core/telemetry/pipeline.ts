// Telemetry ingest: every WebSocket message of the selected board comes in here (from the link manager, or a
// benchmark's synthetic source). Text frames are parsed, telemetry rows go into a bounded columnar history, marks
// are derived (reboot, gap), and the renderer gets one columnar batch per tick, only when something changed.

import { parseBoardMessage } from '../../../shared/protocol/messages';
import type { MessageRecord } from '../../../shared/recording/format';
import { decimateMinMax } from '../../../shared/telemetry/decimate';
import { SeriesRing } from '../../../shared/telemetry/series-ring';
import type { TelemetryBatch, TelemetryCounts, TimelineMark } from '../../../shared/telemetry/types';
import type { TelemetryHistory } from '../../../shared/bridge/contracts/telemetry';

/** How the pipeline is bounded and clocked. All optional. */
export interface TelemetryPipelineOptions {
  /** Receives each batch (bench.ts sends it out as `telemetry:batch`). */
  readonly emit: (batch: TelemetryBatch) => void;
  /** Batch period, ms (50–100; default 50). 0 = no timer: call `flush()` yourself (tests). */
  readonly batchMs?: number;
  /** History rows kept (default 600,000 = 10 min at 1000 Hz, or 24 h at 1 Hz with room). */
  readonly maxRows?: number;
  /** Bytes of history at most (default 64 MiB). */
  readonly maxBytes?: number;
  /** Series kept at most (default 32); further numeric fields are ignored. */
  readonly maxSeries?: number;
  /** Rows one batch may hold; more are dropped and counted (a stalled event loop must not grow memory). */
  readonly maxPendingRows?: number;
  /** A gap is a pause longer than this many telemetry periods … (default 3) */
  readonly gapPeriods?: number;
  /** … and longer than this many ms (default 500), so event-loop jitter at high rates is no gap. */
  readonly minGapMs?: number;
  /** Field whose going back means a reboot (default 'uptime'). */
  readonly uptimeField?: string;
  /** Marks kept for history (default 2000). */
  readonly maxMarks?: number;
}

/** Something else that wants every message (the recorder, the capture ring). Must not throw. */
export type RecordTap = (boardId: string, record: MessageRecord) => void;

/** The telemetry pipeline of the core: one per app session. */
export class TelemetryPipeline {
  private readonly ring: SeriesRing;
  private readonly taps = new Set<RecordTap>();
  private boardId: string | null = null;
  private counts = { received: 0, invalid: 0, dropped: 0, other: 0 };
  private marks: TimelineMark[] = [];
  private latest: Record<string, unknown> | undefined;
  private scratch = new Float64Array(8);
  // Pending batch (rows as appended; transposed at flush).
  private pendingT: number[] = [];
  private pendingRows: Float64Array[] = [];
  private pendingMarks: TimelineMark[] = [];
  private pendingReset = false;
  private countsChanged = false;
  // Reboot / gap detection.
  private lastT = NaN;
  private lastUptime = NaN;
  private periodMs = NaN;
  private readonly timer: ReturnType<typeof setInterval> | undefined;
  /** Why the last invalid message was refused (for logs and tests). */
  lastInvalidReason: string | undefined;

  constructor(private readonly options: TelemetryPipelineOptions) {
    this.ring = new SeriesRing({
      maxRows: options.maxRows ?? 600_000,
      maxBytes: options.maxBytes ?? 64 * 1024 * 1024,
      maxSeries: options.maxSeries ?? 32,
    });
    const batchMs = options.batchMs ?? 50;
    if (batchMs > 0) {
      this.timer = setInterval(() => this.flush(), batchMs);
      this.timer.unref?.();
    }
  }

  /** The board whose telemetry the pipeline holds. */
  get currentBoard(): string | null {
    return this.boardId;
  }

  /** Series discovered so far, in first-seen order. */
  get series(): readonly string[] {
    return this.ring.series;
  }

  /** Counters since the current board was selected. */
  get totals(): TelemetryCounts {
    return { ...this.counts };
  }

  /** Adds a listener of every message (recorder, capture); returns its removal. */
  tap(fn: RecordTap): () => void {
    this.taps.add(fn);
    return () => this.taps.delete(fn);
  }

  /** Makes `boardId` the current board; a different board starts with empty series and counters. */
  select(boardId: string): void {
    if (boardId === this.boardId) return;
    this.boardId = boardId;
    this.ring.clear();
    this.counts = { received: 0, invalid: 0, dropped: 0, other: 0 };
    this.marks = [];
    this.latest = undefined;
    this.pendingT = [];
    this.pendingRows = [];
    this.pendingMarks = [];
    this.pendingReset = true;
    this.lastT = this.lastUptime = this.periodMs = NaN;
  }

  /** One WebSocket message of a board, rx or tx, as the link saw it. A message from a new board selects it. */
  ingest(boardId: string, record: MessageRecord): void {
    if (boardId !== this.boardId) this.select(boardId);
    for (const tap of this.taps) tap(boardId, record);
    if (record.dir !== 'rx') return;
    if (record.op !== 1) {
      // Binary frames are not board JSON; control frames (close, ping, pong) are the link's business.
      if (record.op === 2) {
        this.counts.other++;
        this.countsChanged = true;
      }
      return;
    }
    const parsed = parseBoardMessage(record.data ?? '');
    if (parsed.kind === 'invalid') return this.refuse(parsed.reason);
    if (parsed.kind !== 'telemetry') {
      this.counts.other++;
      this.countsChanged = true;
      return;
    }
    this.acceptTelemetry(record.t, parsed.message.data);
  }

  /** A mark from the link (connect, disconnect, stale) for the current board. */
  mark(boardId: string, mark: TimelineMark): void {
    if (boardId !== this.boardId) this.select(boardId);
    this.addMark(mark);
    if (mark.kind === 'disconnect' || mark.kind === 'connect') this.lastT = NaN;
  }

  /** Sends the pending batch now, if anything changed. */
  flush(): void {
    if (this.boardId === null) return;
    if (!this.pendingT.length && !this.pendingMarks.length && !this.countsChanged && !this.pendingReset)
      return;
    const series = [...this.ring.series];
    const rows = this.pendingRows;
    const columns = series.map((_, i) => {
      const col = new Float64Array(rows.length);
      for (let j = 0; j < rows.length; j++) col[j] = i < rows[j]!.length ? rows[j]![i]! : NaN;
      return col;
    });
    const batch: TelemetryBatch = {
      boardId: this.boardId,
      series,
      t: Float64Array.from(this.pendingT),
      columns,
      latest: this.latest,
      counts: { ...this.counts },
      marks: this.pendingMarks,
      ...(this.pendingReset ? { reset: true } : {}),
    };
    this.pendingT = [];
    this.pendingRows = [];
    this.pendingMarks = [];
    this.pendingReset = false;
    this.countsChanged = false;
    this.options.emit(batch);
  }

  /** A decimated snapshot of [fromT, toT) from the history. */
  history(fromT = -Infinity, toT = Infinity, maxPoints = 2000): TelemetryHistory {
    const view = this.ring.view();
    const { start, end } = this.ring.range(fromT, toT);
    const from = Number.isFinite(fromT) ? fromT : this.ring.firstT;
    const to = Number.isFinite(toT) ? toT : this.ring.lastT + 1;
    const d = decimateMinMax({ ...view, start, end }, from, to, Math.max(1, Math.floor(maxPoints / 2)));
    return {
      boardId: this.boardId,
      series: [...this.ring.series],
      t: d.t,
      columns: d.columns,
      marks: this.marks.filter((m) => m.t >= fromT && m.t < toT),
      counts: { ...this.counts },
      rawRows: end - start,
      heldFrom: this.ring.length ? this.ring.firstT : null,
      heldTo: this.ring.length ? this.ring.lastT : null,
      capacity: this.ring.capacity,
    };
  }

  /** Raw rows of [fromT, toT) (or [fromT, toT] when `closed`) for exports: calls `row(t, values)` in time order. */
  forEachRow(
    fromT: number,
    toT: number,
    row: (t: number, values: ArrayLike<number>) => void,
    closed = false,
  ): void {
    const { t, columns } = this.ring.view();
    const { start, end } = this.ring.range(fromT, toT, closed);
    const values = new Float64Array(columns.length);
    for (let j = start; j < end; j++) {
      for (let i = 0; i < columns.length; i++) values[i] = columns[i]![j]!;
      row(t[j]!, values);
    }
  }

  /** Stops the batch timer. */
  close(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private acceptTelemetry(t: number, data: Readonly<Record<string, unknown>>): void {
    // Validate first: a message with a known series of the wrong type is refused whole, never half-charted.
    let numeric = 0;
    for (const key in data) {
      const v = data[key];
      if (typeof v === 'number') {
        if (!Number.isFinite(v)) return this.refuse(`field "${key}" is not a finite number`);
        numeric++;
      } else if (this.ring.series.includes(key)) {
        return this.refuse(`field "${key}" is ${v === null ? 'null' : typeof v}, not a number`);
      }
    }
    if (numeric === 0) return this.refuse('telemetry without a numeric field');
    if (!Number.isFinite(t)) return this.refuse('receipt time is not a number');

    if (this.scratch.length < this.ring.series.length + numeric)
      this.scratch = new Float64Array(this.ring.series.length + numeric + 8);
    const row = this.scratch;
    row.fill(NaN);
    for (const key in data) {
      const v = data[key];
      if (typeof v !== 'number') continue;
      const i = this.ring.seriesIndex(key);
      if (i >= 0) row[i] = v;
    }
    const n = this.ring.series.length;
    this.detectMarks(t, data);
    this.ring.push(t, row.subarray(0, n));
    this.counts.received++;
    this.countsChanged = true;
    this.latest = data;
    if (this.pendingT.length >= (this.options.maxPendingRows ?? 100_000)) {
      this.counts.dropped++;
      return;
    }
    this.pendingT.push(t);
    this.pendingRows.push(row.slice(0, n));
  }

  private detectMarks(t: number, data: Readonly<Record<string, unknown>>): void {
    const uptime = data[this.options.uptimeField ?? 'uptime'];
    if (typeof uptime === 'number') {
      if (uptime < this.lastUptime) {
        this.addMark({ t, kind: 'reboot', detail: `uptime went from ${this.lastUptime} s to ${uptime} s` });
      }
      this.lastUptime = uptime;
    }
    if (Number.isFinite(this.lastT)) {
      const dt = t - this.lastT;
      const limit = Math.max((this.options.gapPeriods ?? 3) * this.periodMs, this.options.minGapMs ?? 500);
      if (Number.isFinite(this.periodMs) && dt > limit) {
        this.addMark({ t: this.lastT, kind: 'gap', detail: `no telemetry for ${(dt / 1000).toFixed(1)} s` });
      } else if (dt >= 0) {
        // A slow average of the period; gaps are left out of it.
        this.periodMs = Number.isFinite(this.periodMs) ? this.periodMs * 0.9 + dt * 0.1 : dt;
      }
    }
    this.lastT = t;
  }

  private addMark(mark: TimelineMark): void {
    this.marks.push(mark);
    if (this.marks.length > (this.options.maxMarks ?? 2000)) this.marks.shift();
    this.pendingMarks.push(mark);
  }

  private refuse(reason: string): void {
    this.counts.invalid++;
    this.countsChanged = true;
    this.lastInvalidReason = reason;
  }
}
