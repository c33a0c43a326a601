/// <reference lib="dom" />
// One board per page, the Telemetry page: three boards with different telemetry rates are watched at once; at each
// stop of the tour A→B→C→A the page's title names the focused board and the charts hold that board's samples
// only (its rate, never the sum of several). Then a board process is stopped while shown: the live window keeps
// moving with the clock, says that no data comes, and its marks' labels stay whole and apart.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import {
  BOARDS,
  focusBoard,
  openPage,
  openWithThreeBoards,
  useThreeBoards,
  titleNames,
  TOUR,
  type BoardName,
} from '../support/three-boards';

/** Samples a second each board sends, and how far from it the page may read it. */
const RATE: Record<BoardName, { lo: number; hi: number }> = {
  'Virtual board': { lo: 0.8, hi: 1.2 }, // 1 a second
  'Bench B': { lo: 4, hi: 6 }, // every 200 ms
  'Bench C': { lo: 1.25, hi: 1.65 }, // every 700 ms
};

/** The rate the Telemetry page states (samples a second over its last 10 s). */
const rateOf = async (page: Page) =>
  Number(await page.getByTestId('telemetry-rate').getAttribute('data-rate'));

/** The value axis tick labels of the chart of series `name`. */
const yTicks = (page: Page, name: string) =>
  page
    .getByTestId('telemetry-chart')
    .filter({ has: page.getByTestId(`legend-${name}`) })
    .locator('.recharts-yAxis .recharts-cartesian-axis-tick text')
    .allTextContents();

/** The live window's end (ms since the epoch) and what the caption says. */
async function range(page: Page): Promise<{ to: number; text: string }> {
  const el = page.getByTestId('telemetry-range');
  return { to: Number(await el.getAttribute('data-to')), text: (await el.textContent()) ?? '' };
}

/** The top chart's visible mark labels: their text and boxes, and the chart's box. */
function markLabels(page: Page) {
  return page.evaluate(() => {
    const svg = document.querySelector('[data-testid="telemetry-chart"] svg.recharts-surface')!;
    const box = svg.getBoundingClientRect();
    const labels = Array.from(svg.querySelectorAll('.recharts-reference-line text'))
      .filter((el) => getComputedStyle(el).visibility !== 'hidden' && (el.textContent ?? '') !== '')
      .map((el) => {
        const r = el.getBoundingClientRect();
        return { text: el.textContent ?? '', left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      });
    return { svg: { left: box.left, right: box.right }, labels };
  });
}

describe('one board per page: Telemetry', () => {
  const t = useThreeBoards();
  let page: Page;

  beforeAll(async () => {
    page = await openWithThreeBoards(t);
  }, 120_000);

  it("names the focused board at each stop and charts that board's samples only", async () => {
    for (const [k, name] of TOUR.entries()) {
      await focusBoard(page, name, k % 2 === 0 ? 'selector' : 'lab');
      await openPage(page, 'telemetry');
      const title = await titleNames(page, name);
      for (const other of BOARDS) if (other !== name) expect(title).not.toContain(other);
      await page.getByTestId('telemetry-chart').nth(3).waitFor({ timeout: 30_000 });
      // The rate of this board alone: another board's samples mixed in would add theirs.
      const { lo, hi } = RATE[name];
      await expect
        .poll(() => rateOf(page), { timeout: 30_000, message: `${name}'s rate` })
        .toSatisfy((r: number) => r >= lo && r <= hi);
      // Whole-valued fields (whole °C, the uptime in seconds) get whole ticks.
      for (const field of ['junctionTemp', 'uptime']) {
        const ticks = await yTicks(page, field);
        expect(ticks.length, `${field} ticks`).toBeGreaterThanOrEqual(2);
        for (const tick of ticks) expect(Number.isInteger(Number(tick.replace(/,/g, ''))), tick).toBe(true);
      }
      await screenshot(page, `one-board-telemetry-${k}-${name.replace(/\s+/g, '-').toLowerCase()}-1280`);
    }
    const small = await t.app.open({ width: 800, height: 600 });
    await openPage(small, 'telemetry');
    await titleNames(small, 'Virtual board');
    await small.getByTestId('telemetry-chart').first().waitFor({ timeout: 30_000 });
    await screenshot(small, 'one-board-telemetry-virtual-board-800');
    await small.close();
  });

  it('keeps the live window moving with the clock while the board is down, and says no data comes', async () => {
    await focusBoard(page, 'Bench C', 'selector');
    await openPage(page, 'telemetry');
    await titleNames(page, 'Bench C');
    await page.getByTestId('telemetry-chart').first().waitFor({ timeout: 30_000 });
    await t.c.stop();
    const stoppedAt = Date.now();
    // The disconnect mark's label is whole, inside the chart, and no label lies over another.
    await expect
      .poll(async () => (await markLabels(page)).labels.map((l) => l.text).join(' | '), { timeout: 30_000 })
      .toMatch(/disconnect/);
    const { svg, labels } = await markLabels(page);
    for (const l of labels) {
      expect(l.text).toMatch(
        /^(reboot|gap|connect|disconnect|stale)(, (reboot|gap|connect|disconnect|stale))*$/,
      );
      expect(l.left, l.text).toBeGreaterThanOrEqual(svg.left - 0.5);
      expect(l.right, l.text).toBeLessThanOrEqual(svg.right + 0.5);
    }
    for (const a of labels)
      for (const b of labels) {
        if (a === b) continue;
        const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
        expect(apart, `${a.text} / ${b.text}`).toBe(true);
      }

    await page
      .getByTestId('telemetry-range')
      .filter({ hasText: /live · no data for \d+ s/ })
      .waitFor({ timeout: 30_000 });
    // The window's end keeps up with the clock (the core and this test read the same one) while nothing arrives.
    await expect
      .poll(async () => (await range(page)).to, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(stoppedAt + 8_000);
    const later = await range(page);
    const silent = Number(/no data for (\d+) s/.exec(later.text)?.[1]);
    expect(silent).toBeGreaterThanOrEqual(8);
    await screenshot(page, 'one-board-telemetry-board-down-1280');
  });
});
