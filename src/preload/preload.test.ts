import { describe, expect, it, vi } from 'vitest';

const exposed: Record<string, unknown> = {};
const invoked: unknown[][] = [];
const sentToMain: unknown[][] = [];
let eventListener: ((e: unknown, name: string, payload: unknown) => void) | undefined;

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      invoked.push(args);
      return Promise.resolve({ ok: true, value: 1 });
    },
    on: (_ch: string, l: typeof eventListener) => (eventListener = l),
    send: (...args: unknown[]) => sentToMain.push(args),
  },
}));

describe('preload', () => {
  it('exposes only invoke/on/transport, over the bench channels', async () => {
    await import('./index');
    // A page that loads listens to nothing: whatever an earlier page of the window subscribed to stops.
    expect(sentToMain).toEqual([['bench:subscribe', []]]);
    const bench = exposed.bench as {
      transport: string;
      invoke: (n: string, r: unknown) => Promise<unknown>;
      on: (n: string, l: (p: unknown) => void) => () => void;
    };
    expect(Object.keys(bench).sort()).toEqual(['invoke', 'on', 'transport']);
    expect(bench.transport).toBe('electron');
    await bench.invoke('app:info', {});
    expect(invoked).toEqual([['bench:invoke', 'app:info', {}]]);
    const got: unknown[] = [];
    const off = bench.on('app:heartbeat', (p) => got.push(p));
    eventListener!({}, 'app:heartbeat', { seq: 1 });
    eventListener!({}, 'other', { seq: 2 });
    off();
    eventListener!({}, 'app:heartbeat', { seq: 3 });
    expect(got).toEqual([{ seq: 1 }]);
  });

  it('tells the main process which events the page listens to, as the list changes', async () => {
    await import('./index');
    const bench = exposed.bench as { on: (n: string, l: (p: unknown) => void) => () => void };
    sentToMain.length = 0;
    const offA = bench.on('telemetry:batch', () => undefined);
    const offB = bench.on('telemetry:batch', () => undefined); // a second listener: no new message
    const offC = bench.on('app:heartbeat', () => undefined);
    offA();
    offA(); // twice is harmless
    expect(sentToMain).toEqual([
      ['bench:subscribe', ['telemetry:batch']],
      ['bench:subscribe', ['telemetry:batch', 'app:heartbeat']],
    ]);
    offB(); // the last listener of telemetry:batch: the batches stop crossing
    offC();
    expect(sentToMain.slice(2)).toEqual([
      ['bench:subscribe', ['app:heartbeat']],
      ['bench:subscribe', []],
    ]);
  });
});
