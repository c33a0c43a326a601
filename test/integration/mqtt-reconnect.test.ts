// Turning MQTT on the way the Lab page does it (the switch, then "Save and publish", each sending the whole form)
// starts the publisher once; a broker restarted without persistence gets every retained topic again; the last will
// names its time for what it is. Against a real Mosquitto.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bench } from '../../src/main/core/bench';
import type { MqttConfig, MqttConfigView, MqttStatus } from '../../src/shared/bridge/contracts/mqtt';
import { Mosquitto } from '../support/mosquitto';
import { Collector } from '../support/mqtt-collector';
import { tempDir } from '../support/processes';
import { until } from '../support/wait';
import { caller, testBench } from '../support/bench';

let broker: Mosquitto;
let bench: Bench;
let dir: string;
const states: MqttStatus[] = [];
const base = 'nucleo-mem/ui-bench';
const board = `${base}/Virtual-board`;

const call = caller(() => bench);

/** What MqttSettings.tsx sends: its whole form (every setting but the queue size; an empty password is left out). */
function pagePatch(view: MqttConfigView, enabled: boolean): Partial<MqttConfig> {
  const { passwordSet: _p, queueMax: _q, ...rest } = view;
  return { ...rest, enabled };
}

beforeAll(async () => {
  broker = await Mosquitto.start();
  dir = tempDir('mqtt-reconnect-');
  bench = await testBench(dir);
  bench.hub.on('mqtt:state', (s) => states.push(s));
});
afterAll(async () => {
  await bench?.close();
  await broker?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('MQTT publisher lifecycle', () => {
  it('the switch then "Save and publish" start it once: no offline/online flap, no seq used twice', async () => {
    const sub = await Collector.start(broker.url, `${base}/#`);
    try {
      // The page loads the settings, the user types the URL and the bench name, flips the switch…
      const loaded = await call<MqttConfigView>('mqtt:config-get', {});
      const typed = { ...loaded, url: broker.url, bench: 'ui-bench' };
      const afterSwitch = await call<MqttConfigView>('mqtt:config-set', pagePatch(typed, true));
      await until(() => sub.on(`${board}/telemetry`).length >= 1, 'the first telemetry', 15_000);
      // …then presses the button, which sends the form again (the page's draft is the answer to the switch).
      await call<MqttConfigView>('mqtt:config-set', pagePatch(afterSwitch, true));
      const n = sub.on(`${board}/telemetry`).length;
      await until(() => sub.on(`${board}/telemetry`).length >= n + 2, 'telemetry after the save', 15_000);

      expect(sub.json(`${base}/status`).map((s) => s.state)).toEqual(['online']);
      // The board may be offline at first (its links still opening); once online, it stays so.
      const boardStates = sub.json(`${board}/status`).map((s) => s.state);
      expect(boardStates.slice(boardStates.indexOf('online'))).not.toContain('offline');
      const seqs = sub.json(`${board}/telemetry`).map((m) => m.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
    } finally {
      await sub.close();
    }
  });

  it('re-publishes the boards’ retained status and LED state to a broker restarted without persistence', async () => {
    const first = await Collector.start(broker.url, `${board}/+`);
    await until(() => first.last(`${board}/led`) && first.last(`${board}/status`), 'retained board state');
    await first.close();

    const connectedBefore = states.filter((s) => s.connection.kind === 'connected').length;
    await broker.stop();
    await until(() => states.at(-1)?.connection.kind === 'waiting', 'the bench to notice the broker gone');
    await broker.restart();
    await until(
      () => states.filter((s) => s.connection.kind === 'connected').length > connectedBefore,
      'the bench connected again',
      30_000,
    );

    // A subscriber that arrives afterwards is told the board's status and LED state (the broker kept nothing).
    const late = await Collector.start(broker.url, `${base}/#`);
    try {
      await until(
        () => late.last(`${board}/led`) && late.last(`${board}/status`) && late.last(`${base}/status`),
        'the bench, board status and LED state at the restarted broker',
        15_000,
      );
      expect(late.last(`${board}/status`)).toMatchObject({ state: 'online' });
      expect(late.last(`${board}/led`)).toHaveProperty('yellowLed');
      // Retained at the broker again: yet another subscriber gets them at once.
      const again = await Collector.start(broker.url, `${board}/+`);
      try {
        await until(
          () => again.on(`${board}/led`)[0]?.retained && again.on(`${board}/status`)[0]?.retained,
          'the replayed retained messages',
        );
      } finally {
        await again.close();
      }
    } finally {
      await late.close();
    }
  });
});
