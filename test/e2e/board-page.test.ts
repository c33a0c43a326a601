/// <reference lib="dom" />
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppFixture } from '../support/app';
import { screenshot, screenshotDir } from '../support/browser';

/** Seconds in "1h 2m 3s" / "2m 3s" / "3s". */
function seconds(text: string | null): number {
  const m = /^(?:(\d+)h )?(?:(\d+)m )?(\d+)s$/.exec(text ?? '');
  if (!m) throw new Error(`not an uptime: ${text}`);
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3]);
}

describe('Board page: the virtual board inside the app', () => {
  let app: AppFixture;
  let blocker: Server;
  let takenPort: number;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    takenPort = (blocker.address() as { port: number }).port;
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
    await new Promise<void>((r) => (blocker ? blocker.close(() => r()) : r()));
  });

  it('starts, boots, shows OLED, LEDs and UART, takes settings and faults, and stops', async () => {
    const page = await app.open();
    await page.keyboard.press('Control+7');
    // The virtual board is selected at start, so it already runs: its web page, FTP and eMMC are shown.
    await page.locator('[data-testid="vboard-phase"][data-phase="running"]').waitFor({ timeout: 20_000 });
    await page
      .getByTestId('endpoint-http')
      .filter({ hasText: /^http:\/\/127\.0\.0\.1:\d+$/ })
      .waitFor();
    expect(await page.getByTestId('endpoint-ftp').textContent()).toMatch(/^ftp:\/\/127\.0\.0\.1:\d+$/);
    expect(await page.getByTestId('open-web-page').getAttribute('href')).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/\?ws=\d+$/,
    );
    expect(await page.getByTestId('emmc').textContent()).toMatch(/GB/);
    await page.getByTestId('vboard-stop').click();
    const start = page.getByTestId('vboard-start');
    await start.waitFor();
    expect(await page.getByTestId('vboard-phase').getAttribute('data-phase')).toBe('stopped');
    await screenshot(page, 'board-stopped-1280');

    // A port taken by another program: said in words, inline.
    await page.getByTestId('start-wsport').fill(String(takenPort));
    await start.click();
    await page
      .getByTestId('vboard-error')
      .filter({ hasText: `Port ${takenPort} is already in use by another program` })
      .waitFor();
    await page.getByTestId('start-wsport').fill('');

    // Default port (8080 if free, else any): booting, then running.
    await start.click();
    await page.locator('[data-testid="vboard-phase"][data-phase="booting"]').waitFor();
    await screenshot(page, 'board-booting-1280');
    await page.locator('[data-testid="vboard-phase"][data-phase="running"]').waitFor({ timeout: 15_000 });
    const ws = await page.getByTestId('endpoint-ws').textContent();
    expect(ws).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    // Started again on another port: the selected virtual profile's links follow it.
    await page.getByTestId('link-chips').getByTestId('chip-ws').filter({ hasText: 'open' }).waitFor();
    expect(await page.getByTestId('link-chips').getByTestId('chip-ws').getAttribute('aria-label')).toContain(
      ws!.replace('ws://', ''),
    );
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
    await page.getByTestId('copy-ws').click();
    await page.locator('[data-testid="copy-ws"][data-copied="copied"]').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(ws);
    expect(await page.getByTestId('ws-pending').textContent()).toBe('0 waiting (single-client firmware)');
    await page.getByRole('img', { name: /IP: 192\.168\.0\.50 \/ 255\.255\.255\.0/ }).waitFor();
    expect(await page.getByTestId('oled-lines').textContent()).toContain('ETHERNET');
    await page.getByTestId('uart-log').filter({ hasText: '=== System Starting ===' }).waitFor();
    await page.getByTestId('uart-log').filter({ hasText: 'Telemetry thread started (demo mode)' }).waitFor();
    // The app's own link follows the board to its new ports: the dashboard's WebSocket chip opens again.
    await page.getByTestId('chip-ws').filter({ hasText: 'open' }).waitFor({ timeout: 20_000 });
    // The heartbeat blinks live: the green LED is seen on and off.
    // A flash lasts about one status event (100 ms), so watch mutations rather than poll.
    const seen = await page.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const el = document.querySelector('[data-testid="vled-green"]')!;
          const states = new Set<string>();
          const obs = new MutationObserver(() => {
            states.add(el.getAttribute('data-state') ?? '');
            if (states.has('on') && states.has('off')) done();
          });
          const done = () => {
            obs.disconnect();
            resolve([...states].sort());
          };
          obs.observe(el, { attributes: true, attributeFilter: ['data-state'] });
          // Ends early once both are seen; the bound only has to outlast a loaded machine's slow renderer.
          setTimeout(done, 30_000);
        }),
    );
    expect(seen).toEqual(['off', 'on']);

    // GPIO override: the pin changes, the tracked state (what led-status reports) does not.
    await page.getByTestId('vled-yellow-gpio').locator('input').click();
    await page.locator('[data-testid="vled-yellow"][data-state="on"][data-tracked="off"]').waitFor();
    await page.getByTestId('vled-yellow').getByText('differs').waitFor();

    // Profile and period, applied to the running board.
    await page.getByTestId('profile-compliant').click();
    await page.locator('[data-testid="board-page"][data-profile="compliant"]').waitFor();
    await page.getByTestId('ws-pending').filter({ hasText: 'none (compliant)' }).waitFor();
    await page.getByTestId('serial-verbose').click();
    await page.locator('[data-testid="board-page"][data-serial="verbose"]').waitFor();
    await page.getByTestId('period-100').click();
    await page.locator('[data-testid="board-page"][data-telemetry-ms="100"]').waitFor();
    await page.getByTestId('period-custom').fill('70000');
    await page.getByText('Between 1 and 60000 ms.').waitFor();
    await page.getByTestId('period-custom').fill('250');
    await page.getByTestId('period-custom').press('Enter');
    await page.locator('[data-testid="board-page"][data-telemetry-ms="250"]').waitFor();
    expect(await page.getByTestId('period-1000').getAttribute('aria-pressed')).toBe('false');
    await screenshot(page, 'board-running-1280');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'board-running-1920');
    await page.setViewportSize({ width: 1280, height: 800 });

    // Reboot: uptime restarts from 0, and the diagnostics tab says why.
    await page.waitForFunction(
      () =>
        /^(\d+h )?(\d+m )?([3-9]|\d\d+)s$/.test(
          document.querySelector('[data-testid="vboard-uptime"]')?.textContent ?? '',
        ),
      undefined,
      { timeout: 10_000 },
    );
    const before = seconds(await page.getByTestId('vboard-uptime').textContent());
    await page.getByTestId('fault-reboot').click();
    await page.locator('[data-testid="vboard-phase"][data-phase="booting"]').waitFor();
    // The boot screens are drawn live (each shows for about a third of a second).
    await page
      .locator(
        '[data-testid="oled"][data-kind="logo"], [data-testid="oled"][data-kind="tag-id"], [data-testid="oled"][data-kind="message"]',
      )
      .first()
      .waitFor();
    await page.getByTestId('oled').screenshot({ path: join(screenshotDir, 'board-oled-booting.png') });
    await page.locator('[data-testid="vboard-phase"][data-phase="running"]').waitFor({ timeout: 15_000 });
    expect(seconds(await page.getByTestId('vboard-uptime').textContent())).toBeLessThan(before);
    await page.getByTestId('tab-rejected').click();
    await page
      .getByTestId('rejected-log')
      .filter({ hasText: 'reboot requested by the control API' })
      .waitFor();
    await screenshot(page, 'board-rejected-tab-1280');

    await page.getByTestId('vboard-stop').click();
    await start.waitFor();
    expect(await page.getByTestId('vboard-phase').getAttribute('data-phase')).toBe('stopped');
    // The settings the board ran with are kept for the next start.
    expect(await page.getByTestId('profile-compliant').getAttribute('aria-pressed')).toBe('true');
  });
});
