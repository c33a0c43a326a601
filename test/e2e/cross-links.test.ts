/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppFixture } from '../support/app';
import { screenshot } from '../support/browser';

describe('telemetry chart ⇄ frame log cross-links, on the virtual board', () => {
  let app: AppFixture;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('opens the frame that carried a chart sample, and shows a frame on the chart', async () => {
    const page = await app.open();
    await page.keyboard.press('Control+2');
    // A few telemetry samples, so the chart has a span to point into.
    await page.getByTestId('telemetry-chart').first().waitFor({ timeout: 20_000 });
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="telemetry-chart"] .recharts-line path').length > 0,
    );
    const box = (await page.getByTestId('telemetry-chart').first().boundingBox())!;
    await page.mouse.dblclick(box.x + box.width - 30, box.y + box.height / 2);

    // The Frames page opens with a received telemetry frame selected and its detail shown.
    await page.getByTestId('page-frames').waitFor();
    const selected = page.locator('[role="row"][aria-selected="true"]');
    await selected.waitFor({ timeout: 10_000 });
    expect(await selected.getAttribute('data-dir')).toBe('rx');
    expect(await selected.textContent()).toMatch(/telemetry/);
    await screenshot(page, 'cross-link-frame');

    // And back: the frame's telemetry shows on the chart, zoomed to its time.
    await page.getByTestId('frame-show-on-chart').click();
    await page.getByTestId('page-telemetry').waitFor();
    await page.getByRole('button', { name: 'Reset zoom' }).waitFor();
    await page
      .getByTestId('series-junctionTemp')
      .getByText(/min .* max/)
      .waitFor();
    await screenshot(page, 'cross-link-chart');
  });
});
