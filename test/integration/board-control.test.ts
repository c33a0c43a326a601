import { once } from 'node:events';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WsClient from 'ws';
import { seededRandom, startBoard, type RunningBoard, type WireEvent } from '../../src/main/board';
import { FakeClock } from '../support/fake-clock';
import { until } from '../support/wait';

const boards: RunningBoard[] = [];
async function boot(...args: Parameters<typeof startBoard>): Promise<RunningBoard> {
  const b = await startBoard(...args);
  boards.push(b);
  return b;
}
afterEach(async () => {
  for (const b of boards.splice(0)) await b.close();
});

async function client(b: RunningBoard): Promise<{ ws: WsClient; got: string[] }> {
  const ws = new WsClient(b.endpoints.ws, { handshakeTimeout: 2000 });
  const got: string[] = [];
  ws.on('message', (d) => got.push(d.toString()));
  ws.on('error', () => undefined);
  await until(() => got.length > 0, 'led-status');
  return { ws, got };
}

describe('virtual board control API', () => {
  it('is deterministic with an injected clock and random source', async () => {
    const runs: string[][] = [];
    for (let i = 0; i < 2; i++) {
      const clock = new FakeClock();
      const b = await boot({ wsPort: 0, bootDelayMs: 0, clock, random: seededRandom(42) });
      const texts: string[] = [];
      b.control.on('telemetry', (t) => texts.push(t.text));
      clock.advance(20_000);
      runs.push(texts);
      expect(b.control.state().uptime).toBe(20);
      await b.close();
      expect(clock.pending).toBe(0);
    }
    expect(runs[0]).toHaveLength(20);
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0]![0]).toMatch(/"uptime":1\}\}$/);
    // Values start at 0 and change with r & 3 == 0 (about a quarter of cycles).
    const floats = runs[0]!.map((t) => /"randomFloat":([^,]+)/.exec(t)![1]);
    expect(new Set(floats).size).toBeLessThan(15);
  });

  it('applies tickScale and wraps the uptime at 2^32 ticks', async () => {
    const clock = new FakeClock();
    const b = await boot({ wsPort: 0, bootDelayMs: 0, clock, tickScale: 1.1458, startTicks: 2 ** 32 - 1500 });
    const texts: string[] = [];
    b.control.on('telemetry', (t) => texts.push(t.text));
    clock.advance(872);
    expect(texts).toHaveLength(0);
    clock.advance(1);
    expect(texts[0]).toMatch(/"uptime":4294966\}\}$/);
    clock.advance(873);
    expect(texts[1]).toMatch(/"uptime":0\}\}$/);
  });

  it('keeps the tick schedule when timers fire late: 1 ms telemetry is 1000 messages a second', async () => {
    // Node's timers fire up to a millisecond late; the firmware's tx_thread_sleep wakes on the tick regardless.
    class LateClock extends FakeClock {
      override setTimeout(fn: () => void, ms: number) {
        return super.setTimeout(fn, ms + 0.25);
      }
    }
    const clock = new LateClock();
    const b = await boot({ wsPort: 0, bootDelayMs: 0, clock, telemetryMs: 1 });
    let count = 0;
    b.control.on('telemetry', () => count++);
    clock.advance(10_000);
    expect(count).toBeGreaterThanOrEqual(9_999);
    expect(count).toBeLessThanOrEqual(10_000);

    // A short stall (a busy event loop) is caught up a few wakes at a time: the WS pool is never emptied.
    const times: number[] = [];
    const off = b.control.on('telemetry', (t) => times.push(t.time));
    clock.jump(200);
    clock.advance(100);
    off();
    expect(times.length).toBeGreaterThanOrEqual(299);
    const perFiring = new Map<number, number>();
    for (const t of times) perFiring.set(t, (perFiring.get(t) ?? 0) + 1);
    expect(Math.max(...perFiring.values())).toBeLessThanOrEqual(4);

    // A long stall (a suspended process) starts the schedule afresh instead of flooding the client.
    b.control.setTelemetryPeriod(1000);
    clock.advance(1_500);
    count = 0;
    clock.jump(10_000);
    clock.advance(3_000);
    // From 1.5 s to 14.5 s with a 10 s suspension: one wake when the process runs again (11.5 s), not the ten
    // missed meanwhile, then 12.5 and 13.5 s (each timer fires a quarter millisecond late).
    expect(count).toBe(3);
  });

  it('reboots: clients dropped, boot log printed, uptime from zero, serving again', async () => {
    const b = await boot({ wsPort: 0, bootDelayMs: 50, telemetryMs: 20 });
    const { ws } = await client(b);
    const lines: string[] = [];
    const phases: string[] = [];
    b.control.on('uart-line', (l) => lines.push(l.text));
    b.control.on('phase', (p) => phases.push(p));
    const closed = once(ws, 'close');
    await b.control.reboot();
    await closed;
    expect(lines[0]).toBe('=== System Starting ===');
    expect(lines).toContain('Telemetry thread started (demo mode)');
    expect(phases).toEqual(['booting', 'running']);
    expect(b.control.state().uptime).toBe(0);
    const again = await client(b);
    expect(again.got[0]).toContain('led-status');
    again.ws.terminate();
  });

  it('boots at once when it was already on (firstBootDelayMs 0), and takes the boot time on a reboot', async () => {
    const clock = new FakeClock();
    // Nothing advances the clock before startBoard resolves: a delayed first boot would never finish.
    const b = await boot({ wsPort: 0, clock, bootDelayMs: 60_000, firstBootDelayMs: 0 });
    expect(b.control.state().phase).toBe('running');
    expect(b.control.state().serialTail.map((l) => l.text)).toContain('Telemetry thread started (demo mode)');
    const rebooted = b.control.reboot();
    await until(() => b.control.state().phase === 'booting', 'the reboot begins');
    let advanced = 0;
    await until(() => {
      if (b.control.state().phase === 'running') return true;
      clock.advance(500);
      advanced += 500;
      return false;
    }, 'the reboot ends');
    await rebooted;
    expect(advanced).toBeGreaterThanOrEqual(60_000);
  });

  it('drops the link, stalls telemetry, spikes the temperature, changes period and profile', async () => {
    const b = await boot({ wsPort: 0, bootDelayMs: 0, telemetryMs: 10, random: seededRandom(7) });
    const events: string[] = [];
    b.control.on('client', (c) => events.push(c.kind));
    const temps: number[] = [];
    b.control.on('telemetry', (t) => temps.push(Number(/"junctionTemp":(\d+)/.exec(t.text)![1])));
    const { ws } = await client(b);
    await until(() => temps.length > 3, 'telemetry');
    const base = temps.at(-1)!;
    b.control.spikeTemperature(30);
    const n = temps.length;
    await until(() => temps.length > n, 'telemetry after spike');
    expect(temps.at(-1)!).toBeGreaterThan(base + 20);
    b.control.stallTelemetry(true);
    const stalledAt = b.control.state().telemetryCount;
    b.control.setTelemetryPeriod(1);
    const { ws: w2 } = { ws };
    const closed = once(w2, 'close');
    expect(b.control.dropLink()).toBe(true);
    await closed;
    expect(events).toEqual(['open', 'close']);
    expect(b.control.state().telemetryCount).toBe(stalledAt);
    b.control.stallTelemetry(false);
    await until(() => b.control.state().telemetryCount > stalledAt + 20, '1 ms telemetry');
    b.control.setProfile('compliant');
    expect(b.control.state().profile).toBe('compliant');
    expect(() => b.control.setTelemetryPeriod(0)).toThrow(/1–60000/);
  });

  it('reports state changes, the frame tap, and LED/OLED state', async () => {
    const taps: WireEvent[] = [];
    const b = await boot({ wsPort: 0, bootDelayMs: 0, telemetryMs: 1000, onWire: (e) => taps.push(e) });
    const states: number[] = [];
    b.control.on('state', (s) => states.push(s.clients.length));
    const { ws } = await client(b);
    ws.send('{"type":"led-command","led":"red","state":true}');
    await until(() => b.control.state().leds.red, 'red on');
    expect(b.control.state().trackedLeds).toEqual({ yellowLed: false, redLed: true });
    b.control.setLed('yellow', true);
    expect(b.control.state().leds.yellow).toBe(true);
    expect(b.control.state().trackedLeds.yellowLed).toBe(false);
    await until(() => states.includes(1), 'state event');
    const rx = Buffer.concat(taps.filter((t) => t.dir === 'rx').map((t) => t.bytes));
    const tx = Buffer.concat(taps.filter((t) => t.dir === 'tx').map((t) => t.bytes));
    expect(rx.toString('latin1')).toContain('Sec-WebSocket-Key:');
    expect(tx.toString('latin1')).toContain('101 Switching Protocols');
    expect(taps[0]!.note).toBe('open');
    const oled = b.control.state().oled;
    expect(oled.kind).toBe('status');
    if (oled.kind === 'status') expect(oled.regions.bl).toBe('IP: 192.168.0.50 / 255.255.255.0');
    ws.terminate();
  });

  it('replays a recording at its spacing, looping', async () => {
    const t = (n: number) =>
      `{"type":"telemetry","data":{"junctionTemp":${n},"randomFloat":1.5,"randomInt":2,"uptime":${n}}}`;
    const rec = [
      JSON.stringify({ format: 'nucleo-bench-recording', version: 1, started: 0, board: {} }),
      JSON.stringify({ t: 1000, dir: 'rx', op: 1, data: t(1) }),
      JSON.stringify({ t: 1100, dir: 'tx', op: 1, data: '{"type":"led-command"}' }),
      JSON.stringify({ t: 1500, dir: 'rx', op: 1, data: t(2) }),
      JSON.stringify({ t: 1700, dir: 'rx', op: 1, data: t(3) }),
      '{"t":17',
    ].join('\n');
    const { replayFromText } = await import('../../src/main/board');
    const clock = new FakeClock();
    const b = await boot({ wsPort: 0, bootDelayMs: 0, clock, replay: replayFromText(rec) });
    const texts: string[] = [];
    b.control.on('telemetry', (e) => texts.push(e.text));
    // The first message waits the loop-around gap (the median spacing), then the recorded gaps follow.
    clock.advance(500 + 500 + 200);
    expect(texts).toEqual([t(1), t(2), t(3)]);
    clock.advance(500);
    expect(texts.at(-1)).toBe(t(1));
  });

  it('close() releases the port', async () => {
    const b = await startBoard({ wsPort: 0, bootDelayMs: 0 });
    const port = b.endpoints.wsPort;
    await b.close();
    const s = connect({ host: '127.0.0.1', port });
    const [err] = (await once(s, 'error')) as [NodeJS.ErrnoException];
    expect(err.code).toBe('ECONNREFUSED');
  });
});
