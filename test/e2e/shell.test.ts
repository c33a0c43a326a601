/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppFixture } from '../support/app';
import { screenshot } from '../support/browser';

describe('app shell in browser mode', () => {
  let app: AppFixture;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('renders the shell and receives app:info over the bridge', async () => {
    const page = await app.open();
    await expect(page.getByRole('heading', { name: 'NUCLEO-MEM Bench' })).toBeDefined();
    const info = await page.getByTestId('app-info').textContent();
    expect(info).toContain('browser mode');
    expect(await page.locator('[data-app-state="ready"]').getAttribute('data-transport')).toBe('browser');
    await page.getByTestId('chip-core').filter({ hasText: 'connected' }).waitFor();
    for (const label of ['Dashboard', 'Telemetry', 'Frames', 'Files', 'Memory', 'Serial', 'Board']) {
      expect(
        await page.getByRole('navigation', { name: 'Pages' }).getByText(label, { exact: true }).count(),
      ).toBe(1);
    }
    await screenshot(page, 'shell-1280');
  });

  it('switches pages with Ctrl+number and keeps the choice across reloads', async () => {
    const page = await app.open();
    await page.keyboard.press('Control+7');
    await page.getByTestId('page-board').waitFor();
    expect(await page.getByTestId('nav-board').getAttribute('aria-current')).toBe('page');
    await page.reload();
    await page.locator('[data-app-state="ready"]').waitFor();
    await page.getByTestId('page-board').waitFor();
    await page.keyboard.press('Control+1');
    await page.getByTestId('page-dashboard').waitFor();
  });

  it('takes the token out of the address bar; the cookie serves reloads and bookmarks, nothing else does', async () => {
    const profile = await app.browser.newContext();
    const page = await profile.newPage();
    await page.goto(app.url);
    await page.getByTestId('chip-core').filter({ hasText: 'connected' }).waitFor();
    expect(page.url()).toBe(`${app.origin}/`);
    // A bookmark without the query, in the same browser: the cookie carries the token, the bridge connects.
    const bookmark = await profile.newPage();
    await bookmark.goto(`${app.origin}/`);
    await bookmark.getByTestId('chip-core').filter({ hasText: 'connected' }).waitFor();
    await profile.close();
    // Another browser profile that was never given the URL gets a sentence, not the bench.
    const stranger = await app.browser.newContext();
    const denied = await stranger.newPage();
    const res = await denied.goto(`${app.origin}/`);
    expect(res?.status()).toBe(401);
    expect(await denied.textContent('body')).toMatch(/needs its token/);
    await stranger.close();
  });

  it('reaches the navigation by keyboard with a visible focus ring', async () => {
    const page = await app.open({ width: 1920, height: 1080 });
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
      if (id === 'nav-telemetry') break;
    }
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'nav-telemetry',
    );
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).toBe('solid');
    await page.keyboard.press('Enter');
    await page.getByTestId('page-telemetry').waitFor();
    await screenshot(page, 'shell-1920');
  });

  it('fits an 800×600 window: the link chips fold into one, no page is cut off sideways', async () => {
    const page = await app.open({ width: 800, height: 600 });
    const folded = page.getByTestId('link-chips-folded');
    await folded.waitFor();
    expect(await page.getByTestId('chip-ws').count()).toBe(0);
    const bar = page.locator('header .MuiToolbar-root');
    const fits = (el: Element) => el.scrollWidth <= el.clientWidth + 1;
    expect(await bar.evaluate(fits)).toBe(true);
    for (const [i, name] of [
      'dashboard',
      'telemetry',
      'frames',
      'files',
      'memory',
      'serial',
      'board',
    ].entries()) {
      await page.keyboard.press(`Control+${i + 1}`);
      const main = page.getByTestId(`page-${name}`);
      await main.waitFor();
      expect(await main.evaluate(fits), `${name} page overflows sideways at 800 px`).toBe(true);
      await screenshot(page, `page-${name}-800`);
    }
    await folded.click();
    const list = page.getByRole('presentation').getByTestId('link-chips');
    for (const id of ['chip-ws', 'chip-http', 'chip-ftp', 'chip-serial', 'chip-core']) {
      await list.getByTestId(id).waitFor();
    }
    await screenshot(page, 'link-chips-folded-800');
    await page.keyboard.press('Escape');

    const wide = await app.open({ width: 1280, height: 800 });
    await wide.getByTestId('chip-ws').waitFor();
    expect(await wide.getByTestId('link-chips-folded').count()).toBe(0);
    expect(await wide.locator('header .MuiToolbar-root').evaluate(fits)).toBe(true);
  });
});
