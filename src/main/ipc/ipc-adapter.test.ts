import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import { IPC_EVENT, IPC_INVOKE, IPC_SUBSCRIBE } from '../../shared/bridge/contract';
import { createBench } from '../core/bench';
import { connectIpc } from './ipc-adapter';

type SendListener = (event: { sender: { id: number } }, ...args: unknown[]) => void;
type InvokeHandler = (event: { sender: { id: number } }, name: unknown, request: unknown) => Promise<unknown>;

async function setup() {
  const handlers = new Map<string, InvokeHandler>();
  const channels = new Map<string, Set<SendListener>>();
  const ipcMain = {
    handle: (ch: string, h: InvokeHandler) => handlers.set(ch, h),
    removeHandler: (ch: string) => handlers.delete(ch),
    on: (ch: string, l: SendListener) => channels.set(ch, (channels.get(ch) ?? new Set()).add(l)),
    removeListener: (ch: string, l: SendListener) => channels.get(ch)?.delete(l),
  };
  /** What ipcRenderer.send(IPC_SUBSCRIBE, names) from webContents `id` does. */
  const subscribe = (names: unknown, id = 7) => {
    for (const l of channels.get(IPC_SUBSCRIBE) ?? []) l({ sender: { id } }, names);
  };
  const sent: unknown[][] = [];
  const contents = { id: 7, isDestroyed: () => false, send: (...args: unknown[]) => sent.push(args) };
  const bench = await createBench({
    connectOnStart: false,
    configDir: mkdtempSync(join(tmpdir(), 'ipc-')),
    identity: { name: 'Test', version: '0.0.1', platform: 'linux' },
    heartbeatMs: 0,
    log: () => {},
  });
  const disconnect = connectIpc(ipcMain as never, bench, () => contents as never);
  return { handlers, sent, bench, disconnect, subscribe, channels };
}

describe('Electron IPC transport', () => {
  it('answers the app window over the one invoke channel', async () => {
    const { handlers } = await setup();
    const r = await handlers.get(IPC_INVOKE)!({ sender: { id: 7 } }, 'app:info', {});
    expect(r).toMatchObject({ ok: true, value: { transport: 'electron', name: 'Test' } });
  });

  it('gives BAD_REQUEST and UNKNOWN_COMMAND as values', async () => {
    const { handlers } = await setup();
    expect(await handlers.get(IPC_INVOKE)!({ sender: { id: 7 } }, 'settings:set', { page: 3 })).toMatchObject(
      {
        ok: false,
        error: { code: 'BAD_REQUEST' },
      },
    );
    expect(await handlers.get(IPC_INVOKE)!({ sender: { id: 7 } }, 'shell:exec', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_COMMAND' },
    });
  });

  it('refuses requests from any other webContents', async () => {
    const { handlers } = await setup();
    expect(await handlers.get(IPC_INVOKE)!({ sender: { id: 99 } }, 'app:info', {})).toMatchObject({
      ok: false,
      error: { code: 'TRANSPORT' },
    });
  });

  it('forwards only the events the page subscribed to, and stops on disconnect', async () => {
    const { bench, sent, disconnect, handlers, subscribe, channels } = await setup();
    const batch = { boardId: 'b', series: [], t: [], columns: [], counts: {}, marks: [] } as never;
    bench.hub.emit('app:heartbeat', { seq: 1, at: 5 });
    bench.hub.emit('telemetry:batch', batch);
    expect(sent).toEqual([]); // nothing crosses IPC while no page listens
    subscribe(['app:heartbeat', 'no:such-event', 42]);
    bench.hub.emit('app:heartbeat', { seq: 2, at: 6 });
    bench.hub.emit('telemetry:batch', batch);
    expect(sent).toEqual([[IPC_EVENT, 'app:heartbeat', { seq: 2, at: 6 }]]);
    subscribe(['app:heartbeat', 'app:heartbeat', 'telemetry:batch']); // a repeat subscribes once
    bench.hub.emit('telemetry:batch', batch);
    bench.hub.emit('app:heartbeat', { seq: 3, at: 7 });
    expect(sent.slice(1)).toEqual([
      [IPC_EVENT, 'telemetry:batch', batch],
      [IPC_EVENT, 'app:heartbeat', { seq: 3, at: 7 }],
    ]);
    subscribe(['app:heartbeat']); // the Telemetry page closed
    bench.hub.emit('telemetry:batch', batch);
    expect(sent).toHaveLength(3);
    disconnect();
    bench.hub.emit('app:heartbeat', { seq: 4, at: 8 });
    expect(sent).toHaveLength(3);
    expect(handlers.has(IPC_INVOKE)).toBe(false);
    expect(channels.get(IPC_SUBSCRIBE)?.size).toBe(0);
  });

  it('takes subscriptions only from the app window, and only a list of event names', async () => {
    const { bench, sent, subscribe } = await setup();
    subscribe(['app:heartbeat'], 99);
    subscribe('app:heartbeat');
    subscribe(Array.from({ length: 1000 }, () => 'app:heartbeat'));
    bench.hub.emit('app:heartbeat', { seq: 1, at: 5 });
    expect(sent).toEqual([]);
  });
});
