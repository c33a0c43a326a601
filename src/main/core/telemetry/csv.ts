// CSV export (RFC 4180 rows): one row per telemetry message, an ISO-8601 UTC time column first, then one column per
// field, its unit in the header. A few `#` lines before the header say what the file holds: the board, the time
// range and how it was chosen (spreadsheets show them as text; pandas reads the file with comment='#').
// Values are written as the board meant them: the firmware's float32 fields by their shortest float32 text.

import { closeSync, fsyncSync, writeSync } from 'node:fs';
import type { WrittenFile } from '../../../shared/bridge/contracts/telemetry';
import { fieldUnit, nameWithUnit, sampleText, type FieldUnits } from '../../../shared/telemetry/fields';
import { parseBoardMessage } from '../../../shared/protocol/messages';
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
function headerFields(fields: readonly string[], units: FieldUnits | undefined): string[] {
  return ['time (UTC)', ...fields.map((f) => nameWithUnit(f, fieldUnit(f, units)))];
}

/** A `#` line of the preamble (line breaks in a board name must not start a row). */
function note(text: string): string {
  return `# ${text.replace(/[\r\n]+/g, ' ')}\r\n`;
}

/** A cell of a telemetry field: numbers as the board meant them, anything else as text. */
function cell(field: string, value: unknown): unknown {
  return typeof value === 'number' ? sampleText(field, value) : value;
}

/** What a window export is of. */
export interface WindowCsvSource {
  /** Board the rows came from, in words ("Virtual board (127.0.0.1, virtual)"). */
  readonly board: string;
  readonly series: readonly string[];
  readonly units: FieldUnits | undefined;
  /** The range, both ends included, ms since the epoch. */
  readonly fromT: number;
  readonly toT: number;
  /** How the charts showed that range. */
  readonly view: 'live' | 'paused' | 'zoomed';
  /** Calls `row(t, values)` for each row of the range, in time order (values by series index, NaN = absent). */
  readonly walk: (row: (t: number, values: ArrayLike<number>) => void) => void;
}

/** The CSV of a chart window, as text (the caller writes it to a file or hands it to a download). */
export function windowCsv(src: WindowCsvSource): { text: string; rows: number; columns: string[] } {
  const body: string[] = [];
  const fields: unknown[] = new Array(src.series.length + 1);
  src.walk((t, values) => {
    fields[0] = new Date(t).toISOString();
    for (let i = 0; i < src.series.length; i++) fields[i + 1] = sampleText(src.series[i]!, values[i]!);
    body.push(csvLine(fields));
  });
  const columns = headerFields(src.series, src.units);
  const how = { live: 'live', paused: 'paused', zoomed: 'zoomed in' }[src.view];
  const head =
    note('NUCLEO-MEM Bench telemetry') +
    note(`board: ${src.board}`) +
    note(
      `range: ${new Date(src.fromT).toISOString()} to ${new Date(src.toT).toISOString()}` +
        ` (both included; the chart window as shown, ${how})`,
    ) +
    note(`rows: ${body.length}`) +
    csvLine(columns);
  return { text: head + body.join(''), rows: body.length, columns };
}

/** Writes `text` to a new `<name>-<stamp>.csv` in `dir` and syncs it to disk. */
export function writeNewCsv(dir: string, name: string, text: string, now = Date.now()): WrittenFile {
  const { path, fd } = createNewFile(dir, name, '.csv', now);
  let bytes: number;
  try {
    bytes = writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return { file: path, rows: 0, bytes };
}

/** Buffered appends to a new file: one syscall per ~64 KB. */
class CsvWriter {
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

/** Telemetry `data` of an rx text record, or undefined for anything else. */
function telemetryData(record: {
  dir: string;
  op: number;
  data?: string;
}): Record<string, unknown> | undefined {
  if (record.dir !== 'rx' || record.op !== 1 || record.data === undefined) return undefined;
  const parsed = parseBoardMessage(record.data);
  return parsed.kind === 'telemetry' ? (parsed.message.data as Record<string, unknown>) : undefined;
}

/** The board of a recording's header, in words. */
function recordedBoard(summary: ReadSummary): string {
  const b = summary.header?.board as Readonly<Record<string, unknown>> | undefined;
  const words = [b?.name, b?.host].filter((w) => typeof w === 'string' && w !== '');
  return words.length ? words.join(', ') : 'not named in the recording';
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
    for await (const record of readRecording(recordingPath, summary)) {
      const data = telemetryData(record);
      if (!data) continue;
      rows++;
      if (!(record.t >= fromT)) fromT = record.t;
      if (!(record.t <= toT)) toT = record.t;
      for (const key of Object.keys(data)) {
        if (!seen.has(key)) {
          seen.add(key);
          fields.push(key);
        }
      }
    }
  } catch (err) {
    throw new BenchError('BAD_REQUEST', `Could not read ${recordingPath}: ${(err as Error).message}`);
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
          ? `range: ${new Date(fromT).toISOString()} to ${new Date(toT).toISOString()} (the whole recording)`
          : 'range: none (the recording holds no telemetry)',
      ),
    );
    out.write(note(`rows: ${rows}`));
    out.write(csvLine(columns));
    for await (const record of readRecording(recordingPath)) {
      // A recording still being written grows between the passes: the file holds what its header says.
      if (written === rows) break;
      const data = telemetryData(record);
      if (!data) continue;
      out.write(csvLine([new Date(record.t).toISOString(), ...fields.map((f) => cell(f, data[f]))]));
      written++;
    }
    out.flush();
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return {
    file: path,
    rows: written,
    bytes: out.bytes,
    columns,
    ...(rows ? { fromT, toT } : {}),
  };
}
