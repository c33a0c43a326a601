// The Files page's eMMC capacity is learnt from the board's pool-status `media` (docs/pool-status.md "Storage"),
// the same way for every board: a real-board profile pointing at a board that reports it shows it, one that does
// not shows "capacity unknown", and the in-app virtual board is known only because it reports it too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBoard, type RunningBoard } from '../../src/main/board';
import type { Capacity } from '../../src/shared/bridge/contracts/files';
import type { RealBoardProfile } from '../../src/shared/bridge/contracts/links';
import type { Result } from '../../src/shared/result';
import { createBench, type Bench } from '../../src/main/core/bench';
import { tempDir } from '../support/processes';

const GB = 1e9;

describe('eMMC capacity over the wire', () => {
  let bench: Bench;
  const boards: RunningBoard[] = [];
  const call = <T>(name: string, req: unknown) =>
    bench.dispatch(name, req, { transport: 'browser' }) as Promise<Result<T>>;

  /** A board reached as a real one: its own process-like servers on loopback, pool-status on or off. */
  async function realBoard(poolStatus: boolean): Promise<string> {
    const b = await startBoard({
      wsPort: 0,
      bootDelayMs: 0,
      telemetryMs: 100,
      poolStatus,
      emmcDir: tempDir('cap-emmc-'),
      emmcCapacityBytes: 2 * GB,
      ftp: { port: 0 },
    });
    boards.push(b);
    const saved = await call<{ profile: RealBoardProfile }>('links:save-profile', {
      name: poolStatus ? 'Reports media' : 'Stock firmware',
      host: '127.0.0.1',
      wsPort: b.endpoints.wsPort,
      ftpPort: b.endpoints.ftpPort,
    });
    if (!saved.ok) throw new Error(saved.error.message);
    return saved.value.profile.id;
  }

  beforeAll(async () => {
    bench = await createBench({
      connectOnStart: false,
      configDir: tempDir('cap-config-'),
      identity: { name: 't', version: '0', platform: 'linux' },
      heartbeatMs: 0,
      virtualPorts: { wsPort: 0, httpPort: 0, ftpPort: 0 },
      log: () => undefined,
    });
  });
  afterAll(async () => {
    await bench?.close();
    for (const b of boards) await b.close();
  });

  it('shows the space a board reports, and says unknown for a board that does not', async () => {
    const reporting = await realBoard(true);
    await call('sessions:focus', { id: reporting });
    const known = await call<Capacity>('files:capacity', {});
    expect(known).toMatchObject({ ok: true, value: { kind: 'known', totalBytes: 2 * GB } });
    expect(known.ok && known.value.kind === 'known' && known.value.usedBytes).toBeGreaterThan(0);

    const stock = await realBoard(false);
    await call('sessions:focus', { id: stock });
    expect(await call<Capacity>('files:capacity', {})).toEqual({
      ok: true,
      value: { kind: 'unknown', reason: 'capacity unknown (this board does not report its eMMC space)' },
    });
  });

  it("knows the in-app virtual board's space from its reports, not from the board's objects", async () => {
    await call('sessions:focus', { id: 'virtual' });
    const c = await call<Capacity>('files:capacity', {});
    expect(c).toMatchObject({ ok: true, value: { kind: 'known' } });
    const emmc = bench.virtualBoards.get('virtual')!.running!.control.state().emmc!;
    expect(c.ok && c.value).toEqual({
      kind: 'known',
      usedBytes: emmc.usedBytes,
      totalBytes: emmc.capacityBytes,
    });
  });
});
