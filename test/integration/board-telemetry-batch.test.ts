import { afterEach, describe, expect, it } from 'vitest';
import WsClient from 'ws';
import { replayFromText, startBoard, type BoardOptions, type RunningBoard } from '../../src/main/board';
import { BATCH_TEXT_BUDGET } from '../../src/main/board/telemetry/batch';
import { parseBoardMessage } from '../../src/shared/protocol/messages';
import type { TelemetryBatchMessage } from '../../src/shared/protocol/telemetry-batch';
import { RawWs } from '../support/raw-ws';
import { until } from '../support/wait';

let board: RunningBoard | undefined;
const raws: RawWs[] = [];

async function boot(opts: BoardOptions): Promise<RunningBoard> {
  board = await startBoard({ wsPort: 0, bootDelayMs: 0, ...opts });
  return board;
}
function raw(): RawWs {
  const r = new RawWs(board!.endpoints.wsPort);
  raws.push(r);
  return r;
}
function batches(texts: string[]): TelemetryBatchMessage[] {
  return texts.flatMap((t) => {
    const m = parseBoardMessage(t);
    return m.kind === 'telemetry-batch' ? [m.batch] : [];
  });
}

afterEach(async () => {
  for (const r of raws.splice(0)) r.destroy();
  await board?.close();
  board = undefined;
});

describe('virtual board, --telemetry-batch (docs/telemetry-batch.md)', () => {
  it('sends 10 samples per 1 ms tick in one frame of the firmware format, one WS packet each', async () => {
    const b = await boot({ telemetryMs: 1, telemetryBatch: 10 });
    const a = raw();
    await a.open();
    await until(() => a.texts().length >= 21, '20 batch frames');
    const texts = a.texts().slice(1);
    expect(texts.every((t) => t.startsWith('{"type":"telemetry-batch","dt_us":[0,100,200,300,'))).toBe(true);
    expect(texts[0]).toMatch(
      /^\{"type":"telemetry-batch","dt_us":\[0,100,200,300,400,500,600,700,800,900\],"data":\{"junctionTemp":\[(\d+,){9}\d+\],"randomFloat":\[([\d.e+-]+,){9}[\d.e+-]+\],"randomInt":\[(\d+,){9}\d+\],"uptime":\[(\d+,){9}\d+\]\}\}$/,
    );
    const got = batches(texts);
    expect(got).toHaveLength(texts.length);
    for (const m of got) {
      expect(m.columns.randomInt!.every((v) => Number.isInteger(v) && v >= 0 && v <= 1000)).toBe(true);
      expect(m.columns.junctionTemp!.every((v) => Number.isInteger(v))).toBe(true);
    }
    // Unmasked single TEXT frames with the 16-bit length header, each within one 1024-byte WS pool packet.
    const frames = a.frames.slice(1);
    expect(frames.every((f) => f.fin && !f.masked && f.opcode === 1 && f.headerBytes === 4)).toBe(true);
    expect(Math.max(...texts.map((t) => t.length))).toBeLessThanOrEqual(BATCH_TEXT_BUDGET);
    const s = b.control.state();
    expect(s.telemetryBatch).toBe(10);
    expect(s.telemetrySamples).toBe(10 * s.telemetryCount);
  });

  it('spreads the samples over a longer period, and the compliant server sends the same frames', async () => {
    await boot({ telemetryMs: 40, telemetryBatch: 4, profile: 'compliant' });
    const ws = new WsClient(board!.endpoints.ws);
    const texts: string[] = [];
    ws.on('message', (d: Buffer) => texts.push(d.toString('utf8')));
    try {
      await until(() => batches(texts).length >= 2, 'two batch frames');
      expect(batches(texts)[0]!.dtUs).toEqual([0, 10_000, 20_000, 30_000]);
    } finally {
      ws.close();
    }
  });

  it('switches between the two forms at run time and refuses a bad size with a sentence', async () => {
    const b = await boot({ telemetryMs: 5 });
    const a = raw();
    await a.open();
    await until(() => a.texts().length >= 3, 'single telemetry');
    expect(batches(a.texts())).toEqual([]);
    b.control.setTelemetryBatch(3);
    await until(() => batches(a.texts()).length >= 2, 'batch frames');
    expect(batches(a.texts()).every((m) => m.dtUs.length === 3)).toBe(true);
    b.control.setTelemetryBatch(undefined);
    // Batch frames already on their way may still arrive; from the first single message on there is no other form.
    const isSingle = (t: string) => t.startsWith('{"type":"telemetry","data":');
    const n = a.texts().length;
    await until(() => a.texts().slice(n).filter(isSingle).length >= 3, 'single telemetry again');
    const after = a.texts().slice(n);
    expect(after.slice(after.findIndex(isSingle)).every(isSingle)).toBe(true);
    for (const bad of [0, 18, 2.5, Number.NaN])
      expect(() => b.control.setTelemetryBatch(bad)).toThrow(/telemetry batch must be 1–17 samples/);
  });

  it('replays a recording of batch frames as they arrived, counting their samples', async () => {
    const frame = '{"type":"telemetry-batch","dt_us":[0,100,200],"data":{"uptime":[1,1,1]}}';
    const header = { format: 'nucleo-bench-recording', version: 1, started: 0, board: {} };
    const rec = [header, { t: 0, dir: 'rx', op: 1, data: frame }, { t: 10, dir: 'rx', op: 1, data: frame }]
      .map((l) => JSON.stringify(l))
      .join('\n');
    const replay = replayFromText(rec);
    expect(replay.samples).toEqual([3, 3]);
    const b = await boot({ replay });
    const texts: string[] = [];
    b.control.on('telemetry', (e) => texts.push(e.text));
    await until(() => texts.length >= 2, 'two replayed frames');
    expect(texts[0]).toBe(frame);
    const s = b.control.state();
    expect(s.telemetrySamples).toBe(3 * s.telemetryCount);
  });

  it('will not batch a replay', async () => {
    const replay = { texts: ['{"type":"telemetry","data":{"uptime":1}}'], gaps: [1000] };
    await expect(startBoard({ wsPort: 0, bootDelayMs: 0, replay, telemetryBatch: 2 })).rejects.toThrow(
      /cannot be batched/,
    );
  });
});
