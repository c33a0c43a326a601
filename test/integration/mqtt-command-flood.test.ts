// Issue 22, point 9: a flood of refused remote LED commands costs the bench a bounded log and a bounded number of
// events, and every refusal is still counted; a 60 kB topic level is cut in the log. The core's LabPublisher against
// a real Mosquitto, commands sent by mqtt.js as anyone on the broker could.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFUSAL_SUMMARY_MS } from '../../src/main/core/mqtt/command-refusals';
import { LabPublisher } from '../../src/main/core/mqtt/lab-publisher';
import { mqttConfigSchema } from '../../src/shared/bridge/contracts/mqtt';
import { FakeFeed } from '../support/fake-feed';
import { Mosquitto } from '../support/mosquitto';
import { Collector } from '../support/mqtt-collector';
import { tempDir } from '../support/processes';
import { until } from '../support/wait';

const FLOOD = 5000;
let broker: Mosquitto;
let lab: LabPublisher;
let queueDir: string;
const lines: string[] = [];
const base = 'nucleo-mem/flood';

beforeAll(async () => {
  broker = await Mosquitto.start();
  queueDir = tempDir('mqtt-flood-');
  lab = new LabPublisher({
    config: mqttConfigSchema.parse({ enabled: true, url: broker.url, bench: 'flood' }),
    bench: 'flood',
    queueDir,
    log: (l) => lines.push(l),
  });
  lab.add(new FakeFeed('board-1', 'lab-1'));
  lab.start();
  await until(() => lab.status().connection.kind === 'connected', 'the publisher to connect');
});
afterAll(async () => {
  await lab?.stop();
  await broker?.close();
  rmSync(queueDir, { recursive: true, force: true });
});

/**
 * Refusals the log lines count: a line that says one refused or ignored command counts 1 (as every refusal was said
 * before), "refused 4,999 remote LED commands" that many.
 */
function counted(from = 0): number {
  let n = 0;
  for (const l of refusalLines(from)) {
    const m = /^MQTT: refused ([\d,]+) remote LED commands/.exec(l);
    n += m ? Number(m[1]!.replace(/,/g, '')) : 1;
  }
  return n;
}
const refusalLines = (from = 0) => lines.slice(from).filter((l) => /refused|ignored/.test(l));

describe('refused remote commands under a flood', () => {
  it('are summed up: a bounded number of log lines and events, every refusal counted', async () => {
    const sub = await Collector.start(broker.url, `${base}/lab-1/event`);
    try {
      const started = Date.now();
      for (let i = 0; i < FLOOD; i++)
        sub.client.publish(`${base}/lab-1/led/set`, '{"led":"red","state":true}', { qos: 0 });
      await until(() => counted() === FLOOD, `all ${FLOOD} refusals counted in the log`, 60_000);
      const elapsed = Date.now() - started;
      // At most one line at once and one per period after it, however many commands came.
      const bound = 2 + Math.floor(elapsed / REFUSAL_SUMMARY_MS);
      expect(refusalLines().length).toBeLessThanOrEqual(bound);
      expect(refusalLines().at(-1)).toMatch(/remote commands are off for this board/);
      // One event per period on the board's …/event, every refusal counted there too.
      const eventCount = (text: string) => {
        const m = /^([\d,]+) remote LED commands were refused/.exec(text);
        return m ? Number(m[1]!.replace(/,/g, '')) : /^A remote LED command was refused/.test(text) ? 1 : 0;
      };
      await until(
        () => sub.json(`${base}/lab-1/event`).reduce((a, e) => a + eventCount(String(e.text)), 0) === FLOOD,
        'the events to count every refusal',
      );
      expect(sub.on(`${base}/lab-1/event`).length).toBeLessThanOrEqual(bound);
      expect(lab.status().queued).toBe(0);
    } finally {
      await sub.close();
    }
  }, 90_000);

  it('cuts a 60 kB topic level to 200 characters in the log', async () => {
    const sender = await Collector.start(broker.url, `${base}/none`);
    try {
      const from = lines.length;
      const level = 'x'.repeat(60_000);
      await sender.client.publishAsync(`${base}/${level}/led/set`, '{"led":"red","state":true}', { qos: 1 });
      await until(() => counted(from) === 1, 'the refusal in the log', 15_000);
      const said = lines.slice(from).filter((l) => l.includes('xxx'));
      expect(said).toHaveLength(1);
      expect(said[0]).toContain(`"${'x'.repeat(199)}…"`);
      expect(said[0]!.length).toBeLessThan(400);
      expect(said[0]).toMatch(/this bench watches no board of that name/);
    } finally {
      await sender.close();
    }
  });
});
