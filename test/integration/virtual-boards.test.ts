// Several virtual boards inside one app: each added virtual profile runs its own board, on its own ports and with
// its own eMMC folder, is watched like any board, is driven by the Board page's commands only when named, feeds
// its own serial console with its UART, keeps its own frame log, and stops when its profile is removed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Client } from 'basic-ftp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FramesListResult } from '../../src/shared/bridge/contracts/frames';
import type { SessionsState } from '../../src/shared/bridge/contracts/sessions';
import type { Result } from '../../src/shared/result';
import { type Bench } from '../../src/main/core/bench';
import { tempDir } from '../support/processes';
import { until } from '../support/wait';
import { caller, testBench } from '../support/bench';

describe('several virtual boards', () => {
  let bench: Bench;
  let dataDir: string;
  const statusOf = new Set<string>();
  const call = caller(() => bench);

  beforeAll(async () => {
    dataDir = tempDir('vboards-');
    bench = await testBench(dataDir);
    bench.hub.on('vboard:status', (s) => statusOf.add(s.boardId));
  });
  afterAll(async () => {
    await bench?.close();
  });

  it('runs each added virtual board on its own ports and eMMC, all watched at once', async () => {
    const added = await call<{ profile: { id: string; name: string } }>('links:add-virtual', { show: false });
    expect(added.profile).toMatchObject({ id: 'virtual-2', name: 'Virtual board 2' });
    await call('sessions:watch', { id: 'virtual-2' });
    await call('sessions:focus', { id: 'virtual' });
    const sessions = () => bench.dispatch('sessions:list', {}, { transport: 'browser' });
    await until(async () => {
      const r = (await sessions()) as Result<SessionsState>;
      return (
        r.ok &&
        ['virtual', 'virtual-2'].every((id) =>
          r.value.sessions.some((s) => s.id === id && s.links.ws.kind === 'open' && s.received > 1),
        )
      );
    }, 'both virtual boards connected and sending');

    const one = bench.virtualBoards.get('virtual')!.running!.endpoints;
    const two = bench.virtualBoards.get('virtual-2')!.running!.endpoints;
    expect(new Set([one.ws, two.ws]).size).toBe(2);
    expect(two.ftpPort).toBeGreaterThan(0);
    expect(two.ftpPort).not.toBe(one.ftpPort);
    expect(statusOf).toEqual(new Set(['virtual', 'virtual-2']));

    // A file put on board 2's eMMC lands in its own folder, not in the first board's.
    const ftp = new Client(5000);
    try {
      await ftp.access({ host: '127.0.0.1', port: two.ftpPort!, user: 'anonymous', password: 'x' });
      await ftp.uploadFrom(Readable.from([Buffer.from('board two\n')]), 'TWO.TXT');
    } finally {
      ftp.close();
    }
    expect(readFileSync(join(dataDir, 'emmc-virtual-2', 'TWO.TXT'), 'utf8')).toBe('board two\n');
    expect(existsSync(join(dataDir, 'emmc', 'TWO.TXT'))).toBe(false);
  });

  it("drives only the board a command names, and says when a name is not a virtual board's", async () => {
    await call('vboard:configure', { boardId: 'virtual-2', telemetryMs: 250 });
    const two = await call<{ kind: string; board: { telemetryMs: number } }>('vboard:status', {
      boardId: 'virtual-2',
    });
    const one = await call<{ kind: string; board: { telemetryMs: number } }>('vboard:status', {
      boardId: 'virtual',
    });
    expect(two.board.telemetryMs).toBe(250);
    expect(one.board.telemetryMs).toBe(1000);

    const real = await call<{ profile: { id: string } }>('links:save-profile', {
      name: 'Lab',
      host: '127.0.0.1',
      wsPort: 9,
    });
    await call('sessions:focus', { id: 'virtual' });
    const notVirtual = await bench.dispatch(
      'vboard:status',
      { boardId: real.profile.id },
      { transport: 'browser' },
    );
    expect(notVirtual).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: /real board/ } });
    const unknown = await bench.dispatch('vboard:stop', { boardId: 'virtual-9' }, { transport: 'browser' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // No command drives a board by default: one that names none is refused.
    const unnamed = await bench.dispatch('vboard:status', {}, { transport: 'browser' });
    expect(unnamed).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    await call('links:remove-profile', { id: real.profile.id });
  });

  it("keeps each virtual board's UART in its own console, whichever board is focused", async () => {
    await call('sessions:watch', { id: 'virtual' });
    await call('sessions:focus', { id: 'virtual-2' });
    const input = (id: string) => bench.serial.get(id).state().input;
    await until(
      () => input('virtual-2').kind === 'source' && input('virtual').kind === 'source',
      'both UARTs attached',
    );
    expect(input('virtual-2')).toMatchObject({ kind: 'source', name: 'Virtual board 2' });
    expect(input('virtual')).toMatchObject({ kind: 'source', name: 'Virtual board' });
    await call('sessions:focus', { id: 'virtual' });
    expect(input('virtual-2')).toMatchObject({ kind: 'source', name: 'Virtual board 2' });
    await call('sessions:unwatch', { id: 'virtual' }); // as the other tests found it: only board 2 watched
  });

  it("keeps each board's frames in its own log, captured while another board is shown", async () => {
    await call('sessions:focus', { id: 'virtual' });
    const port = (id: string) => new URL(bench.virtualBoards.get(id)!.running!.endpoints.ws).port;
    const list = (boardId?: string) =>
      call<FramesListResult>('frames:list', { count: 50_000, ...(boardId ? { boardId } : {}) });
    const telemetryOf = (r: FramesListResult) =>
      r.rows.filter((row) => row.kind === 'frame' && row.msgType === 'telemetry').length;
    // Board 2 is watched, not shown: its link still feeds its own log, from the upgrade on.
    const before = await list('virtual-2');
    expect(before.boardId).toBe('virtual-2');
    expect(before.rows[0]).toMatchObject({
      kind: 'event',
      link: 1,
      preview: `opening 127.0.0.1:${port('virtual-2')}`,
    });
    expect(before.rows.some((row) => row.kind === 'http')).toBe(true);
    expect(before.rows.filter((row) => row.kind === 'decode-error')).toEqual([]);
    await until(
      async () => telemetryOf(await list('virtual-2')) > telemetryOf(before),
      "board 2's telemetry while board 1 is shown",
    );
    // Neither log holds a connection of the other board.
    const one = await list();
    expect(one.boardId).toBe('virtual');
    const opened = (r: FramesListResult) =>
      r.rows.filter((row) => row.preview.startsWith('opening ')).map((row) => row.preview);
    expect(opened(one).length).toBeGreaterThan(0);
    expect(opened(one).every((p) => p === `opening 127.0.0.1:${port('virtual')}`)).toBe(true);
    expect(opened(await list('virtual-2')).every((p) => p === `opening 127.0.0.1:${port('virtual-2')}`)).toBe(
      true,
    );
    // Shown again, board 2's log is the one the page reads, with what it had.
    await call('sessions:focus', { id: 'virtual-2' });
    const after = await list();
    expect(after.boardId).toBe('virtual-2');
    expect(after.rows[0]!.seq).toBe(before.rows[0]!.seq);
    expect(after.rows.length).toBeGreaterThan(before.rows.length);
  });

  it('stops an added board with its profile and leaves the first one running', async () => {
    const held = () => bench.telemetry.pipeline.held().map((b) => b.boardId);
    expect(held()).toContain('virtual-2');
    await call('links:remove-profile', { id: 'virtual-2' });
    expect(bench.virtualBoards.get('virtual-2')).toBeUndefined();
    // Its telemetry history goes with its profile.
    expect(held()).not.toContain('virtual-2');
    const state = await call<SessionsState>('sessions:list', {});
    expect(state.sessions.map((s) => s.id)).toEqual(['virtual']);
    expect(bench.virtualBoards.get('virtual')?.running).toBeDefined();
    // Its eMMC folder is kept: removing a board loses no file.
    expect(existsSync(join(dataDir, 'emmc-virtual-2', 'TWO.TXT'))).toBe(true);
  });
});
