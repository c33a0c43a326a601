/// <reference lib="dom" />
// Long history on the Telemetry page (docs/sessions.md §Long history): the core keeps 300 rows of the virtual
// board (6 s at 50 Hz) while its run is recorded; the page, opened 30 s into the run, draws a 1-minute window whose
// older part comes from the run's session file, and says how far back the history goes.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBench, type Bench } from '../../src/main/core/bench';
import { startWebServer, type WebServer } from '../../src/main/web/server';
import { launchChromium, screenshot } from '../support/browser';
import { root, tempDir } from '../support/processes';
import { until } from '../support/wait';

describe('Telemetry page: history past memory', () => {
  let bench: Bench;
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  let dir: string;
  let samples = 0;

  beforeAll(async () => {
    const rendererDir = join(root, 'out', 'renderer');
    if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('run "npm run build" first');
    dir = tempDir('tel-long-');
    bench = await createBench({
      configDir: dir,
      identity: { name: 'NUCLEO-MEM Bench', version: '0', platform: 'linux' },
      log: () => {},
      virtualPorts: { wsPort: 0, httpPort: 0, ftpPort: 0 },
      telemetry: { pipeline: { maxRows: 300 } },
    });
    bench.telemetry.pipeline.tap((id, r) => {
      if (id === 'virtual' && r.dir === 'rx' && r.data?.startsWith('{"type":"telemetry"')) samples++;
    });
    await bench.virtualBoards.service('virtual').ensureStarted();
    await bench.dispatch(
      'vboard:configure',
      { boardId: 'virtual', telemetryMs: 20 },
      { transport: 'browser' },
    );
    await bench.dispatch('settings:set', { page: 'telemetry' }, { transport: 'browser' });
    // 30 s of the run at 50 Hz: five times what the core keeps in memory.
    await until(() => samples >= 1500, '1500 samples from the virtual board', 120_000);
    server = await startWebServer({ bench, rendererDir, host: '127.0.0.1', port: 0, log: () => {} });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(server.url);
    await page.locator('[data-app-state="ready"]').waitFor({ timeout: 30_000 });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await bench?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('draws the part of a 1-minute window older than memory from the session file, and says so', async () => {
    await page.getByTestId('telemetry-chart').nth(3).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: '1 min' }).click();
    const reach = page.getByTestId('telemetry-history-reach');
    await reach
      .filter({ hasText: /^history: \d+ s \(\d+ s in memory, the rest from this run's session file\)$/ })
      .waitFor({ timeout: 30_000 });
    // The window starts before the run: the caption says where the run began.
    await page
      .getByTestId('telemetry-before-run')
      .filter({ hasText: /^· this run began at \d\d:\d\d:\d\d$/ })
      .waitFor({ timeout: 30_000 });
    // The uptime series' line reaches back to the run's start, about a third into the plot: memory alone (6 s)
    // would start it in the last tenth.
    const read = () =>
      page.evaluate(() => {
        const svgs = document.querySelectorAll('[data-testid="telemetry-chart"] svg.recharts-surface');
        const svg = svgs[svgs.length - 1]!;
        const edge = svg.querySelector('.recharts-cartesian-grid-horizontal line')!;
        const d = svg.querySelector('[data-series] path')!.getAttribute('d') ?? '';
        const xs = [...d.matchAll(/[ML](-?[\d.]+) /g)].map((m) => Number(m[1]));
        const range = document.querySelector('[data-testid="telemetry-range"]')!.textContent ?? '';
        return {
          left: Number(edge.getAttribute('x1')),
          right: Number(edge.getAttribute('x2')),
          minX: Math.min(...xs),
          points: xs.length,
          rows: Number(/· ([\d,]+) rows/.exec(range)?.[1]?.replace(/,/g, '') ?? 0),
        };
      });
    const drawn = await until(
      async () => {
        const r = await read();
        return r.minX < r.left + 0.6 * (r.right - r.left) ? r : undefined;
      },
      'the line drawn from the older part of the window',
      30_000,
    );
    expect(drawn.minX).toBeGreaterThan(drawn.left + 0.2 * (drawn.right - drawn.left));
    // The window counts the rows from the file too: far more than the 300 in memory.
    expect(drawn.rows).toBeGreaterThan(1000);
    await screenshot(page, 'telemetry-long-history-1280');
  }, 120_000);

  it('says so when a window lies wholly before the run', async () => {
    // Drag over the first tenth of the plot, before the run began, to zoom into it: nothing is drawn there (the
    // older part asked for the 1-minute window is not reused past its own rows).
    const chart = page.getByTestId('telemetry-chart').last();
    const box = (await chart.boundingBox())!;
    const plot = await page.evaluate(() => {
      const svgs = document.querySelectorAll('[data-testid="telemetry-chart"] svg.recharts-surface');
      const svg = svgs[svgs.length - 1]!;
      const edge = svg.querySelector('.recharts-cartesian-grid-horizontal line')!;
      return { left: Number(edge.getAttribute('x1')), right: Number(edge.getAttribute('x2')) };
    });
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + plot.left + 0.02 * (plot.right - plot.left), y);
    await page.mouse.down();
    await page.mouse.move(box.x + plot.left + 0.1 * (plot.right - plot.left), y, { steps: 5 });
    await page.mouse.up();
    await page
      .getByTestId('telemetry-range')
      .filter({ hasText: /· 0 rows · zoomed in$/ })
      .waitFor({ timeout: 30_000 });
    await page
      .getByTestId('telemetry-before-run')
      .filter({ hasText: /^· before this run began \(\d\d:\d\d:\d\d\): nothing recorded then$/ })
      .waitFor({ timeout: 30_000 });
    await screenshot(page, 'telemetry-long-history-before-run-1280');
  }, 60_000);
});
