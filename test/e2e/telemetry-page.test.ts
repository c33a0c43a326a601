/// <reference lib="dom" />
// The Telemetry page in Chromium, fed in-process through the pipeline's `ingest` (the path a board link uses) until
// the link manager lands: charts, pause with Space, overlay, drag-zoom, recording indicator, exports.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bench } from '../../src/main/core/bench';
import { syntheticSource, type TelemetrySource } from '../../src/main/cli/bench-telemetry-sources';
import { screenshot } from '../support/browser';
import { openTelemetryPage, type TelemetryPageFixture } from '../support/telemetry-page';

describe('Telemetry page', () => {
  let bench: Bench;
  let fixture: TelemetryPageFixture;
  let page: Page;
  let source: TelemetrySource;
  let dir: string;

  beforeAll(async () => {
    fixture = await openTelemetryPage('tel-page-');
    ({ bench, page, dir } = fixture);
  });
  afterAll(async () => {
    source?.stop();
    await fixture?.close();
  });

  it('shows the empty state, then a chart per series as telemetry arrives', async () => {
    await page.getByText('No telemetry yet').waitFor();
    await screenshot(page, 'telemetry-empty-1280');
    source = syntheticSource(50);
    source.start((r) => bench.telemetry.pipeline.ingest('virtual', r));
    await page.getByTestId('telemetry-chart').nth(3).waitFor();
    expect(await page.getByTestId('telemetry-chart').count()).toBe(4);
    await page
      .getByTestId('telemetry-counts')
      .filter({ hasText: /[1-9][\d,]* received · 0 invalid · 0 dropped/ })
      .waitFor();
    await screenshot(page, 'telemetry-live-1280');
  });

  it('keeps every time tick and vertical grid line on its time while the live window scrolls', async () => {
    // The axis is drawn for a domain that stays put while the live window scrolls over it (axis-scroll.ts); read
    // the bottom chart once the window has moved on from it, and check each shown tick against the view's range.
    const read = () =>
      page.evaluate(() => {
        const svgs = document.querySelectorAll('[data-testid="telemetry-chart"] svg.recharts-surface');
        const svg = svgs[svgs.length - 1]!;
        const range = document.querySelector('[data-testid="telemetry-range"]')!;
        const edge = svg.querySelector('.recharts-cartesian-grid-horizontal line')!;
        const box = svg.getBoundingClientRect();
        const shown = (el: Element) => getComputedStyle(el).visibility !== 'hidden';
        const ticks = Array.from(svg.querySelectorAll('.recharts-xAxis .recharts-cartesian-axis-tick'));
        return {
          from: Number(range.getAttribute('data-from')),
          to: Number(range.getAttribute('data-to')),
          left: box.left + Number(edge.getAttribute('x1')),
          right: box.left + Number(edge.getAttribute('x2')),
          scrolled: ticks.some((el) => el.hasAttribute('transform')),
          ticks: ticks.filter(shown).map((el) => ({
            x: el.querySelector('line')!.getBoundingClientRect().left,
            label: el.textContent ?? '',
          })),
          grid: Array.from(svg.querySelectorAll('.recharts-cartesian-grid-vertical line'))
            .filter(shown)
            .map((el) => el.getBoundingClientRect().left),
        };
      });
    let axis = await read();
    await expect.poll(async () => (axis = await read()).scrolled, { timeout: 30_000 }).toBe(true);
    expect(axis.ticks.length).toBeGreaterThanOrEqual(3);
    expect(axis.grid.length).toBe(axis.ticks.length);
    for (const [k, tick] of axis.ticks.entries()) {
      const [h, m, s] = tick.label.split(':').map(Number);
      const t = new Date(axis.from).setHours(h!, m!, s!, 0);
      const x = axis.left + ((t - axis.from) / (axis.to - axis.from)) * (axis.right - axis.left);
      expect(Math.abs(tick.x - x), `tick ${tick.label}`).toBeLessThanOrEqual(2);
      expect(Math.abs(axis.grid[k]! - tick.x), `grid line at ${tick.label}`).toBeLessThanOrEqual(1);
      expect(tick.x).toBeGreaterThanOrEqual(axis.left - 1);
      expect(tick.x).toBeLessThanOrEqual(axis.right + 1);
    }
  });

  it('pauses drawing (not ingestion) with Space and counts what came in meanwhile', async () => {
    await page.locator('body').press('Space');
    await page
      .getByTestId('telemetry-paused')
      .filter({ hasText: /paused — [1-9][\d,]* new samples/ })
      .waitFor();
    await page.locator('body').press('Space');
    await page.getByTestId('telemetry-paused').waitFor({ state: 'detached' });
  });

  it('overlays series, hides one, and zooms by dragging', async () => {
    await page.getByRole('button', { name: 'Overlaid' }).click();
    await expect.poll(() => page.getByTestId('telemetry-chart').count()).toBe(1);
    await page.getByRole('checkbox', { name: 'Show randomInt' }).uncheck();
    await page.getByRole('button', { name: 'Stacked' }).click();
    await expect.poll(() => page.getByTestId('telemetry-chart').count()).toBe(3);
    const box = (await page
      .getByTestId('telemetry-chart')
      .first()
      .locator('svg.recharts-surface')
      .boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.85, box.y + box.height / 2, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.95, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await page.getByRole('button', { name: 'Reset zoom' }).click();
    await page.getByRole('checkbox', { name: 'Show randomInt' }).check();
  });

  /** The browser got the very file the core wrote in its recordings folder. */
  const expectDownloadOf = async (download: Download, name: RegExp) => {
    expect(download.suggestedFilename()).toMatch(name);
    const got = join(dir, `got-${download.suggestedFilename()}`);
    await download.saveAs(got);
    expect(readFileSync(got, 'utf8')).toBe(
      readFileSync(join(dir, 'recordings', download.suggestedFilename()), 'utf8'),
    );
  };

  it('records with a REC indicator, and exports CSV and PNG', async () => {
    // Browser mode saves into the bench's own recordings folder, shown (not typed), and downloads each file.
    expect(await page.getByTestId('telemetry-folder').textContent()).toBe(join(dir, 'recordings'));
    await page.getByTestId('telemetry-record').click();
    await page
      .getByTestId('telemetry-rec')
      .filter({ hasText: /REC 00:0\d · run-\d{8}-\d{6}\.ndjson/ })
      .waitFor();
    await screenshot(page, 'telemetry-recording-1280');
    // Seen from every page: REC in the app bar, the file in the status bar; a click on REC comes back here.
    await page.getByRole('navigation', { name: 'Pages' }).getByText('Files', { exact: true }).click();
    await page
      .getByTestId('app-rec')
      .filter({ hasText: /REC 00:0\d/ })
      .waitFor();
    expect(await page.getByTestId('status-recording').textContent()).toMatch(
      /^recording to run-\d{8}-\d{6}\.ndjson$/,
    );
    await screenshot(page, 'recording-from-files-1280');
    await page.getByTestId('app-rec').click();
    await page.getByTestId('page-telemetry').waitFor();
    const recording = page.waitForEvent('download');
    await page.getByTestId('telemetry-record').click();
    await page.getByText(/Recording saved: .*run-.*\.ndjson \([1-9]\d* messages\)/).waitFor();
    await expectDownloadOf(await recording, /^run-\d{8}-\d{6}\.ndjson$/);
    await page.getByTestId('app-rec').waitFor({ state: 'detached' });
    const csv = page.waitForEvent('download');
    await page.getByRole('button', { name: 'CSV' }).click();
    await page.getByText(/Exported [1-9]\d* rows, .* to .*telemetry-.*\.csv/).waitFor();
    await expectDownloadOf(await csv, /^telemetry-.*\.csv$/);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'PNG' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^telemetry-.*\.png$/);
    const saved = join(dir, 'chart.png');
    await file.saveAs(saved);
    expect(existsSync(saved)).toBe(true);
  });

  it('labels marks whole and apart: a disconnect and a connect at once read "disconnect, connect"', async () => {
    await page.getByRole('button', { name: /^1 min$/i }).click(); // back to a live 1-minute window
    await page.locator('[data-testid="telemetry-range"][data-kind="live"]').waitFor();
    const t = Date.now();
    bench.telemetry.pipeline.mark('virtual', { t, kind: 'disconnect', detail: 'the link closed' });
    bench.telemetry.pipeline.mark('virtual', { t: t + 1, kind: 'connect', detail: 'the link opened' });
    const top = page.getByTestId('telemetry-chart').first();
    const labels = top.locator('.recharts-reference-line text');
    const label = labels.filter({ hasText: /^disconnect, connect$/ });
    // Drawn at the window's right edge, it is shown once the window has moved on by a pixel.
    await expect.poll(async () => (await label.boundingBox()) !== null, { timeout: 15_000 }).toBe(true);
    const texts = (await labels.allTextContents()).filter((x) => x !== '');
    expect(texts).toEqual(['disconnect, connect']);
    // Inside the chart, measured label and chart together: the chart redraws as the window moves, and a label
    // read between two draws has no box (it was measured apart once, and read null under load).
    const inside = async () => {
      const box = await label.boundingBox();
      const svg = await top.locator('svg.recharts-surface').boundingBox();
      if (!box || !svg) return 'not drawn';
      return box.x >= svg.x && box.x + box.width <= svg.x + svg.width ? 'inside' : 'outside';
    };
    await expect.poll(inside, { timeout: 15_000 }).toBe('inside');
    await screenshot(page, 'telemetry-marks-1280');
  });
});
