/// <reference lib="dom" />
// Issue 22, point 7, in the page: a map under the stated 3.5 MB limit whose Windows paths make it 4.4 MB once
// JSON-escaped is imported (the page sends it in parts), and the bridge is not dropped under the page's other calls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppFixture } from '../support/app';
import { screenshot } from '../support/browser';
import { bigMap } from '../support/memory-maps';

describe('Memory page: a big import in browser mode', () => {
  let app: AppFixture;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('imports a 3.3 MB map with Windows paths and keeps the connection to the core', async () => {
    const map = bigMap({
      regions: 256,
      sections: 6_300,
      inputsPerSection: 4,
      objectDir: `C:\\${'w\\'.repeat(40)}`,
    });
    expect(map.length).toBeLessThan(3_500_000);
    expect(Buffer.byteLength(JSON.stringify(map))).toBeGreaterThan(4 * 1024 * 1024);
    const page = await app.open({ width: 1920, height: 1080 });
    await page.keyboard.press('Control+5');
    await page.getByTestId('import').waitFor();
    await page.getByTestId('import-map').setInputFiles({
      name: 'windows-build.map',
      mimeType: 'text/plain',
      buffer: Buffer.from(map),
    });
    // Either the build or an error shows (the old page lost its connection here); then it must be the build.
    const built = page
      .getByTestId('region-map-card')
      .filter({ hasText: 'Region map · your build (windows-build.map)' });
    await built.or(page.getByTestId('import-error')).first().waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('import-error').allTextContents()).toEqual([]);
    expect(await built.count()).toBe(1);
    expect(await page.getByTestId('core-lost').count()).toBe(0);
    // 25,200 input sections: the table draws the first 500 and says so.
    expect(await page.getByTestId('import-rows-cut').textContent()).toBe(
      "The first 500 of 25,200 input sections, in the map's order.",
    );
    expect(await page.getByRole('table', { name: 'Input sections' }).locator('tbody tr').count()).toBe(500);
    expect(await page.getByRole('table', { name: 'Input sections' }).textContent()).toContain('obj0.o');
    // The page's other calls still go through: switching pages loads their data over the same socket.
    await page.keyboard.press('Control+1');
    await page.getByTestId('chip-ws').filter({ hasText: 'open' }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Control+5');
    await page.getByTestId('import').scrollIntoViewIfNeeded();
    await screenshot(page, 'memory-import-big-1920');
  });

  it('refuses a file over 3.5 MB in the page, saying so', async () => {
    const page = await app.open();
    await page.keyboard.press('Control+5');
    await page.getByTestId('import').waitFor();
    await page.getByTestId('import-map').setInputFiles({
      name: 'huge.map',
      mimeType: 'text/plain',
      buffer: Buffer.alloc(3_600_000, 'x'),
    });
    expect(await page.getByTestId('import-error').textContent()).toBe(
      'huge.map is 3.6 MB; the import takes files up to 3.5 MB.',
    );
    expect(await page.getByTestId('core-lost').count()).toBe(0);
  });
});
