// CSV export (RFC 4180): one row per telemetry sample (a message, or each sample of a telemetry-batch frame), an
// ISO-8601 UTC time column first, then one column per field of telemetry.data (the union of fields over the whole
// source, in first-seen order).

import { closeSync, fsyncSync, writeSync } from 'node:fs';
import type { WrittenFile } from '../../../shared/bridge/contracts/telemetry';
import { parseBoardMessage } from '../../../shared/protocol/messages';
import { batchSampleData, batchSampleTimes } from '../../../shared/protocol/telemetry-batch';
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
      for (const { data } of telemetrySamples(record, -Infinity)) {
        for (const key of Object.keys(data)) {
          if (!seen.has(key)) {
            seen.add(key);
            fields.push(key);
          }
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
    let lastT = -Infinity;
    for await (const record of readRecording(recordingPath)) {
      for (const { t, data } of telemetrySamples(record, lastT)) {
        out.line([csvTime(t), ...fields.map((f) => data[f])]);
        rows++;
        lastT = t;
      }
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
      fields[0] = csvTime(t);
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
