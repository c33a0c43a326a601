import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvField, csvLine, csvTime, recordingToCsv, rowsToCsv } from './csv';
import { Recorder } from './recorder';

describe('csv quoting (RFC 4180)', () => {
  it('quotes only fields with a comma, quote, CR or LF and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField(undefined)).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvField(42.5)).toBe('42.5');
    expect(csvField({ x: 1 })).toBe('"{""x"":1}"');
    expect(csvLine(['a', 1])).toBe('a,1\r\n');
  });
});

describe('recordingToCsv', () => {
  it('writes one row per telemetry message, ISO UTC time first, the union of fields in first-seen order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csv-test-'));
    const rec = new Recorder();
    const file = rec.start(dir, {}).file!;
    const t0 = Date.UTC(2026, 10, 25, 12, 0, 0, 250);
    rec.write({ t: t0, dir: 'rx', op: 1, data: '{"type":"telemetry","data":{"a":1,"b":2}}' });
    rec.write({
      t: t0 + 1,
      dir: 'rx',
      op: 1,
      data: '{"type":"led-status","data":{"yellowLed":true,"redLed":false}}',
    });
    rec.write({ t: t0 + 2, dir: 'tx', op: 1, data: '{"type":"telemetry","data":{"z":1}}' });
    rec.write({
      t: t0 + 3,
      dir: 'rx',
      op: 1,
      data: '{"type":"telemetry","data":{"b":3,"note":"x, \\"y\\"","c":4}}',
    });
    rec.write({ t: t0 + 4, dir: 'rx', op: 1, data: 'garbage' });
    rec.stop();
    const out = await recordingToCsv(file, dir, 'run');
    expect(out.rows).toBe(2);
    expect(out.columns).toEqual(['time', 'a', 'b', 'note', 'c']);
    expect(readFileSync(out.file, 'utf8')).toBe(
      'time,a,b,note,c\r\n' +
        '2026-11-25T12:00:00.250Z,1,2,,\r\n' +
        '2026-11-25T12:00:00.253Z,,3,"x, ""y""",4\r\n',
    );
  });
});

describe('telemetry-batch frames in CSV (docs/telemetry-batch.md)', () => {
  it('writes one row per sample of a recorded batch, at its time to the µs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csv-test-'));
    const rec = new Recorder();
    const file = rec.start(dir, {}).file!;
    const t0 = Date.UTC(2026, 10, 25, 12, 0, 0, 250);
    rec.write({ t: t0, dir: 'rx', op: 1, data: '{"type":"telemetry","data":{"a":1}}' });
    rec.write({
      t: t0 + 1,
      dir: 'rx',
      op: 1,
      data: '{"type":"telemetry-batch","dt_us":[0,400,1000],"data":{"a":[2,3,4],"b":[5,6,7]}}',
    });
    rec.stop();
    const out = await recordingToCsv(file, dir, 'run');
    expect(out.rows).toBe(4);
    expect(readFileSync(out.file, 'utf8')).toBe(
      'time,a,b\r\n' +
        '2026-11-25T12:00:00.250Z,1,\r\n' +
        '2026-11-25T12:00:00.250Z,2,5\r\n' +
        '2026-11-25T12:00:00.250400Z,3,6\r\n' +
        '2026-11-25T12:00:00.251Z,4,7\r\n',
    );
  });

  it('keeps a sub-millisecond time as µs digits, whole milliseconds as before', () => {
    expect(csvTime(1000)).toBe('1970-01-01T00:00:01.000Z');
    expect(csvTime(1000.1)).toBe('1970-01-01T00:00:01.000100Z');
    expect(csvTime(1000.9996)).toBe('1970-01-01T00:00:01.001Z');
  });
});

describe('rowsToCsv', () => {
  it('writes numeric rows with empty cells for missing values', () => {
    const dir = mkdtempSync(join(tmpdir(), 'csv-test-'));
    const out = rowsToCsv(dir, 'telemetry', ['a', 'b'], (row) => {
      row(0, [1, NaN]);
      row(1000, [2, 3]);
    });
    expect(readFileSync(out.file, 'utf8')).toBe(
      'time,a,b\r\n1970-01-01T00:00:00.000Z,1,\r\n1970-01-01T00:00:01.000Z,2,3\r\n',
    );
  });
});
