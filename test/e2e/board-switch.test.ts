/// <reference lib="dom" />
// The "Done means": switch between the in-app virtual board and a second virtual board run by `npm run board`
// (added as a real-board profile through the dialog), with live charts and LED round trips on each; the board going
// silent, then away, then back; and another client holding the board's single WebSocket slot, told in words.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppFixture } from '../support/app';
import { screenshot } from '../support/browser';
import { tempDir, type CliProcess } from '../support/processes';
import { addRealBoard, portsOf, startBoardProcess, type BoardReady } from '../support/real-board';
import { RawWs } from '../support/raw-ws';
import { until } from '../support/wait';

/** The Telemetry page's received count. */
async function received(page: Page): Promise<number> {
  const text = (await page.getByTestId('telemetry-counts').textContent()) ?? '';
  const m = /([\d,]+) received/.exec(text);
  return m ? Number(m[1]!.replace(/,/g, '')) : 0;
}

/** On the Telemetry page, the received count grows and the first chart's line is redrawn with new points. */
async function chartsMove(page: Page): Promise<void> {
  await page.keyboard.press('Control+2');
  await page.getByTestId('telemetry-chart').first().waitFor();
  const before = await received(page);
  const path = () =>
    page.evaluate(
      () =>
        document.querySelector('[data-testid="telemetry-chart"] .recharts-line path')?.getAttribute('d') ??
        '',
    );
  const d0 = await path();
  await page.waitForFunction((n: number) => {
    const m = /([\d,]+) received/.exec(
      document.querySelector('[data-testid="telemetry-counts"]')?.textContent ?? '',
    );
    return m !== null && Number(m[1]!.replace(/,/g, '')) >= n + 3;
  }, before);
  await page.waitForFunction((d: string) => {
    const now =
      document.querySelector('[data-testid="telemetry-chart"] .recharts-line path')?.getAttribute('d') ?? '';
    return now !== '' && now !== d;
  }, d0);
  await page.keyboard.press('Control+1');
  await page.getByTestId('dashboard').waitFor();
}

/** Clicks the yellow LED's toggle and waits for the board's led-status to show the new state. */
async function toggleYellow(page: Page): Promise<'on' | 'off'> {
  const from = await page.getByTestId('led-yellow').getAttribute('data-state');
  const to = from === 'on' ? 'off' : 'on';
  await page.getByTestId('led-yellow-toggle').click();
  await page.locator(`[data-testid="led-yellow"][data-state="${to}"]`).waitFor();
  return to;
}

async function selectBoard(page: Page, option: string, selectorText: RegExp): Promise<void> {
  await page.getByTestId('board-selector').click();
  await page.getByTestId(`board-option-${option}`).click();
  await page.getByRole('menu').waitFor({ state: 'detached' });
  await page.getByTestId('board-selector').filter({ hasText: selectorText }).waitFor();
}

const wsChip = (page: Page, word: string | RegExp) =>
  page.getByTestId('link-chips').getByTestId('chip-ws').filter({ hasText: word });

describe('switching between the in-app virtual board and an `npm run board` process', () => {
  let app: AppFixture;
  let board: CliProcess<BoardReady>;
  let raw: RawWs | undefined;
  const emmc = tempDir('board-switch-emmc-');
  beforeAll(async () => {
    [app, board] = await Promise.all([startApp(), startBoardProcess(emmc)]);
  });
  afterAll(async () => {
    raw?.destroy();
    board?.child.kill('SIGCONT');
    await board?.stop();
    await app?.close();
  });

  it('switches there and back with live charts and LEDs, survives the board going away, and names a held slot', async () => {
    const ports = portsOf(board.ready);
    const page = await app.open();

    // 1. The in-app virtual board, selected by default, is live.
    await page
      .getByTestId('board-selector')
      .filter({ hasText: /virtual/i })
      .waitFor();
    await wsChip(page, 'open').waitFor();
    await chartsMove(page);
    expect(await toggleYellow(page)).toBe('on');

    // 2. The `npm run board` process, added as a real board through the dialog.
    await addRealBoard(page, 'Bench B', ports);
    await wsChip(page, 'open').waitFor();
    await page.getByTestId('link-chips').getByTestId('chip-http').filter({ hasText: 'open' }).waitFor();
    // Its own LED state (off), not the virtual board's (on).
    await page.locator('[data-testid="led-yellow"][data-state="off"]').waitFor();
    expect(await toggleYellow(page)).toBe('on');
    await until(() => board.stderr().includes('WS: Yellow LED ON'), 'the UART line of the LED command', 5000);
    await chartsMove(page);
    await screenshot(page, 'board-switch-npm-board');

    // 3. Back to the virtual board: its LED is as we left it, and it still answers.
    await selectBoard(page, 'virtual', /virtual/i);
    await wsChip(page, 'open').waitFor();
    await page.locator('[data-testid="led-yellow"][data-state="on"]').waitFor();
    expect(await toggleYellow(page)).toBe('off');
    await chartsMove(page);
    await screenshot(page, 'board-switch-back-to-virtual');

    // 4. Bench B again; it freezes (a hung board: the socket stays open, nothing arrives) → stale; it stops → retrying.
    await selectBoard(page, 'Bench B', /Bench B/);
    await wsChip(page, 'open').waitFor();
    await page.locator('[data-testid="led-yellow"][data-state="on"]').waitFor();
    board.child.kill('SIGSTOP');
    await wsChip(page, 'stale').waitFor();
    await screenshot(page, 'board-switch-stale');
    board.child.kill('SIGCONT');
    expect(await board.stop()).toBe(0);
    await wsChip(page, /retrying/).waitFor();
    expect(await page.getByTestId('link-chips').getByTestId('chip-ws').getAttribute('aria-label')).toMatch(
      /refused the connection|reset the connection|dropped/,
    );
    await screenshot(page, 'board-switch-retrying');

    // 5. It comes back on the same ports: the app reconnects by itself.
    board = await startBoardProcess(emmc, ports);
    expect(portsOf(board.ready).ws).toBe(ports.ws);
    await wsChip(page, 'open').waitFor({ timeout: 20_000 });
    await page.waitForFunction(() =>
      /^\d+$/.test(document.querySelector('[data-testid="tele-junctionTemp-value"]')?.textContent ?? ''),
    );

    // 6. Another client holds the board's single WebSocket slot before the app connects.
    await selectBoard(page, 'virtual', /virtual/i);
    await wsChip(page, 'open').waitFor();
    raw = new RawWs(ports.ws);
    await raw.open(); // waits for the 101 and the first led-status: the slot is ours
    await selectBoard(page, 'Bench B', /Bench B/);
    const chip = page.getByTestId('link-chips').getByTestId('chip-ws');
    await page.waitForFunction(() =>
      /did not answer the WebSocket upgrade/.test(
        document
          .querySelector('[data-testid="link-chips"] [data-testid="chip-ws"]')
          ?.getAttribute('aria-label') ?? '',
      ),
    );
    expect(await chip.getAttribute('aria-label')).toMatch(
      /accepted the connection but did not answer the WebSocket upgrade within 5 s — another client probably holds its single WebSocket connection/,
    );
    await chip.hover();
    await page.getByRole('tooltip').filter({ hasText: 'another client probably holds' }).waitFor();
    await page.waitForFunction(() => {
      const tip = document.querySelector('[role="tooltip"]');
      return tip !== null && getComputedStyle(tip).opacity === '1';
    });
    await screenshot(page, 'board-switch-slot-held');
    await page.mouse.move(640, 600);

    // The other client lets go: the app gets the slot.
    raw.destroy();
    raw = undefined;
    await wsChip(page, 'open').waitFor({ timeout: 25_000 });
    await page.locator('[data-testid="led-yellow"][data-state]').waitFor();
  });
});
