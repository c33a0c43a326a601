/// <reference lib="dom" />
// The Serial page with no device: the in-app virtual board's UART (its boot log, then what it prints) with firmware
// event chips, and the app bar's Serial chip saying where the lines come from.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppFixture } from '../support/app';
import { screenshot } from '../support/browser';

describe('Serial page follows the in-app virtual board', () => {
  let app: AppFixture;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the boot log and firmware events of the virtual board, and the Serial chip says it is open', async () => {
    const page = await app.open();
    await page.keyboard.press('Control+6');
    await page.locator('[data-testid="serial-page"][data-loaded="yes"]').waitFor();
    await page.getByTestId('serial-line').filter({ hasText: '=== System Starting ===' }).waitFor();
    await page
      .getByTestId('serial-line')
      .filter({ hasText: 'Telemetry thread started (demo mode)' })
      .waitFor();
    expect(await page.getByText('No serial port open').count()).toBe(0);

    for (const kind of ['system-start', 'psram-speed', 'emmc-speed', 'emmc-verify', 'telemetry-started']) {
      await page.locator(`[data-testid="serial-event-chip"][data-kind="${kind}"]`).first().waitFor();
    }

    // The app bar's Serial chip: the virtual board's UART needs no device, so the wire is open.
    const appBarChip = page.getByTestId('link-chips').getByTestId('chip-serial');
    await page.locator('[data-testid="link-chips"] [data-testid="chip-serial"][data-tone="ok"]').waitFor();
    expect(await appBarChip.textContent()).toContain('open');
    expect(await appBarChip.getAttribute('aria-label')).toMatch(/virtual board's UART \(no device needed\)/);

    // A line the board prints now (an LED command) arrives live, with its chip.
    await page.keyboard.press('Control+1');
    await page.locator('[data-testid="led-yellow"][data-state="off"]').waitFor();
    await page.getByTestId('led-yellow-toggle').click();
    await page.locator('[data-testid="led-yellow"][data-state="on"]').waitFor();
    await page.keyboard.press('Control+6');
    await page.getByTestId('serial-line').filter({ hasText: 'WS: Yellow LED ON' }).waitFor();
    await page.locator('[data-testid="serial-event-chip"][data-kind="led"]').first().waitFor();
    await screenshot(page, 'serial-virtual-board');
  });
});
