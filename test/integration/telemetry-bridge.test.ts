// The telemetry feature through the real browser-mode bridge: batches arrive as events over a WebSocket, history,
// recording and CSV export are commands with checked folders, and nothing the board sends reaches the charts
// unless it is valid telemetry.
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WebServerMessage } from '../../src/shared/bridge/contract';
import type { TelemetryBatch } from '../../src/shared/telemetry/types';
import { parseRecording } from '../../src/shared/recording/format';
import { createBench, type Bench } from '../../src/main/core/bench';
import { startWebServer, type WebServer } from '../../src/main/web/server';
import { tempDir } from '../support/processes';
import { until } from '../support/wait';

describe('telemetry over the browser-mode bridge', () => {
  let bench: Bench;
  let server: WebServer;
  let ws: WebSocket;
  let dir: string;
  const batches: TelemetryBatch[] = [];
  const results = new Map<number, (r: unknown) => void>();
  let nextId = 1;
  const invoke = <T>(name: string, request: unknown) =>
    new Promise<{ ok: boolean; value?: T; error?: { code: string; message: string } }>((resolve) => {
      const id = nextId++;
      results.set(id, resolve as (r: unknown) => void);
      ws.send(JSON.stringify({ t: 'invoke', id, name, request }));
    });

  beforeAll(async () => {
    dir = tempDir('tel-bridge-');
    bench = await createBench({
      connectOnStart: false,
      configDir: dir,
      identity: { name: 't', version: '0', platform: 'linux' },
      log: () => {},
      heartbeatMs: 0,
    });
    server = await startWebServer({ bench, rendererDir: dir, host: '127.0.0.1', port: 0, log: () => {} });
    ws = new WebSocket(`ws://127.0.0.1:${server.port}/bridge?token=${server.token}`, {
      origin: server.origin,
    });
    await new Promise((r) => ws.once('open', r));
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as WebServerMessage;
      if (msg.t === 'event' && msg.name === 'telemetry:batch') batches.push(msg.payload as TelemetryBatch);
      if (msg.t === 'result') results.get(msg.id)?.(msg.result);
    });
    ws.send(JSON.stringify({ t: 'sub', name: 'telemetry:batch' }));
    await invoke('app:info', {}); // the subscription is in place once an invoke sent after it returns
  });
  afterAll(async () => {
    ws?.close();
    await server?.close();
    await bench?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('batches 50 Hz telemetry every 50–100 ms, columnar, without the invalid messages', async () => {
    const t0 = Date.now();
    const rx = (t: number, data: string) =>
      bench.telemetry.pipeline.ingest('virtual', { t, dir: 'rx', op: 1, data });
    for (let i = 0; i < 50; i++)
      rx(t0 + i * 20, JSON.stringify({ type: 'telemetry', data: { junctionTemp: 40 + i, uptime: i } }));
    rx(t0 + 1000, '{"type":"telemetry","data":{"junctionTemp":"NaN"}}');
    rx(t0 + 1001, '{"broken');
    await until(
      () => batches.reduce((n, b) => n + b.t.length, 0) >= 50 && batches.at(-1)!.counts.invalid === 2,
      '50 rows',
    );
    const rows = batches.flatMap((b) => b.t);
    expect(rows).toHaveLength(50);
    expect(batches[0]!.series).toEqual(['junctionTemp', 'uptime']);
    expect(batches.flatMap((b) => b.columns[0]!)).toEqual(Array.from({ length: 50 }, (_, i) => 40 + i));
    expect(batches.at(-1)!.counts).toMatchObject({ received: 50, invalid: 2, dropped: 0 });
  });

  it('answers history, records to a checked folder, saves the capture and exports CSV', async () => {
    const h = await invoke<{ t: number[]; series: string[] }>('telemetry:history', { maxPoints: 10 });
    expect(h.ok).toBe(true);
    expect(h.value!.t.length).toBeLessThanOrEqual(10);

    const rec = `${dir}/recordings`;
    const bad = await invoke('telemetry:record-start', { dir: `${rec}/missing` });
    expect(bad).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const outside = await invoke('telemetry:record-start', { dir });
    expect(outside).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const started = await invoke<{ file: string; active: boolean }>('telemetry:record-start', { dir: rec });
    expect(started.value!.active).toBe(true);
    const again = await invoke('telemetry:record-start', { dir: rec });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    bench.telemetry.pipeline.ingest('virtual', {
      t: Date.now(),
      dir: 'rx',
      op: 1,
      data: '{"type":"telemetry","data":{"junctionTemp":1,"uptime":99}}',
    });
    bench.telemetry.pipeline.ingest('virtual', {
      t: Date.now(),
      dir: 'tx',
      op: 1,
      data: '{"type":"led-command","led":"red","state":true}',
    });
    const stopped = await invoke<{ records: number; file: string }>('telemetry:record-stop', {});
    expect(stopped.value!.records).toBe(2);
    expect(parseRecording(readFileSync(stopped.value!.file, 'utf8')).records.map((r) => r.dir)).toEqual([
      'rx',
      'tx',
    ]);
    // The header names the board the telemetry came from, by its profile.
    expect(parseRecording(readFileSync(stopped.value!.file, 'utf8')).header.board).toEqual({
      id: 'virtual',
      kind: 'virtual',
      name: 'Virtual board',
      host: '127.0.0.1',
    });

    const status = await invoke<{ folders: { lastDir: string; defaultDir: string } }>(
      'telemetry:recording-status',
      {},
    );
    expect(status.value!.folders.lastDir).toBe(rec);
    expect(status.value!.folders.defaultDir).toBe(`${dir}/recordings`);

    const cap = await invoke<{ rows: number }>('telemetry:save-capture', {});
    expect(cap.value!.rows).toBe(54);

    const csv = await invoke<{ file: string; rows: number }>('telemetry:export-csv', {
      source: 'recording',
      file: stopped.value!.file,
    });
    expect(csv.value!.rows).toBe(1);
    const header = readFileSync(csv.value!.file, 'utf8')
      .split('\r\n')
      .find((l) => !l.startsWith('#'));
    expect(header).toBe('time (UTC),junctionTemp (°C),uptime (s)');
    const win = await invoke<{ rows: number }>('telemetry:export-csv', {
      source: 'window',
      fromT: 0,
      toT: Date.now() + 1000,
    });
    expect(win.value!.rows).toBe(51);
  });
});
