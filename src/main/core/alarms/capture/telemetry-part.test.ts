import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TelemetryPipeline } from '../../telemetry/pipeline';
import { writeTelemetry } from './telemetry-part';

const dir = mkdtempSync(join(tmpdir(), 'capture-telemetry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** A pipeline holding board `b` (not shown: board `a` is) with a row every 100 ms from t = 1000 to 3000. */
function pipeline(maxRows?: number) {
  const p = new TelemetryPipeline({
    batchMs: 0,
    emit: () => {},
    ...(maxRows ? { watchedMaxRows: maxRows } : {}),
  });
  const msg = (t: number, v: number) => ({
    t,
    dir: 'rx' as const,
    op: 1,
    data: JSON.stringify({ type: 'telemetry', data: { junctionTemp: v, randomInt: t } }),
  });
  p.ingest('a', msg(0, 1));
  for (let t = 1000; t <= 3000; t += 100) p.ingest('b', msg(t, t / 100));
  return p;
}

const write = async (
  p: Pick<TelemetryPipeline, 'rowsOf'>,
  t: number,
  fromT: number,
  toT: number,
  slice?: number,
) => {
  const file = join(dir, `t${n++}.csv`);
  const part = await writeTelemetry(
    p,
    {
      file,
      boardId: 'b',
      boardWords: 'Bench B',
      t,
      fromT,
      toT,
      units: undefined,
      markers: [],
      width: 100,
    },
    slice,
  );
  const lines = readFileSync(file, 'utf8').split('\r\n').filter(Boolean);
  return { part, lines, rows: lines.filter((l) => !l.startsWith('#')).slice(1) };
};

describe('the capture window cut', () => {
  it('writes exactly the rows in [t − pre, t + post], both ends included', async () => {
    const p = pipeline();
    const inner = await write(p, 2000, 1250, 2750);
    expect(inner.rows.map((r) => Number(r.split(',')[2]))).toEqual([
      1300, 1400, 1500, 1600, 1700, 1800, 1900, 2000, 2100, 2200, 2300, 2400, 2500, 2600, 2700,
    ]);
    const ends = await write(p, 2000, 1300, 2700);
    expect(ends.part.firstT).toBe(1300);
    expect(ends.part.lastT).toBe(2700);
    expect(ends.part.rows).toBe(15);
    // One ms off at each end leaves that end's row out.
    expect((await write(p, 2000, 1301, 2699)).part.rows).toBe(13);
  });

  it('has the telemetry CSV export shape: preamble, header with units, times in UTC', async () => {
    const { lines, part } = await write(pipeline(), 2000, 1300, 2700);
    expect(lines[0]).toBe('# NUCLEO-MEM Bench telemetry');
    expect(lines[1]).toBe('# board: Bench B');
    expect(lines[2]).toMatch(
      /^# range: 1970-01-01T00:00:01.300Z to 1970-01-01T00:00:02.700Z \(both included/,
    );
    expect(lines[3]!.trimEnd()).toBe('# rows: 15');
    expect(lines[4]).toBe('time (UTC),junctionTemp (°C),randomInt,marker');
    expect(lines[5]).toBe('1970-01-01T00:00:01.300Z,13,1300,');
    expect(part.valuesAt).toEqual({ junctionTemp: 20, randomInt: 2000 });
    expect(part.missing).toBeUndefined();
  });

  it('says when the window reaches back past what memory still holds', async () => {
    const { part } = await write(pipeline(5), 2900, 1000, 3000);
    expect(part.firstT).toBeGreaterThan(1000);
    expect(part.missing).toMatch(/had already left memory/);
    const none = await writeTelemetry(pipeline(), {
      file: join(dir, 'none.csv'),
      boardId: 'nobody',
      boardWords: 'x',
      t: 0,
      fromT: 0,
      toT: 1,
      units: undefined,
      markers: [],
      width: 10,
    });
    expect(none.rows).toBe(0);
    expect(none.missing).toMatch(/no telemetry of this board/);
  });

  it('buckets the rows into the chart columns', async () => {
    const { part } = await write(pipeline(), 2000, 1000, 3000);
    const temp = part.chart.series.indexOf('junctionTemp');
    expect(part.chart.min[temp]![0]).toBe(10);
    expect(part.chart.max[temp]![99]).toBe(30);
  });

  it('writes in slices that go on after the last time written, while rows arrive and leave memory', async () => {
    // Memory as a list: each slice read lets two old rows go and a new one arrive; two samples share each time.
    const held: { t: number; v: number }[] = [];
    for (let t = 0; t < 40; t++) held.push({ t, v: 2 * t }, { t, v: 2 * t + 1 });
    let reads = 0;
    const memory: Pick<TelemetryPipeline, 'rowsOf'> = {
      rowsOf: (_id, fromT, toT, row, begin) => {
        reads++;
        begin?.(['x']);
        for (const r of held) if (r.t >= fromT && r.t <= toT && row(r.t, [r.v]) === false) break;
        held.splice(0, 2);
        held.push({ t: 100 + reads, v: -1 });
        return { series: ['x'], heldFrom: held[0]!.t, evicted: true };
      },
    };
    const { rows, part } = await write(memory, 20, 10, 25, 3);
    expect(rows.map((r) => Number(r.split(',')[1]))).toEqual([...Array(32).keys()].map((i) => 20 + i));
    expect(reads).toBeGreaterThan(10);
    expect(part.missing).toBeUndefined();
    const sliced = await write(pipeline(), 2000, 1000, 3000, 4);
    const whole = await write(pipeline(), 2000, 1000, 3000);
    expect(sliced.lines).toEqual(whole.lines);
  });
});
