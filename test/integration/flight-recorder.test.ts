// The flight recorder in the bench: every watched board's run goes into its own session file, with telemetry,
// frames, TCP events, serial lines, pool-status and the bench's events, against the in-app virtual board.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bench } from '../../src/main/core/bench';
import { openSessionFile } from '../../src/main/core/flight/session-file-reader';
import { SESSION_CHANNELS, channelKeyOfTopic } from '../../src/shared/session-file/channels';
import { testBench, caller } from '../support/bench';
import { tempDirs } from '../support/temp-dirs';
import { until } from '../support/wait';

const dirs = tempDirs('flight-recorder-');
let bench: Bench | undefined;
afterEach(async () => {
  await bench?.close();
  bench = undefined;
});

/** The session files of board `id` under config folder `dir`. */
function filesOf(dir: string, id: string): string[] {
  const folder = join(dir, 'sessions', id);
  return existsSync(folder) ? readdirSync(folder).map((n) => join(folder, n)) : [];
}

/** Events and per-topic counts of a session file (read without changing it, also while it is written). */
async function readSession(path: string) {
  const s = await openSessionFile(path);
  const events: { kind: string; state?: string; fault?: string; leds?: Record<string, boolean> }[] = [];
  // Each channel carries the schema docs/sessions.md names for it.
  for (const c of s.mcap.channelsById.values()) {
    const key = channelKeyOfTopic(c.topic);
    expect(key, c.topic).toBeDefined();
    expect(s.mcap.schemasById.get(c.schemaId)).toMatchObject({
      name: SESSION_CHANNELS[key!].schema,
      encoding: 'jsonschema',
    });
  }
  for await (const m of s.messages({ channels: ['events'] })) {
    events.push(JSON.parse(new TextDecoder().decode(m.data)) as (typeof events)[number]);
  }
  await s.close();
  return { counts: s.counts(), events, info: s.info, recovered: s.recovered };
}

describe('the flight recorder', () => {
  it("writes a watched board's run, every channel, and closes the file whole when the bench closes", async () => {
    const dir = dirs();
    const b = await testBench(dir);
    bench = b;
    const call = caller(() => b);
    let telemetrySeen = 0;
    let uptime = 0;
    b.telemetry.pipeline.tap((id, r) => {
      if (id !== 'virtual' || r.dir !== 'rx' || !r.data?.startsWith('{"type":"telemetry"')) return;
      telemetrySeen++;
      uptime = (JSON.parse(r.data) as { data: { uptime: number } }).data.uptime;
    });
    await b.virtualBoards.service('virtual').ensureStarted();
    await call('vboard:configure', { boardId: 'virtual', telemetryMs: 20 });
    const file = await until(
      () => filesOf(dir, 'virtual')[0],
      'the session file of the virtual board',
      30_000,
    );
    await until(
      async () => ((await readSession(file)).counts.get('/board/telemetry') ?? 0) >= 10,
      'telemetry',
      30_000,
    );
    // A reboot shows as the uptime going back: let it count past 0 first.
    await until(() => uptime >= 2, 'two seconds of board uptime', 30_000);

    await call('board:set-led', { led: 'yellow', state: true, boardId: 'virtual' });
    await until(
      async () => (await readSession(file)).events.some((e) => e.kind === 'led-status' && e.leds?.yellowLed),
      "the board's answer to the LED command in the file",
      30_000,
    );
    await call('vboard:fault', { boardId: 'virtual', kind: 'reboot' });
    await until(
      async () => {
        const { counts, events } = await readSession(file);
        return (
          events.some((e) => e.kind === 'reboot') &&
          (counts.get('/serial/lines') ?? 0) > 0 &&
          (counts.get('/board/pool-status') ?? 0) > 0
        );
      },
      'the reboot, the LED and serial lines in the file',
      30_000,
    );
    await b.close();
    const seen = telemetrySeen;
    bench = undefined;

    const { counts, events, info, recovered } = await readSession(file);
    expect(recovered).toBeUndefined(); // finished: summary and footer written
    expect(info).toMatchObject({ boardId: 'virtual', boardKind: 'virtual', benchVersion: '0' });
    // Every telemetry message the bench received from the board while watching it is in the file.
    expect(counts.get('/board/telemetry')).toBe(seen);
    for (const topic of ['/ws/frames', '/ws/tcp', '/serial/lines', '/board/pool-status', '/bench/events']) {
      expect(counts.get(topic), topic).toBeGreaterThan(0);
    }
    const kinds = new Set(events.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(
      expect.arrayContaining(['led-command', 'led-status', 'link', 'reboot']),
    );
    expect(events.find((e) => e.kind === 'led-command')).toMatchObject({ leds: { yellow: true } });
    expect(events.some((e) => e.kind === 'link' && e.state === 'open')).toBe(true);
  });

  it('records nothing when the setting turns it off', async () => {
    const dir = dirs();
    const b = await testBench(dir, { connectOnStart: false });
    bench = b;
    const call = caller(() => b);
    await call('settings:set', { sessionRecorder: false });
    await call('sessions:focus', { id: 'virtual' });
    await until(
      () => b.telemetry.pipeline.historyOf('virtual').samples > 0,
      'telemetry from the board',
      30_000,
    );
    await b.close();
    bench = undefined;
    expect(filesOf(dir, 'virtual')).toEqual([]);
  });
});
