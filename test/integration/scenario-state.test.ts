// A run's state kept by the core per board (docs/scenarios.md §In the app): a page that opens while a run goes on
// (a reload, a second window) asks `scenarios:state` and sees the steps so far, then the end with its counts and
// JUnit. Two clients of the real browser-mode bridge: one starts the run and hears its events, the other only asks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WebServerMessage } from '../../src/shared/bridge/contract';
import type {
  ScenarioRunState,
  ScenarioStepEvent,
  ScenarioCheck,
} from '../../src/shared/bridge/contracts/scenarios';
import type { Bench } from '../../src/main/core/bench';
import { startWebServer, type WebServer } from '../../src/main/web/server';
import { testBench } from '../support/bench';
import { tempDirs } from '../support/temp-dirs';
import { until } from '../support/wait';

const dirs = tempDirs('scenario-state-');

/** One page's bridge: commands answered in words, the events it subscribed to kept. */
async function client(server: WebServer, events: string[]) {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/bridge?token=${server.token}`, {
    origin: server.origin,
  });
  await new Promise((r) => ws.once('open', r));
  const results = new Map<number, (r: unknown) => void>();
  const heard: Array<{ name: string; payload: unknown }> = [];
  let nextId = 1;
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as WebServerMessage;
    if (msg.t === 'event') heard.push({ name: msg.name, payload: msg.payload });
    if (msg.t === 'result') results.get(msg.id)?.(msg.result);
  });
  const invoke = async <T>(name: string, request: unknown): Promise<T> => {
    const id = nextId++;
    const r = await new Promise<{ ok: boolean; value?: T; error?: { message: string } }>((resolve) => {
      results.set(id, resolve as (r: unknown) => void);
      ws.send(JSON.stringify({ t: 'invoke', id, name, request }));
    });
    if (!r.ok) throw new Error(`${name}: ${r.error?.message}`);
    return r.value as T;
  };
  for (const name of events) ws.send(JSON.stringify({ t: 'sub', name }));
  await invoke('app:info', {}); // the subscriptions are in place once an invoke sent after them returns
  return { ws, invoke, heard };
}

const SLOW = [
  'name: Slow',
  'vars: { pause: 60s, note: from the file }',
  'steps:',
  '  - mark: ${note}',
  '  - wait: ${pause}',
  '  - led: { led: yellow, state: off }',
  '',
].join('\n');

let bench: Bench;
let server: WebServer;
let a: Awaited<ReturnType<typeof client>>;
let b: Awaited<ReturnType<typeof client>>;

beforeAll(async () => {
  bench = await testBench(dirs());
  server = await startWebServer({ bench, rendererDir: dirs(), host: '127.0.0.1', port: 0, log: () => {} });
  a = await client(server, ['scenarios:step', 'scenarios:done']);
  b = await client(server, []);
  // The app's link of the virtual board is up once its greeting is in the frame log.
  await until(
    async () =>
      (
        await a.invoke<{ rows: Array<{ dir: string; msgType?: string }> }>('frames:list', {
          count: 100,
          boardId: 'virtual',
        })
      ).rows.some((r) => r.dir === 'rx' && r.msgType === 'led-status'),
    'the app link to the virtual board',
    20_000,
  );
});
afterAll(async () => {
  a?.ws.close();
  b?.ws.close();
  await server?.close();
  await bench?.close();
});

describe('scenarios:state', () => {
  it('names the file’s vars in its check', async () => {
    const check = await b.invoke<ScenarioCheck>('scenarios:check', { text: SLOW });
    expect(check.ok && check.vars).toEqual({ pause: '60s', note: 'from the file' });
  });

  it('is null on a board that ran nothing, and refuses an unknown shape', async () => {
    expect(await b.invoke('scenarios:state', { boardId: 'virtual' })).toBeNull();
    await expect(b.invoke('scenarios:state', { boardId: 'virtual', extra: 1 })).rejects.toThrow(
      /scenarios:state/,
    );
  });

  it('gives a second client the run another started, mid-run and after it ended', async () => {
    const { runId } = await a.invoke<{ runId: string }>('scenarios:run', {
      text: SLOW,
      boardId: 'virtual',
      vars: { note: 'typed on the page' },
      fileName: 'slow.yaml',
    });
    const steps = () =>
      a.heard.filter((e) => e.name === 'scenarios:step').map((e) => e.payload as ScenarioStepEvent);
    await until(
      () => steps().find((s) => s.seq === 1 && s.status === 'running'),
      'the wait step to start',
      20_000,
    );
    const mid = await b.invoke<ScenarioRunState>('scenarios:state', { boardId: 'virtual' });
    expect(mid).toMatchObject({ runId, boardId: 'virtual', name: 'Slow', state: 'running' });
    expect(mid.done).toBeUndefined();
    expect(mid.steps.map((s) => [s.seq, s.status])).toEqual([
      [0, 'passed'],
      [1, 'running'],
    ]);
    expect(mid.steps[0]?.message).toBe('marked "typed on the page"');
    // Stopped: the state says so, with the counts and the JUnit of the end.
    await b.invoke('scenarios:stop', { runId });
    await until(() => a.heard.find((e) => e.name === 'scenarios:done'), 'the run to end', 20_000);
    const after = await b.invoke<ScenarioRunState>('scenarios:state', { boardId: 'virtual' });
    expect(after).toMatchObject({
      runId,
      state: 'stopped',
      done: { runId, passed: 1, skipped: 2, stopped: true },
    });
    expect(after.steps.map((s) => s.status)).toEqual(['passed', 'skipped', 'skipped']);
    expect(after.done?.junit).toContain('tests="3"');
    // The next run replaces the board's last one.
    const { runId: second } = await a.invoke<{ runId: string }>('scenarios:run', {
      text: SLOW,
      boardId: 'virtual',
      vars: { pause: '1ms' },
    });
    await until(
      () =>
        a.heard.find((e) => e.name === 'scenarios:done' && (e.payload as { runId: string }).runId === second),
      'the second run to end',
      20_000,
    );
    const last = await b.invoke<ScenarioRunState>('scenarios:state', { boardId: 'virtual' });
    expect(last).toMatchObject({ runId: second, state: 'done', done: { passed: 3, failed: 0 } });
    expect(last.steps).toHaveLength(3);
  });
});
