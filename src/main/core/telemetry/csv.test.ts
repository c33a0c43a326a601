import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { csvField, csvLine, csvTime, recordingToCsv } from './csv';
import { writeLiveWindowCsv, type LiveWindowCsv } from './live-window-csv';
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
    const file = rec.start(dir, { name: 'Bench 3', host: '192.168.0.50' }).file!;
    const t0 = Date.UTC(2026, 10, 25, 12, 0, 0, 250);
    rec.write({
      t: t0,
      dir: 'rx',
      op: 1,
      data: '{"type":"telemetry","data":{"junctionTemp":45,"randomFloat":55.310001373291016,"b":2}}',
    });
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
      data: '{"type":"telemetry","data":{"b":3.0000001,"note":"x, \\"y\\"","c":4}}',
    });
    rec.write({ t: t0 + 4, dir: 'rx', op: 1, data: 'garbage' });
    rec.stop();
    const out = await recordingToCsv(file, dir, 'run', { b: 'mV' });
    expect(out.rows).toBe(2);
    expect(out.columns).toEqual(['time (UTC)', 'junctionTemp (°C)', 'randomFloat', 'b (mV)', 'note', 'c']);
    expect([out.fromT, out.toT]).toEqual([t0, t0 + 3]);
    expect(readFileSync(out.file, 'utf8')).toBe(
      '# NUCLEO-MEM Bench telemetry\r\n' +
        '# board: Bench 3, 192.168.0.50\r\n' +
        '# range: 2026-11-25T12:00:00.250Z to 2026-11-25T12:00:00.253Z (the whole recording)\r\n' +
        '# rows: 2\r\n' +
        'time (UTC),junctionTemp (°C),randomFloat,b (mV),note,c\r\n' +
        '2026-11-25T12:00:00.250Z,45,55.31,2,,\r\n' +
        '2026-11-25T12:00:00.253Z,,,3.0000001,"x, ""y""",4\r\n',
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
      '# NUCLEO-MEM Bench telemetry\r\n' +
        '# board: not named in the recording\r\n' +
        '# range: 2026-11-25T12:00:00.250Z to 2026-11-25T12:00:00.251Z (the whole recording)\r\n' +
        '# rows: 4\r\n' +
        'time (UTC),a,b\r\n' +
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

describe('writeLiveWindowCsv', () => {
  const t0 = Date.UTC(2026, 11, 1, 22, 17, 12, 0);
  const series = ['junctionTemp', 'randomFloat', 'randomInt', 'uptime', 'vbat'];
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const write = (over: Partial<LiveWindowCsv> = {}) => {
    const dir = mkdtempSync(join(tmpdir(), 'csv-test-'));
    dirs.push(dir);
    return writeLiveWindowCsv({
      dir,
      board: 'Virtual board (127.0.0.1, virtual)',
      units: { vbat: 'V' },
      fromT: t0,
      toT: t0 + 58_000,
      view: 'paused',
      markers: [
        { t: t0 - 1, note: 'before the window' },
        { t: t0 + 57_500, note: 'spike, "hot"' },
        { t: t0 + 58_000, note: '' },
      ],
      memorySeries: series,
      recorded: true,
      memoryFull: false,
      heldFrom: () => t0,
      walkMemory: (_from, row) => {
        row(t0, [45, 55.310001373291016, 131, 12, NaN]);
        row(t0 + 58_000, [46, Math.fround(0.1), 7, 70, 3.3]);
      },
      older: (_lo, _hi, begin) => {
        begin([]);
        return Promise.resolve({ fileFrom: null });
      },
      now: t0,
      ...over,
    });
  };

  it('says the board, the range and how it was shown, units in the header, float32 fields shortest', async () => {
    const out = await write();
    expect(out.rows).toBe(2);
    expect(readFileSync(out.file, 'utf8')).toBe(
      '# NUCLEO-MEM Bench telemetry\r\n' +
        '# board: Virtual board (127.0.0.1, virtual)\r\n' +
        '# range: 2026-12-01T22:17:12.000Z to 2026-12-01T22:18:10.000Z (both included; the chart window as shown, paused)\r\n' +
        '# rows: 2           \r\n' +
        'time (UTC),junctionTemp (°C),randomFloat,randomInt,uptime (s),vbat (V),marker\r\n' +
        '2026-12-01T22:17:12.000Z,45,55.31,131,12,,\r\n' +
        '2026-12-01T22:18:10.000Z,46,0.1,7,70,3.3,"spike, ""hot"" | Marker"\r\n',
    );
  });

  it('puts the rows only the session file holds first, a series memory lost as its own column', async () => {
    const out = await write({
      markers: [],
      heldFrom: () => t0 + 30_000,
      walkMemory: (from, row) => {
        expect(from).toBe(t0 + 30_000);
        row(t0 + 30_000, [45, 1, 2, 42, 3.3]);
      },
      older: (lo, hi, begin, row) => {
        expect([lo, hi]).toEqual([t0, t0 + 30_000]);
        begin(['uptime', 'fan']);
        row(t0 + 1000, Float64Array.from([13, 1200]));
        row(t0 + 2000, Float64Array.from([14, NaN]));
        return Promise.resolve({ fileFrom: t0 + 1000 });
      },
    });
    const lines = readFileSync(out.file, 'utf8').split('\r\n');
    expect(out.rows).toBe(3);
    expect(lines.slice(4, 8)).toEqual([
      'time (UTC),junctionTemp (°C),randomFloat,randomInt,uptime (s),vbat (V),fan,marker',
      '2026-12-01T22:17:13.000Z,,,,13,,1200,',
      '2026-12-01T22:17:14.000Z,,,,14,,,',
      '2026-12-01T22:17:42.000Z,45,1,2,42,3.3,,',
    ]);
    expect(lines[8]).toBe('');
  });

  it('says when memory is all it holds (not recorded) and the window starts before it', async () => {
    const out = await write({ recorded: false, memoryFull: true, heldFrom: () => t0 + 1000 });
    expect(readFileSync(out.file, 'utf8').split('\r\n')[2]).toBe(
      '# held: only the rows in memory, from 2026-12-01T22:17:13.000Z (this run is not being recorded)',
    );
    const recorded = await write({ memoryFull: true, heldFrom: () => t0 + 1000 });
    expect(readFileSync(recorded.file, 'utf8')).not.toContain('# held:');
    // Not full: nothing was let go, the run is only younger than the window.
    const young = await write({ recorded: false, heldFrom: () => t0 + 1000 });
    expect(readFileSync(young.file, 'utf8')).not.toContain('# held:');
  });

  it('writes to a new file and never over an old one, leaving nothing when the file part fails', async () => {
    const a = await write();
    const b = await write({ dir: dirname(a.file) });
    expect(a.file).not.toBe(b.file);
    await expect(
      write({
        dir: dirname(a.file),
        now: t0 + 5000,
        older: () => Promise.reject(new Error('EIO: disk gone')),
      }),
    ).rejects.toThrow(/Could not write the telemetry CSV .*EIO: disk gone/);
    expect(readdirSync(dirname(a.file)).sort()).toEqual([basename(a.file), basename(b.file)].sort());
  });
});
