/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppFixture } from '../support/app';
import { screenshot } from '../support/browser';
import { startFakeFirmware, type FakeFirmware } from '../support/fake-firmware';

describe('dashboard: the in-app virtual board first, then a firmware-like board added through the UI', () => {
  let app: AppFixture;
  let fw: FakeFirmware;
  beforeAll(async () => {
    fw = await startFakeFirmware({ periodMs: 250, withHttpFtp: true });
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
    await fw?.stop();
  });

  it('shows the virtual board live, adds a real board, round-trips an LED, then shows stale and retrying', async () => {
    const page = await app.open();
    // The `virtual` profile is selected by default: the in-app board starts on first use and goes live.
    await page.getByTestId('chip-ws').filter({ hasText: 'open' }).waitFor();
    expect(await page.getByTestId('board-selector').textContent()).toMatch(/virtual/i);
    expect(await page.getByText('Start a virtual board or add a real one').count()).toBe(0);
    await page.waitForFunction(() =>
      /^\d+$/.test(document.querySelector('[data-testid="tele-junctionTemp-value"]')?.textContent ?? ''),
    );
    await page.locator('[data-testid="led-yellow"][data-state="off"]').waitFor();
    await screenshot(page, 'dashboard-virtual-1280');

    await page.getByTestId('board-selector').click();
    await page.getByTestId('board-add').click();
    await page.getByTestId('profile-name').fill('Stand-in');
    await page.getByTestId('profile-host').fill('192.168.0.300');
    await page.getByTestId('profile-wsPort').fill('70000');
    await page.getByTestId('profile-save').click();
    await page.getByText('"192.168.0.300" is not a valid IPv4 address.').waitFor();
    await page.getByText('WebSocket port: 1 to 65535.').waitFor();
    await screenshot(page, 'dashboard-profile-dialog-errors');
    await page.getByTestId('profile-host').fill('127.0.0.1');
    await page.getByTestId('profile-wsPort').fill(String(fw.wsPort));
    await page.getByTestId('profile-httpPort').fill(String(fw.httpPort));
    await page.getByTestId('profile-ftpPort').fill(String(fw.ftpPort));
    await page.getByTestId('profile-save').click();

    // Both boards are on 127.0.0.1: wait for the stand-in's name, then for its links.
    await page.getByTestId('board-selector').filter({ hasText: 'Stand-in' }).waitFor();
    await page.getByTestId('chip-ws').filter({ hasText: 'open' }).waitFor();
    await page.getByTestId('chip-http').filter({ hasText: 'open' }).waitFor();
    await page.getByTestId('chip-ftp').filter({ hasText: 'open' }).waitFor();
    expect(await page.getByTestId('board-selector').textContent()).toContain('127.0.0.1');
    await page.locator('[data-testid="led-yellow"][data-state="off"]').waitFor();
    await page.waitForFunction(() =>
      /^\d+$/.test(document.querySelector('[data-testid="tele-junctionTemp-value"]')?.textContent ?? ''),
    );
    await page
      .getByTestId('tele-randomFloat-value')
      .filter({ hasText: /^73\.21$/ })
      .waitFor();

    await page.getByTestId('led-yellow-toggle').click();
    await page.locator('[data-testid="led-yellow"][data-state="on"]').waitFor();
    expect(fw.leds.yellow).toBe(true);
    expect(fw.received).toContain('{"type":"led-command","led":"yellow","state":true}');
    expect(await page.getByTestId('led-yellow-toggle').textContent()).toBe('Turn OFF');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid^="tele-"] .recharts-line path').length >= 4,
    );
    await screenshot(page, 'dashboard-live-1280');
    await page.getByTestId('board-selector').click();
    await page.getByRole('menu').waitFor();
    expect(await page.getByTestId('board-option-virtual').textContent()).toContain('virtual');
    await screenshot(page, 'dashboard-board-menu');
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'dashboard-live-1920');
    await page.setViewportSize({ width: 1280, height: 800 });

    fw.stall(true);
    await page.getByTestId('chip-ws').filter({ hasText: 'stale' }).waitFor();
    await screenshot(page, 'dashboard-stale-1280');
    await fw.stop();
    await page
      .getByTestId('chip-ws')
      .filter({ hasText: /retrying/ })
      .waitFor();
    await page.getByTestId('chip-ws').hover();
    await page.getByRole('tooltip').waitFor();
    await page.waitForFunction(() => {
      const tip = document.querySelector('[role="tooltip"]');
      return tip !== null && getComputedStyle(tip).opacity === '1';
    });
    expect(await page.getByRole('tooltip').textContent()).toMatch(
      /dropped the connection|refused the connection/,
    );
    await screenshot(page, 'dashboard-retrying-1280');
  });
});
