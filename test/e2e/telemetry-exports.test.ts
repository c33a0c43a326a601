/// <reference lib="dom" />
// What the Telemetry page shows and saves is what the board sent: a CSV of a paused view holds exactly that view and
// says its range; overlaid series each have their own axis and hover shows the sample itself; a PNG stands alone
// (title, board, range, series with units). Fed in-process through the pipeline's `ingest`, the path a link uses,
// with values shaped as the firmware sends them (float32 widened to double, e.g. 55.310001373291016).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bench } from '../../src/main/core/bench';
import { float32Text } from '../../src/shared/format/float32';
import { screenshot, screenshotDir } from '../support/browser';
import { openTelemetryPage, type TelemetryPageFixture } from '../support/telemetry-page';

interface Sample {
  readonly t: number;
  readonly junctionTemp: number;
  readonly randomFloat: number;
  readonly randomInt: number;
  readonly uptime: number;
  readonly vbat: number;
}

/** Local hh:mm:ss.mmm, as the hover read-out prints a time. */
function clock(t: number): string {
  const d = new Date(t);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

describe('Telemetry exports and read-outs', () => {
  let bench: Bench;
  let fixture: TelemetryPageFixture;
  let page: Page;
  let timer: ReturnType<typeof setInterval> | undefined;
  const samples: Sample[] = [];

  beforeAll(async () => {
    fixture = await openTelemetryPage('tel-export-');
    ({ bench, page } = fixture);
    // 5 messages a second: few enough that the charts draw every sample (no decimation), so hover finds each one.
    let k = 0;
    timer = setInterval(() => {
      k++;
      const s: Sample = {
        t: Date.now(),
        junctionTemp: 40 + (k % 7),
        randomFloat: Math.fround(((k * 5531) % 10_000) / 100),
        randomInt: (k * 131) % 1001,
        uptime: k,
        vbat: 3 + (k % 5) / 10,
      };
      samples.push(s);
      const { t, ...data } = s;
      bench.telemetry.pipeline.ingest('virtual', {
        t,
        dir: 'rx',
        op: 1,
        data: JSON.stringify({ type: 'telemetry', data }),
      });
    }, 200);
  });
  afterAll(async () => {
    clearInterval(timer);
    await fixture?.close();
  });

  /** Clicks CSV, waits for the page's message and the browser download, and returns the file's text. */
  async function downloadCsv(message: RegExp): Promise<string> {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'CSV' }).click();
    await page.getByText(message).waitFor();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^telemetry-.*\.csv$/);
    return readFileSync((await file.path())!, 'utf8');
  }

  it('exports exactly the paused view, says its range, units in the header and float32 values shortest', async () => {
    await page.getByTestId('telemetry-chart').nth(4).waitFor();
    // An unknown field's unit, given in the series panel, is kept and used everywhere.
    const unit = page.getByRole('textbox', { name: 'Unit of vbat' });
    await unit.fill('V');
    await unit.press('Enter');
    await page.getByTestId('legend-vbat').filter({ hasText: 'vbat (V)' }).waitFor();
    expect(bench.dispatch).toBeDefined();
    expect(
      (
        (await bench.dispatch('settings:get', {}, { transport: 'browser' })) as {
          value: { telemetryUnits: unknown };
        }
      ).value.telemetryUnits,
    ).toEqual({ vbat: 'V' });

    await page.getByTestId('telemetry-pause').click();
    const shown = page.getByTestId('telemetry-range');
    await shown.filter({ hasText: /paused$/ }).waitFor();
    const fromT = Number(await shown.getAttribute('data-from'));
    const toT = Number(await shown.getAttribute('data-to'));
    const rowsShown = Number(/· ([\d,]+) rows ·/.exec((await shown.textContent())!)![1]!.replace(/,/g, ''));
    // Let the board go on for a while: the view stays, the counter says what came in meanwhile.
    await page
      .getByTestId('telemetry-paused')
      .filter({ hasText: /paused — ([6-9]|\d\d+) new samples/ })
      .waitFor();
    expect(samples.at(-1)!.t).toBeGreaterThan(toT);
    await screenshot(page, 'telemetry-paused-1280');

    // What the user gets is the browser download of the file the bench kept in its recordings folder.
    const lines = (await downloadCsv(/Exported \d+ rows, .* to .*telemetry-.*\.csv/))
      .split('\r\n')
      .slice(0, -1);
    expect(lines.slice(0, 5)).toEqual([
      '# NUCLEO-MEM Bench telemetry',
      '# board: Virtual board (127.0.0.1, virtual)',
      `# range: ${new Date(fromT).toISOString()} to ${new Date(toT).toISOString()} (both included; the chart window as shown, paused)`,
      // The count is filled in once the rows are written, in a line of fixed width.
      `# rows: ${rowsShown}`.padEnd(20),
      'time (UTC),junctionTemp (°C),randomFloat,randomInt,uptime (s),vbat (V),marker',
    ]);
    // The marker column last (the board's run's markers, e.g. the bench's "WebSocket open"): compared without it.
    const rows = lines.slice(5).map((r) => r.replace(/,(?:"(?:[^"]|"")*"|[^,"]*)$/, ''));
    const expected = samples.filter((s) => s.t >= fromT && s.t <= toT);
    expect(rows.length).toBe(rowsShown);
    expect(rows).toEqual(
      expected.map(
        (s) =>
          `${new Date(s.t).toISOString()},${s.junctionTemp},${float32Text(s.randomFloat)},${s.randomInt},${s.uptime},${s.vbat}`,
      ),
    );
    // The float32 noise is gone: 55.310001373291016 is written as 55.31.
    expect(rows.every((r) => /^[^,]+,\d+,\d+(\.\d{1,2})?,/.test(r))).toBe(true);
    await page.getByTestId('telemetry-pause').click();
    await shown.filter({ hasText: /live$/ }).waitFor();
  });

  it('exports exactly a zoomed view, and says it was zoomed', async () => {
    const box = (await page
      .getByTestId('telemetry-chart')
      .first()
      .locator('svg.recharts-surface')
      .boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.97, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    const shown = page.getByTestId('telemetry-range');
    await shown.filter({ hasText: /zoomed in$/ }).waitFor();
    const fromT = Number(await shown.getAttribute('data-from'));
    const toT = Number(await shown.getAttribute('data-to'));
    const lines = (await downloadCsv(/Exported \d+ rows, .* to .*telemetry-.*\.csv/))
      .split('\r\n')
      .slice(0, -1);
    expect(lines[2]).toBe(
      `# range: ${new Date(fromT).toISOString()} to ${new Date(toT).toISOString()} (both included; the chart window as shown, zoomed in)`,
    );
    const expected = samples
      .filter((s) => s.t >= fromT && s.t <= toT)
      .map((s) => new Date(s.t).toISOString());
    expect(expected.length).toBeGreaterThan(0);
    expect(lines.slice(5).map((l) => l.split(',')[0])).toEqual(expected);
    await page.getByRole('button', { name: 'Reset zoom' }).click();
    await shown.filter({ hasText: /live$/ }).waitFor();
  });

  it('overlaid, draws each series against its own coloured axis and hover reads the sample itself', async () => {
    await page.getByRole('button', { name: 'Overlaid' }).click();
    await expect.poll(() => page.getByTestId('telemetry-chart').count()).toBe(1);
    const chart = page.getByTestId('telemetry-chart');
    await expect.poll(() => chart.locator('.recharts-yAxis').count()).toBe(5);
    expect(await chart.locator('.recharts-yAxis.yAxis').evaluateAll((els) => els.length)).toBe(5);
    // randomInt's own axis spans its own values (up to ~1000), not junctionTemp's 40–46.
    const intAxis = chart.locator('.recharts-yAxis').filter({ hasText: 'randomInt' });
    const ticks = (await intAxis.locator('.recharts-cartesian-axis-tick-value').allTextContents()).map(
      Number,
    );
    expect(Math.max(...ticks)).toBeGreaterThan(500);
    await page.getByTestId('telemetry-pause').click();
    await page
      .getByTestId('telemetry-range')
      .filter({ hasText: /paused$/ })
      .waitFor();
    await screenshot(page, 'telemetry-overlaid-1280');

    const box = (await chart.locator('svg.recharts-surface').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.5);
    const tip = page.locator('.recharts-tooltip-wrapper');
    await tip.locator('.recharts-tooltip-item').first().waitFor();
    const label = (await tip.locator('.recharts-tooltip-label').textContent())!;
    const sample = samples.find((s) => clock(s.t) === label);
    expect(sample, `a sample at ${label}`).toBeDefined();
    const items = await tip
      .locator('.recharts-tooltip-item')
      .evaluateAll((els) =>
        els.map((e) => [
          e.querySelector('.recharts-tooltip-item-name')?.textContent,
          e.querySelector('.recharts-tooltip-item-value')?.textContent,
        ]),
      );
    expect(Object.fromEntries(items)).toEqual({
      junctionTemp: `${sample!.junctionTemp} °C`,
      randomFloat: float32Text(sample!.randomFloat),
      randomInt: String(sample!.randomInt),
      uptime: `${sample!.uptime} s`,
      vbat: `${sample!.vbat} V`,
    });
    await screenshot(page, 'telemetry-overlaid-hover-1280');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await expect.poll(() => chart.locator('.recharts-yAxis').count()).toBe(5);
    await screenshot(page, 'telemetry-overlaid-1920');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('saves a PNG that says what it shows: title, board, range, series and units', async () => {
    for (const layout of ['Overlaid', 'Stacked'] as const) {
      await page.getByRole('button', { name: layout }).click();
      await expect.poll(() => page.getByTestId('telemetry-chart').count()).toBe(layout === 'Stacked' ? 5 : 1);
      // A marker of the board's run (as the core pushes one) is drawn with its note.
      bench.hub.emit('runs:marker', {
        boardId: 'virtual',
        t: Date.now() - 5000,
        note: `${layout} probe`,
        source: 'user',
        kind: 'marker',
      });
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'PNG' }).click();
      await page.getByText(/^Downloaded telemetry-.*\.png \([1-9]\d* markers? drawn\)\.$/).waitFor();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/^telemetry-.*\.png$/);
      const saved = join(screenshotDir, `telemetry-export-${layout.toLowerCase()}.png`);
      await file.saveAs(saved);
      const png = readFileSync(saved);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      // Taller than the charts alone: the header and footer are in it.
      const chartsH = (await page.getByTestId('telemetry-charts').boundingBox())!.height;
      expect(png.readUInt32BE(20)).toBeGreaterThan(chartsH + 60);
    }
  });
});
