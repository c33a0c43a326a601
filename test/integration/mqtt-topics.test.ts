// The lab data path against a real Mosquitto: a virtual board watched by the app's BoardSession over its real
// WebSocket, published by the core's LabPublisher; what arrives is read back by mqtt.js and by mosquitto_sub.
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBoard, type RunningBoard } from '../../src/main/board';
import { LabPublisher } from '../../src/main/core/mqtt/lab-publisher';
import { mqttConfigSchema } from '../../src/shared/bridge/contracts/mqtt';
import { boardSession } from '../support/board-session';
import { Mosquitto } from '../support/mosquitto';
import { Collector } from '../support/mqtt-collector';
import { tempDir } from '../support/processes';
import { until } from '../support/wait';

const run = promisify(execFile);
let broker: Mosquitto;
let board: RunningBoard;
const cleanups: Array<() => Promise<void> | void> = [];

beforeAll(async () => {
  broker = await Mosquitto.start();
  board = await startBoard({ wsPort: 0, telemetryMs: 50, bootDelayMs: 0 });
});
afterAll(async () => {
  await board?.close();
  await broker?.close();
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function publishBoard(bench: string, remoteCommands: string[] = []) {
  const queueDir = tempDir('mqtt-q-');
  const session = boardSession(board, 'vb-1', 'Virtual board 1');
  const lab = new LabPublisher({
    config: mqttConfigSchema.parse({ enabled: true, url: broker.url, bench, remoteCommands }),
    bench,
    queueDir,
  });
  lab.add(session);
  lab.start();
  await session.start();
  cleanups.push(async () => {
    await lab.stop();
    await session.close();
    rmSync(queueDir, { recursive: true, force: true });
  });
  await until(() => lab.status().connection.kind === 'connected', 'the publisher to connect');
  return { lab, session };
}

describe('MQTT topics and payloads', () => {
  it('publishes status, telemetry and LED state as documented, status and LED retained', async () => {
    const sub = await Collector.start(broker.url, 'nucleo-mem/#');
    cleanups.push(() => sub.close());
    await publishBoard('bench-a');
    const base = 'nucleo-mem/bench-a/Virtual-board-1';
    await until(() => sub.on(`${base}/telemetry`).length >= 5, 'five telemetry messages');
    await until(() => sub.last(`${base}/status`)?.state === 'online', 'the board online');

    const status = sub.last(`${base}/status`)!;
    expect(status).toMatchObject({ state: 'online', virtual: true, links: { ws: { state: 'open' } } });
    expect(new Date(status.t as string).toISOString()).toBe(status.t);
    const tel = sub.json(`${base}/telemetry`);
    expect(tel.map((m) => m.seq)).toEqual(tel.map((_, i) => i + 1));
    for (const m of tel) {
      expect(Object.keys(m).sort()).toEqual(['data', 'seq', 't', 'uptime']);
      expect(typeof (m.data as Record<string, unknown>).junctionTemp).toBe('number');
      expect(m.uptime).toBe((m.data as Record<string, unknown>).uptime);
      expect(Math.abs(Date.now() - Date.parse(m.t as string))).toBeLessThan(30_000);
    }
    await until(() => sub.last(`${base}/led`), 'the LED state');
    expect(sub.last(`${base}/led`)).toMatchObject({ yellowLed: false, redLed: false });
    expect(sub.last('nucleo-mem/bench-a/status')).toMatchObject({
      state: 'online',
      boards: ['Virtual-board-1'],
    });

    // A late subscriber (mosquitto's own client) is handed the retained status, LED state and bench status.
    const args = ['-h', '127.0.0.1', '-p', String(broker.port), '-v', '-W', '5'];
    const st = await run('mosquitto_sub', [...args, '-C', '1', '-t', `${base}/status`]);
    expect(JSON.parse(st.stdout.slice(`${base}/status `.length))).toMatchObject({ state: 'online' });
    const led = await run('mosquitto_sub', [...args, '-C', '1', '-t', `${base}/led`]);
    expect(JSON.parse(led.stdout.slice(`${base}/led `.length))).toMatchObject({ redLed: false });
    const bench = await run('mosquitto_sub', [...args, '-C', '1', '-t', 'nucleo-mem/bench-a/status']);
    expect(bench.stdout).toContain('"state":"online"');
    // Telemetry is not retained: a late subscriber sees only new messages, each a documented payload.
    const t = await run('mosquitto_sub', [...args, '-C', '2', '-t', `${base}/telemetry`, '-R']);
    const lines = t.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(JSON.parse(l.slice(`${base}/telemetry `.length))).toHaveProperty('seq');
  });

  it('refuses a remote LED command when remote commands are off, and says so on …/event', async () => {
    const sub = await Collector.start(broker.url, 'nucleo-mem/bench-b/#');
    cleanups.push(() => sub.close());
    await publishBoard('bench-b');
    const base = 'nucleo-mem/bench-b/Virtual-board-1';
    await until(() => sub.last(`${base}/led`), 'the LED state');
    await sub.client.publishAsync(`${base}/led/set`, '{"led":"red","state":true}', { qos: 1 });
    await until(() => sub.last(`${base}/event`)?.kind === 'command', 'the refusal event');
    expect(sub.last(`${base}/event`)!.text).toMatch(/refused: remote commands are off for this board/);
    expect(board.control.state().trackedLeds.redLed).toBe(false);
  });

  it('obeys a remote LED command when enabled for the board, answered on …/led by the board', async () => {
    const sub = await Collector.start(broker.url, 'nucleo-mem/bench-c/#');
    cleanups.push(() => sub.close());
    await publishBoard('bench-c', ['vb-1']);
    const base = 'nucleo-mem/bench-c/Virtual-board-1';
    await until(() => sub.last(`${base}/led`), 'the LED state');
    await sub.client.publishAsync(`${base}/led/set`, '{"led":"yellow","state":true}', { qos: 1 });
    await until(() => sub.last(`${base}/led`)?.yellowLed === true, "the board's reply on …/led");
    expect(board.control.state().trackedLeds.yellowLed).toBe(true);
    expect(
      sub.json(`${base}/event`).some((e) => /sent to the board: yellow LED on/.test(e.text as string)),
    ).toBe(true);
    // A malformed command is refused in words, and changes nothing.
    await sub.client.publishAsync(`${base}/led/set`, '{"led":"green","state":true}', { qos: 1 });
    await until(
      () => sub.json(`${base}/event`).some((e) => /"led" must be "yellow" or "red"/.test(e.text as string)),
      'the refusal of a bad command',
    );
    await sub.client.publishAsync(`${base}/led/set`, '{"led":"yellow","state":false}', { qos: 1 });
    await until(() => sub.last(`${base}/led`)?.yellowLed === false, 'the LED off again');
  });

  it('tells a board reboot and the link failure it causes in words on …/event, and the status follows', async () => {
    const sub = await Collector.start(broker.url, 'nucleo-mem/bench-d/#');
    cleanups.push(() => sub.close());
    await publishBoard('bench-d');
    const base = 'nucleo-mem/bench-d/Virtual-board-1';
    // The uptime must have moved past 0 for a restart to show.
    await until(
      () => sub.json(`${base}/telemetry`).some((m) => (m.uptime as number) >= 1),
      'an uptime of 1 s',
      15_000,
    );
    await board.control.reboot();
    await until(() => sub.json(`${base}/event`).some((e) => e.kind === 'reboot'), 'the reboot event', 20_000);
    const events = sub.json(`${base}/event`);
    expect(events.find((e) => e.kind === 'reboot')!.text).toMatch(
      /^The board restarted: uptime (went from \d+ s to \d+ s|is \d+ s where [\d.]+ s was expected .+)\.$/,
    );
    expect(events.find((e) => e.kind === 'link')!.text).toMatch(/Board at 127\.0\.0\.1:\d+/);
    const states = sub.json(`${base}/status`).map((m) => m.state);
    expect(states.slice(-2)).toEqual(['offline', 'online']);
  });
});
