/// <reference lib="dom" />
// A message no broker can take (here a damaged queue line with a `#` topic) does not stall the lab: the Lab page
// counts it as set aside and says why and where it is kept, while telemetry reaches the broker.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppFixture } from '../support/app';
import { screenshot } from '../support/browser';
import { Mosquitto } from '../support/mosquitto';
import { Collector } from '../support/mqtt-collector';
import { until } from '../support/wait';

describe('Lab page: a message the broker cannot take', () => {
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

  it('counts it as set aside, says why and where it is kept, and telemetry flows', async () => {
    const queue = join(app.configDir, 'mqtt-queue');
    mkdirSync(queue, { recursive: true });
    const damaged = { s: 1, k: 'event', t: 'nucleo-mem/e2e-dl/#', p: 'wild', r: false, q: 1 };
    writeFileSync(join(queue, '000000000001.ndjson'), `${JSON.stringify(damaged)}\n`);
    const sub = await Collector.start(broker.url, 'nucleo-mem/e2e-dl/#');
    try {
      const page = await app.open();
      await page.getByTestId('nav-lab').click();
      await page.getByTestId('mqtt-settings').waitFor();
      await page.getByTestId('mqtt-url').fill(broker.url);
      await page.getByTestId('mqtt-bench').fill('e2e-dl');
      await page.getByTestId('mqtt-save').click();
      await until(
        () => sub.on('nucleo-mem/e2e-dl/Virtual-board/telemetry').length >= 2,
        'telemetry at the broker',
        30_000,
      );
      await page.getByTestId('mqtt-set-aside').filter({ hasText: /^1$/ }).waitFor({ timeout: 15_000 });
      const note = page.getByTestId('mqtt-queue-note');
      expect(await note.textContent()).toMatch(
        /^1 message was set aside and will not be sent, so that the rest can flow\. Last: event message to "nucleo-mem\/e2e-dl\/#": its topic .* contains the wildcard \+ or #, .*Kept in mqtt-queue\/dead-letter\.ndjson in the bench.s config folder\.$/,
      );
      await screenshot(page, 'lab-mqtt-set-aside');
    } finally {
      await sub.close();
    }
  });
});
