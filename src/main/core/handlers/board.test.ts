import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { VirtualBoardStatus } from '../../../shared/bridge/contracts/board';
import type { Result } from '../../../shared/result';
import type { BenchContext } from '../context';
import { createDispatcher, type Handlers } from '../dispatch';
import { EventHub } from '../event-hub';
import { SettingsStore } from '../settings-store';
import { VirtualBoardService } from '../virtual-board';
import { VirtualFleet } from '../virtual-fleet';
import { boardHandlers } from './board';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A listener holding a port, as another program would. */
async function occupy(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  return { server, port: (server.address() as { port: number }).port };
}

function setup(defaultPort: number) {
  const dir = mkdtempSync(join(tmpdir(), 'vboardh-'));
  const closers: Array<() => Promise<void> | void> = [];
  const ctx: BenchContext = {
    hub: new EventHub(),
    settings: new SettingsStore(dir),
    identity: { name: 't', version: '0', platform: 'linux', startedAt: 0 },
    dataDir: dir,
    log: () => {},
    onClose: (fn) => closers.push(fn),
  };
  const fleet = new VirtualFleet(ctx.hub, {
    dataDir: dir,
    ports: { wsPort: defaultPort, httpPort: 0, ftpPort: 0 },
  });
  const handlers = boardHandlers(ctx, fleet, (id) =>
    id === 'virtual' ? { kind: 'virtual', id, name: 'Virtual board', host: '127.0.0.1' } : undefined,
  );
  const dispatch = createDispatcher(handlers as unknown as Handlers, () => {});
  cleanups.push(async () => {
    for (const c of closers) await c();
    rmSync(dir, { recursive: true, force: true });
  });
  return (name: string, req: unknown) =>
    dispatch(name, req, { transport: 'browser' }) as Promise<Result<VirtualBoardStatus>>;
}

it('takes any free port when the default one is taken, and reports the real one', async () => {
  const { port } = await occupy();
  const call = setup(port);
  const r = await call('vboard:start', { boardId: 'virtual' });
  expect(r.ok).toBe(true);
  if (!r.ok || r.value.kind !== 'running') throw new Error('not running');
  expect(r.value.board.ws).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
  expect(r.value.board.ws).not.toBe(`ws://127.0.0.1:${port}`);
});

it('starts on OS-picked ports when a preferred port is taken between the check and the bind', async () => {
  const { port } = await occupy();
  const service = new VirtualBoardService(new EventHub(), 'virtual', {
    wsPort: port,
    portIsFree: async () => true,
  });
  cleanups.push(() => service.close());
  const status = await service.start({ bootDelayMs: 0 });
  if (status.kind !== 'running') throw new Error('not running');
  expect(status.board.ws).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
  expect(status.board.ws).not.toBe(`ws://127.0.0.1:${port}`);
  // A port the caller chose is never swapped: the conflict is reported.
  await service.stop();
  await expect(service.start({ wsPort: port, bootDelayMs: 0 })).rejects.toMatchObject({
    code: 'EADDRINUSE',
    message: `the WebSocket port ${port} on 127.0.0.1 is already in use by another program`,
  });
});

it('says in words that an explicitly chosen port is taken', async () => {
  const { port } = await occupy();
  const call = setup(port);
  const r = await call('vboard:start', { boardId: 'virtual', wsPort: port });
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.code).toBe('CONFLICT');
  expect(r.error.message).toBe(
    `Port ${port} is already in use by another program. Choose another port, or leave it empty to take any free one.`,
  );
  expect(
    (await call('vboard:status', { boardId: 'virtual' })).ok &&
      (await call('vboard:status', { boardId: 'virtual' })),
  ).toMatchObject({
    value: { kind: 'stopped' },
  });
});

it('keeps the last 500 UART lines for vboard:uart-tail, not only the 100 the board state carries', async () => {
  const service = new VirtualBoardService(new EventHub(), 'virtual');
  cleanups.push(() => service.close());
  await service.start({ wsPort: 0, bootDelayMs: 0 });
  for (let i = 0; i < 4; i++) await service.running!.control.reboot();
  const all = service.running!.control.state().serialTail;
  const tail = service.uartTail(500);
  expect(tail.length).toBeGreaterThan(100);
  expect(tail.at(-1)).toEqual({ seq: all.at(-1)!.seq, time: all.at(-1)!.time, text: all.at(-1)!.text });
  expect(tail.map((l) => l.seq)).toEqual(tail.map((_, i) => tail[0]!.seq + i));
  expect(service.uartTail(10)).toHaveLength(10);
});

it('starts and reconfigures telemetry-batch frames over the bridge, refusing a size beyond one WS packet', async () => {
  const call = setup(0);
  const started = await call('vboard:start', { boardId: 'virtual', wsPort: 0, telemetryBatch: 4 });
  expect(started.ok && started.value.kind === 'running' && started.value.board.telemetryBatch).toBe(4);
  const off = await call('vboard:configure', { boardId: 'virtual', telemetryBatch: 0 });
  expect(off.ok && off.value.kind === 'running' && 'telemetryBatch' in off.value.board).toBe(false);
  const on = await call('vboard:configure', { boardId: 'virtual', telemetryBatch: 17 });
  expect(on.ok && on.value.kind === 'running' && on.value.board.telemetryBatch).toBe(17);
  for (const bad of [18, 2.5])
    expect((await call('vboard:configure', { boardId: 'virtual', telemetryBatch: bad })).ok).toBe(false);
});
