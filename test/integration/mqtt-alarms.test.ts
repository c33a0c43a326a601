// Alarms on the lab data path against a real Mosquitto: the core's LabPublisher fed by an AlarmSource the test
// drives; what arrives is read back by mqtt.js and by mosquitto_sub (a late subscriber).
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LabPublisher } from '../../src/main/core/mqtt/lab-publisher';
import { mqttConfigSchema } from '../../src/shared/bridge/contracts/mqtt';
import { FakeAlarms, hotRule } from '../support/fake-alarms';
import { FakeFeed } from '../support/fake-feed';
import { Mosquitto } from '../support/mosquitto';
import { Collector } from '../support/mqtt-collector';
import { tempDir } from '../support/processes';
import { until } from '../support/wait';

const run = promisify(execFile);
let broker: Mosquitto;
const cleanups: Array<() => Promise<void> | void> = [];

beforeAll(async () => {
  broker = await Mosquitto.start();
});
afterAll(async () => {
  await broker?.close();
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function publishBoard(bench: string) {
  const queueDir = tempDir('mqtt-alarm-q-');
  const alarms = new FakeAlarms();
  const feed = new FakeFeed('vb-1', 'Virtual board 1');
  const lab = new LabPublisher({
    config: mqttConfigSchema.parse({ enabled: true, url: broker.url, bench }),
    bench,
    queueDir,
    alarms,
  });
  lab.add(feed);
  lab.start();
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await lab.stop();
  };
  cleanups.push(async () => {
    await stop();
    rmSync(queueDir, { recursive: true, force: true });
  });
  return { lab, feed, alarms, stop };
}

/** A late subscriber: mosquitto's own client, handed the retained message of `topic`. */
async function retained(topic: string): Promise<unknown> {
  const args = ['-h', '127.0.0.1', '-p', String(broker.port), '-v', '-W', '10', '-C', '1', '-t', topic];
  const { stdout } = await run('mosquitto_sub', args);
  return JSON.parse(stdout.slice(`${topic} `.length));
}

describe('MQTT alarms', () => {
  it('publishes the raise and the clear on …/alarm and the active list retained on …/alarms', async () => {
    const sub = await Collector.start(broker.url, 'nucleo-mem/bench-al/#');
    cleanups.push(() => sub.close());
    const { lab, feed, alarms } = publishBoard('bench-al');
    const base = 'nucleo-mem/bench-al/Virtual-board-1';
    await until(() => lab.status().connection.kind === 'connected', 'the publisher to connect');
    // A board is published with its list: none yet.
    await until(() => sub.on(`${base}/alarms`).length > 0, 'the first alarm list');
    expect(sub.last(`${base}/alarms`)).toEqual([]);

    const raisedAt = Date.now();
    const a = alarms.raise(feed, raisedAt, 91.2);
    await until(() => sub.last(`${base}/alarm`), 'the raise');
    expect(sub.last(`${base}/alarm`)).toEqual({
      kind: 'raised',
      id: a.id,
      ruleId: 'hot',
      ruleName: 'Too hot',
      ruleKind: 'threshold',
      severity: 'critical',
      boardId: 'vb-1',
      boardName: 'Virtual board 1',
      raisedAt: new Date(raisedAt).toISOString(),
      value: 91.2,
      subject: 'junctionTemp',
      message: 'junctionTemp 91.2 °C above 85',
    });
    expect(sub.on(`${base}/alarm`)[0]).toMatchObject({ retained: false });
    await until(() => (sub.last(`${base}/alarms`) as unknown as unknown[]).length === 1, 'the list of one');
    expect(sub.last(`${base}/alarms`)).toEqual([expect.objectContaining({ id: a.id, severity: 'critical' })]);

    // A subscriber arriving now is handed the board's alarms raised now.
    expect(await retained(`${base}/alarms`)).toEqual([expect.objectContaining({ id: a.id, value: 91.2 })]);
    const late = await Collector.start(broker.url, `${base}/alarms`);
    cleanups.push(() => late.close());
    await until(() => late.on(`${base}/alarms`).length > 0, 'the retained list');
    expect(late.on(`${base}/alarms`)[0]).toMatchObject({ retained: true });

    alarms.clear(a, raisedAt + 4000);
    await until(() => sub.last(`${base}/alarm`)?.kind === 'cleared', 'the clear');
    expect(sub.last(`${base}/alarm`)).toMatchObject({
      id: a.id,
      raisedAt: new Date(raisedAt).toISOString(),
      clearedAt: new Date(raisedAt + 4000).toISOString(),
    });
    await until(() => (sub.last(`${base}/alarms`) as unknown as unknown[]).length === 0, 'the list empty');
    expect(await retained(`${base}/alarms`)).toEqual([]);
  });

  it('sends the list again to a broker that forgot it, and keeps what is raised while the broker is away', async () => {
    const { lab, feed, alarms } = publishBoard('bench-aq');
    const base = 'nucleo-mem/bench-aq/Virtual-board-1';
    const connected = () => lab.status().connection.kind === 'connected';
    await until(() => connected(), 'the publisher to connect');
    const a = alarms.raise(feed, Date.now(), 88);
    await until(() => lab.status().queued === 0 && lab.status().published >= 4, 'the raise to be taken');
    // A broker restarted without persistence forgot every retained message: the bench sends the list again.
    await broker.stop();
    await until(() => !connected(), 'the publisher to see the broker gone');
    await broker.restart();
    await until(() => connected() && lab.status().queued === 0, 'the bench back on the broker', 30_000);
    expect(await retained(`${base}/alarms`)).toEqual([expect.objectContaining({ id: a.id, value: 88 })]);

    // Raised while the broker is away: kept in the queue, then sent in order.
    const published = lab.status().published;
    await broker.stop();
    await until(() => !connected(), 'the publisher to see the broker gone');
    const b = alarms.raise(feed, Date.now(), 95, { ...hotRule, id: 'hotter', name: 'Hotter' });
    expect(lab.status().queued).toBeGreaterThanOrEqual(2);
    await broker.restart();
    await until(() => connected() && lab.status().queued === 0, 'the queue sent', 30_000);
    expect(lab.status().published).toBeGreaterThanOrEqual(published + 2);
    expect(await retained(`${base}/alarms`)).toEqual([
      expect.objectContaining({ id: a.id }),
      expect.objectContaining({ id: b.id, ruleName: 'Hotter' }),
    ]);
  });

  it('sets the list to [] when the board is no longer published and when the bench stops', async () => {
    const { lab, feed, alarms, stop } = publishBoard('bench-ar');
    const base = 'nucleo-mem/bench-ar/Virtual-board-1';
    await until(() => lab.status().connection.kind === 'connected', 'the publisher to connect');
    const a = alarms.raise(feed, Date.now(), 90);
    await until(() => lab.status().queued === 0 && lab.status().published >= 4, 'the raise to be taken');
    expect(await retained(`${base}/alarms`)).toEqual([expect.objectContaining({ id: a.id })]);
    lab.remove(feed.id);
    await until(() => lab.status().queued === 0, 'the removal to be taken');
    expect(await retained(`${base}/alarms`)).toEqual([]);

    lab.add(feed);
    await until(() => lab.status().queued === 0, 'the board published again');
    expect(await retained(`${base}/alarms`)).toEqual([expect.objectContaining({ id: a.id })]);
    await stop();
    expect(alarms.listening).toBe(0);
    expect(await retained(`${base}/alarms`)).toEqual([]);
  });
});
