import { describe, expect, it, vi } from 'vitest';

const exposed: Record<string, unknown> = {};
const invoked: unknown[][] = [];
let eventListener: ((e: unknown, name: string, payload: unknown) => void) | undefined;

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      invoked.push(args);
      return Promise.resolve({ ok: true, value: 1 });
    },
    on: (_ch: string, l: typeof eventListener) => (eventListener = l),
  },
}));

describe('preload', () => {
  it('exposes only invoke/on/transport, over the two bench channels', async () => {
    await import('./index');
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
});
