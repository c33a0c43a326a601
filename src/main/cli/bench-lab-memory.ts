// `npm run bench -- lab-memory [--boards 20] [--rate 10] [--seconds 600] [--fields 4]`: the app core (createBench)
// watching N boards at once, each sending firmware-shaped telemetry at R Hz for S seconds, one board shown. The
// messages go in by board id where a board session hands them (the telemetry pipeline, the capture ring, the
// recorder's tap), with receipt times spread over S seconds but fed as fast as the core takes them, so a 10-minute
// run takes seconds; no sockets, so the figure is the core's own. Prints one JSON line with the heap after a full
// garbage collection: JavaScript heap, typed arrays (the histories live there), both together, and the RSS.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createBench } from '../core/bench';
import type { MessageRecord } from '../../shared/recording/format';
import { numberFlag, parseFlags } from './args';

const MB = 1024 * 1024;
const round = (n: number) => Math.round(n * 10) / 10;

/** A full collection, so the figure is what is kept, not garbage not yet collected. */
function collect(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
}

/** One telemetry message of board `b` at sample `i`, shaped as the firmware's (extra fields beyond its four). */
function telemetryText(b: number, i: number, rateHz: number, fields: number): string {
  const data: Record<string, number> = {
    junctionTemp: 30 + ((b + i) % 7),
    randomFloat: Math.fround(Math.random() * 100),
    randomInt: Math.floor(Math.random() * 1000),
    uptime: Math.floor(i / rateHz),
  };
  for (let k = 4; k < fields; k++) data[`field${k}`] = Math.random();
  return JSON.stringify({ type: 'telemetry', data });
}

export async function benchLabMemory(argv: string[]): Promise<Record<string, unknown>> {
  const f = parseFlags(argv, {
    boards: { type: 'string' },
    rate: { type: 'string' },
    seconds: { type: 'string' },
    fields: { type: 'string' },
  });
  const boards = numberFlag('boards', f.boards, 20, 1, 500);
  const rateHz = numberFlag('rate', f.rate, 10, 0.1, 1000);
  const seconds = numberFlag('seconds', f.seconds, 600, 1, 86_400);
  const fields = numberFlag('fields', f.fields, 4, 1, 32);
  const dir = mkdtempSync(join(tmpdir(), 'bench-lab-memory-'));
  const bench = await createBench({
    configDir: dir,
    identity: { name: 'bench', version: '0', platform: process.platform },
    log: () => {},
    heartbeatMs: 0,
    connectOnStart: false,
  });
  try {
    collect();
    const before = process.memoryUsage();
    const pipeline = bench.telemetry.pipeline;
    const ids = Array.from({ length: boards }, (_, b) => `board-${b + 1}`);
    pipeline.select(ids[0]!);
    const samples = Math.round(seconds * rateHz);
    const t0 = Date.now() - seconds * 1000;
    const started = performance.now();
    for (let i = 0; i < samples; i++) {
      const t = t0 + (i * 1000) / rateHz;
      for (let b = 0; b < boards; b++) {
        const record: MessageRecord = { t, dir: 'rx', op: 1, data: telemetryText(b, i, rateHz, fields) };
        pipeline.ingest(ids[b]!, record);
      }
      // Let the batch timer and the rest of the core run now and then, as they would between messages.
      if (i % 1000 === 999) await new Promise((r) => setImmediate(r));
    }
    const feedMs = performance.now() - started;
    collect();
    const m = process.memoryUsage();
    const held = pipeline.held();
    return {
      boards,
      rateHz,
      seconds,
      fields,
      messages: samples * boards,
      feedMs: Math.round(feedMs),
      heapMB: round(m.heapUsed / MB),
      arrayBuffersMB: round(m.arrayBuffers / MB),
      heapAndBuffersMB: round((m.heapUsed + m.arrayBuffers) / MB),
      heapGrowthMB: round((m.heapUsed + m.arrayBuffers - before.heapUsed - before.arrayBuffers) / MB),
      rssMB: round(m.rss / MB),
      historyMB: round(held.reduce((s, h) => s + h.bytes, 0) / MB),
      rowsPerBoard: held.find((h) => h.boardId === ids[1])?.rows ?? held[0]?.rows ?? 0,
    };
  } finally {
    await bench.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
