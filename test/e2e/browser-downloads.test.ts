/// <reference lib="dom" />
// Browser mode never takes a typed host path: the serial log goes into the bench's serial-logs folder and reaches
// this browser as a download when logging stops, through the tokened server.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppFixture } from '../support/app';
import { screenshot } from '../support/browser';

describe('browser mode: files the bench writes come to the browser', () => {
  let app: AppFixture;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('logs the serial console into the bench’s folder and downloads the log when it stops', async () => {
    const page = await app.open();
    await page.keyboard.press('Control+6');
    await page.getByTestId('serial-line').filter({ hasText: '=== System Starting ===' }).waitFor();
    await page.getByRole('button', { name: 'Log to file' }).click();
    const folder = join(app.configDir, 'serial-logs');
    await page.getByRole('dialog').filter({ hasText: folder }).waitFor();
    await page.getByTestId('serial-log-name').fill('../escape.log');
    expect(await page.getByRole('button', { name: 'Start logging' }).isDisabled()).toBe(true);
    await page.getByTestId('serial-log-name').fill('bench run.log');
    await screenshot(page, 'serial-log-browser-mode');
    await page.getByRole('button', { name: 'Start logging' }).click();
    await page.getByTestId('serial-log-stop').filter({ hasText: 'Stop log' }).waitFor();

    // A line the board prints while logging lands in the log.
    await page.keyboard.press('Control+1');
    await page.getByTestId('led-yellow-toggle').click();
    await page.keyboard.press('Control+6');
    await page.getByTestId('serial-line').filter({ hasText: 'WS: Yellow LED' }).waitFor();
    const download = page.waitForEvent('download');
    await page.getByTestId('serial-log-stop').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('bench run.log');
    const got = join(app.configDir, 'got.log');
    await file.saveAs(got);
    const onDisk = readFileSync(join(folder, 'bench run.log'), 'utf8');
    expect(onDisk).toMatch(/WS: Yellow LED/);
    expect(readFileSync(got, 'utf8')).toBe(onDisk);
  });
});
