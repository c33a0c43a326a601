// One message the broker refuses must not stall the lab: a real Mosquitto with a small `max_packet_size` closes the
// connection on a bigger message (MQTT 3.1.1 has no other way to refuse it), and a damaged queue line with a `#`
// topic would do the same. The message is set aside in the dead-letter file, once; the rest keeps flowing, also
// after a restart of the bench; `npm run agent` says so.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LabPublisher } from '../../src/main/core/mqtt/lab-publisher';
import { mqttConfigSchema, type MqttStatus } from '../../src/shared/bridge/contracts/mqtt';
import { FakeFeed } from '../support/fake-feed';
import { Mosquitto } from '../support/mosquitto';
import { Collector } from '../support/mqtt-collector';
import { startCli, tempDir } from '../support/processes';
import { until } from '../support/wait';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function queueDir(): string {
  const d = tempDir('mqtt-refused-');
  cleanups.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

async function broker(maxPacketSize?: number): Promise<Mosquitto> {
  const b = await Mosquitto.start({ maxPacketSize });
  cleanups.push(() => b.close());
  return b;
}

async function subscriber(b: Mosquitto, filter: string): Promise<Collector> {
  const sub = await Collector.start(b.url, filter);
  cleanups.push(() => sub.close());
  return sub;
}

/** A lab publisher whose every status and log line the test keeps. */
function lab(b: Mosquitto, bench: string, dir: string) {
  const states: MqttStatus[] = [];
  const logs: string[] = [];
  const l = new LabPublisher({
    config: mqttConfigSchema.parse({ enabled: true, url: b.url, bench }),
    bench,
    queueDir: dir,
    backoff: { stepsMs: [200, 400, 800], jitter: 0 },
    onStatus: (s) => states.push(s),
    log: (m) => logs.push(m),
  });
  return { l, states, logs };
}

function deadLetters(dir: string): Array<Record<string, unknown>> {
  const file = join(dir, 'dead-letter.ndjson');
  if (!existsSync(file)) return [];
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
}

const uptimes = (sub: Collector, topic: string) =>
  sub.json(topic).map((m) => (m.data as { uptime: number }).uptime);

describe('a message the broker refuses', () => {
  it('over the broker’s max_packet_size: set aside with its reason, telemetry keeps arriving, not resent after a restart', async () => {
    const b = await broker(4096);
    const sub = await subscriber(b, 'nucleo-mem/refuse/#');
    const dir = queueDir();
    const feed = new FakeFeed('f1', 'f1');
    const first = lab(b, 'refuse', dir);
    first.l.add(feed);
    first.l.start();
    const telemetry = 'nucleo-mem/refuse/f1/telemetry';
    await until(() => first.l.status().connection.kind === 'connected', 'the first run to connect');
    feed.telemetry(5);
    await until(() => sub.on(telemetry).length === 5, 'the first telemetry');

    // A 10 kB event: fine for this bench, over this broker's 4096-byte maximum packet size.
    feed.sinks.event({ t: Date.now(), kind: 'gap', text: 'x'.repeat(10_000) });
    feed.telemetry(20, 5);
    await until(() => sub.on(telemetry).length >= 25, 'the telemetry sent after the refused message', 30_000);
    expect(uptimes(sub, telemetry)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(sub.on('nucleo-mem/refuse/f1/event')).toEqual([]);

    const status = first.l.status();
    expect(status.setAside).toMatchObject({ count: 1, file: `${basename(dir)}/dead-letter.ndjson` });
    expect(status.setAside?.last).toMatch(
      /^event message to "nucleo-mem\/refuse\/f1\/event": the broker closed the connection right after it was sent, twice in a row .*maximum packet size \(this one is 10,0\d\d bytes\)/,
    );
    expect(first.logs.filter((m) => /set aside/.test(m))).toHaveLength(1);
    const [dead, ...more] = deadLetters(dir);
    expect(more).toEqual([]);
    expect(dead).toMatchObject({
      kind: 'event',
      topic: 'nucleo-mem/refuse/f1/event',
      reason: expect.stringMatching(/closed the connection right after it was sent, twice in a row/),
    });
    expect(JSON.parse(String(dead!.payload))).toMatchObject({ kind: 'gap', text: 'x'.repeat(10_000) });
    await first.l.stop(2000);

    // The bench restarts on the same queue: the refused message is not sent again, so nothing is refused.
    const second = lab(b, 'refuse', dir);
    const feed2 = new FakeFeed('f1', 'f1');
    second.l.add(feed2);
    second.l.start();
    cleanups.push(() => second.l.stop(0));
    await until(() => second.l.status().connection.kind === 'connected', 'the second run to connect');
    feed2.telemetry(10, 100);
    await until(() => uptimes(sub, telemetry).includes(109), 'the second run’s telemetry');
    expect(second.states.filter((s) => s.connection.kind === 'waiting')).toEqual([]);
    expect(second.l.status().setAside?.count).toBe(1); // the count is kept across restarts
    expect(deadLetters(dir)).toHaveLength(1);
  });

  it('a damaged queue line with a # topic is set aside before it is sent, and the rest flows', async () => {
    const b = await broker();
    const sub = await subscriber(b, 'nucleo-mem/damaged/#');
    const dir = queueDir();
    mkdirSync(dir, { recursive: true });
    const line = (s: number, t: string, p: string) => JSON.stringify({ s, k: 'event', t, p, r: false, q: 1 });
    writeFileSync(
      join(dir, '000000000001.ndjson'),
      `${line(1, 'nucleo-mem/damaged/#', 'wild')}\n${line(2, 'nucleo-mem/damaged/f1/event', 'after')}\n`,
    );
    const run = lab(b, 'damaged', dir);
    run.l.start();
    cleanups.push(() => run.l.stop(0));
    await until(
      () => sub.on('nucleo-mem/damaged/f1/event').length === 1,
      'the message after the damaged one',
    );
    expect(sub.on('nucleo-mem/damaged/f1/event')[0]!.text).toBe('after');
    expect(run.states.filter((s) => s.connection.kind === 'waiting')).toEqual([]);
    expect(run.l.status().setAside).toMatchObject({
      count: 1,
      last: 'event message to "nucleo-mem/damaged/#": its topic "nucleo-mem/damaged/#" contains the wildcard + or #, which only subscriptions may use',
    });
    expect(deadLetters(dir)).toMatchObject([{ seq: 1, topic: 'nucleo-mem/damaged/#', payload: 'wild' }]);
  });

  it('npm run agent says so: a log line, and the count in its last line', async () => {
    const b = await broker();
    const sub = await subscriber(b, 'nucleo-mem/agent-dl/#');
    const config = queueDir();
    const q = join(config, 'mqtt-queue');
    mkdirSync(q, { recursive: true });
    const t = 'nucleo-mem/agent-dl/+';
    writeFileSync(
      join(q, '000000000001.ndjson'),
      `${JSON.stringify({ s: 1, k: 'event', t, p: 'wild', q: 1 })}\n`,
    );
    const agent = await startCli<{ pid: number }>([
      'agent',
      '--mqtt',
      b.url,
      '--bench',
      'agent-dl',
      '--virtual',
      '1',
      '--telemetry-ms',
      '50',
      '--config-dir',
      config,
    ]);
    cleanups.push(async () => void (await agent.stop('SIGKILL')));
    let out = '';
    agent.child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    await until(
      () => sub.on('nucleo-mem/agent-dl/virtual-1/telemetry').length >= 5,
      'telemetry from the agent',
    );
    expect(agent.stderr()).toMatch(
      /MQTT: set aside, not sent again: event message to "nucleo-mem\/agent-dl\/\+": its topic .* contains the wildcard \+ or #.*; kept in .*dead-letter\.ndjson/,
    );
    expect(await agent.stop('SIGTERM')).toBe(0);
    const last = JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(last).toMatchObject({ stopped: true, queued: 0, setAside: 1 });
  });
});
