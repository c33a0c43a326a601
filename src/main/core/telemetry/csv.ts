// CSV export (RFC 4180): one row per telemetry message, an ISO-8601 UTC time column first, then one column per
// field of telemetry.data (the union of fields over the whole source, in first-seen order).

import { closeSync, fsyncSync, writeSync } from 'node:fs';
import type { WrittenFile } from '../../../shared/bridge/contracts/telemetry';
import { parseBoardMessage } from '../../../shared/protocol/messages';
import { BenchError } from '../../../shared/result';
import { createNewFile } from './files';
import { readRecording } from './ndjson-reader';

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

/** Buffered appends to a new file: one syscall per ~64 KB. */
class CsvWriter {
  private buf: string[] = [];
  private size = 0;
  bytes = 0;
  constructor(private readonly fd: number) {}
  line(fields: readonly unknown[]): void {
    const l = csvLine(fields);
    this.buf.push(l);
    this.size += l.length;
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

/** Writes `<name>.csv` in `dir` from a recording (two streaming passes: fields, then rows). */
export async function recordingToCsv(
  recordingPath: string,
  dir: string,
  name: string,
  now = Date.now(),
): Promise<WrittenFile> {
  const fields: string[] = [];
  const seen = new Set<string>();
  try {
    for await (const record of readRecording(recordingPath)) {
      const data = telemetryData(record);
      if (!data) continue;
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
  let rows = 0;
  try {
    out.line(['time', ...fields]);
    for await (const record of readRecording(recordingPath)) {
      const data = telemetryData(record);
      if (!data) continue;
      out.line([new Date(record.t).toISOString(), ...fields.map((f) => data[f])]);
      rows++;
    }
    out.flush();
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return { file: path, rows, bytes: out.bytes, columns: ['time', ...fields] };
}

/** Writes `<name>.csv` in `dir` from rows the caller walks (the pipeline's history for a window). */
export function rowsToCsv(
  dir: string,
  name: string,
  series: readonly string[],
  walk: (row: (t: number, values: ArrayLike<number>) => void) => void,
  now = Date.now(),
): WrittenFile {
  const { path, fd } = createNewFile(dir, name, '.csv', now);
  const out = new CsvWriter(fd);
  let rows = 0;
  try {
    out.line(['time', ...series]);
    const fields: unknown[] = new Array(series.length + 1);
    walk((t, values) => {
      fields[0] = new Date(t).toISOString();
      for (let i = 0; i < series.length; i++) fields[i + 1] = Number.isFinite(values[i]!) ? values[i] : '';
      out.line(fields);
      rows++;
    });
    out.flush();
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return { file: path, rows, bytes: out.bytes, columns: ['time', ...series] };
}
