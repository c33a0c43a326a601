// Scenarios run from the app (docs/scenarios.md §In the app), through the bridge on the app's own virtual board:
// the steps go over the app's link of the board (the one client the firmware serves), so the board's frame log
// shows the runner's led-commands on that one connection, and the run leaves its markers in the board's session.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bench } from '../../src/main/core/bench';
import type { FramesListResult } from '../../src/shared/bridge/contracts/frames';
import type {
  ScenarioCheck,
  ScenarioDone,
  ScenarioExample,
  ScenarioStepEvent,
} from '../../src/shared/bridge/contracts/scenarios';
import { caller, testBench } from '../support/bench';
import { tempDirs } from '../support/temp-dirs';
import { until } from '../support/wait';

const dirs = tempDirs('scenario-app-');
let bench: Bench;
const call = caller(() => bench);
const steps: ScenarioStepEvent[] = [];
const done: ScenarioDone[] = [];
const markers: { kind: string; note: string; boardId: string }[] = [];

const example = (name: string) => readFileSync(join('examples', 'scenarios', name), 'utf8');
const frames = () => call<FramesListResult>('frames:list', { count: 50_000, boardId: 'virtual' });

async function runToEnd(text: string): Promise<ScenarioDone> {
  const { runId } = await call<{ runId: string }>('scenarios:run', { text, boardId: 'virtual' });
  return until(() => done.find((d) => d.runId === runId), 'the run to end', 30_000);
}

beforeAll(async () => {
  bench = await testBench(dirs());
  bench.hub.on('scenarios:step', (e) => steps.push(e));
  bench.hub.on('scenarios:done', (e) => done.push(e));
  bench.hub.on('runs:marker', (m) => markers.push(m));
  // The app's link of the board is open once the board's greeting (led-status) is in its frame log.
  await until(
    async () => (await frames()).rows.some((r) => r.dir === 'rx' && r.msgType === 'led-status'),
    'the app link to the virtual board',
    20_000,
  );
});
afterAll(async () => bench.close());

describe('scenarios run from the app', () => {
  it('lists the examples and checks a text, naming line and column', async () => {
    const examples = await call<ScenarioExample[]>('scenarios:examples', {});
    expect(examples.map((e) => e.fileName)).toContain('led-round-trip.yaml');
    expect(examples.find((e) => e.fileName === 'led-round-trip.yaml')?.name).toBe('LED round trip');
    const good = await call<ScenarioCheck>('scenarios:check', { text: example('led-round-trip.yaml') });
    expect(good.ok && good.steps.map((s) => s.kind)).toEqual(
      expect.arrayContaining(['expect', 'repeat', 'led']),
    );
    const bad = await call<ScenarioCheck>('scenarios:check', {
      text: 'name: x\nsteps:\n  - led: { led: green, state: on }\n',
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems[0]).toMatchObject({ line: 3 });
  });

  it('runs the LED round trip on the app link: every step passes, the commands are in its one frame log', async () => {
    const before = (await frames()).rows.length;
    const d = await runToEnd(example('led-round-trip.yaml'));
    expect(d).toMatchObject({ failed: 0, skipped: 0, passed: 17, stopped: false });
    expect(d.junit).toContain('tests="17" failures="0"');
    const mine = steps.filter((s) => s.runId === d.runId);
    // Each step is told as it starts (running) and as it ends.
    expect(mine.filter((s) => s.status === 'running')).toHaveLength(17);
    // The greeting stands in as the firmware sends it (docs/firmware-protocol.md §4.2).
    expect(mine.find((s) => s.seq === 0 && s.status === 'passed')?.message).toContain(
      '{"type":"led-status","data":{"yellowLed":',
    );
    expect(mine.filter((s) => s.status === 'passed').map((s) => s.seq)).toEqual([...Array(17).keys()]);
    const rows = (await frames()).rows.slice(before);
    const commands = rows.filter((r) => r.dir === 'tx' && r.msgType === 'led-command');
    expect(commands.length).toBe(8);
    // One connection: the app's link carried the runner's commands; no second client was opened.
    expect(new Set((await frames()).rows.map((r) => r.link))).toEqual(new Set([1]));
    await until(
      () => markers.filter((m) => m.kind === 'scenario' && m.boardId === 'virtual').length >= 2,
      'the start and end markers',
    );
    expect(markers.map((m) => m.note)).toEqual(
      expect.arrayContaining([
        'Scenario "LED round trip" started',
        'Scenario "LED round trip" ended: 17 passed, 0 failed, 0 skipped',
      ]),
    );
  });

  it('fails the step whose message does not come, says what it saw, and marks it in the session', async () => {
    const d = await runToEnd(
      [
        'name: Broken',
        'steps:',
        '  - led: { led: yellow, state: on }',
        '  - expect: { type: led-status, fields: { yellowLed: "never" }, within: 300ms }',
        '  - led: { led: yellow, state: off }',
      ].join('\n'),
    );
    expect(d).toMatchObject({ passed: 1, failed: 1, skipped: 1 });
    const failed = steps.find((s) => s.runId === d.runId && s.status === 'failed');
    expect(failed).toMatchObject({ index: '2', line: 4, kind: 'expect' });
    expect(failed?.message).toContain('yellowLed');
    await until(
      () => markers.find((m) => m.kind === 'scenario' && m.note.includes('step 2 (line 4) failed')),
      'the failed step marker',
    );
  });

  it('writes the faults it injects into the board session, as the Board page does', async () => {
    const d = await runToEnd(
      'name: Hot\nsteps:\n  - fault: { kind: temperature-spike, deltaC: 5 }\n  - wait: 50ms\n',
    );
    expect(d).toMatchObject({ passed: 2, failed: 0 });
    await until(
      () =>
        markers.find(
          (m) => m.kind === 'fault' && m.note.includes('scenario "Hot" step 1 (line 3): temperature-spike'),
        ),
      'the fault marker',
    );
  });

  it("reads the board's serial console through the app's console of it", async () => {
    const d = await runToEnd(
      [
        'name: Console',
        'steps:',
        '  - send: { text: not json }',
        "  - serial: { match: '^WS: Failed to parse JSON command$', within: 10s }",
        '',
      ].join('\n'),
    );
    expect(d).toMatchObject({ passed: 2, failed: 0, skipped: 0 });
  });

  it('runs one scenario at a time per board, and stops one', async () => {
    const { runId } = await call<{ runId: string }>('scenarios:run', {
      text: 'name: Long\nsteps:\n  - wait: 20s\n  - led: { led: red, state: on }\n',
      boardId: 'virtual',
    });
    await expect(
      call('scenarios:run', { text: example('led-round-trip.yaml'), boardId: 'virtual' }),
    ).rejects.toThrow(/already running/);
    await until(() => steps.find((s) => s.runId === runId && s.status === 'running'), 'the wait to start');
    expect(await call('scenarios:stop', { runId })).toEqual({ stopped: true });
    const d = await until(() => done.find((x) => x.runId === runId), 'the stopped run to end');
    expect(d).toMatchObject({ stopped: true, passed: 0, skipped: 2 });
    // The step stopped under way was told running then stopped; the one after it only as not run.
    expect(steps.filter((s) => s.runId === runId).map((s) => `${s.seq} ${s.status}`)).toEqual([
      '0 running',
      '0 skipped',
      '1 skipped',
    ]);
    expect(steps.find((s) => s.runId === runId && s.seq === 1)?.message).toBe('not run: the run was stopped');
    expect(await call('scenarios:stop', { runId })).toEqual({ stopped: false });
  });

  it('refuses a file step that would read this computer, and a board that is not watched', async () => {
    await expect(
      call('scenarios:run', {
        text: 'name: F\nsteps:\n  - ftp: { put: /x.txt, file: /etc/passwd }\n',
        boardId: 'virtual',
      }),
    ).rejects.toThrow(/Line 3:.*file:.*this computer/);
    await expect(
      call('scenarios:run', { text: example('led-round-trip.yaml'), boardId: 'nope' }),
    ).rejects.toThrow(/not watched/);
  });
});
