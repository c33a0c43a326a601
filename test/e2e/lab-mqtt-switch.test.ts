/// <reference lib="dom" />
// Turning publishing on the natural way on the Lab page: the switch, then "Save and publish" (the button the user
// presses next). The publisher starts once: the bench never says offline in between, and no telemetry `seq` is
// published twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppFixture } from '../support/app';
import { Mosquitto } from '../support/mosquitto';
import { Collector } from '../support/mqtt-collector';
import { until } from '../support/wait';

describe('Lab page: MQTT switch, then save', () => {
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

  it('starts the publisher once: no offline/online flap, no seq used twice', async () => {
    const sub = await Collector.start(broker.url, 'nucleo-mem/switch-bench/#');
    const telemetry = 'nucleo-mem/switch-bench/Virtual-board/telemetry';
    try {
      const page = await app.open();
      await page.getByTestId('nav-lab').click();
      await page.getByTestId('mqtt-settings').waitFor();
      await page.getByTestId('mqtt-url').fill(broker.url);
      await page.getByTestId('mqtt-bench').fill('switch-bench');
      // A controlled switch: it turns on once the core has saved the setting.
      await page.getByTestId('mqtt-enabled').locator('input').click();
      await page.getByText('Publishing', { exact: true }).waitFor();
      await until(() => sub.on(telemetry).length >= 1, 'telemetry after the switch', 20_000);
      await page.getByTestId('mqtt-save').click();
      const n = sub.on(telemetry).length;
      await until(() => sub.on(telemetry).length >= n + 2, 'telemetry after the save', 20_000);

      expect(sub.json('nucleo-mem/switch-bench/status').map((s) => s.state)).toEqual(['online']);
      const seqs = sub.json(telemetry).map((m) => m.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
    } finally {
      await sub.close();
    }
  });
});
