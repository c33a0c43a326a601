// `npm run bench -- frames [--count 20000] [--source virtual-board|synthetic] [--screenshots]`: fills the real
// FrameCapture — by default from the in-app virtual board over its real WebSocket link, its telemetry period set to
// 1 ms until `--count` items were captured; `--source synthetic` feeds a synthetic tap instead — then opens the Frames
// page in browser mode in headless Chromium, scrolls the table, filters it, and prints one JSON line.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createBench, type Bench } from '../core/bench';
import { startWebServer } from '../web/server';
import { numberFlag, parseFlags } from './args';
import { launchChromium } from './chromium';
import { feedSynthetic, syntheticSender } from './frames-synthetic';
import { projectRoot, rendererDir } from './paths';

/** A mouse wheel at full speed (~4,000 px/s, three rows a frame), and a flick that replaces every row each frame. */
const WHEEL_PX = 66;
const FLICK_PX = 462;

export async function benchFrames(argv: string[]): Promise<unknown> {
  const flags = parseFlags(argv, {
    count: { type: 'string' },
    source: { type: 'string' },
    screenshots: { type: 'boolean' },
  });
  const count = numberFlag('count', flags.count, 20_000, 10, 50_000);
  const source = flags.source ?? 'virtual-board';
  if (source !== 'virtual-board' && source !== 'synthetic') {
    throw new Error(`--source must be virtual-board or synthetic, not ${source}`);
  }
  const configDir = mkdtempSync(join(tmpdir(), 'bench-frames-'));
  const log = (m: string): void => void process.stderr.write(`${m}\n`);
  const bench = await createBench({
    configDir,
    identity: { name: 'NUCLEO-MEM Bench', version: 'bench', platform: process.platform },
    heartbeatMs: 0,
    log,
    // Any free ports: the bench must not collide with a running app or `npm run board`.
    virtualPorts: { wsPort: 0, httpPort: 0, ftpPort: 0 },
    // A synthetic capture keeps the virtual boards (the one a new configuration starts with) out: a board's link
    // would add frames and replace the sender.
    ...(source === 'synthetic'
      ? {
          virtualBoards: () => ({
            ensureStarted: () => Promise.reject(new Error('synthetic source: no virtual board')),
          }),
        }
      : {}),
  });
  const server = await startWebServer({ bench, rendererDir, host: '127.0.0.1', port: 0, log });
  const browser = await launchChromium();
  try {
    let fillMs: number | undefined;
    if (source === 'synthetic') {
      // The synthetic capture is the shown board's log, so the page shows it.
      const shown = await focusedBoard(bench);
      const tap = bench.frames.captures.tapFor(shown);
      const connId = feedSynthetic(tap, count);
      bench.frames.senders.set(syntheticSender(tap, connId));
    } else {
      fillMs = await fillFromVirtualBoard(bench, count);
    }
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // tsx names inner functions with an __name helper that does not exist in the page.
    await page.addInitScript('globalThis.__name = (f) => f;');
    await page.goto(server.url);
    await page.locator('[data-app-state="ready"]').waitFor({ timeout: 30_000 });
    await page
      .getByRole('button', { name: 'Frames' })
      .or(page.getByText('Frames', { exact: true }))
      .first()
      .click();
    await page.getByTestId('frames-table').waitFor({ timeout: 30_000 });
    await page.waitForFunction(
      (n) =>
        Number(
          /^([\d,]+) rows$/
            .exec(document.querySelector('[data-testid="frames-count"]')?.textContent ?? '')?.[1]
            ?.replace(/,/g, ''),
        ) >= n,
      Math.min(count, 49_000),
      { timeout: 30_000 },
    );
    const rows = await page.getByTestId('frames-count').textContent();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const busy = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const get = (n: string) => metrics.find((m) => m.name === n)?.value ?? 0;
      return {
        task: get('TaskDuration'),
        script: get('ScriptDuration'),
        layout: get('LayoutDuration') + get('RecalcStyleDuration'),
      };
    };
    if (process.env.FRAMES_BENCH_PROFILE) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
      await measureScroll(page, FLICK_PX);
      const { profile } = await cdp.send('Profiler.stop');
      const self = new Map<string, number>();
      const dt = profile.timeDeltas ?? [];
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      (profile.samples ?? []).forEach((id, i) => {
        const n = byId.get(id)!;
        const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
        self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
      });
      log(
        [...self]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 25)
          .map(([k, v]) => `${v.toFixed(0)} ms ${k}`)
          .join('\n'),
      );
    }
    const b0 = await busy();
    const cpu0 = descendantsCpuMs();
    const scroll = await measureScroll(page, WHEEL_PX);
    const cpu1 = descendantsCpuMs();
    const b1 = await busy();
    const cpuMsPerFrame = Math.round(((cpu1 - cpu0) / scroll.frames) * 10) / 10;
    // Main-thread time per drawn frame (CPU time, which a loaded machine disturbs less than wall time).
    const perFrame = (k: 'task' | 'script' | 'layout') =>
      Math.round(((b1[k] - b0[k]) * 1000 * 10) / scroll.frames) / 10;
    const scrollFps = scroll.fps;
    const flickFps = (await measureScroll(page, FLICK_PX)).fps;
    const { filterMs, filterRenderMs } = await measureFilter(page);
    const searchMs = await measureSearch(page);
    const rendererHeapMB = await page.evaluate(() => {
      const m = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
      return m ? Math.round((m.usedJSHeapSize / 1024 / 1024) * 10) / 10 : undefined;
    });
    if (flags.screenshots) await takeScreenshots(page);
    return {
      bench: 'frames',
      source,
      frames: count,
      fillMs,
      rows: rows?.trim(),
      scrollFps,
      flickFps,
      scrollCpuMsPerFrame: cpuMsPerFrame,
      scrollFpsIfCpuFree: cpuMsPerFrame > 0 ? Math.min(60, Math.round(1000 / cpuMsPerFrame)) : undefined,
      scrollMainThreadMsPerFrame: perFrame('task'),
      scrollScriptMsPerFrame: perFrame('script'),
      scrollStyleLayoutMsPerFrame: perFrame('layout'),
      filterMs,
      filterRenderMs,
      searchMs,
      rendererHeapMB,
      loadAverage: Math.round(loadavg()[0]! * 10) / 10,
    };
  } finally {
    await browser.close();
    await server.close();
    await bench.close();
    rmSync(configDir, { recursive: true, force: true });
  }
}

/** The board the app shows, once it shows one: at start, the first of its fresh config dir (a virtual board). */
async function focusedBoard(bench: Bench): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (let id = bench.frames.focused(); ; id = bench.frames.focused()) {
    if (id !== undefined) return id;
    if (Date.now() > deadline)
      throw new Error('frames bench: timed out waiting for the app to show its board');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Lets the shown virtual board's link capture until `count` items are held: the board's telemetry period goes
 * to 1 ms (as fast as its timers and the link run), then back to 1 s so the table holds still while measured.
 * Returns the fill time in ms.
 */
async function fillFromVirtualBoard(bench: Bench, count: number): Promise<number> {
  const deadline = Date.now() + 120_000;
  const until = async (what: string, ok: () => boolean) => {
    while (!ok()) {
      if (Date.now() > deadline) throw new Error(`frames bench: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const id = await focusedBoard(bench);
  await until('the virtual board to start', () => bench.virtualBoards.get(id)?.running !== undefined);
  const board = bench.virtualBoards.get(id)!.running!;
  const held = () => bench.frames.captures.get(id)?.stats().held ?? 0;
  await until('the first led-status over the link', () => held() >= 4);
  const t0 = Date.now();
  board.control.setTelemetryPeriod(1);
  try {
    await until(`${count} captured items`, () => held() >= count);
  } finally {
    board.control.setTelemetryPeriod(1000);
  }
  return Date.now() - t0;
}

/** Scrolls the table by `step` px per animation frame for 3 s, bouncing at the ends; frames per second drawn. */
async function measureScroll(page: Page, step: number): Promise<{ fps: number; frames: number }> {
  return page.evaluate(async (stepPx) => {
    const el = document.querySelector<HTMLElement>('[data-testid="frames-table"]')!;
    el.scrollTop = 0;
    await new Promise((r) => requestAnimationFrame(r));
    let frames = 0;
    let dir = 1;
    const t0 = performance.now();
    await new Promise<void>((resolve) => {
      const step = () => {
        frames++;
        el.scrollTop += dir * stepPx;
        if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) dir = -1;
        if (el.scrollTop <= 0) dir = 1;
        if (performance.now() - t0 < 3000) requestAnimationFrame(step);
        else resolve();
      };
      requestAnimationFrame(step);
    });
    return { fps: Math.round((frames / ((performance.now() - t0) / 1000)) * 10) / 10, frames };
  }, step);
}

/** Clicks the "↑ tx" chip and waits until the match count changes and a frame is drawn: filter + render time. */
async function measureFilter(page: Page): Promise<{ filterMs: number; filterRenderMs: number }> {
  const chip = page.getByRole('button', { name: '↑ tx' });
  await chip.waitFor();
  const ms = await chip.evaluate(async (button) => {
    const counter = document.querySelector('[data-testid="frames-count"]')!;
    const before = counter.textContent;
    const t0 = performance.now();
    (button as HTMLElement).click();
    await new Promise<void>((resolve) => {
      const check = () => (counter.textContent !== before ? resolve() : requestAnimationFrame(check));
      check();
    });
    await new Promise((r) => requestAnimationFrame(r));
    return performance.now() - t0;
  });
  // The store's own time for the pass over every row (without React and paint).
  const filterMs = Number(await page.getByTestId('frames-count').getAttribute('data-filter-ms'));
  await chip.click();
  return { filterMs, filterRenderMs: Math.round(ms * 10) / 10 };
}

/** Types a regular expression and waits for the count: includes the page's 120 ms typing pause. */
async function measureSearch(page: Page): Promise<number> {
  await page.getByRole('button', { name: 'Regular expression' }).click();
  const box = page.getByRole('textbox', { name: 'Search frames' });
  const t0 = Date.now();
  await box.fill('randomInt=4\\d\\d ');
  await page.getByTestId('frames-count').filter({ hasText: 'match' }).waitFor({ timeout: 10_000 });
  const ms = Date.now() - t0;
  await box.fill('');
  await page.getByRole('button', { name: 'Regular expression' }).click();
  await page.getByTestId('frames-count').filter({ hasNotText: 'match' }).waitFor({ timeout: 10_000 });
  return ms;
}

/** CPU time (user + system, ms) of every process started by this one: Chromium's browser, GPU and renderer. A
 *  loaded machine stretches wall time, not CPU time, so this is the fairer cost per frame. Linux /proc only. */
function descendantsCpuMs(): number {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const text = readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(name), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // the process ended while we looked
    }
  }
  const mine = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, st] of stats) {
      if (!mine.has(pid) && mine.has(st.ppid)) {
        mine.add(pid);
        grew = true;
      }
    }
  }
  mine.delete(process.pid);
  let ticks = 0;
  for (const pid of mine) ticks += stats.get(pid)!.ticks;
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

async function takeScreenshots(page: Page): Promise<void> {
  const dir = join(projectRoot, 'test-results', 'screenshots');
  mkdirSync(dir, { recursive: true });
  const shot = (name: string) => page.screenshot({ path: join(dir, `${name}.png`) });
  const table = page.getByTestId('frames-table');
  await table.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await table.locator('[data-seq]').last().click();
  await page.getByTestId('frame-detail').waitFor();
  await shot('frames-table');
  await table.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
  await page.getByRole('tab', { name: 'Hex' }).click();
  await shot('frames-detail-hex');
  await page.getByRole('textbox', { name: 'Search frames' }).fill('firmware');
  await page.getByTestId('frames-count').filter({ hasText: 'match' }).waitFor();
  await page.getByRole('tab', { name: 'Text' }).click();
  // The synthetic capture has firmware quirks to show; a virtual-board capture may have none.
  const quirks = table.locator('[data-seq]');
  if ((await quirks.count()) > 0) {
    await quirks.nth(Math.min(8, (await quirks.count()) - 1)).click();
    await shot('frames-quirks');
  }
  await page.getByRole('textbox', { name: 'Search frames' }).fill('');
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByTestId('frames-paused').filter({ hasText: '2 new' }).waitFor();
  await page.getByRole('tab', { name: /Raw frame/ }).click();
  await shot('frames-raw-composer');
}
