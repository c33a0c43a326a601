// The app's core publishes its alarms (docs/mqtt.md): with MQTT on, the virtual board's temperature-spike fault
// raises a rule's alarm that a real Mosquitto subscriber receives on …/alarm, with the board's list retained on
// …/alarms; the temperature back, the clear follows and the list is [] again.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bench } from '../../src/main/core/bench';
import type { MqttStatus } from '../../src/shared/bridge/contracts/mqtt';
import { caller, testBench } from '../support/bench';
import { Mosquitto } from '../support/mosquitto';
import { Collector } from '../support/mqtt-collector';
import { tempDir } from '../support/processes';
import { until } from '../support/wait';

let broker: Mosquitto;
let bench: Bench;
let dir: string;
const call = caller(() => bench);

beforeAll(async () => {
  broker = await Mosquitto.start();
  dir = tempDir('mqtt-app-alarms-');
  bench = await testBench(dir);
});
afterAll(async () => {
  await bench?.close();
  await broker?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The virtual board's latest junctionTemp, as its telemetry says. */
function latestTemperature(b: Bench): () => number | undefined {
  let temp: number | undefined;
  b.telemetry.pipeline.tap((id, r) => {
    if (id !== 'virtual' || r.dir !== 'rx' || !r.data?.startsWith('{"type":"telemetry"')) return;
    const data = (JSON.parse(r.data) as { data: { junctionTemp?: unknown } }).data;
    if (typeof data.junctionTemp === 'number') temp = data.junctionTemp;
  });
  return () => temp;
}

describe('alarms on MQTT from the app core', () => {
  it('publishes the raise and the clear of a temperature spike, and the board’s list retained', async () => {
    const sub = await Collector.start(broker.url, 'nucleo-mem/app-alarms/#');
    try {
      const temperature = latestTemperature(bench);
      await bench.virtualBoards.service('virtual').ensureStarted();
      await call('vboard:configure', { boardId: 'virtual', telemetryMs: 50 });
      const before = await until(temperature, 'the virtual board telemetry', 30_000);
      await call('mqtt:config-set', { enabled: true, url: broker.url, bench: 'app-alarms' });
      await until(
        async () => (await call<MqttStatus>('mqtt:status', {})).connection.kind === 'connected',
        'MQTT connected',
      );
      const base = 'nucleo-mem/app-alarms/Virtual-board';
      await until(() => sub.on(`${base}/alarms`).length > 0, 'the board’s alarm list', 15_000);
      expect(sub.last(`${base}/alarms`)).toEqual([]);

      const limit = before + 15;
      await call('alarms:set-rules', {
        rules: [
          {
            id: 'hot',
            name: 'Hot board',
            kind: 'threshold',
            series: 'junctionTemp',
            above: limit,
            hysteresis: 2,
            severity: 'critical',
          },
        ],
      });
      await call('vboard:fault', { boardId: 'virtual', kind: 'temperature-spike', deltaC: 40 });
      const raised = await until(() => sub.last(`${base}/alarm`), 'the raise on MQTT', 30_000);
      expect(raised).toMatchObject({
        kind: 'raised',
        ruleId: 'hot',
        ruleName: 'Hot board',
        severity: 'critical',
        boardId: 'virtual',
        subject: 'junctionTemp',
      });
      expect(raised.value).toBeGreaterThan(limit);
      await until(
        () => (sub.last(`${base}/alarms`) as unknown as Array<{ id: string }>)[0]?.id === raised.id,
        'the retained list with the alarm',
      );

      await call('vboard:fault', { boardId: 'virtual', kind: 'temperature-spike', deltaC: -40 });
      await until(() => sub.last(`${base}/alarm`)?.kind === 'cleared', 'the clear on MQTT', 30_000);
      expect(sub.last(`${base}/alarm`)).toMatchObject({ id: raised.id, raisedAt: raised.raisedAt });
      await until(
        () => (sub.last(`${base}/alarms`) as unknown as unknown[]).length === 0,
        'the retained list empty',
      );
    } finally {
      await sub.close();
    }
  });
});
