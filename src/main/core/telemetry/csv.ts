// CSV export (RFC 4180 rows): one row per telemetry sample (a message, or each sample of a telemetry-batch frame), an
// ISO-8601 UTC time column first, then one column per field, its unit in the header. A few `#` lines before the
// header say what the file holds: the board, the time range and how it was chosen (spreadsheets show them as text;
// pandas reads the file with comment='#'). Values are written as the board meant them: the firmware's float32
// fields by their shortest float32 text. A window export ends with a `marker` column: the run's markers in the window
// (src/shared/telemetry/marker-column.ts says on which rows).

import { closeSync, fsyncSync, rmSync, writeSync } from 'node:fs';
import type { WrittenFile } from '../../../shared/bridge/contracts/telemetry';
import { fieldUnit, nameWithUnit, sampleText, type FieldUnits } from '../../../shared/telemetry/fields';
import { MarkerColumn, type ColumnMarker } from '../../../shared/telemetry/marker-column';
import { parseBoardMessage } from '../../../shared/protocol/messages';
import { batchSampleData, batchSampleTimes } from '../../../shared/protocol/telemetry-batch';
import { BenchError } from '../../../shared/result';
import { createNewFile } from './files';
import { readRecording, type ReadSummary } from './ndjson-reader';

/** Quotes one field as RFC 4180 says: only when it holds a comma, a quote, CR or LF; quotes are doubled. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line (CRLF-terminated, as RFC 4180 has it). */
export function csvLine(fields: readonly unknown[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** The header row: "time (UTC)" and each field with its unit. */
export function headerFields(fields: readonly string[], units: FieldUnits | undefined): string[] {
  return ['time (UTC)', ...fields.map((f) => nameWithUnit(f, fieldUnit(f, units)))];
}

/** A `#` line of the preamble (line breaks in a board name must not start a row). */
export function note(text: string): string {
  return `# ${text.replace(/[\r\n]+/g, ' ')}\r\n`;
}

/** A cell of a telemetry field: numbers as the board meant them, anything else as text. */
function cell(field: string, value: unknown): unknown {
  return typeof value === 'number' ? sampleText(field, value) : value;
}

/** Writes rows with a `marker` column last, markers placed as MarkerColumn says; `emit` gets each CSV line. */
export class MarkedRows {
  private readonly column: MarkerColumn;
  private readonly fields: unknown[];
  rows = 0;
  constructor(
    private readonly series: readonly string[],
    markers: readonly ColumnMarker[],
    fromT: number,
    toT: number,
    private readonly emit: (line: string) => void,
  ) {
    this.column = new MarkerColumn(markers, fromT, toT);
    this.fields = new Array(series.length + 2);
  }

  /** The header's fields: time, the series with units, `marker`. */
  static header(series: readonly string[], units: FieldUnits | undefined): string[] {
    return [...headerFields(series, units), 'marker'];
  }

  row(t: number, values: ArrayLike<number>): void {
    for (const m of this.column.before(t)) this.alone(m);
    const f = this.fields;
    f[0] = csvTime(t);
    for (let i = 0; i < this.series.length; i++) f[i + 1] = sampleText(this.series[i]!, values[i]!);
    f[this.series.length + 1] = this.column.at(t);
    this.emit(csvLine(f));
    this.rows++;
  }

  /** After the last row: the markers past it, each on a row of its own. */
  end(): void {
    for (const m of this.column.rest()) this.alone(m);
  }

  private alone(m: ColumnMarker): void {
    this.emit(csvLine([csvTime(m.t), ...this.series.map(() => ''), MarkerColumn.cell(m)]));
    this.rows++;
  }
}

/** Buffered appends to a new file: one syscall per ~64 KB. */
export class CsvWriter {
  private buf: string[] = [];
  private size = 0;
  bytes = 0;
  constructor(private readonly fd: number) {}
  write(text: string): void {
    this.buf.push(text);
    this.size += text.length;
    if (this.size > 65_536) this.flush();
  }
  flush(): void {
    if (!this.buf.length) return;
    this.bytes += writeSync(this.fd, this.buf.join(''));
    this.buf = [];
    this.size = 0;
  }
}

/**
 * ISO-8601 UTC time of `t` (ms); samples of a telemetry-batch lie between milliseconds, so a fraction of a ms is
 * kept as µs digits (`…00.250400Z`) rather than rounded onto its neighbours.
 */
export function csvTime(t: number): string {
  const us = Math.round(t * 1000);
  const ms = Math.floor(us / 1000);
  const iso = new Date(ms).toISOString();
  const rest = us - ms * 1000;
  return rest === 0 ? iso : `${iso.slice(0, -1)}${String(rest).padStart(3, '0')}Z`;
}

/**
 * The telemetry samples of an rx text record (one, or a batch's N at their times, none before `notBefore` as the
 * pipeline has them), or none.
 */
function telemetrySamples(
  record: { t: number; dir: string; op: number; data?: string },
  notBefore: number,
): { t: number; data: Record<string, unknown> }[] {
  if (record.dir !== 'rx' || record.op !== 1 || record.data === undefined) return [];
  const parsed = parseBoardMessage(record.data);
  if (parsed.kind === 'telemetry')
    return [{ t: record.t, data: parsed.message.data as Record<string, unknown> }];
  if (parsed.kind !== 'telemetry-batch') return [];
  const b = parsed.batch;
  const times = batchSampleTimes(b, record.t, notBefore);
  return times.map((t, i) => ({ t, data: batchSampleData(b, i) }));
}

/** The board of a recording's header, in words. */
function recordedBoard(summary: ReadSummary): string {
  const b = summary.header?.board as Readonly<Record<string, unknown>> | undefined;
  const words = [b?.name, b?.host].filter((w) => typeof w === 'string' && w !== '');
  return words.length ? words.join(', ') : 'not named in the recording';
}

/** A recording that could not be read, in words (a RecordingError says what the file is not). */
function unreadable(path: string, err: unknown): BenchError {
  return new BenchError(
    'BAD_REQUEST',
    `Could not read ${path}: ${err instanceof Error ? err.message : String(err)}`,
  );
}

/** Writes `<name>.csv` in `dir` from a recording (two streaming passes: fields and range, then rows). */
export async function recordingToCsv(
  recordingPath: string,
  dir: string,
  name: string,
  units: FieldUnits | undefined = undefined,
  now = Date.now(),
): Promise<WrittenFile> {
  const fields: string[] = [];
  const seen = new Set<string>();
  const summary: ReadSummary = { header: undefined, records: 0, skipped: 0 };
  let rows = 0;
  let fromT = NaN;
  let toT = NaN;
  try {
    let lastT = -Infinity;
    for await (const record of readRecording(recordingPath, summary)) {
      for (const { t, data } of telemetrySamples(record, lastT)) {
        lastT = t;
        rows++;
        if (!(t >= fromT)) fromT = t;
        if (!(t <= toT)) toT = t;
        for (const key of Object.keys(data)) {
          if (!seen.has(key)) {
            seen.add(key);
            fields.push(key);
          }
        }
      }
    }
  } catch (err) {
    throw unreadable(recordingPath, err);
  }
  const { path, fd } = createNewFile(dir, name, '.csv', now);
  const out = new CsvWriter(fd);
  const columns = headerFields(fields, units);
  let written = 0;
  try {
    out.write(note('NUCLEO-MEM Bench telemetry'));
    out.write(note(`board: ${recordedBoard(summary)}`));
    out.write(
      note(
        rows
          ? `range: ${csvTime(fromT)} to ${csvTime(toT)} (the whole recording)`
          : 'range: none (the recording holds no telemetry)',
      ),
    );
    out.write(note(`rows: ${rows}`));
    out.write(csvLine(columns));
    let lastT = -Infinity;
    for await (const record of readRecording(recordingPath)) {
      // A recording still being written grows between the passes: the file holds what its header says.
      if (written === rows) break;
      for (const { t, data } of telemetrySamples(record, lastT)) {
        if (written === rows) break;
        out.write(csvLine([csvTime(t), ...fields.map((f) => cell(f, data[f]))]));
        written++;
        lastT = t;
      }
    }
    out.flush();
    fsyncSync(fd);
  } catch (err) {
    // The recording changed between the passes (replaced, truncated) or the disk is full: no half-written CSV is
    // left, and the error says why.
    closeSync(fd);
    rmSync(path, { force: true });
    if (err instanceof BenchError) throw err;
    const why = err instanceof Error ? err.message : String(err);
    throw new BenchError('IO_ERROR', `Could not export ${recordingPath} to ${path}: ${why}`);
  }
  closeSync(fd);
  return {
    file: path,
    rows: written,
    bytes: out.bytes,
    columns,
    ...(rows ? { fromT, toT } : {}),
  };
}
