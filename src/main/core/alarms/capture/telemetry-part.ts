// The bundle's telemetry: every row of the board in [fromT, toT] (both ends included), written as the app's
// telemetry CSV (docs/telemetry-exports.md: same columns, units, number text and `marker` column), and at the same
// time gathered into per-pixel min/max columns for the charts and the values at the alarm's moment.
import { closeSync, fsyncSync, openSync } from 'node:fs';
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

/** Writes `telemetry.csv` from the pipeline's memory of the board (synchronously: the ring cannot move meanwhile). */
export function writeTelemetry(
  pipeline: Pick<TelemetryPipeline, 'rowsOf'>,
  p: TelemetryPartInput,
): TelemetryPart {
  const body: string[] = [];
  let min: Float64Array[] = [];
  let max: Float64Array[] = [];
  let rows: MarkedRows | undefined;
  let count = 0;
  let firstT: number | undefined;
  let lastT: number | undefined;
  let at: Float64Array | undefined;
  const span = Math.max(1, p.toT - p.fromT);
  const held = pipeline.rowsOf(
    p.boardId,
    p.fromT,
    p.toT,
    (t, values) => {
      // The exact cut, whatever the ring's search does at the ends.
      if (!(t >= p.fromT && t <= p.toT)) return;
      rows!.row(t, values);
      count++;
      firstT ??= t;
      lastT = t;
      if (t <= p.t) at = Float64Array.from(values);
      const x = Math.min(p.width - 1, Math.floor(((t - p.fromT) / span) * p.width));
      for (let i = 0; i < values.length; i++) {
        const v = values[i]!;
        if (Number.isNaN(v)) continue;
        if (!(v >= min[i]![x]!)) min[i]![x] = v;
        if (!(v <= max[i]![x]!)) max[i]![x] = v;
      }
    },
    (series) => {
      min = series.map(() => new Float64Array(p.width).fill(NaN));
      max = series.map(() => new Float64Array(p.width).fill(NaN));
      rows = new MarkedRows(series, p.markers, p.fromT, p.toT, (line) => body.push(line));
    },
  );
  const series = held?.series ?? [];
  if (!rows) rows = new MarkedRows(series, p.markers, p.fromT, p.toT, (line) => body.push(line));
  rows.end();
  const valuesAt: Record<string, number> = {};
  if (at) series.forEach((s, i) => Number.isFinite(at![i]) && (valuesAt[s] = at![i]!));
  const missing = !held
    ? 'the bench holds no telemetry of this board'
    : held.evicted && held.heldFrom !== undefined && held.heldFrom > p.fromT
      ? `rows before ${csvTime(held.heldFrom)} had already left memory (the board sends faster than memory holds ` +
        'for this long a window before the alarm)'
      : undefined;

  const fd = openSync(p.file, 'wx');
  const out = new CsvWriter(fd);
  try {
    out.write(note('NUCLEO-MEM Bench telemetry'));
    out.write(note(`board: ${p.boardWords}`));
    out.write(
      note(
        `range: ${csvTime(p.fromT)} to ${csvTime(p.toT)} (both included; the alarm capture window around ` +
          `${csvTime(p.t)})`,
      ),
    );
    out.write(note(`rows: ${body.length}`));
    out.write(csvLine(MarkedRows.header(series, p.units)));
    for (const line of body) out.write(line);
    out.flush();
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return {
    rows: count,
    lines: body.length,
    firstT,
    lastT,
    valuesAt,
    chart: { fromT: p.fromT, toT: p.toT, series, min, max },
    bytes: out.bytes,
    ...(missing ? { missing } : {}),
  };
}
