// The review's renderer figures for `npm run bench -- review`: browser mode serves the app over a config folder
// whose sessions folder holds the benchmark's run, headless Chromium opens it from the Sessions page as a person
// does, and the review's measurement hooks (`?bench=1`, src/renderer/src/features/sessions/review-probe.ts) time
// the first drawing and each zoom, from asking for the window to the painted frame.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Page } from 'playwright-core';
import type { ReviewProbeData, ZoomTiming } from '../../shared/sessions/review-probe';
import { createBench } from '../core/bench';
import { startWebServer } from '../web/server';
import { launchChromium } from './chromium';
import { projectRoot, rendererDir } from './paths';

declare global {
  interface Window {
    /** The review's measurement hooks (src/renderer/src/features/sessions/review-probe.ts). */
    __benchReview?: ReviewProbeData;
  }
}

/** p95 and median of one timing, ms: per zoom, and over every zoom. */
export interface Spread {
  readonly p95: Readonly<Record<string, number>>;
  readonly p50: Readonly<Record<string, number>>;
  readonly p95All: number;
}

/** What the page measured. */
export interface ReviewPageFigures {
  /** From the click on Open to the review's charts painted with the run's data. */
  readonly pageOpenMs: number;
  /** From asking for a zoom's window (as the wheel or a selection does) to its answer painted. */
  readonly zoomMs: Spread;
  /**
   * From the core's answer reaching the page to React done drawing it (the page's own work: what the telemetry
   * benchmark calls render time).
   */
  readonly renderMs: Spread;
  /** From the core's answer reaching the page to the frame showing it painted (waits for the next frame). */
  readonly paintMs: Spread;
  /** Rows the charts drew at each zoom (the last window). */
  readonly rowsDrawn: Readonly<Record<string, number>>;
  /** The renderer's JS heap after the zooms, and after a garbage collection then, MB. */
  readonly rendererHeapMB: number;
  readonly rendererHeapMBAfterGc: number;
  /** The core's heap (this process) with the review open in the page, MB. */
  readonly coreHeapMBPageOpen: number;
}

export interface ReviewPageOptions {
  /** The config folder whose `sessions/<board>/` holds the run. */
  readonly configDir: string;
  /** Zoom name → window width, ms (Infinity: the whole run). */
  readonly zooms: Readonly<Record<string, number>>;
  /** Windows timed per zoom, at random places. */
  readonly places: number;
  /** Saves CPU profiles of the page and of the core (`.core.cpuprofile`) over the open and the zooms. */
  readonly profile?: string;
  readonly log: (m: string) => void;
}

const WAIT_MS = 120_000;

/** Opens the run in the Sessions page and times it. */
export async function measureReviewPage(o: ReviewPageOptions): Promise<ReviewPageFigures> {
  const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
    version: string;
    productName: string;
  };
  const bench = await createBench({
    configDir: o.configDir,
    identity: { name: pkg.productName, version: pkg.version, platform: process.platform },
    log: o.log,
    virtualPorts: { wsPort: 0, httpPort: 0, ftpPort: 0 },
    // No board runs: the page reviews the kept run alone, and nothing else is recorded meanwhile.
    connectOnStart: false,
  });
  let server: Awaited<ReturnType<typeof startWebServer>> | undefined;
  const browser = await launchChromium();
  try {
    await bench.dispatch('settings:set', { page: 'sessions' }, { transport: 'browser' });
    server = await startWebServer({ bench, rendererDir, host: '127.0.0.1', port: 0, log: o.log });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const url = new URL(server.url); // it carries the token: add to its query
    url.searchParams.set('bench', '1');
    await page.goto(url.href);
    await page.locator('[data-app-state="ready"]').waitFor({ timeout: WAIT_MS });
    // The list has read the run's summary (a big file is listed from its name first, then read).
    await page.waitForFunction(
      () => {
        const row = document.querySelector('[data-testid="run-row"]');
        return row !== null && !row.textContent?.includes('Reading this file');
      },
      undefined,
      { timeout: WAIT_MS },
    );
    const core = o.profile ? await startCoreProfile() : undefined;
    if (o.profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const pageOpenMs = await openRun(page);
    const probe = await zoomAll(page, o, cdp);
    if (core && o.profile)
      writeFileSync(o.profile.replace(/(\.cpuprofile)?$/, '.core.cpuprofile'), JSON.stringify(await core()));
    const metric = async (): Promise<number> => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
    };
    const heap = await metric();
    await cdp.send('HeapProfiler.collectGarbage');
    const heapAfterGc = await metric();
    const coreHeap = liveHeapBytes();
    await page.close();
    return {
      pageOpenMs: round(pageOpenMs),
      ...probe,
      rendererHeapMB: round(heap / 1e6),
      rendererHeapMBAfterGc: round(heapAfterGc / 1e6),
      coreHeapMBPageOpen: round(coreHeap / 1e6),
    };
  } finally {
    await browser.close();
    await server?.close();
    await bench.close();
  }
}

/** Clicks Open on the run's row and waits until its charts are painted with data: ms between, page time. */
async function openRun(page: Page): Promise<number> {
  const clickedAt = await page.evaluate(() => {
    const row = document.querySelector('[data-testid="run-row"]');
    const open = Array.from(row?.querySelectorAll('button') ?? []).find(
      (b) => b.textContent?.trim() === 'Open',
    );
    if (!open) throw new Error('The run has no Open button on the Sessions page');
    const at = performance.now();
    open.click();
    return at;
  });
  const handle = await page.waitForFunction(() => window.__benchReview?.firstDrawnAt, undefined, {
    timeout: WAIT_MS,
    polling: 'raf',
  });
  return Number(await handle.jsonValue()) - clickedAt;
}

type ProbeFigures = Pick<ReviewPageFigures, 'zoomMs' | 'renderMs' | 'paintMs' | 'rowsDrawn'>;

/** Times `places` windows at random places for each zoom. */
async function zoomAll(
  page: Page,
  o: ReviewPageOptions,
  cdp: Awaited<ReturnType<ReturnType<Page['context']>['newCDPSession']>>,
): Promise<ProbeFigures> {
  const run = await page.evaluate(() => ({ from: window.__benchReview!.from, to: window.__benchReview!.to }));
  const length = run.to - run.from;
  let seed = 7;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const zoom = async (fromT: number, toT: number): Promise<ZoomTiming> =>
    withTimeout(
      page.evaluate(([a, b]) => window.__benchReview!.zoom(a!, b!), [fromT, toT]),
      WAIT_MS,
      'the review to draw a zoomed window',
    );
  const somewhere = (width: number) => {
    const from = run.from + random() * Math.max(0, length - width);
    return zoom(from, from + width);
  };
  // Warm up (the first zooms compile the drawing code), then measure.
  for (const width of [length / 10, 60_000, 1000]) await somewhere(Math.min(width, length));
  const timings: Record<string, ZoomTiming[]> = {};
  const rowsDrawn: Record<string, number> = {};
  for (const [name, span] of Object.entries(o.zooms)) {
    const width = Math.min(span, length);
    const list: ZoomTiming[] = (timings[name] = []);
    for (let i = 0; i < o.places; i++) {
      // The whole run is one window: come to it from a part, as a person does with "whole run".
      if (width >= length) await somewhere(length / 4);
      const t = await somewhere(width);
      list.push(t);
      rowsDrawn[name] = t.rows;
    }
  }
  if (o.profile) {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(o.profile, JSON.stringify(profile));
  }
  const spread = (k: 'totalMs' | 'renderMs' | 'paintMs'): Spread => {
    const p95: Record<string, number> = {};
    const p50: Record<string, number> = {};
    for (const [name, list] of Object.entries(timings)) {
      p95[name] = pct(
        list.map((t) => t[k]),
        95,
      );
      p50[name] = pct(
        list.map((t) => t[k]),
        50,
      );
    }
    return {
      p95,
      p50,
      p95All: pct(
        Object.values(timings).flatMap((l) => l.map((t) => t[k])),
        95,
      ),
    };
  };
  return { zoomMs: spread('totalMs'), renderMs: spread('renderMs'), paintMs: spread('paintMs'), rowsDrawn };
}

/** Starts a CPU profile of this process (the core); the function returned stops it and gives the profile. */
async function startCoreProfile(): Promise<() => Promise<unknown>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    return profile;
  };
}

let gc: (() => void) | undefined;

/**
 * The heap this process holds after a full garbage collection (bytes): what is kept, not what awaits collection.
 * `--expose-gc` is turned on here, so `npm run bench` needs no Node flag.
 */
export function liveHeapBytes(): number {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    const exposed: unknown = runInNewContext('gc');
    gc = typeof exposed === 'function' ? () => void exposed() : () => undefined;
  }
  gc();
  return process.memoryUsage().heapUsed;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** The p-th percentile (nearest rank below), rounded to 0.1 ms. */
export function pct(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!);
}

const round = (v: number): number => Math.round(v * 100) / 100;
