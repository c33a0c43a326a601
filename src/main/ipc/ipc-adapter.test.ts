import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import { IPC_EVENT, IPC_INVOKE } from '../../shared/bridge/contract';
import { createBench } from '../core/bench';
import { connectIpc } from './ipc-adapter';

type InvokeHandler = (event: { sender: { id: number } }, name: unknown, request: unknown) => Promise<unknown>;

async function setup() {
  const handlers = new Map<string, InvokeHandler>();
  const ipcMain = {
    handle: (ch: string, h: InvokeHandler) => handlers.set(ch, h),
    removeHandler: (ch: string) => handlers.delete(ch),
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
  return { handlers, sent, bench, disconnect };
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

  it('forwards core events to the window and stops on disconnect', async () => {
    const { bench, sent, disconnect, handlers } = await setup();
    bench.hub.emit('app:heartbeat', { seq: 1, at: 5 });
    expect(sent).toEqual([[IPC_EVENT, 'app:heartbeat', { seq: 1, at: 5 }]]);
    disconnect();
    bench.hub.emit('app:heartbeat', { seq: 2, at: 6 });
    expect(sent).toHaveLength(1);
    expect(handlers.has(IPC_INVOKE)).toBe(false);
  });
});
