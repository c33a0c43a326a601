/// <reference lib="dom" />
// Browser mode's page when the bench core goes away: nothing that came from the core may still look live (link
// chips, the dashboard's links, telemetry and LEDs), and after the bench restarts with a new token (the old page's
// requests get 401) the page says so and what to do, instead of "reconnecting" for ever.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppFixture } from '../support/app';
import { screenshot } from '../support/browser';
import { startCli, type CliProcess } from '../support/processes';

describe('browser mode: the bench core lost, then restarted on a new token', () => {
  let app: AppFixture;
  let second: CliProcess<{ url: string }> | undefined;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await second?.stop();
    await app?.close();
  });

  it('marks every state from the core stale when it stops, and names the restart and the new address', async () => {
    const page = await app.open();
    await page.getByTestId('chip-ws').filter({ hasText: 'open' }).waitFor({ timeout: 30_000 });
    await page
      .locator('[data-testid="dash-telemetry-state"][data-state="live"]')
      .waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="led-yellow"][data-fresh="live"][data-state="off"]').waitFor();
    expect(await page.getByTestId('led-yellow-toggle').isEnabled()).toBe(true);
    expect(await page.getByTestId('core-lost').count()).toBe(0);

    // The Lab page's figures come from the core too (sessions:state): seen live before the loss, stale after it.
    await page.getByTestId('nav-lab').click();
    const session = page.locator('[data-testid^="session-"][data-focused="true"]');
    await session.locator('[data-testid="session-ws"][data-tone="ok"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('nav-dashboard').click();

    await app.web.stop();

    for (const wire of ['ws', 'http', 'ftp', 'serial'])
      await page.getByTestId(`chip-${wire}`).filter({ hasText: 'stale' }).waitFor({ timeout: 30_000 });
    const lost = page.locator('[data-testid="core-lost"][data-restarted="false"]');
    await lost.waitFor();
    expect(await lost.textContent()).toMatch(/lost its connection to the bench core/);
    await page.getByTestId('chip-core').filter({ hasText: 'lost' }).waitFor();
    expect(await page.getByTestId('dash-wire-ws').textContent()).toMatch(/stale.*Not known now/);
    const telemetryState = page.getByTestId('dash-telemetry-state');
    expect(await telemetryState.getAttribute('data-state')).toBe('stale');
    expect(await telemetryState.textContent()).toMatch(/the page lost its connection to the bench core/);
    expect(await telemetryState.textContent()).not.toMatch(/Receiving telemetry/);
    expect(await page.getByTestId('tele-uptime').getAttribute('data-fresh')).toBe('stale');
    expect(await page.getByTestId('led-yellow').getAttribute('data-fresh')).toBe('stale');
    expect(await page.getByTestId('led-yellow-toggle').isDisabled()).toBe(true);
    expect(await page.getByTestId('status-rates').textContent()).toBe('rates unknown: no bench core');
    await screenshot(page, 'core-lost-1280');
    await page.getByTestId('nav-lab').click();
    await session.getByTestId('session-ws').filter({ hasText: 'stale' }).waitFor({ timeout: 30_000 });
    for (const wire of ['ws', 'http', 'ftp', 'serial'])
      expect(await session.getByTestId(`session-${wire}`).textContent()).toMatch(/stale/);
    expect(await session.getByTestId('session-figures').textContent()).toMatch(
      /^0\.0 msg\/s .*stale: last telemetry/,
    );
    await screenshot(page, 'core-lost-lab-1280');
    await page.getByTestId('nav-dashboard').click();

    // The same port, a new token: the page's old token is refused with 401 from now on.
    const port = new URL(app.origin).port;
    second = await startCli<{ url: string }>([
      'web',
      ...['--port', port, '--config-dir', app.configDir, '--virtual-ports', 'any'],
    ]);
    expect(new URL(second.ready.url).searchParams.get('token')).not.toBe(
      new URL(app.url).searchParams.get('token'),
    );
    const restarted = page.locator('[data-testid="core-lost"][data-restarted="true"]');
    await restarted.waitFor({ timeout: 30_000 });
    expect(await restarted.textContent()).toMatch(
      /The bench was restarted.*open the new address it printed/i,
    );
    await page.getByTestId('chip-core').filter({ hasText: 'restarted' }).waitFor();
    expect(await page.getByTestId('chip-ws').textContent()).toMatch(/stale/);
    expect(await page.getByTestId('led-yellow-toggle').isDisabled()).toBe(true);
    await screenshot(page, 'core-restarted-1280');
    await page.setViewportSize({ width: 800, height: 600 });
    await screenshot(page, 'core-restarted-800');

    // The new address works: a fresh page on it is connected and live.
    const fresh = await app.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await fresh.goto(second.ready.url);
    await fresh.getByTestId('chip-core').filter({ hasText: 'connected' }).waitFor({ timeout: 30_000 });
    expect(await fresh.getByTestId('core-lost').count()).toBe(0);
  });
});
