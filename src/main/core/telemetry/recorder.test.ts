import { appendFileSync, chmodSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../../../test/support/temp-dirs';
import { parseRecording } from '../../../shared/recording/format';
import { CaptureRing } from './capture';
import { readRecording, type ReadSummary } from './ndjson-reader';
import { Recorder } from './recorder';

const tmp = tempDirs('rec-test-');

describe('Recorder', () => {
  it('writes a header and every rx and tx record, and reports its status', () => {
    const dir = tmp();
    const statuses: boolean[] = [];
    const rec = new Recorder({
      onStatus: (s) => statuses.push(s.active),
      now: () => Date.UTC(2026, 0, 2, 3, 4, 5),
    });
    const started = rec.start(dir, { id: 'virtual', name: 'Virtual board' });
    expect(started.file).toMatch(/run-\d{8}-\d{6}\.ndjson$/);
    rec.write({ t: 1, dir: 'rx', op: 1, data: '{"type":"telemetry","data":{"a":1}}' });
    rec.write({ t: 2, dir: 'tx', op: 1, data: '{"type":"led-command","led":"red","state":true}' });
    rec.write({ t: 3, dir: 'rx', op: 2, b64: 'AAE=' });
    const stopped = rec.stop();
    // The status names the board it records, also once stopped (the file holds that board).
    expect(started.boardId).toBe('virtual');
    expect(stopped).toMatchObject({ active: false, records: 3, boardId: 'virtual' });
    expect(statuses).toEqual([true, false]);
    const text = readFileSync(started.file!, 'utf8');
    expect(stopped.bytes).toBe(Buffer.byteLength(text));
    const parsed = parseRecording(text);
    expect(parsed.header.board).toEqual({ id: 'virtual', name: 'Virtual board' });
    expect(parsed.records.map((r) => r.dir)).toEqual(['rx', 'tx', 'rx']);
    expect(parsed.records[2]).toEqual({ t: 3, dir: 'rx', op: 2, b64: 'AAE=' });
  });

  it('never overwrites: a second recording in the same second gets its own name', () => {
    const dir = tmp();
    const rec = new Recorder({ now: () => 1_700_000_000_000 });
    const a = rec.start(dir, {}).file;
    rec.stop();
    const b = rec.start(dir, {}).file;
    rec.stop();
    expect(a).not.toBe(b);
    expect(readdirSync(dir)).toHaveLength(2);
  });

  it('refuses a folder that is missing, a file, relative, or not writable, in plain words', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'f'), '');
    const rec = new Recorder();
    expect(() => rec.start(join(dir, 'nope'), {})).toThrow(/does not exist/);
    expect(() => rec.start(join(dir, 'f'), {})).toThrow(/is a file/);
    expect(() => rec.start('relative/dir', {})).toThrow(/not a full path/);
    if (process.getuid?.() !== 0) {
      const ro = join(dir, 'ro');
      mkdirSync(ro);
      chmodSync(ro, 0o500);
      expect(() => rec.start(ro, {})).toThrow(/may not write/);
    }
    expect(rec.state.active).toBe(false);
  });
});

describe('readRecording', () => {
  it('streams the records and ignores a torn last line', async () => {
    const dir = tmp();
    const rec = new Recorder();
    const file = rec.start(dir, { id: 'v' }).file!;
    for (let i = 0; i < 100; i++) rec.write({ t: i, dir: 'rx', op: 1, data: `{"i":${i}}` });
    rec.stop();
    appendFileSync(file, '{"t":100,"dir":"rx","op":1,"da');
    const summary: ReadSummary = { header: undefined, records: 0, skipped: 0 };
    const ts: number[] = [];
    for await (const r of readRecording(file, summary)) ts.push(r.t);
    expect(ts).toHaveLength(100);
    expect(ts.at(-1)).toBe(99);
    expect(summary).toMatchObject({ records: 100, skipped: 1 });
    expect(summary.header?.board).toEqual({ id: 'v' });
  });

  it('refuses a file that is not a recording', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'x.ndjson'), '{"hello":1}\n');
    await expect(async () => {
      for await (const _ of readRecording(join(dir, 'x.ndjson'))) void _;
    }).rejects.toThrow(/not a NUCLEO-MEM Bench recording/);
  });
});

describe('CaptureRing', () => {
  it('keeps only the last minutes and saves them as a recording', () => {
    const cap = new CaptureRing({ maxAgeMs: 1000 });
    for (let t = 0; t <= 5000; t += 10) cap.push({ t, dir: 'rx', op: 1, data: '{}' });
    const snap = cap.snapshot();
    expect(snap[0]!.t).toBe(4000);
    expect(snap.at(-1)!.t).toBe(5000);
    const dir = tmp();
    const written = cap.save(dir, { id: 'v' });
    expect(written.file).toMatch(/capture-\d{8}-\d{6}\.ndjson$/);
    const parsed = parseRecording(readFileSync(written.file, 'utf8'));
    expect(parsed.records).toHaveLength(101);
    expect(written.rows).toBe(101);
  });

  it('bounds records and bytes and counts what it pushed out early', () => {
    const cap = new CaptureRing({ maxRecords: 10, maxBytes: 1e9 });
    for (let t = 0; t < 100; t++) cap.push({ t, dir: 'rx', op: 1, data: 'x' });
    expect(cap.length).toBe(10);
    expect(cap.evictedEarly).toBe(90);
    const small = new CaptureRing({ maxBytes: 1000 });
    for (let t = 0; t < 100; t++) small.push({ t, dir: 'rx', op: 1, data: 'x'.repeat(100) });
    expect(small.length).toBeLessThanOrEqual(7);
  });

  it('says so when empty', () => {
    expect(() => new CaptureRing().save(tmp(), {})).toThrow(/capture is empty/);
  });
});
