// Written as a user of the typed API would write a test of their board: open a bench, call the steps, check each
// result. The same file could point at a real board with openBench('ws://192.168.0.50:8080').
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenario, openBench, runScenario, type Board } from '../../src/main/scenarios';
import { startBoardProcess, type BoardProcess } from '../support/scenarios';
import { tempDirs } from '../support/temp-dirs';

const temp = tempDirs('scenario-api-');
const open: Board[] = [];
const processes: BoardProcess[] = [];
afterEach(async () => {
  for (const b of open.splice(0)) await b.close();
  for (const p of processes.splice(0)) await p.cli.stop('SIGTERM');
});

async function bench(...args: Parameters<typeof openBench>): Promise<Board> {
  const b = await openBench(...args);
  open.push(b);
  return b;
}

describe('the scenario API (openBench)', () => {
  it('drives the virtual board step by step: LED round trip, telemetry, page, FTP, marks', async () => {
    const marks: string[] = [];
    const board = await bench('virtual', { onMark: (m) => marks.push(m.text) });
    expect(board.info.kind).toBe('virtual');

    expect(await board.led('yellow', 'on')).toMatchObject({ status: 'passed' });
    const status = await board.expectMessage({
      type: 'led-status',
      fields: { yellowLed: true },
      within: '500ms',
    });
    expect(status.status).toBe('passed');
    expect(status.message).toContain('"yellowLed":true');
    expect(status.ms).toBeGreaterThanOrEqual(0);

    const t = await board.telemetry({
      for: '2.5s',
      fields: ['junctionTemp', 'uptime'],
      ranges: { junctionTemp: [20, 85] },
    });
    expect(t).toMatchObject({ status: 'passed' });
    expect(t.message).toMatch(/junctionTemp \d+ to \d+/);

    expect(await board.http({ get: '/', body: { contains: 'NUCLEO-MEM' } })).toMatchObject({
      status: 'passed',
    });
    expect(await board.ftp.put('/api.txt', { text: 'from the API' })).toMatchObject({ status: 'passed' });
    expect(await board.http({ get: '/api.txt', body: { equals: 'from the API' } })).toMatchObject({
      status: 'passed',
    });
    expect(await board.ftp.get('/api.txt', { expect: { contains: 'API' } })).toMatchObject({
      status: 'passed',
    });
    expect(await board.ftp.delete('/api.txt')).toMatchObject({ status: 'passed' });
    expect(await board.ftp.list('/', { absent: ['api.txt'] })).toMatchObject({ status: 'passed' });
    expect(await board.mark('checked')).toMatchObject({ status: 'passed' });
    expect(marks).toEqual(['checked']);
  });

  it('counts the samples of telemetry-batch frames (the extension) in a telemetry step', async () => {
    const board = await bench('virtual', { virtualBoard: { telemetryBatch: 10 } });
    const r = await board.telemetry({
      for: '3.5s',
      rate: { min: 5, max: 20 },
      fields: ['junctionTemp', 'randomInt', 'uptime'],
      ranges: { randomInt: [0, 1000] },
    });
    expect(r.status).toBe('passed');
    expect(r.message).toMatch(/^telemetry \d+\.\d\d\/s \((2\d|3\d|40) in 3\.5\d? s\)/);
  });

  it('reports a failed expectation with what was expected and what was seen, with the value', async () => {
    const board = await bench('virtual');
    await board.led('red', 'on');
    const r = await board.expectMessage({ type: 'led-status', where: 'redLed == false', within: 300 });
    expect(r.status).toBe('failed');
    expect(r.message).toContain(
      'expected a message with type "led-status", where redLed == false within 300 ms',
    );
    expect(r.message).toContain('redLed == false is false (redLed = true)');

    const page = await board.http({ get: '/missing.html' });
    expect(page.status).toBe('failed');
    expect(page.message).toMatch(
      /expected GET \/missing\.html to answer 200; it answered 404 with "NetX HTTP Server unable to find file/,
    );

    const file = await board.ftp.get('/index.html', { expect: { equals: 'something else' } });
    expect(file.status).toBe('failed');
    expect(file.message).toMatch(/expected exactly "something else"; got \d+ bytes: "<!doctype html>/i);
  });

  it('injects faults, reboots and reads the serial console of the virtual board', async () => {
    const board = await bench('virtual', { virtualBoard: { bootDelayMs: 200 } });
    expect(await board.fault({ kind: 'drop-link' })).toMatchObject({ status: 'passed' });
    expect(await board.link('closed', { within: '5s' })).toMatchObject({ status: 'passed' });
    expect(await board.link('open', { within: '15s' })).toMatchObject({ status: 'passed' });
    const reboot = await board.reboot({ within: '15s' });
    expect(reboot.status).toBe('passed');
    expect(reboot.message).toMatch(/rebooted; the WebSocket link was back after/);
    // reboot is an action: the serial step reads on from it, so it sees this boot's log.
    expect(await board.serial('^=== System Starting ===$', { within: '5s' })).toMatchObject({
      status: 'passed',
    });
    expect(await board.expectMessage({ type: 'led-status', within: '2s' })).toMatchObject({
      status: 'passed',
    });
    expect(await board.wsClient('waits', { within: '1s' })).toMatchObject({ status: 'passed' });
  });

  it('skips, with the reason, what a real board cannot do, and runs a scenario file on it', async () => {
    const p = await startBoardProcess(temp());
    processes.push(p);
    const port = (u: string) => Number(new URL(u).port);
    const board = await bench(p.cli.ready.ws, {
      httpPort: port(p.cli.ready.http),
      ftpPort: port(p.cli.ready.ftp),
    });
    expect(board.info.kind).toBe('real');

    const fault = await board.fault({ kind: 'temperature-spike', deltaC: 30 });
    expect(fault.status).toBe('skipped');
    expect(fault.message).toContain("faults are injected through the virtual board's control");
    expect(await board.powerCycle()).toMatchObject({
      status: 'skipped',
      message: expect.stringContaining('cannot switch the power'),
    });
    expect(await board.reboot()).toMatchObject({
      status: 'skipped',
      message: expect.stringContaining('no way to reboot'),
    });
    expect(await board.serial('.*')).toMatchObject({
      status: 'skipped',
      message: expect.stringContaining('no serial console'),
    });

    const loaded = loadScenario(
      'name: Mixed\nsteps:\n  - led: { led: yellow, state: on }\n  - expect: { type: led-status, fields: { yellowLed: true } }\n  - fault: { kind: stall-telemetry }\n  - repeat: { times: 2, steps: [ { wait: 10ms } ] }\n',
    );
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const seen: string[] = [];
    const report = await runScenario(loaded.scenario, board, {
      onStep: (s) => seen.push(`${s.index} ${s.result.status}`),
    });
    expect(seen).toEqual(['1 passed', '2 passed', '3 skipped', '4.1 passed', '4.1 passed']);
    expect(report).toMatchObject({ passed: 4, failed: 0, skipped: 1 });
    expect(report.steps[4]?.iterations).toEqual([{ n: 2, of: 2 }]);
  });

  it('refuses arguments a scenario file would refuse, and a board that is not there, in words', async () => {
    const board = await bench('virtual');
    await expect(board.expectMessage({ type: 'led-status', where: 'yellowLed ==' })).rejects.toThrow(
      /cannot be read/,
    );
    await expect(openBench('ws://127.0.0.1:1', { connectWithinMs: 500 })).rejects.toThrow(
      /The WebSocket link to ws:\/\/127\.0\.0\.1:1 did not open within 500 ms/,
    );
  });
});
