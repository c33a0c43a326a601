// Issue 22, point 8: a remote-command permission never moves to another board. Boards "lab/1" and "lab+1" are
// published as `lab-1` and `lab-1-2`; the user allowed remote commands for `lab-1` (an older version kept topic
// names there). Once "lab/1" is removed and the bench restarted, "lab+1" keeps `lab-1-2`, and a command sent to
// `lab-1` reaches no board. The app core against a real Mosquitto, two firmware stand-ins as the boards.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bench } from '../../src/main/core/bench';
import { caller, testBench } from '../support/bench';
import { startFakeFirmware, type FakeFirmware } from '../support/fake-firmware';
import { Mosquitto } from '../support/mosquitto';
import { Collector } from '../support/mqtt-collector';
import { tempDir } from '../support/processes';
import { until } from '../support/wait';

let broker: Mosquitto;
let slash: FakeFirmware;
let plus: FakeFirmware;
let dir: string;
let bench: Bench | undefined;
const lines: string[] = [];
const call = caller(() => bench!);
const base = 'nucleo-mem/owner';

const ledCommands = (fw: FakeFirmware) => fw.received.filter((t) => t.includes('"led-command"'));

beforeAll(async () => {
  broker = await Mosquitto.start();
  slash = await startFakeFirmware({ periodMs: 100, withHttpFtp: true });
  plus = await startFakeFirmware({ periodMs: 100, withHttpFtp: true });
  dir = tempDir('mqtt-owner-');
  const board = (id: string, name: string, fw: FakeFirmware) => ({
    id,
    name,
    host: '127.0.0.1',
    wsPort: fw.wsPort,
    httpPort: fw.httpPort,
    ftpPort: fw.ftpPort,
  });
  // As an older version left them: no topic names kept, the remote-command list naming a topic level.
  writeFileSync(
    join(dir, 'profiles.json'),
    JSON.stringify({
      version: 2,
      virtualBoards: [],
      boards: [board('board-slash', 'lab/1', slash), board('board-plus', 'lab+1', plus)],
    }),
  );
  writeFileSync(
    join(dir, 'settings.json'),
    JSON.stringify({ mqtt: { enabled: true, url: broker.url, bench: 'owner', remoteCommands: ['lab-1'] } }),
  );
});
afterAll(async () => {
  await bench?.close();
  await slash?.stop();
  await plus?.stop();
  await broker?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function startBench(watch: readonly string[]): Promise<void> {
  bench = await testBench(dir, { log: (m) => lines.push(m) });
  for (const id of watch) await call('sessions:watch', { id });
}

describe('a board keeps its MQTT topic level, and a permission its board', () => {
  it('"lab+1" does not take over "lab-1" or its remote commands once "lab/1" is removed', async () => {
    const sub = await Collector.start(broker.url, `${base}/#`);
    try {
      await startBench(['board-slash', 'board-plus']);
      await until(
        () => sub.last(`${base}/lab-1/status`)?.state === 'online',
        '"lab/1" online as lab-1',
        20_000,
      );
      await until(
        () => sub.last(`${base}/lab-1-2/status`)?.state === 'online',
        '"lab+1" online as lab-1-2',
        20_000,
      );
      // The permission the user gave "lab-1" belongs to the board that had that name: "lab/1".
      await sub.client.publishAsync(`${base}/lab-1/led/set`, '{"led":"red","state":true}', { qos: 1 });
      await until(() => ledCommands(slash).length === 1, 'the command sent to "lab/1"', 20_000);
      const settings = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as {
        mqtt: { remoteCommands: unknown };
      };
      expect(settings.mqtt.remoteCommands).toEqual(['board-slash']);

      await call('links:remove-profile', { id: 'board-slash' });
      await bench!.close();
      bench = undefined;

      // The next start: "lab+1" alone.
      const asLab1 = sub.on(`${base}/lab-1/telemetry`).length;
      await startBench(['board-plus']);
      const before = sub.on(`${base}/lab-1-2/telemetry`).length;
      await until(
        () => sub.on(`${base}/lab-1-2/telemetry`).length > before + 2,
        '"lab+1" publishing as lab-1-2 again',
        20_000,
      );
      const refused = lines.length;
      await sub.client.publishAsync(`${base}/lab-1/led/set`, '{"led":"yellow","state":true}', { qos: 1 });
      await until(
        () => lines.slice(refused).some((l) => /refused a remote LED command for "lab-1"/.test(l)),
        'the command to lab-1 refused',
        20_000,
      );
      expect(ledCommands(plus)).toEqual([]);
      expect(sub.on(`${base}/lab-1/telemetry`).length).toBe(asLab1);
    } finally {
      await sub.close();
    }
  }, 120_000);
});
