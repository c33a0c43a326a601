/// <reference lib="dom" />
// An `npm run board` process added as a real-board profile: the Memory and Board pages say which board they show
// (and show no other board's figures), a board's chart history survives switching away and back, values go dim
// with their age when the board stops talking, and FTP follows the WebSocket back within 2 s.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppFixture } from '../support/app';
import { screenshot } from '../support/browser';
import { tempDir, type CliProcess } from '../support/processes';
import { addRealBoard, portsOf, startBoardProcess, type BoardReady } from '../support/real-board';

const chip = (page: Page, wire: string, word: string | RegExp) =>
  page.getByTestId('link-chips').getByTestId(`chip-${wire}`).filter({ hasText: word });

async function goTo(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Pages' }).getByText(name, { exact: true }).click();
}

async function selectBoard(page: Page, option: string, selectorText: RegExp): Promise<void> {
  await page.getByTestId('board-selector').click();
  await page.getByTestId(`board-option-${option}`).click();
  await page.getByRole('menu').waitFor({ state: 'detached' });
  await page.getByTestId('board-selector').filter({ hasText: selectorText }).waitFor();
}

/** The uptime series' figures over the visible window of the Telemetry page: sample count and minimum. */
async function uptimeStats(page: Page): Promise<{ n: number; min: number } | undefined> {
  const text = (await page.getByTestId('series-uptime').textContent()) ?? '';
  const n = /· n ([\d,]+)/.exec(text);
  const min = /min ([\d.,-]+)/.exec(text);
  return n && min
    ? { n: Number(n[1]!.replace(/,/g, '')), min: Number(min[1]!.replace(/,/g, '')) }
    : undefined;
}

/** Waits until the uptime series holds `n` samples or more, with a minimum other than `minNot` when given. */
async function waitUptime(
  page: Page,
  test: { n?: number; minNot?: number },
): Promise<{ n: number; min: number }> {
  try {
    await page.waitForFunction((want: { n?: number; minNot?: number }) => {
      const text = document.querySelector('[data-testid="series-uptime"]')?.textContent ?? '';
      const n = /· n ([\d,]+)/.exec(text);
      const min = /min ([\d.,-]+)/.exec(text);
      if (!n || !min) return false;
      const s = { n: Number(n[1]!.replace(/,/g, '')), min: Number(min[1]!.replace(/,/g, '')) };
      return s.n >= (want.n ?? 0) && s.min !== want.minNot;
    }, test);
  } catch (err) {
    await screenshot(page, 'real-board-uptime-timeout');
    throw new Error(
      `uptime series never matched ${JSON.stringify(test)}; last ${JSON.stringify(await uptimeStats(page))}`,
      {
        cause: err,
      },
    );
  }
  return (await uptimeStats(page))!;
}

describe('a real board (an `npm run board` process) on every page', () => {
  let app: AppFixture;
  let board: CliProcess<BoardReady>;
  const emmc = tempDir('real-board-emmc-');
  beforeAll(async () => {
    [app, board] = await Promise.all([startApp(), startBoardProcess(emmc)]);
  });
  afterAll(async () => {
    board?.child.kill('SIGCONT');
    await board?.stop();
    await app?.close();
  });

  it('labels pages with the board they show, keeps its history, dims stale values, and re-probes FTP', async () => {
    const ports = portsOf(board.ready);
    const page = await app.open();
    await page
      .getByTestId('board-selector')
      .filter({ hasText: /virtual/i })
      .waitFor();
    await chip(page, 'ws', 'open').waitFor();

    await addRealBoard(page, 'Bench R', ports);
    await chip(page, 'ws', 'open').waitFor();
    await chip(page, 'ftp', 'open').waitFor();

    // Memory: this board sends no pool-status, so no live figures, and nothing of the in-app board.
    await goTo(page, 'Memory');
    await page.getByTestId('shown-board').filter({ hasText: 'Bench R' }).waitFor();
    const banner = page.locator('[data-testid="pools-state"][data-state="none"]');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/Bench R does not report its pools/);
    await page
      .getByTestId('pools-card')
      .filter({ hasText: 'Pools · firmware as built (no live figures)' })
      .waitFor();
    expect(await page.getByTestId('pools-card').textContent()).not.toMatch(/virtual/i);
    expect(await page.getByTestId('pool-ws-figures').textContent()).not.toMatch(/in use/);
    await page.getByText('Region map · firmware as built').waitFor();
    await page.mouse.move(640, 20);
    await screenshot(page, 'real-board-memory');

    // Frames and Files name the board they show too.
    await goTo(page, 'Frames');
    const framesTitle = page.getByTestId('shown-board').filter({ hasText: 'Frames · Bench R' });
    await framesTitle.waitFor();
    expect(await framesTitle.textContent()).toContain('127.0.0.1');
    expect(await framesTitle.textContent()).not.toMatch(/virtual/);
    await goTo(page, 'Files');
    await page.getByTestId('files-board').filter({ hasText: 'Files · Bench R' }).waitFor();
    expect(await page.getByTestId('files-board').textContent()).not.toMatch(/virtual/);
    await screenshot(page, 'real-board-files');

    // Board page: it names the real board and says what it offers for it (it drives no other board).
    await goTo(page, 'Board');
    await page.getByTestId('shown-board').filter({ hasText: 'Board · Bench R' }).waitFor();
    const real = page.getByTestId('board-real');
    expect(await real.textContent()).toMatch(/Bench R is a real board/);
    expect(await page.getByTestId('vboard-start').count()).toBe(0);
    await screenshot(page, 'real-board-board-page');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'real-board-board-page-1920');
    await goTo(page, 'Memory');
    await page.getByTestId('shown-board').filter({ hasText: 'Bench R' }).waitFor();
    await screenshot(page, 'real-board-memory-1920');
    await page.setViewportSize({ width: 1280, height: 800 });

    // History: samples of Bench R, a switch to the virtual board and back; the earlier samples are still charted.
    await goTo(page, 'Telemetry');
    const before = await waitUptime(page, { n: 15 });
    await selectBoard(page, 'virtual', /virtual/i);
    await chip(page, 'ws', 'open').waitFor();
    await waitUptime(page, { minNot: before.min });
    await selectBoard(page, 'Bench R', /Bench R/);
    await page.getByTestId('shown-board').filter({ hasText: 'Telemetry · Bench R' }).waitFor();
    const after = await waitUptime(page, { n: before.n + 3 });
    expect(after.min).toBe(before.min);
    await screenshot(page, 'real-board-history-kept');

    // Stale: the board freezes (socket open, nothing arrives); the values dim and say their age.
    await goTo(page, 'Dashboard');
    await page.locator('[data-testid="dash-telemetry-state"][data-state="live"]').waitFor();
    board.child.kill('SIGSTOP');
    await chip(page, 'ws', 'stale').waitFor();
    const line = page.locator('[data-testid="dash-telemetry-state"][data-state="stale"]');
    await line.waitFor();
    expect(await line.textContent()).toMatch(/^No telemetry for \d/);
    await page
      .getByTestId('tele-junctionTemp-age')
      .filter({ hasText: / s ago$/ })
      .waitFor();
    const opacity = await page
      .getByTestId('tele-junctionTemp-value')
      .evaluate((el) => Number(getComputedStyle(el).opacity));
    expect(opacity).toBeLessThan(0.6);
    expect(await page.getByTestId('led-yellow').getAttribute('data-fresh')).toBe('stale');
    expect(await page.getByTestId('links-card').textContent()).not.toMatch(/Receiving telemetry/);
    expect(await page.getByTestId('status-uptime').textContent()).toMatch(/\(last known\)$/);
    await screenshot(page, 'real-board-stale-dashboard');
    await goTo(page, 'Telemetry');
    // The mark on the time axis where the link went stale, and the line broken there.
    await page.getByTestId('telemetry-chart').first().waitFor();
    await screenshot(page, 'real-board-stale-chart');
    await page
      .locator('[data-testid="telemetry-chart"] .recharts-reference-line', { hasText: 'stale' })
      .first()
      .waitFor();
    await screenshot(page, 'real-board-stale-chart');

    // The board goes away (FTP refused), then comes back on the same ports: FTP follows the WebSocket at once.
    board.child.kill('SIGCONT');
    expect(await board.stop()).toBe(0);
    await chip(page, 'ws', /retrying/).waitFor();
    await chip(page, 'ftp', /failed/).waitFor();
    board = await startBoardProcess(emmc, ports);
    await chip(page, 'ws', 'open').waitFor({ timeout: 20_000 });
    const wsOpenAt = Date.now();
    await chip(page, 'ftp', 'open').waitFor({ timeout: 2000 });
    const ftpLagMs = Date.now() - wsOpenAt;
    expect(ftpLagMs).toBeLessThan(2000);
    console.log(JSON.stringify({ ftpLagMs }));
  });
});
