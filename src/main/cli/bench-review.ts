import { mkdirSync, mkdtempSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { RunSummary } from '../../shared/bridge/contracts/runs';
import { sessionFileName } from '../../shared/session-file/channels';
import { SessionFileWriter } from '../core/flight/session-file-writer';
import { IncrementalIndex } from '../core/runs/incremental-index';
import { lodCacheOf } from '../core/runs/lod-cache';
import { RunReview } from '../core/runs/run-review';
import { numberFlag, parseFlags } from './args';
import { liveHeapBytes, measureReviewPage, pct, type ReviewPageFigures } from './bench-review-page';

/** Result line of `npm run bench -- review`: the core's figures, then the page's (absent with `--no-page`). */
export interface ReviewBenchResult extends Partial<ReviewPageFigures> {
  readonly hours: number;
  readonly rateHz: number;
  /** Chunks closed every this many ms of the run (0: when full, 1 MiB). */
  readonly chunkMs: number;
  readonly chunks: number;
  readonly samples: number;
  readonly fileBytes: number;
  readonly writeSeconds: number;
  /** The first open of the run as written: the level of detail was built while writing and kept beside it. */
  readonly firstOpenMs: number;
  /** Opening it again. */
  readonly openMs: number;
  /** Opening it with no level of detail beside it (a file from elsewhere, a cut-short one): one pass over it. */
  readonly fullReadMs: number;
  /** Bytes of the level of detail in memory (all levels), and kept beside the file (level 0). */
  readonly lodBytes: number;
  readonly lodFileBytes: number;
  /** runs:telemetry (2,000 points) p95 and median per zoom, ms, over 40 windows at random places. */
  readonly telemetryP95Ms: Readonly<Record<string, number>>;
  readonly telemetryP50Ms: Readonly<Record<string, number>>;
  /** Rows the core answered at each zoom (the last window), and whether they were every sample. */
  readonly rows: Readonly<Record<string, { readonly n: number; readonly exact: boolean }>>;
  /**
   * The core's heap with the review open (in-process, before the page part), after a full garbage collection: what
   * it keeps; the same before it was opened; and the process's RSS with it open.
   */
  readonly heapUsedMB: number;
  readonly heapClosedMB: number;
  readonly rssMB: number;
  /** Renderer zooms timed per zoom (0 with `--no-page`). */
  readonly pagePlaces: number;
  readonly loadAvg1m: number;
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
 * fields, as the board sends them) into a config folder's sessions, opens it for review and times runs:telemetry at
 * several zooms; then opens it from the Sessions page in Chromium and times the page (bench-review-page.ts).
 */
export async function benchReview(argv: string[]): Promise<ReviewBenchResult> {
  const flags = parseFlags(argv, {
    hours: { type: 'string' },
    rate: { type: 'string' },
    'chunk-ms': { type: 'string' },
    places: { type: 'string' },
    'no-page': { type: 'boolean' },
    profile: { type: 'string' },
  });
  const hours = numberFlag('hours', flags.hours, 24, 0.01, 48);
  const rate = numberFlag('rate', flags.rate, 100, 1, 1000);
  // Chunks closed every this many ms of the run, as the recorder closes them (500); 0: only when 1 MiB is full.
  const chunkMs = numberFlag('chunk-ms', flags['chunk-ms'], 500, 0, 60_000);
  const places = flags['no-page'] ? 0 : numberFlag('places', flags.places, 20, 1, 1000);
  const perChunk = chunkMs > 0 ? Math.max(1, Math.round((chunkMs * rate) / 1000)) : 20_000;
  // A config folder whose sessions folder holds the run, as the flight recorder keeps one: the page lists it.
  const dir = mkdtempSync(join(tmpdir(), 'bench-review-'));
  const started = Date.UTC(2026, 11, 7, 8);
  mkdirSync(join(dir, 'sessions', 'virtual'), { recursive: true });
  const path = join(dir, 'sessions', 'virtual', sessionFileName(started));
  try {
    const written = await writeRun(path, started, hours, rate, perChunk);
    const run: RunSummary = {
      id: `virtual/${basename(path)}`,
      boardId: 'virtual',
      boardName: 'Virtual board',
      boardKind: 'virtual',
      started,
      ended: started + written.samples * (1000 / rate),
      bytes: written.fileBytes,
      markers: 0,
      live: false,
      source: 'bench',
    };
    // Apart, so nothing of the core's part is still held while the page's part runs.
    const core = await measureCore(path, run);
    const page =
      places > 0
        ? await measureReviewPage({
            configDir: dir,
            zooms: ZOOMS,
            places,
            log: () => undefined,
            ...(flags.profile ? { profile: flags.profile } : {}),
          })
        : undefined;
    return {
      hours,
      rateHz: rate,
      chunkMs,
      ...written,
      ...core,
      pagePlaces: places,
      ...page,
      loadAvg1m: loadavg()[0]!,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes hours × rate telemetry messages as the recorder does, a chunk closed every `perChunk` messages. */
async function writeRun(path: string, started: number, hours: number, rate: number, perChunk: number) {
  const samples = Math.round(hours * 3600 * rate);
  const dt = 1000 / rate;
  const t0 = performance.now();
  const writer = await SessionFileWriter.create(
    path,
    { boardId: 'virtual', boardName: 'Virtual board', boardKind: 'virtual', benchVersion: 'bench', started },
    // As the flight recorder writes: the review's index built while writing.
    { sync: false, index: new IncrementalIndex() },
  );
  for (let j = 0; j < samples; j++) {
    const up = j / rate;
    const text =
      `{"type":"telemetry","data":{"junctionTemp":${(45 + 5 * Math.sin(j / 5000)).toFixed(1)},` +
      `"randomFloat":${((j * 7919) % 10000) / 100},"randomInt":${(j * 104729) % 1000},"uptime":${Math.floor(up)}}}`;
    writer.add('telemetry', started + j * dt, text, BigInt(Math.round(up * 1e3)) * 1_000_000n);
    if ((j + 1) % perChunk === 0) await writer.flush(); // a chunk's time is up (or: keeps the queue short)
  }
  await writer.close();
  return {
    samples,
    fileBytes: statSync(path).size,
    writeSeconds: round((performance.now() - t0) / 1000),
    lodFileBytes: statSync(lodCacheOf(path)).size,
  };
}

/** The core's part: opens (kept level of detail, without it, again) and runs:telemetry per zoom, in-process. */
async function measureCore(path: string, run: RunSummary) {
  const heapClosed = liveHeapBytes();
  /** Opens the run, timed; closes it unless kept. */
  const timeOpen = async (cache: boolean): Promise<number> => {
    liveHeapBytes(); // the garbage of what ran before is not collected during the open
    const t = performance.now();
    const r = await RunReview.open(path, run, { repair: false, markers: [], cache });
    const ms = performance.now() - t;
    await r.close();
    return round(ms);
  };
  const firstOpenMs = await timeOpen(true);
  unlinkSync(lodCacheOf(path));
  const fullReadMs = await timeOpen(false);
  await timeOpen(true); // kept again, then opened as the Sessions page opens it
  liveHeapBytes();
  const t = performance.now();
  const review = await RunReview.open(path, run, { repair: false, markers: [], cache: true });
  const openMs = round(performance.now() - t);
  const info = review.describe('bench');
  const telemetryP95Ms: Record<string, number> = {};
  const telemetryP50Ms: Record<string, number> = {};
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
    telemetryP95Ms[zoom] = pct(times, 95);
    telemetryP50Ms[zoom] = pct(times, 50);
  }
  const heapUsed = liveHeapBytes();
  const rss = process.memoryUsage().rss;
  const figures = {
    chunks: review.chunkCount,
    firstOpenMs,
    openMs,
    fullReadMs,
    lodBytes: review.lodBytes,
    telemetryP95Ms,
    telemetryP50Ms,
    rows,
    heapClosedMB: round(heapClosed / 1e6),
    heapUsedMB: round(heapUsed / 1e6),
    rssMB: round(rss / 1e6),
  };
  await review.close();
  return figures;
}

const round = (v: number): number => Math.round(v * 100) / 100;
