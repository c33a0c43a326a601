/// <reference lib="dom" />
// The Lab page's MQTT settings panel connects the app to a real Mosquitto; the app bar's MQTT chip and the Lab page
// show the state and the counts, and what the broker receives is the selected board.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppFixture } from '../support/app';
import { screenshot } from '../support/browser';
import { Mosquitto } from '../support/mosquitto';
import { Collector } from '../support/mqtt-collector';
import { until } from '../support/wait';

describe('Lab page: MQTT publishing', () => {
  let app: AppFixture;
  let broker: Mosquitto;
  beforeAll(async () => {
    broker = await Mosquitto.start();
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
    await broker?.close();
  });

  it('connects to the broker from the settings panel and the MQTT chip shows the counts', async () => {
    const sub = await Collector.start(broker.url, 'nucleo-mem/e2e-bench/#');
    try {
      const page = await app.open();
      expect(await page.getByTestId('app-mqtt').count()).toBe(0); // off by default: no chip
      await page.getByTestId('nav-lab').click();
      await page.getByTestId('mqtt-settings').waitFor();
      await page.getByTestId('mqtt-url').fill('http://nope');
      await page.getByText('The broker URL must start with mqtt://').waitFor();
      expect(await page.getByTestId('mqtt-save').isDisabled()).toBe(true);
      await page.getByTestId('mqtt-url').fill(broker.url);
      await page.getByTestId('mqtt-bench').fill('e2e-bench');
      await page.getByTestId('mqtt-save').click();

      const chip = page.getByTestId('app-mqtt');
      await page.locator('[data-testid="app-mqtt"][data-tone="ok"]').waitFor({ timeout: 15_000 });
      await until(
        () => sub.on('nucleo-mem/e2e-bench/Virtual-board/telemetry').length >= 2,
        'telemetry at the broker',
        20_000,
      );
      // The counts move on the chip and on the page, as published.
      await page.waitForFunction(
        () => {
          const n = Number(
            document.querySelector('[data-testid="mqtt-published"]')?.textContent?.replace(/,/g, ''),
          );
          return n >= 3;
        },
        undefined,
        { timeout: 15_000 },
      );
      expect(await chip.textContent()).toMatch(/^MQTT[\d,]+ published$/);
      expect(await page.getByTestId('mqtt-queued').textContent()).toMatch(/^\d/);
      expect(await page.getByTestId('mqtt-dropped').textContent()).toBe('0');
      await page.getByText('Publishing Virtual board (virtual)').waitFor();
      expect(sub.last('nucleo-mem/e2e-bench/Virtual-board/status')).toMatchObject({ state: 'online' });
      await screenshot(page, 'lab-mqtt-connected');

      // The broker goes away: the chip says so in words and messages wait in the queue.
      await broker.stop();
      await chip.filter({ hasText: 'down' }).waitFor({ timeout: 15_000 });
      await chip.filter({ hasText: 'queued' }).waitFor({ timeout: 15_000 });
      await page
        .getByText(/closed the connection|Nothing accepts connections/)
        .first()
        .waitFor();
      await screenshot(page, 'lab-mqtt-down');
      await broker.restart();
      await page.locator('[data-testid="app-mqtt"][data-tone="ok"]').waitFor({ timeout: 30_000 });
    } finally {
      await sub.close();
    }
  });
});
