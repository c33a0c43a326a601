import { afterAll, describe, expect, it } from 'vitest';
import WsClient from 'ws';
import { createBench, type Bench } from '../../src/main/core/bench';
import { EventHub } from '../../src/main/core/event-hub';
import { VirtualBoardService } from '../../src/main/core/virtual-board';
import type { UartLineView, VirtualBoardStatus } from '../../src/shared/bridge/contracts/board';
import type { Result } from '../../src/shared/result';
import { tempDir } from '../support/processes';
import { until } from '../support/wait';

let bench: Bench | undefined;
afterAll(async () => {
  await bench?.close();
});

describe('board:* bridge commands', () => {
  it('starts, reports, injects faults and stops the virtual board', async () => {
    bench = await createBench({
      connectOnStart: false,
      configDir: tempDir(),
      virtualPorts: { wsPort: 0, httpPort: 0, ftpPort: 0 },
      identity: { name: 't', version: '0', platform: 'linux' },
      heartbeatMs: 0,
    });
    const call = <T>(name: string, req: unknown) =>
      bench!.dispatch(name, req, { transport: 'browser' }) as Promise<Result<T>>;
    const uart: UartLineView[] = [];
    const statuses: VirtualBoardStatus[] = [];
    bench.hub.on('vboard:uart', (b) => uart.push(...b.lines));
    bench.hub.on('vboard:status', (s) => statuses.push(s));

    expect(await call('vboard:fault', { boardId: 'virtual', kind: 'drop-link' })).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE' },
    });
    expect(await call('vboard:start', { boardId: 'virtual', wsPort: 70000 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    const started = await call<VirtualBoardStatus>('vboard:start', {
      boardId: 'virtual',
      wsPort: 0,
      telemetryMs: 20,
    });
    expect(started).toMatchObject({ ok: true, value: { kind: 'running' } });
    expect(await call('vboard:start', { boardId: 'virtual', wsPort: 0 })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const url = started.ok && started.value.kind === 'running' ? started.value.board.ws : '';

    const ws = new WsClient(url, { handshakeTimeout: 2000 });
    ws.on('error', () => undefined);
    ws.on('open', () => ws.send('{"type":"led-command","led":"red","state":true}'));
    await until(
      () =>
        statuses.some(
          (s) => s.kind === 'running' && s.board.trackedLeds.redLed && s.board.clients.length === 1,
        ),
      'status event',
    );
    await until(() => uart.some((l) => l.text === 'WS: Red LED ON'), 'batched UART lines');

    const spiked = await call<VirtualBoardStatus>('vboard:fault', {
      boardId: 'virtual',
      kind: 'pool-packets',
      packets: 2,
    });
    expect(spiked.ok && spiked.value.kind === 'running' && spiked.value.board.pool.total).toBe(2);
    const tail = await call<UartLineView[]>('vboard:uart-tail', { boardId: 'virtual', max: 500 });
    expect(tail.ok && tail.value[0]!.text).toBe('=== System Starting ===');
    expect(await call('vboard:stop', { boardId: 'virtual' })).toMatchObject({
      ok: true,
      value: { kind: 'stopped' },
    });
    ws.terminate();
  });

  it('shows the first boot live: a booting status and the boot log arrive before start resolves', async () => {
    const hub = new EventHub();
    const service = new VirtualBoardService(hub, 'virtual');
    const statuses: VirtualBoardStatus[] = [];
    const uart: UartLineView[] = [];
    hub.on('vboard:status', (s) => statuses.push(s));
    hub.on('vboard:uart', (b) => uart.push(...b.lines));
    let resolved = false;
    const started = service.start({ wsPort: 0, bootDelayMs: 1000 }).then((s) => ((resolved = true), s));
    try {
      await until(
        () =>
          statuses.some((s) => s.kind === 'running' && s.board.phase === 'booting') &&
          uart.some((l) => l.text === '=== System Starting ==='),
        'a booting status and the first boot line',
        5000,
      );
      expect(resolved).toBe(false);
      expect(service.status()).toMatchObject({ kind: 'running', board: { phase: 'booting' } });
      expect(await started).toMatchObject({ kind: 'running', board: { phase: 'running' } });
      expect(uart.filter((l) => l.text === '=== System Starting ===')).toHaveLength(1); // not delivered twice
    } finally {
      await started.catch(() => undefined);
      await service.close();
    }
  });
});
