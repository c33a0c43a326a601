// The bundle's telemetry: every row of the board in [fromT, toT] (both ends included), written as the app's
// telemetry CSV (docs/telemetry-exports.md: same columns, units, number text and `marker` column), and at the same
// time gathered into per-pixel min/max columns for the charts and the values at the alarm's moment.
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import type { FieldUnits } from '../../../../shared/telemetry/fields';
import type { ColumnMarker } from '../../../../shared/telemetry/marker-column';
import { csvLine, csvTime, CsvWriter, MarkedRows, note } from '../../telemetry/csv';
import type { TelemetryPipeline } from '../../telemetry/pipeline';

/** Per series, the lowest and highest value in each pixel column of the chart (NaN: no row there). */
export interface ChartColumns {
  readonly fromT: number;
  readonly toT: number;
  readonly series: readonly string[];
  readonly min: readonly Float64Array[];
  readonly max: readonly Float64Array[];
}

/** What the telemetry part wrote. */
export interface TelemetryPart {
  /** Telemetry rows (marker-only rows not counted). */
  readonly rows: number;
  /** Lines below the header, marker-only rows included (the CSV's `# rows:`). */
  readonly lines: number;
  readonly firstT: number | undefined;
  readonly lastT: number | undefined;
  /** Each series' value in the last row at or before the alarm's moment. */
  readonly valuesAt: Readonly<Record<string, number>>;
  readonly chart: ChartColumns;
  readonly bytes: number;
  /** Why part of the window has no rows, in words (memory did not hold them). */
  readonly missing?: string;
}

export interface TelemetryPartInput {
  readonly file: string;
  readonly boardId: string;
  /** The board in words for the preamble. */
  readonly boardWords: string;
  readonly t: number;
  readonly fromT: number;
  readonly toT: number;
  readonly units: FieldUnits | undefined;
  readonly markers: readonly ColumnMarker[];
  /** Pixel columns of the charts. */
  readonly width: number;
}

/** Rows written per slice; the core serves its links and other requests between slices. */
export const SLICE_ROWS = 2_000;
/** The `# rows:` line's number is padded to this width and filled in once the file is complete. */
const ROWS_WIDTH = 12;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Writes `telemetry.csv` from the pipeline's memory of the board, in slices of `SLICE_ROWS` rows (a 10-minute
 * window at 1000 Hz is 600,000 rows, seconds of formatting): each slice goes on after the last time written, so
 * rows arriving or leaving memory meanwhile shift nothing.
 */
export async function writeTelemetry(
  pipeline: Pick<TelemetryPipeline, 'rowsOf'>,
  p: TelemetryPartInput,
  sliceRows = SLICE_ROWS,
): Promise<TelemetryPart> {
  const fd = openSync(p.file, 'wx');
  const out = new CsvWriter(fd);
  try {
    let series: readonly string[] = [];
    let min: Float64Array[] = [];
    let max: Float64Array[] = [];
    let rows: MarkedRows | undefined;
    let lines = 0;
    let rowsLineAt = 0;
    let count = 0;
    let firstT: number | undefined;
    let lastT: number | undefined;
    let atLast = 0; // rows written with time `lastT` (several samples may share a time)
    let at: Float64Array | undefined;
    const span = Math.max(1, p.toT - p.fromT);
    const begin = (s: readonly string[]) => {
      if (rows) return;
      series = [...s];
      min = series.map(() => new Float64Array(p.width).fill(NaN));
      max = series.map(() => new Float64Array(p.width).fill(NaN));
      rows = new MarkedRows(series, p.markers, p.fromT, p.toT, (line) => {
        out.write(line);
        lines++;
      });
      out.write(note('NUCLEO-MEM Bench telemetry'));
      out.write(note(`board: ${p.boardWords}`));
      out.write(
        note(
          `range: ${csvTime(p.fromT)} to ${csvTime(p.toT)} (both included; the alarm capture window around ` +
            `${csvTime(p.t)})`,
        ),
      );
      out.flush();
      rowsLineAt = out.bytes;
      out.write(`# rows: ${' '.repeat(ROWS_WIDTH)}\r\n`);
      out.write(csvLine(MarkedRows.header(series, p.units)));
    };
    let held: ReturnType<TelemetryPipeline['rowsOf']>;
    // What memory held when the writing began decides whether the window's start was still there.
    let start: ReturnType<TelemetryPipeline['rowsOf']>;
    let slices = 0;
    for (;;) {
      let n = 0;
      let skip = lastT === undefined ? 0 : atLast;
      held = pipeline.rowsOf(
        p.boardId,
        lastT ?? p.fromT,
        p.toT,
        (t, values) => {
          // The exact cut, whatever the ring's search does at the ends; rows of the last slice's time once only.
          if (!(t >= p.fromT && t <= p.toT)) return;
          if (t === lastT && skip > 0) {
            skip--;
            return;
          }
          rows!.row(t, values);
          count++;
          firstT ??= t;
          atLast = t === lastT ? atLast + 1 : 1;
          lastT = t;
          if (t <= p.t) at = Float64Array.from(values);
          const x = Math.min(p.width - 1, Math.floor(((t - p.fromT) / span) * p.width));
          for (let i = 0; i < min.length; i++) {
            const v = values[i]!;
            if (Number.isNaN(v)) continue;
            if (!(v >= min[i]![x]!)) min[i]![x] = v;
            if (!(v <= max[i]![x]!)) max[i]![x] = v;
          }
          return ++n < sliceRows;
        },
        begin,
      );
      if (slices++ === 0) start = held;
      if (!held || n < sliceRows) break;
      await nextTurn();
    }
    begin([]);
    rows!.end();
    out.flush();
    writeSync(fd, String(lines).padEnd(ROWS_WIDTH), rowsLineAt + '# rows: '.length);
    fsyncSync(fd);
    const valuesAt: Record<string, number> = {};
    if (at) series.forEach((s, i) => Number.isFinite(at![i]) && (valuesAt[s] = at![i]!));
    const missing = !start
      ? 'the bench holds no telemetry of this board'
      : start.evicted && start.heldFrom !== undefined && start.heldFrom > p.fromT
        ? `rows before ${csvTime(start.heldFrom)} had already left memory (the board sends faster than memory ` +
          'holds for this long a window before the alarm)'
        : undefined;
    return {
      rows: count,
      lines,
      firstT,
      lastT,
      valuesAt,
      chart: { fromT: p.fromT, toT: p.toT, series, min, max },
      bytes: out.bytes,
      ...(missing ? { missing } : {}),
    };
  } finally {
    closeSync(fd);
  }
}
