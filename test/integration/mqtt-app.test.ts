// The app's core publishes its selected board when MQTT is turned on through the contract (the Lab settings panel's
// commands), against a real Mosquitto; the password never comes back out of the core.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bench } from '../../src/main/core/bench';
import { SettingsStore } from '../../src/main/core/settings-store';
import type { MqttConfigView, MqttStatus } from '../../src/shared/bridge/contracts/mqtt';
import { startFakeFirmware } from '../support/fake-firmware';
import { Mosquitto } from '../support/mosquitto';
import { Collector } from '../support/mqtt-collector';
import { tempDir } from '../support/processes';
import { until } from '../support/wait';
import { caller, testBench } from '../support/bench';

let broker: Mosquitto;
let bench: Bench;
let dir: string;
const states: MqttStatus[] = [];

const call = caller(() => bench);

beforeAll(async () => {
  broker = await Mosquitto.start({ users: { bench: 'secret-pw' } });
  dir = tempDir('mqtt-app-');
  bench = await testBench(dir);
  bench.hub.on('mqtt:state', (s) => states.push(s));
});
afterAll(async () => {
  await bench?.close();
  await broker?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('MQTT in the app core', () => {
  it('is off by default', async () => {
    expect(await call<MqttStatus>('mqtt:status', {})).toMatchObject({
      connection: { kind: 'off' },
      published: 0,
    });
    expect(await call<MqttConfigView>('mqtt:config-get', {})).toMatchObject({ enabled: false, qos: 1 });
  });

  it('connects when turned on, publishes the selected board, counts, and keeps the password in the core', async () => {
    const sub = await Collector.start(broker.url, 'nucleo-mem/app-bench/#', {
      username: 'bench',
      password: 'secret-pw',
    });
    try {
      const view = await call<MqttConfigView>('mqtt:config-set', {
        enabled: true,
        url: broker.url,
        bench: 'app-bench',
        username: 'bench',
        password: 'secret-pw',
      });
      expect(view).toMatchObject({ enabled: true, passwordSet: true });
      expect(view).not.toHaveProperty('password');
      await until(() => states.some((s) => s.connection.kind === 'connected'), 'mqtt:state connected');
      const base = 'nucleo-mem/app-bench/Virtual-board';
      await until(() => sub.last(`${base}/status`)?.state === 'online', 'the selected board online');
      await until(() => sub.on(`${base}/telemetry`).length >= 2, 'its telemetry', 15_000);
      await until(() => sub.last(`${base}/led`), 'its LED state');
      await until(() => states.at(-1)!.published >= 3, 'the published count in mqtt:state');
      expect(await call<MqttStatus>('mqtt:status', {})).toMatchObject({ bench: 'app-bench', dropped: 0 });

      // Persisted, and never sent to the renderer.
      expect(new SettingsStore(dir).get().mqtt).toMatchObject({ enabled: true, password: 'secret-pw' });
      const settings = await call<{ mqtt: { password: string } }>('settings:get', {});
      expect(settings.mqtt.password).toBe('');
      // settings:set cannot change the mqtt section behind the publisher's back.
      const r = await bench.dispatch('settings:set', { mqtt: { enabled: false } }, { transport: 'browser' });
      expect(r.ok).toBe(false);
      expect(new SettingsStore(dir).get().mqtt.enabled).toBe(true);
    } finally {
      await sub.close();
    }
  });

  it('publishes every watched board, not only the one shown, and says offline for one no longer watched', async () => {
    const fw = await startFakeFirmware({ periodMs: 50, withHttpFtp: true });
    const sub = await Collector.start(broker.url, 'nucleo-mem/app-bench/#', {
      username: 'bench',
      password: 'secret-pw',
    });
    try {
      const { profile } = await call<{ profile: { id: string } }>('links:save-profile', {
        name: 'Second',
        host: '127.0.0.1',
        wsPort: fw.wsPort,
        httpPort: fw.httpPort,
        ftpPort: fw.ftpPort,
      });
      // Saving a new board shows it; the virtual board, no longer shown, is kept only when watched.
      await call('sessions:watch', { id: profile.id });
      await call('sessions:watch', { id: 'virtual' });
      await call('sessions:focus', { id: 'virtual' });
      const second = 'nucleo-mem/app-bench/Second';
      await until(() => sub.last(`${second}/status`)?.state === 'online', 'the board not shown online');
      const n = sub.on(`${second}/telemetry`).length;
      await until(() => sub.on(`${second}/telemetry`).length >= n + 3, 'its telemetry while not shown');
      await until(
        () => sub.on('nucleo-mem/app-bench/Virtual-board/telemetry').length >= 1,
        'the shown board too',
        15_000,
      );
      await call('sessions:unwatch', { id: profile.id });
      await until(() => sub.last(`${second}/status`)?.state === 'offline', 'offline once not watched');
    } finally {
      await sub.close();
      await fw.stop();
    }
  });

  it('a wrong password is shown in words, and turning it off says the bench is offline', async () => {
    await call('mqtt:config-set', { password: 'wrong' });
    await until(() => states.at(-1)?.connection.kind === 'waiting' && states.at(-1), 'the refusal');
    expect(states.at(-1)!.connection).toMatchObject({ reason: expect.stringMatching(/refused the login/) });
    await call('mqtt:config-set', { password: 'secret-pw' });
    await until(() => states.at(-1)?.connection.kind === 'connected', 'connected again');
    const sub = await Collector.start(broker.url, 'nucleo-mem/app-bench/status', {
      username: 'bench',
      password: 'secret-pw',
    });
    await call('mqtt:config-set', { enabled: false });
    await until(() => sub.last('nucleo-mem/app-bench/status')?.state === 'offline', 'the bench offline');
    expect(await call<MqttStatus>('mqtt:status', {})).toMatchObject({ connection: { kind: 'off' } });
    await sub.close();
  });
});
