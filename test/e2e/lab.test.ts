/// <reference lib="dom" />
// Issue 14's "Done means": three boards watched at once (the in-app virtual board and two `npm run board` processes
// added as real boards); each keeps its history while another is shown; stopping one marks only it; the Lab page
// lists all three.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppFixture } from '../support/app';
import { screenshot } from '../support/browser';
import type { CliProcess } from '../support/processes';
import { addRealBoard, portsOf, startBoardProcess, type BoardReady } from '../support/real-board';

/** Matches the whole text `name`, not a longer name that starts with it ("Virtual board 2"). */
const exactly = (name: string) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** The Lab page's line of a board. */
const line = (page: Page, name: string): Locator =>
  page
    .getByTestId('watched-boards')
    .locator('[data-focused]')
    .filter({ has: page.getByTestId('session-name').filter({ hasText: exactly(name) }) });

const wsTone = (l: Locator) => l.getByTestId('session-ws').getAttribute('data-tone');

/** The Telemetry page's received count. */
async function received(page: Page): Promise<number> {
  const text = (await page.getByTestId('telemetry-counts').textContent()) ?? '';
  const m = /([\d,]+) received/.exec(text);
  return m ? Number(m[1]!.replace(/,/g, '')) : 0;
}

/** The Lab line's received count. */
async function lineReceived(l: Locator): Promise<number> {
  const m = /([\d,]+) received/.exec((await l.getByTestId('session-figures').textContent()) ?? '');
  return m ? Number(m[1]!.replace(/,/g, '')) : 0;
}

const openLab = (page: Page) => page.getByTestId('nav-lab').click();
const openTelemetry = async (page: Page) => {
  await page.keyboard.press('Control+2');
  await page.getByTestId('telemetry-counts').waitFor();
};

describe('Lab page: several boards watched at once', () => {
  let app: AppFixture;
  let b: CliProcess<BoardReady>;
  let c: CliProcess<BoardReady>;
  beforeAll(async () => {
    [app, b, c] = await Promise.all([startApp(), startBoardProcess(), startBoardProcess()]);
  });
  afterAll(async () => {
    await b?.stop();
    await c?.stop();
    await app?.close();
  });

  it('lists three watched boards, keeps each history while another is shown, and marks only the one stopped', async () => {
    const page = await app.open();
    await page
      .getByTestId('board-selector')
      .filter({ hasText: /virtual/i })
      .waitFor();

    // The virtual board, shown at start, is kept; then each added board is kept before the next is added.
    await openLab(page);
    await line(page, 'Virtual board').getByTestId('session-keep').click();
    await line(page, 'Virtual board').getByTestId('session-unwatch').waitFor();
    await addRealBoard(page, 'Bench B', portsOf(b.ready));
    await line(page, 'Bench B').getByTestId('session-keep').click();
    await line(page, 'Bench B').getByTestId('session-unwatch').waitFor();
    await addRealBoard(page, 'Bench C', portsOf(c.ready));
    await line(page, 'Bench C').getByTestId('session-keep').click();

    // All three are listed, connected and sending, with values and a figure of the memory they take.
    for (const name of ['Virtual board', 'Bench B', 'Bench C']) {
      const l = line(page, name);
      await l.locator('[data-testid="session-ws"][data-tone="ok"]').waitFor({ timeout: 15_000 });
      await l.getByTestId('session-value-junctionTemp').waitFor();
      await l
        .getByTestId('session-figures')
        .filter({ hasText: /history: [\d,]+ samples? \([\d.]+ [KM]?B\) in [\d.]+ [KM]?B set aside/ })
        .waitFor();
    }
    expect(await page.getByTestId('watched-boards').locator('[data-focused]').count()).toBe(3);
    await page
      .getByTestId('sessions-memory')
      .filter({ hasText: /core memory [\d.]+ MB/ })
      .waitFor();
    expect(await line(page, 'Bench C').getAttribute('data-focused')).toBe('true');

    // Bench B's chart keeps its history while Bench C is shown: its count shown later includes what came meanwhile.
    await line(page, 'Bench B').getByTestId('session-show').click();
    await page.getByTestId('board-selector').filter({ hasText: 'Bench B' }).waitFor();
    await openTelemetry(page);
    await page.waitForFunction(() =>
      /[1-9][\d,]* received/.test(
        document.querySelector('[data-testid="telemetry-counts"]')?.textContent ?? '',
      ),
    );
    const shownBefore = await received(page);
    await openLab(page);
    await line(page, 'Bench C').getByTestId('session-show').click();
    await page.getByTestId('board-selector').filter({ hasText: 'Bench C' }).waitFor();
    const bLine = line(page, 'Bench B');
    const bAtLeave = await lineReceived(bLine);
    // Bench B keeps receiving while not shown (about 5 telemetry messages a second).
    await page.waitForFunction(
      (n: number) => {
        const lines = Array.from(
          document.querySelectorAll('[data-testid="watched-boards"] [data-focused="false"]'),
        );
        const el = lines.find(
          (e) => e.querySelector('[data-testid="session-name"]')?.textContent === 'Bench B',
        );
        const m = /([\d,]+) received/.exec(
          el?.querySelector('[data-testid="session-figures"]')?.textContent ?? '',
        );
        return m !== null && Number(m[1]!.replace(/,/g, '')) >= n + 10;
      },
      bAtLeave,
      { timeout: 15_000 },
    );
    const grewWhileHidden = (await lineReceived(bLine)) - bAtLeave;
    await bLine.getByTestId('session-show').click();
    await page.getByTestId('board-selector').filter({ hasText: 'Bench B' }).waitFor();
    await openTelemetry(page);
    await page.waitForFunction(
      (n: number) => {
        const m = /([\d,]+) received/.exec(
          document.querySelector('[data-testid="telemetry-counts"]')?.textContent ?? '',
        );
        return m !== null && Number(m[1]!.replace(/,/g, '')) >= n;
      },
      shownBefore + grewWhileHidden - 2,
    );
    expect(await received(page)).toBeGreaterThanOrEqual(shownBefore + grewWhileHidden - 2);
    await page.getByTestId('telemetry-chart').first().waitFor();
    await screenshot(page, 'lab-bench-b-history');

    // Stopping Bench C's process marks only Bench C.
    await openLab(page);
    expect(await c.stop()).toBe(0);
    await line(page, 'Bench C')
      .locator('[data-testid="session-ws"]:not([data-tone="ok"])')
      .waitFor({ timeout: 15_000 });
    expect(await wsTone(line(page, 'Bench B'))).toBe('ok');
    expect(await wsTone(line(page, 'Virtual board'))).toBe('ok');
    // Its last values stay, dimmed and called stale; the live boards' values are not.
    await line(page, 'Bench C').locator('[data-stale="true"]').first().waitFor();
    await line(page, 'Bench C')
      .getByTestId('session-figures')
      .filter({ hasText: 'stale: last telemetry' })
      .waitFor();
    expect(await line(page, 'Bench B').locator('[data-stale="true"]').count()).toBe(0);
    await screenshot(page, 'lab-three-boards');
  });

  it('adds a second virtual board from the Lab page, watched, and the Board page drives the one shown', async () => {
    const page = await app.open();
    await openLab(page);
    // The first virtual board is kept, so it stays connected while the added one is shown.
    const first = line(page, 'Virtual board');
    await first.waitFor();
    if (await first.getByTestId('session-keep').count()) await first.getByTestId('session-keep').click();
    await first.getByTestId('session-unwatch').waitFor();
    await page.getByTestId('watch-add-virtual').click();
    const two = line(page, 'Virtual board 2');
    await two.locator('[data-testid="session-ws"][data-tone="ok"]').waitFor({ timeout: 15_000 });
    await two.getByTestId('session-value-junctionTemp').waitFor();
    // Adding it from the Lab page leaves the other pages on the board they showed.
    expect(await two.getAttribute('data-focused')).toBe('false');
    expect(await wsTone(line(page, 'Virtual board'))).toBe('ok');

    await two.getByTestId('session-show').click();
    await page.getByTestId('board-selector').filter({ hasText: 'Virtual board 2' }).waitFor();
    await page.getByTestId('nav-board').click();
    await page.locator('[data-testid="board-page"][data-board-id="virtual-2"]').waitFor();
    await page.getByTestId('shown-board').filter({ hasText: 'Board · Virtual board 2' }).waitFor();
    const endpoint = page.getByTestId('endpoint-ws').filter({ hasText: /ws:\/\/127\.0\.0\.1:\d+/ });
    const wsOf = async () => (await endpoint.textContent())?.trim();
    await endpoint.waitFor();
    const twoPort = await wsOf();
    await screenshot(page, 'lab-virtual-board-2');
    // The selector lists both virtual boards, each of which can be removed like any board.
    await page.getByTestId('board-selector').click();
    await page.getByTestId('board-option-virtual-2').getByLabel('Remove Virtual board 2').waitFor();
    await page.getByTestId('board-option-virtual').getByLabel('Remove Virtual board').waitFor();
    // The menu's grow-in transition finished, so the picture is of the menu as the user reads it.
    await page
      .getByRole('menu')
      .evaluate((el) =>
        Promise.all((el.closest('.MuiPaper-root') ?? el).getAnimations().map((a) => a.finished)),
      );
    await screenshot(page, 'board-selector-two-virtual');
    await page.keyboard.press('Escape');

    await openLab(page);
    await line(page, 'Virtual board').getByTestId('session-show').click();
    await page
      .locator('[data-testid="board-selector"][aria-label="Board: Virtual board · 127.0.0.1"]')
      .waitFor();
    await page.getByTestId('nav-board').click();
    await page.locator('[data-testid="board-page"][data-board-id="virtual"]').waitFor();
    await page
      .getByTestId('shown-board')
      .filter({ hasText: /Board · Virtual board(?! \d)/ })
      .waitFor();
    expect(twoPort).toBeDefined();
    expect(await wsOf()).not.toBe(twoPort);
  });
});
