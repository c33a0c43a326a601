// Nothing lost while the broker is away: a real Mosquitto stopped and restarted by PID under 100 Hz telemetry, the
// on-disk queue across an app restart, and its cap (oldest telemetry dropped and counted, status and events kept).
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startBoard } from '../../src/main/board';
import { LabPublisher } from '../../src/main/core/mqtt/lab-publisher';
import { mqttConfigSchema } from '../../src/shared/bridge/contracts/mqtt';
import { boardSession } from '../support/board-session';
import { FakeFeed } from '../support/fake-feed';
import { Mosquitto } from '../support/mosquitto';
import { Collector } from '../support/mqtt-collector';
import { tempDir } from '../support/processes';
import { until } from '../support/wait';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function queueDir(): string {
  const d = tempDir('mqtt-q-');
  cleanups.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

async function broker(opts: { persistence?: boolean } = {}): Promise<Mosquitto> {
  const b = await Mosquitto.start(opts);
  cleanups.push(() => b.close());
  return b;
}

function lab(b: Mosquitto, bench: string, dir: string, extra: Record<string, unknown> = {}): LabPublisher {
  return new LabPublisher({
    config: mqttConfigSchema.parse({ enabled: true, url: b.url, bench, ...extra }),
    bench,
    queueDir: dir,
    // Short reconnect steps: the test is about what arrives, not how long the bench waits.
    backoff: { stepsMs: [200, 400, 800], jitter: 0 },
  });
}

const seqsOf = (sub: Collector, topic: string) => sub.json(topic).map((m) => m.seq as number);

describe('MQTT queue', () => {
  it('loses nothing at QoS 1 when the broker is stopped for 10 s under 100 Hz telemetry', async () => {
    const b = await broker({ persistence: true });
    const board = await startBoard({ wsPort: 0, telemetryMs: 10, bootDelayMs: 0 });
    cleanups.push(() => board.close());
    const sub = await Collector.start(b.url, 'nucleo-mem/outage/#', { clientId: 'outage-sub', clean: false });
    cleanups.push(() => sub.close());
    const session = boardSession(board, 'vb', 'vb');
    const l = lab(b, 'outage', queueDir());
    l.add(session);
    l.start();
    await session.start();
    cleanups.push(async () => {
      await l.stop(0);
      await session.close();
    });
    const topic = 'nucleo-mem/outage/vb/telemetry';
    await until(() => sub.on(topic).length >= 100, '100 telemetry messages');

    await b.stop();
    const stoppedAt = Date.now();
    await until(() => l.status().connection.kind === 'waiting', 'the publisher to notice');
    await until(() => Date.now() - stoppedAt >= 10_000, 'ten seconds of outage', 15_000);
    const queued = l.status().queued;
    expect(queued).toBeGreaterThan(300); // ~100 Hz for 10 s, kept for the broker
    expect(l.status().connection).toMatchObject({ kind: 'waiting', reason: expect.stringMatching(/broker/) });

    await b.restart();
    await until(() => l.status().connection.kind === 'connected', 'the publisher to reconnect', 15_000);
    await session.close(); // no more telemetry: count what was published
    await until(() => l.status().queued === 0, 'the queue to drain', 20_000);
    const n = l.telemetryCounts()['vb']!;
    await until(() => new Set(seqsOf(sub, topic)).size >= n, `all ${n} messages at the subscriber`, 20_000);
    const seqs = [...new Set(seqsOf(sub, topic))].sort((a, c) => a - c);
    expect(seqs).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(l.status().dropped).toBe(0);
  });

  it('keeps the queue on disk across an app restart and sends it, in order, to the broker', async () => {
    const b = await broker();
    await b.stop();
    const dir = queueDir();
    const feed = new FakeFeed('f1', 'f1');
    const first = lab(b, 'restart', dir);
    first.add(feed);
    first.start();
    await until(() => first.status().connection.kind === 'waiting', 'the first run to find no broker');
    feed.telemetry(50);
    expect(first.status().queued).toBe(51); // the board status and 50 telemetry
    await first.stop(0); // the app quits with the broker still away

    await b.restart();
    const sub = await Collector.start(b.url, 'nucleo-mem/restart/#');
    cleanups.push(() => sub.close());
    const second = lab(b, 'restart', dir);
    second.start();
    cleanups.push(() => second.stop(0));
    await until(() => second.status().queued === 0, 'the second run to drain the queue');
    const topic = 'nucleo-mem/restart/f1/telemetry';
    await until(() => sub.on(topic).length >= 50, 'the 50 messages of the first run');
    expect(seqsOf(sub, topic)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    // The first run's online and then offline status, in order: the retained value is the last.
    expect(sub.json('nucleo-mem/restart/f1/status').map((s) => s.state)).toEqual(['online', 'offline']);
  });

  it('at its cap drops the oldest telemetry and counts it, never the status or events', async () => {
    // The subscriber's session is made before the outage and kept by the broker across its restart: whichever of
    // the two reconnects first, the bench's non-retained event and telemetry are held for it, never lost.
    const b = await broker({ persistence: true });
    const sub = await Collector.start(b.url, 'nucleo-mem/cap/#', { clientId: 'cap-sub', clean: false });
    cleanups.push(() => sub.close());
    await b.stop();
    const feed = new FakeFeed('f2', 'f2');
    const l = lab(b, 'cap', queueDir(), { queueMax: 20 });
    l.add(feed); // 1 status
    l.start();
    cleanups.push(() => l.stop(0));
    await until(() => l.status().connection.kind === 'waiting', 'no broker');
    feed.telemetry(100);
    feed.sinks.event({ t: Date.now(), kind: 'gap', text: 'a gap for the test' });
    feed.setLinks({ online: false, links: { ws: { state: 'waiting', reason: 'the board went away' } } });
    expect(l.status()).toMatchObject({ queued: 20, dropped: 83 });

    await b.restart();
    await until(() => l.status().queued === 0, 'the queue to drain', 15_000);
    await until(() => sub.on('nucleo-mem/cap/f2/event').length === 1, 'the event');
    await until(() => sub.json('nucleo-mem/cap/f2/status').length === 2, 'both statuses');
    expect(sub.json('nucleo-mem/cap/f2/status').map((s) => s.state)).toEqual(['online', 'offline']);
    await until(() => sub.on('nucleo-mem/cap/f2/telemetry').length === 17, 'the newest telemetry');
    expect(seqsOf(sub, 'nucleo-mem/cap/f2/telemetry')).toEqual(Array.from({ length: 17 }, (_, i) => 84 + i));
    expect(l.status().dropped).toBe(83);
  });
});
