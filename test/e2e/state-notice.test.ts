/// <reference lib="dom" />
// A settings.json with one value this version cannot use (a page that no longer exists): the app starts with that
// setting alone reset, keeps the rest (the broker URL), and tells the user once, in a notice that names it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppFixture } from '../support/app';
import { screenshot } from '../support/browser';
import { tempDir } from '../support/processes';

describe('state files: a bad setting', () => {
  let app: AppFixture;
  beforeAll(async () => {
    const configDir = tempDir('bench-config-notice-');
    writeFileSync(
      join(configDir, 'settings.json'),
      JSON.stringify({ page: 'lab-v2', mqtt: { url: 'mqtt://broker.lab:1883', bench: 'kept-bench' } }),
    );
    // The last --config-dir given wins.
    app = await startApp(['--config-dir', configDir]);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('is reset alone and said once', async () => {
    const page = await app.open();
    const notice = page.getByTestId('state-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(
      /settings\.json: the setting "page" had a value .* reset to the default/,
    );
    await screenshot(page, 'state-notice');
    await page.setViewportSize({ width: 800, height: 600 });
    await screenshot(page, 'state-notice-800');
    await page.getByTestId('nav-lab').click();
    expect(await page.getByTestId('mqtt-url').inputValue()).toBe('mqtt://broker.lab:1883');
    expect(await page.getByTestId('mqtt-bench').inputValue()).toBe('kept-bench');
    await notice.getByRole('button', { name: 'Close' }).click();
    await notice.waitFor({ state: 'detached' });

    // Said once: a new window of the same bench has nothing to tell.
    const again = await app.open();
    await again.getByTestId('nav-lab').click();
    await again.getByTestId('mqtt-settings').waitFor();
    expect(await again.getByTestId('state-notice').count()).toBe(0);
  });
});
