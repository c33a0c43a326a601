// Several virtual boards inside one app: each added virtual profile runs its own board, on its own ports and with
// its own eMMC folder, is watched like any board, is driven by the Board page's commands only when named, shows
// its own UART on the Serial page and its open link in the frame log when focused, and stops when its profile is
// removed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Client } from 'basic-ftp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FramesListResult } from '../../src/shared/bridge/contracts/frames';
import type { SessionsState } from '../../src/shared/bridge/contracts/sessions';
import type { Result } from '../../src/shared/result';
import { createBench, type Bench } from '../../src/main/core/bench';
import { tempDir } from '../support/processes';
import { until } from '../support/wait';

describe('several virtual boards', () => {
  let bench: Bench;
  let dataDir: string;
  const statusOf = new Set<string>();
  const call = async <T>(name: string, req: unknown): Promise<T> => {
    const r = (await bench.dispatch(name, req, { transport: 'browser' })) as Result<T>;
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.value;
  };

  beforeAll(async () => {
    dataDir = tempDir('vboards-');
    bench = await createBench({
      configDir: dataDir,
      identity: { name: 't', version: '0', platform: 'linux' },
      log: () => {},
      heartbeatMs: 0,
      virtualPorts: { wsPort: 0, httpPort: 0, ftpPort: 0 },
    });
    bench.hub.on('vboard:status', (s) => statusOf.add(s.boardId));
  });
  afterAll(async () => {
    await bench?.close();
  });

  it('runs each added virtual board on its own ports and eMMC, all watched at once', async () => {
    const added = await call<{ profile: { id: string; name: string } }>('links:add-virtual', { show: false });
    expect(added.profile).toMatchObject({ id: 'virtual-2', name: 'Virtual board 2' });
    await call('sessions:watch', { id: 'virtual-2' });
    await call('links:select', { id: 'virtual' });
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
    await call('links:select', { id: 'virtual' });
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

  it("shows the focused virtual board's UART on the Serial page", async () => {
    await call('links:select', { id: 'virtual-2' });
    await until(() => {
      const input = bench.serial.state().input;
      return input.kind === 'source' && input.name === 'Virtual board 2';
    }, "board 2's UART on the serial console");
    await call('links:select', { id: 'virtual' });
    await until(() => {
      const input = bench.serial.state().input;
      return input.kind === 'source' && input.name === 'Virtual board';
    }, "the first board's UART back on the serial console");
  });

  it('takes up the open link of a board shown again in the frame log, from its next whole frame', async () => {
    await call('links:select', { id: 'virtual' });
    await call('frames:clear', {});
    await call('links:select', { id: 'virtual-2' });
    // Board 2's WebSocket has been open (watched) all along: no new connection, its traffic is taken up again.
    const rows = await until(async () => {
      const r = await call<FramesListResult>('frames:list', { count: 1000 });
      const resumed = r.rows.filter((row) => /~\d+$/.test(row.connId));
      return resumed.some((row) => row.kind === 'frame' && row.msgType === 'telemetry') && r.rows;
    }, "board 2's telemetry frames in the log");
    const resumed = rows.filter((row) => /~\d+$/.test(row.connId));
    expect(resumed[0]).toMatchObject({
      kind: 'event',
      preview: expect.stringMatching(/tapped after the upgrade/),
    });
    expect(rows.filter((row) => row.kind === 'decode-error')).toEqual([]);
    expect(new Set(resumed.map((row) => row.connId)).size).toBe(1);
  });

  it('stops an added board with its profile and leaves the first one running', async () => {
    await call('links:remove-profile', { id: 'virtual-2' });
    expect(bench.virtualBoards.get('virtual-2')).toBeUndefined();
    const state = await call<SessionsState>('sessions:list', {});
    expect(state.sessions.map((s) => s.id)).toEqual(['virtual']);
    expect(bench.virtualBoard.running).toBeDefined();
    // Its eMMC folder is kept: removing a board loses no file.
    expect(existsSync(join(dataDir, 'emmc-virtual-2', 'TWO.TXT'))).toBe(true);
  });
});
