// What the renderer has not had yet of the shown board: rows as appended, marks, a reset, changed counters; and
// its one flush into a columnar batch (rows transposed to columns, a series first seen later is NaN before).

import type { TelemetryBatch, TimelineMark } from '../../../shared/telemetry/types';
import type { BoardTelemetry } from './board-telemetry';

/** The pending batch of the shown board. */
export class PendingBatch {
  t: number[] = [];
  rows: Float64Array[] = [];
  marks: TimelineMark[] = [];
  reset = false;
  countsChanged = false;

  /** A new board is shown: drops the rows and marks of the one left, and the renderer is to drop what it holds. */
  restart(): void {
    this.t = [];
    this.rows = [];
    this.marks = [];
    this.reset = true;
  }

  /** The batch of board `b` if anything changed (then the pending state is cleared), or undefined. */
  take(b: BoardTelemetry): TelemetryBatch | undefined {
    if (!this.t.length && !this.marks.length && !this.countsChanged && !this.reset) return undefined;
    const series = [...b.ring.series];
    const rows = this.rows;
    const columns = series.map((_, i) => {
      const col = new Float64Array(rows.length);
      for (let j = 0; j < rows.length; j++) col[j] = i < rows[j]!.length ? rows[j]![i]! : NaN;
      return col;
    });
    const batch: TelemetryBatch = {
      boardId: b.boardId,
      series,
      t: Float64Array.from(this.t),
      columns,
      latest: b.latest,
      counts: { ...b.counts },
      marks: this.marks,
      ...(this.reset ? { reset: true } : {}),
    };
    this.t = [];
    this.rows = [];
    this.marks = [];
    this.reset = false;
    this.countsChanged = false;
    return batch;
  }
}
