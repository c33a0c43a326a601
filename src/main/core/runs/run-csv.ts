// The CSV of a reviewed run's window (`runs:export-csv`): the live export's columns and number formatting
// (telemetry/csv.ts), every sample of the window read from the session file's chunks, never the level of detail, and
// the run's markers in the `marker` column (docs/telemetry-exports.md §Markers). Written as it is read, a slice at a
// time, so a 24 h run at 100 Hz (8.64 M rows) never sits in memory.
import { closeSync, fsyncSync, rmSync, writeSync } from 'node:fs';
import type { WrittenFile } from '../../../shared/bridge/contracts/telemetry';
import type { FieldUnits } from '../../../shared/telemetry/fields';
import { BenchError } from '../../../shared/result';
import { csvLine, CsvWriter, MarkedRows, note } from '../telemetry/csv';
import { createNewFile } from '../telemetry/files';
import type { RunReview } from './run-review';

/** Digits kept for the row count in the preamble: written before the rows are known, filled in at the end. */
const ROWS_WIDTH = 12;

/** The preamble's rows line, padded to one length so the count can be written over it once known. */
function rowsLine(rows: number | undefined): string {
  return note(`rows: ${rows === undefined ? '' : rows}`.padEnd(6 + ROWS_WIDTH));
}

/** Writes the CSV of [fromT, toT] of `review` into a new `<name>-<stamp>.csv` in `dir`. */
export async function runWindowCsv(
  review: RunReview,
  req: { fromT: number; toT: number; dir: string; units: FieldUnits | undefined; now?: number },
): Promise<WrittenFile> {
  const { fromT, toT } = req;
  if (!(toT >= fromT))
    throw new BenchError(
      'BAD_REQUEST',
      'The export window is empty: its end must not come before its start.',
    );
  const d = review.describe('');
  const { run } = d;
  const { path, fd } = createNewFile(req.dir, `session-${run.boardId}`, '.csv', req.now ?? Date.now());
  const out = new CsvWriter(fd);
  const columns = MarkedRows.header(d.series, req.units);
  try {
    out.write(note('NUCLEO-MEM Bench telemetry'));
    out.write(note(`board: ${run.boardName} (${run.boardKind}), a recorded run`));
    out.write(
      note(
        `range: ${new Date(fromT).toISOString()} to ${new Date(toT).toISOString()}` +
          ' (both included; the reviewed window as shown)',
      ),
    );
    out.flush();
    const rowsAt = out.bytes;
    out.write(rowsLine(undefined));
    out.write(csvLine(columns));
    const rows = new MarkedRows(d.series, d.markers, fromT, toT, (line) => out.write(line));
    await review.forEachSample(fromT, toT, (t, row) => rows.row(t, row));
    rows.end();
    out.flush();
    writeSync(fd, rowsLine(rows.rows), rowsAt);
    fsyncSync(fd);
    closeSync(fd);
    return { file: path, rows: rows.rows, bytes: out.bytes, columns, fromT, toT };
  } catch (err) {
    // A full disk or a file gone from under the review: no half-written CSV is left, and the error says why.
    closeSync(fd);
    rmSync(path, { force: true });
    if (err instanceof BenchError) throw err;
    const why = err instanceof Error ? err.message : String(err);
    throw new BenchError('IO_ERROR', `Could not export the session to ${path}: ${why}`);
  }
}
