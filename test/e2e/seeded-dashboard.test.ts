/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, screenshot } from '../support/browser';
import { startCli, tempDir, type CliProcess } from '../support/processes';

type Ready = { ws: string; http: string; ftp: string; emmc: string };

describe("the board's own web dashboard, served by the virtual board", () => {
  let board: CliProcess<Ready>;
  let browser: Browser;
  beforeAll(async () => {
    board = await startCli<Ready>([
      'board',
      '--ws-port',
      '0',
      '--http-port',
      '0',
      '--ftp-port',
      '0',
      '--emmc',
      tempDir('seeded-emmc-'),
      '--boot-ms',
      '0',
      '--telemetry-ms',
      '300',
    ]);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await board?.stop();
  });

  it('loads from the eMMC over HTTP, shows live telemetry and toggles an LED against the firmware profile', async () => {
    const wsPort = new URL(board.ready.ws).port;
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${board.ready.http}/?ws=${wsPort}`);
    // Telemetry arrives: the temperature tile shows one decimal, as the firmware's own page does.
    await page.waitForFunction(
      () => /^\d+\.\d$/.test(document.getElementById('tTemp')?.textContent ?? ''),
      undefined,
      { timeout: 15_000 },
    );
    await page.waitForFunction(() => !(document.getElementById('btnYellow') as HTMLButtonElement).disabled);
    await page.click('#btnYellow');
    // The page changes only when led-status comes back from the board.
    await page.waitForFunction(
      () => document.getElementById('stateYellow')?.textContent === 'ON',
      undefined,
      { timeout: 10_000 },
    );
    expect(await page.textContent('#log')).toMatch(/led-status yellow=true/);
    await page.click('#btnYellow');
    await page.waitForFunction(
      () => document.getElementById('stateYellow')?.textContent === 'OFF',
      undefined,
      { timeout: 10_000 },
    );
    // The board printed the command on its UART (stderr of `npm run board`).
    expect(board.stderr()).toContain('WS: Yellow LED ON\r\n');
    expect(errors).toEqual([]);
    await screenshot(page, 'seeded-dashboard-live');
  });
});
