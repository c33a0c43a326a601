// `npm run bench -- telemetry [--rate 1000] [--seconds 20] [--window 600] [--prefill N [--prefill-rate Hz]] [--telemetry-batch N] [--screenshot file]`:
// a telemetry source feeds the core's pipeline through the same `ingest` path a board link uses, browser mode
// serves the app, and the Telemetry page runs in headless Chromium with its measurement hooks (`?bench=1`).
// Prints one JSON line. `--profile file` saves a CPU profile of the page (.cpuprofile). `--renderer-dir` serves another
// build of the renderer instead; `--compare-renderer-dir DIR` measures that other build too, in the same run, after
// this one, and adds its figures (`previous`) and the ratios new/old (`ratio`), so a gain is shown side by side.
// The source is the in-app virtual board over its real WebSocket link (default), or `--source synthetic`
// (in-process): bench-telemetry-sources.ts. `--startup` times `npm run web` to the first point drawn instead
// (bench-startup.ts).

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessageRecord } from '../../shared/recording/format';
import { createBench } from '../core/bench';
import { startWebServer } from '../web/server';
import type { Bench } from '../core/bench';
import { choiceFlag, numberFlag, parseFlags, UsageError } from './args';
import { telemetryBatchFlag } from './board';
import { launchChromium } from './chromium';
import type { Browser } from 'playwright-core';
import { syntheticSource, virtualBoardSource, type TelemetrySource } from './bench-telemetry-sources';

async function waitUntil(ok: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
import { projectRoot, rendererDir } from './paths';
import type { BenchProbeData } from '../../shared/telemetry/bench-probe';

declare global {
  interface Window {
    /** The Telemetry page's measurement hooks (src/renderer/src/features/telemetry/bench-probe.ts). */
    __benchTelemetry?: BenchProbeData;
  }
}

function pct(values: number[], p: number): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 10) / 10;
}

interface MeasureContext {
  readonly bench: Bench;
  readonly browser: Browser;
  readonly src: TelemetrySource;
  readonly ingest: (r: MessageRecord) => void;
  readonly seconds: number;
  readonly windowS: number;
  readonly log: (m: string) => void;
  readonly profile?: string;
  readonly screenshot?: string;
}

/** Serves one renderer build, opens the Telemetry page, runs the source for `seconds`, and returns the figures. */
async function measurePage(c: MeasureContext, dir: string): Promise<Record<string, number | null>> {
  const { bench, src, seconds } = c;
  const server = await startWebServer({
    bench,
    rendererDir: dir,
    host: '127.0.0.1',
    port: 0,
    log: c.log,
  });
  const page = await c.browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    const droppedBefore = bench.telemetry.pipeline.totals.dropped;
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const pageUrl = new URL(server.url); // it carries the token: add to its query
    pageUrl.searchParams.set('bench', '1');
    pageUrl.searchParams.set('window', String(c.windowS));
    await page.goto(pageUrl.href);
    await page.locator('[data-app-state="ready"]').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => window.__benchTelemetry !== undefined, undefined, { timeout: 30_000 });

    const sourceStartedAt = Date.now();
    src.start(c.ingest);
    await page.getByTestId('telemetry-chart').first().waitFor({ timeout: 30_000 });
    // Warm up (first redraws, JIT), then measure from a clean slate.
    await page.waitForFunction(() => (window.__benchTelemetry?.redraws ?? 0) >= 10, undefined, {
      timeout: 30_000,
    });
    await page.evaluate(() => {
      const b = window.__benchTelemetry!;
      b.redraws = 0;
      b.frames = 0;
      b.renderMs.length = 0;
      b.latencyMs.length = 0;
    });
    const metric = async () => {
      const { metrics } = (await cdp.send('Performance.getMetrics')) as {
        metrics: Array<{ name: string; value: number }>;
      };
      return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
    };
    if (c.profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const m0 = await metric();
    const t0 = Date.now();
    await page.waitForFunction(
      (ms) => performance.now() >= ms,
      await page.evaluate((s) => performance.now() + s * 1000, seconds),
      {
        timeout: seconds * 1000 + 30_000,
        polling: 500,
      },
    );
    const m1 = await metric();
    if (c.profile) {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: unknown };
      writeFileSync(c.profile, JSON.stringify(profile));
    }
    const wallS = (Date.now() - t0) / 1000;
    const probe = await page.evaluate(() => {
      const b = window.__benchTelemetry!;
      return { redraws: b.redraws, frames: b.frames, renderMs: b.renderMs, latencyMs: b.latencyMs };
    });
    src.stop();
    const sourceS = (Date.now() - sourceStartedAt) / 1000;
    // Let the last batches arrive, then compare what was sent with what the page took in.
    const sent = src.sent;
    const messages = src.messages ?? sent;
    await page
      .waitForFunction((n) => (window.__benchTelemetry?.samplesIn() ?? 0) >= n, sent, {
        timeout: 5000,
        polling: 100,
      })
      .catch(() => undefined);
    const received = await page.evaluate(() => window.__benchTelemetry!.samplesIn());
    if (c.screenshot) await page.screenshot({ path: c.screenshot });
    const counts = bench.telemetry.pipeline.totals;
    const delta = (k: string) => (m1[k] ?? 0) - (m0[k] ?? 0);
    return {
      sent,
      messages,
      // What the source really delivered, over the whole time it ran (warm-up included, as `sent` is): samples
      // and messages a second (the same without --telemetry-batch).
      achievedHz: Math.round((sent / sourceS) * 10) / 10,
      sampleHz: Math.round((sent / sourceS) * 10) / 10,
      messagesHz: Math.round((messages / sourceS) * 10) / 10,
      // Of the dropped: messages the board's WS server dropped on a full packet pool (part of `dropped`).
      boardDroppedMessages: src.boardDropped ?? null,
      received,
      dropped: Math.max(0, sent - received) + counts.dropped - droppedBefore,
      pageFps: Math.round((probe.frames / wallS) * 10) / 10,
      chartRedrawsPerSec: Math.round((probe.redraws / wallS) * 10) / 10,
      renderMsP50: pct(probe.renderMs, 50),
      renderMsP95: pct(probe.renderMs, 95),
      renderMsP99: pct(probe.renderMs, 99),
      mainThreadBusyPct: Math.round((delta('TaskDuration') / wallS) * 1000) / 10,
      scriptPct: Math.round((delta('ScriptDuration') / wallS) * 1000) / 10,
      layoutStylePct:
        Math.round(((delta('LayoutDuration') + delta('RecalcStyleDuration')) / wallS) * 1000) / 10,
      latencyMsP50: pct(probe.latencyMs, 50),
      latencyMsP99: pct(probe.latencyMs, 99),
      rendererHeapMBStart: Math.round(((m0.JSHeapUsedSize ?? 0) / 1048576) * 10) / 10,
      rendererHeapMBEnd: Math.round(((m1.JSHeapUsedSize ?? 0) / 1048576) * 10) / 10,
    };
  } finally {
    src.stop();
    await page.close();
    await server.close();
  }
}

/** Runs the benchmark and returns its figures. */
export async function benchTelemetry(
  argv: string[],
  source?: TelemetrySource,
): Promise<Record<string, unknown>> {
  const f = parseFlags(argv, {
    rate: { type: 'string' },
    seconds: { type: 'string' },
    window: { type: 'string' },
    prefill: { type: 'string' },
    screenshot: { type: 'string' },
    'renderer-dir': { type: 'string' },
    profile: { type: 'string' },
    'prefill-rate': { type: 'string' },
    source: { type: 'string' },
    'compare-renderer-dir': { type: 'string' },
    startup: { type: 'boolean' },
    'telemetry-batch': { type: 'string' },
  });
  if (f.startup) return (await import('./bench-startup')).benchStartup();
  const rateHz = numberFlag('rate', f.rate, 1000, 0.1, 20_000);
  const seconds = numberFlag('seconds', f.seconds, 20, 1, 3600);
  const prefill = numberFlag('prefill', f.prefill, 0, 0, 600_000);
  const prefillRate = numberFlag('prefill-rate', f['prefill-rate'], 1, 0.1, 20_000);
  const windowS = numberFlag(
    'window',
    f.window,
    prefill ? Math.max(600, Math.ceil(prefill / prefillRate)) : 600,
    1,
    86_400,
  );
  const sourceName = choiceFlag('source', f.source, ['virtual', 'synthetic'] as const, 'virtual');
  const batch = telemetryBatchFlag(f['telemetry-batch']);
  if (batch !== undefined && sourceName !== 'virtual')
    throw new UsageError('--telemetry-batch needs the virtual board as the source (--source virtual)');
  const dir = mkdtempSync(join(tmpdir(), 'bench-telemetry-'));
  // The core's log lines, the last 200 kept (a chatty run must not grow memory); the total goes in the JSON line.
  const logs: string[] = [];
  let logLines = 0;
  const log = (m: string) => {
    logLines++;
    logs.push(m);
    if (logs.length > 200) logs.shift();
  };
  const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
    version: string;
    productName: string;
  };
  const bench = await createBench({
    configDir: dir,
    identity: { name: pkg.productName, version: pkg.version, platform: process.platform },
    log,
    virtualPorts: { wsPort: 0, httpPort: 0, ftpPort: 0 },
    // A synthetic source is the only board: were the app to link to its virtual board too, every message of the
    // one would select the other board in the pipeline and discard the other's pending rows, counted as dropped.
    ...(source || sourceName === 'synthetic' ? { connectOnStart: false } : {}),
  });
  const src =
    source ?? (sourceName === 'virtual' ? virtualBoardSource(bench, rateHz, batch) : syntheticSource(rateHz));
  // The app shows its first board at start: in this fresh config dir, the virtual board it starts with.
  let shown: string | undefined;
  if (src.name === 'virtual-board') {
    // Wait until that board runs, its link is open and telemetry flows.
    await waitUntil(
      () => (shown = bench.frames.focused()) !== undefined,
      30_000,
      'the app to show its board',
    );
    await bench.virtualBoards.service(shown!).ensureStarted();
    await waitUntil(
      () => bench.telemetry.pipeline.totals.received > 0,
      30_000,
      'telemetry from the virtual board',
    );
  }
  const browser = await launchChromium();
  const boardId = shown ?? 'bench';
  const ingest = (r: MessageRecord) => bench.telemetry.pipeline.ingest(boardId, r);
  try {
    await bench.dispatch('settings:set', { page: 'telemetry' }, { transport: 'browser' });
    // --prefill N [--prefill-rate R]: N rows at R Hz (default 1) ending now, through the same ingest path
    // (86,400 at 1 Hz = a 24-hour window; 600,000 at 1000 Hz = a full 10-minute window).
    // The history is append-only in time: rows older than the board's first live ones, appended after them, would
    // leave it unsorted (and the window then drew only the live minutes). So it starts empty: the board's history
    // is dropped while another board id is shown (each board keeps its history across a switch, so switching alone
    // no longer cleared it: the 24 h window drew nothing), and the prefill, synchronous, ends before the next live
    // row arrives.
    if (prefill > 0) {
      const p = bench.telemetry.pipeline;
      p.select(`${boardId}-prefill`);
      p.forget(boardId);
      p.select(boardId);
      p.forget(`${boardId}-prefill`);
    }
    const now = Date.now();
    for (let i = prefill; i > 0; i--) {
      const data = {
        junctionTemp: 40 + 5 * Math.sin(i / 600),
        randomFloat: (i * 7.31) % 100,
        randomInt: (i * 37) % 1001,
        uptime: Math.floor((prefill - i) / prefillRate),
      };
      ingest({
        t: now - (i * 1000) / prefillRate,
        dir: 'rx',
        op: 1,
        data: JSON.stringify({ type: 'telemetry', data }),
      });
      // A real link never hands over 600,000 messages in one go; flush as the batch timer would have.
      if (i % 5000 === 0) bench.telemetry.pipeline.flush();
    }
    bench.telemetry.pipeline.flush();
    const run = (dir: string, profile?: string, screenshot?: string) =>
      measurePage({ bench, browser, src, ingest, seconds, windowS, log, profile, screenshot }, dir);
    const figures = await run(f['renderer-dir'] ?? rendererDir, f.profile, f.screenshot);
    const compareDir = f['compare-renderer-dir'];
    // The other build's profile goes beside this one's, not over it.
    const previous = compareDir
      ? await run(compareDir, f.profile?.replace(/(\.cpuprofile)?$/, '.previous.cpuprofile'))
      : undefined;
    const ratio = (k: 'mainThreadBusyPct' | 'renderMsP95') => {
      const a = figures[k];
      const b = previous?.[k];
      return typeof a === 'number' && typeof b === 'number' && b > 0 ? Math.round((a / b) * 100) / 100 : null;
    };
    return {
      source: src.name,
      rateHz,
      seconds,
      windowS,
      prefill,
      prefillRate,
      telemetryBatch: batch ?? null,
      ...figures,
      ...(previous
        ? {
            previous,
            ratio: { mainThreadBusy: ratio('mainThreadBusyPct'), renderMsP95: ratio('renderMsP95') },
          }
        : {}),
      invalid: bench.telemetry.pipeline.totals.invalid,
      logLines,
      lastLog: logs.at(-1) ?? null,
      loadAvg1m: loadavg()[0],
      cpus: cpus().length,
    };
  } finally {
    src.stop();
    await browser.close();
    await bench.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
