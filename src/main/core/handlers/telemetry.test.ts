import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBench, type Bench } from '../bench';

const call = { transport: 'browser' as const };
const benches: Bench[] = [];

async function start(dir: string) {
  const bench = await createBench({
    connectOnStart: false,
    configDir: dir,
    identity: { name: 'T', version: '0', platform: 'linux' },
    heartbeatMs: 0,
    log: () => {},
    telemetry: { pipeline: { batchMs: 0 } },
  });
  benches.push(bench);
  return { bench, invoke: (name: string, req: unknown) => bench.dispatch(name, req, call) };
}

afterEach(async () => {
  for (const b of benches.splice(0)) await b.close();
});

describe('telemetry field units', () => {
  it('keeps the unit of an unknown field in the settings, across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'units-'));
    const { invoke, bench } = await start(dir);
    const changed: unknown[] = [];
    bench.hub.on('settings:changed', (s) => changed.push(s));
    expect(await invoke('telemetry:set-unit', { field: 'vbat', unit: ' mV ' })).toEqual({
      ok: true,
      value: { vbat: 'mV' },
    });
    expect(changed).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).telemetryUnits).toEqual({
      vbat: 'mV',
    });
    await bench.close();
    benches.length = 0;
    const again = await start(dir);
    expect(await again.invoke('settings:get', {})).toMatchObject({
      ok: true,
      value: { telemetryUnits: { vbat: 'mV' } },
    });
    // An empty unit removes it.
    expect(await again.invoke('telemetry:set-unit', { field: 'vbat', unit: '' })).toEqual({
      ok: true,
      value: {},
    });
  });

  it("refuses to change a firmware field's unit, and units or names that cannot be", async () => {
    const { invoke } = await start(mkdtempSync(join(tmpdir(), 'units-')));
    expect(await invoke('telemetry:set-unit', { field: 'junctionTemp', unit: 'K' })).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: 'junctionTemp is a firmware field: its unit is °C and cannot be changed.',
      },
    });
    expect(await invoke('telemetry:set-unit', { field: 'vbat', unit: 'm\nV' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(/control characters/) as unknown },
    });
    expect(await invoke('telemetry:set-unit', { field: 'constructor', unit: 'V' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await invoke('telemetry:set-unit', { field: 'x'.repeat(65), unit: 'V' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });

  it('writes the units and the asked range into a window CSV, both ends included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'units-'));
    const { invoke, bench } = await start(dir);
    await invoke('telemetry:set-unit', { field: 'vbat', unit: 'V' });
    const t0 = Date.UTC(2026, 11, 1, 22, 17, 12);
    for (let k = 0; k < 10; k++)
      bench.telemetry.pipeline.ingest('virtual', {
        t: t0 + k * 1000,
        dir: 'rx',
        op: 1,
        data: JSON.stringify({
          type: 'telemetry',
          data: { randomFloat: Math.fround(55.31), vbat: 3.3, uptime: k },
        }),
      });
    const r = await invoke('telemetry:export-csv', {
      source: 'window',
      fromT: t0 + 2000,
      toT: t0 + 5000,
      view: 'zoomed',
    });
    expect(r).toMatchObject({ ok: true, value: { rows: 4, fromT: t0 + 2000, toT: t0 + 5000 } });
    const lines = readFileSync((r as { value: { file: string } }).value.file, 'utf8').split('\r\n');
    expect(lines.slice(1, 5)).toEqual([
      '# board: Virtual board (127.0.0.1, virtual)',
      '# range: 2026-12-01T22:17:14.000Z to 2026-12-01T22:17:17.000Z (both included; the chart window as shown, zoomed in)',
      '# rows: 4'.padEnd(20),
      'time (UTC),randomFloat,vbat (V),uptime (s),marker',
    ]);
    expect(lines[5]).toBe('2026-12-01T22:17:14.000Z,55.31,3.3,2,');
    expect(lines[8]).toBe('2026-12-01T22:17:17.000Z,55.31,3.3,5,');
  });
});
