// The CSV of a live chart window (`telemetry:export-csv`, source window) when the window reaches back past the rows
// in memory: its older part read from the board's session file (long-history.ts), the rest from memory, written as
// it is read so an hours-long window never sits in memory whole. The export is the window on screen: the chart
// draws the same two sources (docs/sessions.md §Long history). What neither holds is said in the preamble.
import { closeSync, fsyncSync, rmSync, writeSync } from 'node:fs';
import type { WrittenFile } from '../../../shared/bridge/contracts/telemetry';
import type { FieldUnits } from '../../../shared/telemetry/fields';
import type { ColumnMarker } from '../../../shared/telemetry/marker-column';
import { BenchError } from '../../../shared/result';
import { csvLine, CsvWriter, MarkedRows, note } from './csv';
import { createNewFile } from './files';

/** Digits kept for the row count: the preamble is written before the rows are known, the count filled in last. */
const ROWS_WIDTH = 12;

function rowsLine(rows: number | undefined): string {
  return note(`rows: ${rows === undefined ? '' : rows}`.padEnd(6 + ROWS_WIDTH));
}

export interface LiveWindowCsv {
  readonly dir: string;
  /** The board in words. */
  readonly board: string;
  readonly units: FieldUnits | undefined;
  readonly fromT: number;
  readonly toT: number;
  readonly view: 'live' | 'paused' | 'zoomed';
  readonly markers: readonly ColumnMarker[];
  /** The series in memory, and the time of memory's first row now (null: none): it moves on as the board sends. */
  readonly memorySeries: readonly string[];
  readonly heldFrom: () => number | null;
  /** The board's run is being recorded (its session file holds what left memory). */
  readonly recorded: boolean;
  /** Memory is full: older rows of this run have left it. */
  readonly memoryFull: boolean;
  /** Memory's rows of [from, toT], values by memorySeries index. */
  readonly walkMemory: (from: number, row: (t: number, values: ArrayLike<number>) => void) => void;
  /** The file's rows of [lo, hi): `begin(series)` first, then each row; says from when the file holds any. */
  readonly older: (
    lo: number,
    hi: number,
    begin: (series: readonly string[]) => void,
    row: (t: number, values: Float64Array) => void,
  ) => Promise<{ readonly fileFrom: number | null }>;
  readonly now?: number;
}

/** Writes the window's CSV into a new `telemetry-<stamp>.csv` in `dir`. */
export async function writeLiveWindowCsv(w: LiveWindowCsv): Promise<WrittenFile> {
  const { fromT, toT } = w;
  /** Memory's first row now, or past the window when memory holds none of it. */
  const memoryFrom = () => Math.max(fromT, Math.min(w.heldFrom() ?? Infinity, toT + 1));
  const { path, fd } = createNewFile(w.dir, 'telemetry', '.csv', w.now ?? Date.now());
  const out = new CsvWriter(fd);
  let rows: MarkedRows | undefined;
  let series: string[] = [...w.memorySeries];
  let fileMap: Int32Array = new Int32Array(0);
  let rowsAt = 0;
  const how = { live: 'live', paused: 'paused', zoomed: 'zoomed in' }[w.view];
  let columns: string[] = [];
  const start = (fileSeries: readonly string[]) => {
    if (rows) {
      // A later part of the file: its series by name onto the columns already written.
      fileMap = Int32Array.from(fileSeries, (s) => series.indexOf(s));
      return;
    }
    // Columns: memory's series, then any the file has that memory no longer holds.
    series = [...w.memorySeries, ...fileSeries.filter((s) => !w.memorySeries.includes(s))];
    fileMap = Int32Array.from(fileSeries, (s) => series.indexOf(s));
    columns = MarkedRows.header(series, w.units);
    out.write(note('NUCLEO-MEM Bench telemetry'));
    out.write(note(`board: ${w.board}`));
    // Not recorded, memory is all the bench holds and it let older rows go: a window starting before it misses
    // them, and says why.
    const held = w.heldFrom();
    if (!w.recorded && w.memoryFull && held !== null && fromT < held)
      out.write(
        note(
          `held: only the rows in memory, from ${new Date(held).toISOString()} (this run is not being recorded)`,
        ),
      );
    out.write(
      note(
        `range: ${new Date(fromT).toISOString()} to ${new Date(toT).toISOString()}` +
          ` (both included; the chart window as shown, ${how})`,
      ),
    );
    out.flush();
    rowsAt = out.bytes;
    out.write(rowsLine(undefined));
    out.write(csvLine(columns));
    rows = new MarkedRows(series, w.markers, fromT, toT, (line) => out.write(line));
  };
  try {
    let buf = new Float64Array(64);
    const fileRow = (t: number, row: Float64Array) => {
      if (buf.length < series.length) buf = new Float64Array(series.length);
      buf.fill(NaN, 0, series.length);
      for (let i = 0; i < fileMap.length; i++) if (fileMap[i]! >= 0) buf[fileMap[i]!] = row[i] ?? NaN;
      rows!.row(t, buf);
    };
    // The file gives what is older than memory. Memory moves on while the file is read (the board keeps sending),
    // so the rows that left memory meanwhile are read from the file too, until memory still holds the rest.
    let lo = fromT;
    let hi = memoryFrom();
    for (let pass = 0; pass < 8; pass++) {
      const { fileFrom } = await w.older(lo, hi, start, fileRow);
      if (fileFrom === null) break;
      lo = Math.max(lo, hi);
      hi = memoryFrom();
      if (!(hi > lo)) break;
    }
    if (!rows) start([]);
    const memoryRows = rows!;
    const n = w.memorySeries.length;
    w.walkMemory(lo, (t, v) => {
      if (buf.length < series.length) buf = new Float64Array(series.length);
      buf.fill(NaN, 0, series.length);
      for (let i = 0; i < n; i++) buf[i] = v[i] ?? NaN;
      memoryRows.row(t, buf);
    });
    memoryRows.end();
    out.flush();
    writeSync(fd, rowsLine(memoryRows.rows), rowsAt);
    fsyncSync(fd);
    closeSync(fd);
    return { file: path, rows: memoryRows.rows, bytes: out.bytes, columns, fromT, toT };
  } catch (err) {
    // A full disk or a session file gone: no half-written CSV is left, and the error says why.
    closeSync(fd);
    rmSync(path, { force: true });
    if (err instanceof BenchError) throw err;
    const why = err instanceof Error ? err.message : String(err);
    throw new BenchError('IO_ERROR', `Could not write the telemetry CSV to ${path}: ${why}`);
  }
}
