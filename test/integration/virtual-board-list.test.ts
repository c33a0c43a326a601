// Virtual boards are a list like real boards: the one a new configuration starts with is removed like any other
// (down to no board at all, which lasts across a restart), and the preferred ports go to whichever virtual board
// starts first while they are free, not to a board of a given id.
import { writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LinksState, ProfilesView } from '../../src/shared/bridge/contracts/links';
import type { SessionsState } from '../../src/shared/bridge/contracts/sessions';
import { type Bench, type BenchOptions } from '../../src/main/core/bench';
import { portIsFree } from '../../src/main/core/virtual-board';
import { tempDir } from '../support/processes';
import { until } from '../support/wait';
import { caller, testBench } from '../support/bench';

/** A port nothing listens on just now (the OS's pick, let go at once). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen({ port: 0, host: '127.0.0.1' }, () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

describe('virtual boards are a list like real boards', () => {
  const benches: Bench[] = [];
  afterEach(async () => {
    for (const b of benches.splice(0)) await b.close();
  });
  const start = async (configDir: string, more: Partial<BenchOptions> = {}) => {
    const bench = await testBench(configDir, more);
    benches.push(bench);
    const call = caller(() => bench);
    return { bench, call };
  };

  it('removes the first virtual board like any other, leaves no board when the last goes, and adds one back', async () => {
    const dir = tempDir('vboard-list-');
    const { bench, call } = await start(dir);
    // A new configuration starts with one virtual board, shown and running.
    await until(
      () => bench.virtualBoards.get('virtual')?.running,
      'the seeded virtual board running',
      20_000,
    );
    // A file the user had on that board's eMMC (the app's `emmc/` folder).
    writeFileSync(join(dir, 'emmc', 'KEEP.TXT'), 'kept\n');
    const lab = await call<{ profile: { id: string } }>('links:save-profile', {
      name: 'Lab',
      host: '127.0.0.1',
      wsPort: 9,
    });
    await call('sessions:focus', { id: 'virtual' });

    const afterFirst = await call<ProfilesView>('links:remove-profile', { id: 'virtual' });
    expect(afterFirst.profiles.map((p) => p.id)).toEqual([lab.profile.id]);
    // Its board stops with its profile, and the pages show the board left.
    expect(bench.virtualBoards.get('virtual')).toBeUndefined();
    expect(afterFirst.selectedId).toBe(lab.profile.id);

    const none = await call<ProfilesView>('links:remove-profile', { id: lab.profile.id });
    expect(none).toEqual({ profiles: [], selectedId: undefined });
    const links = await call<{ state: LinksState }>('links:state', {});
    expect(links.state.boardId).toBeUndefined();
    expect((await call<SessionsState>('sessions:list', {})).sessions).toEqual([]);
    await bench.close();
    benches.splice(0);

    // Removed stays removed: the next start opens no board and seeds none.
    const again = await start(dir);
    expect(await again.call<ProfilesView>('links:profiles', {})).toEqual({
      profiles: [],
      selectedId: undefined,
    });
    expect((await again.call<{ state: LinksState }>('links:state', {})).state.boardId).toBeUndefined();

    // "Start a virtual board": it takes number 1 again, is shown, starts, and has the first board's files.
    const added = await again.call<{ profile: { id: string; name: string }; view: ProfilesView }>(
      'links:add-virtual',
      {},
    );
    expect(added.profile).toMatchObject({ id: 'virtual', name: 'Virtual board' });
    expect(added.view.selectedId).toBe('virtual');
    const running = await until(
      () => again.bench.virtualBoards.get('virtual')?.running,
      'the added virtual board running',
      20_000,
    );
    const res = await fetch(`${running.endpoints.http}/KEEP.TXT`);
    expect(await res.text()).toBe('kept\n');
  });

  it('gives the preferred ports to the first virtual board that starts while they are free, whatever its id', async () => {
    const dir = tempDir('vboard-ports-');
    // Preferred ports of this test's own choosing (the app's are 8080/8000/2121, which this machine may use).
    const preferred = { wsPort: await freePort(), httpPort: await freePort(), ftpPort: await freePort() };
    const { bench, call } = await start(dir, { virtualPorts: preferred, connectOnStart: false });
    await call('links:add-virtual', { show: false });

    const wereFree = {
      ws: await portIsFree(preferred.wsPort, '127.0.0.1'),
      http: await portIsFree(preferred.httpPort, '127.0.0.1'),
      ftp: await portIsFree(preferred.ftpPort, '127.0.0.1'),
    };
    // Board 2, added after the first, is the first to start.
    await call('vboard:start', { boardId: 'virtual-2' });
    const two = bench.virtualBoards.get('virtual-2')!.running!.endpoints;
    const rule = (free: boolean, port: number | undefined, wanted: number) => {
      expect(port).toBeGreaterThan(0);
      // The preferred port when it was free; else one the OS picked.
      if (free) expect(port).toBe(wanted);
      else expect(port).not.toBe(wanted);
    };
    rule(wereFree.ws, two.wsPort, preferred.wsPort);
    rule(wereFree.http, two.httpPort, preferred.httpPort);
    rule(wereFree.ftp, two.ftpPort, preferred.ftpPort);

    // The first board, started next, finds them taken and runs on ports the OS picks.
    await call('vboard:start', { boardId: 'virtual' });
    const one = bench.virtualBoards.get('virtual')!.running!.endpoints;
    rule(false, one.wsPort, preferred.wsPort);
    rule(false, one.httpPort, preferred.httpPort);
    rule(false, one.ftpPort, preferred.ftpPort);
  });
});
