import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunSummary } from '../../shared/bridge/contracts/runs';
import { SessionFileWriter } from '../core/flight/session-file-writer';
import { RunReview } from '../core/runs/run-review';
import { numberFlag, parseFlags } from './args';

/** Result line of `npm run bench -- review`. */
export interface ReviewBenchResult {
  readonly hours: number;
  readonly rateHz: number;
  readonly samples: number;
  readonly fileBytes: number;
  readonly writeSeconds: number;
  /** Opening a kept run for review: its index and the level of detail kept beside it (built when the run ended). */
  readonly openMs: number;
  /** The first open, which reads the whole run once to build the level of detail (done when a run ends). */
  readonly buildMs: number;
  readonly lodBytes: number;
  /** runs:telemetry (2,000 points) p95 per zoom, ms, over 40 windows at random places. */
  readonly telemetryP95Ms: Readonly<Record<string, number>>;
  /** Rows the core answered at each zoom (the last window), and whether they were every sample. */
  readonly rows: Readonly<Record<string, { readonly n: number; readonly exact: boolean }>>;
  readonly heapUsedMB: number;
  readonly rssMB: number;
}

const ZOOMS: Readonly<Record<string, number>> = {
  whole: Infinity,
  '6h': 6 * 3_600_000,
  '1h': 3_600_000,
  '10min': 600_000,
  '1min': 60_000,
  '10s': 10_000,
  '1s': 1000,
};

/**
 * Writes a synthetic run with the real session file writer (hours × rate telemetry messages of the firmware's four
 * fields, as the board sends them), opens it for review and times runs:telemetry at several zooms.
 */
export async function benchReview(argv: string[]): Promise<ReviewBenchResult> {
  const flags = parseFlags(argv, { hours: { type: 'string' }, rate: { type: 'string' } });
  const hours = numberFlag('hours', flags.hours, 24, 0.01, 48);
  const rate = numberFlag('rate', flags.rate, 100, 1, 1000);
  const dir = mkdtempSync(join(tmpdir(), 'bench-review-'));
  const path = join(dir, 'run.mcap');
  try {
    const started = Date.UTC(2026, 11, 7, 8);
    const samples = Math.round(hours * 3600 * rate);
    const dt = 1000 / rate;
    const t0 = performance.now();
    const writer = await SessionFileWriter.create(
      path,
      {
        boardId: 'virtual',
        boardName: 'Virtual board',
        boardKind: 'virtual',
        benchVersion: 'bench',
        started,
      },
      { sync: false },
    );
    for (let j = 0; j < samples; j++) {
      const up = j / rate;
      const text =
        `{"type":"telemetry","data":{"junctionTemp":${(45 + 5 * Math.sin(j / 5000)).toFixed(1)},` +
        `"randomFloat":${((j * 7919) % 10000) / 100},"randomInt":${(j * 104729) % 1000},"uptime":${Math.floor(up)}}}`;
      writer.add('telemetry', started + j * dt, text, BigInt(Math.round(up * 1e3)) * 1_000_000n);
      if (j % 20_000 === 0) await writer.flush(); // keeps the write queue short
    }
    await writer.close();
    const writeSeconds = (performance.now() - t0) / 1000;
    const fileBytes = statSync(path).size;

    const run: RunSummary = {
      id: 'virtual/run.mcap',
      boardId: 'virtual',
      boardName: 'Virtual board',
      boardKind: 'virtual',
      started,
      ended: started + samples * dt,
      bytes: fileBytes,
      markers: 0,
      live: false,
      source: 'bench',
    };
    global.gc?.();
    const b0 = performance.now();
    await (await RunReview.open(path, run, { repair: false, markers: [], cache: true })).close();
    const buildMs = performance.now() - b0;
    global.gc?.();
    const o0 = performance.now();
    const review = await RunReview.open(path, run, { repair: false, markers: [], cache: true });
    const openMs = performance.now() - o0;
    const info = review.describe('bench');
    const telemetryP95Ms: Record<string, number> = {};
    const rows: Record<string, { n: number; exact: boolean }> = {};
    let seed = 1;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (const [zoom, span] of Object.entries(ZOOMS)) {
      const times: number[] = [];
      const width = Math.min(span, info.to - info.from);
      for (let i = 0; i < 40; i++) {
        const from = info.from + random() * (info.to - info.from - width);
        const q0 = performance.now();
        const w = await review.telemetry(from, from + width, 2000);
        times.push(performance.now() - q0);
        rows[zoom] = { n: w.t.length, exact: w.exact };
      }
      times.sort((a, b) => a - b);
      telemetryP95Ms[zoom] = round(times[Math.floor(times.length * 0.95)]!);
    }
    const mem = process.memoryUsage();
    const lodBytes = review.lodBytes;
    await review.close();
    return {
      hours,
      rateHz: rate,
      samples,
      fileBytes,
      writeSeconds: round(writeSeconds),
      openMs: round(openMs),
      buildMs: round(buildMs),
      lodBytes,
      telemetryP95Ms,
      rows,
      heapUsedMB: round(mem.heapUsed / 1e6),
      rssMB: round(mem.rss / 1e6),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (v: number): number => Math.round(v * 100) / 100;
