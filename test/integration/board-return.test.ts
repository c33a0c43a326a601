// A board that comes back is tried at once on every link, not at its links' retry timers: the in-app virtual board
// stopped and started, or rebooted, from the core (the fleet tells the sessions it booted), and a real board (a
// `npm run board` process) killed and started again on the same ports, which the app can only learn by a probe
// answering again (its HTTP and FTP probes check every second while the board is away; the first answer tries the
// other links). Each WebSocket link here waits 60 s between attempts, so only that can reopen it within seconds.
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LinksState } from '../../src/shared/bridge/contracts/links';
import { type Bench } from '../../src/main/core/bench';
import { ProfileStore } from '../../src/main/core/links/profiles';
import { SessionOwner } from '../../src/main/core/sessions/session-owner';
import { tempDir } from '../support/processes';
import { portsOf, startBoardProcess } from '../support/real-board';
import { until } from '../support/wait';
import { caller, testBench } from '../support/bench';

/** A retry pause far longer than a boot: a link that waits for its timer stays closed for the whole test. */
const LONG_BACKOFF = { stepsMs: [60_000], jitter: 0 };
/** How soon after the board listens again its links must be open: generous, and well under any retry timer. */
const SOON_MS = 5000;

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

/** A port nothing listens on now (so the virtual board keeps the same ports across a stop and start). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

const allOpen = (s: Pick<LinksState, 'ws' | 'http' | 'ftp'>) =>
  s.ws.kind === 'open' && s.http.kind === 'open' && s.ftp.kind === 'open';

describe('a board that comes back', () => {
  let bench: Bench;
  const call = caller(() => bench);
  const links = async () => (await call<{ state: LinksState }>('links:state', {})).state;

  async function startBench() {
    const dir = tempDir('board-return-');
    const ports = { wsPort: await freePort(), httpPort: await freePort(), ftpPort: await freePort() };
    bench = await testBench(dir, { virtualPorts: ports, wsBackoff: LONG_BACKOFF });
    cleanups.push(() => bench.close());
    await until(async () => allOpen(await links()), 'the virtual board connected on every link', 20_000);
    return ports;
  }

  it('opens every link of the virtual board as soon as it has booted after a stop and a start', async () => {
    const ports = await startBench();
    await call('vboard:stop', { boardId: 'virtual' });
    await until(async () => (await links()).ws.kind === 'waiting', 'the WebSocket link waiting to retry');
    await call('vboard:start', { boardId: 'virtual' });
    const booted = Date.now();
    // The board came back where it was (same ports), so the session is not reopened: its links are tried.
    expect(bench.virtualBoards.get('virtual')?.running?.endpoints.wsPort).toBe(ports.wsPort);
    await until(async () => allOpen(await links()), 'every link open again', 30_000);
    expect(Date.now() - booted).toBeLessThan(SOON_MS);
  });

  it('opens its links again where the virtual board moved when it started on another port', async () => {
    const ports = await startBench();
    await call('vboard:stop', { boardId: 'virtual' });
    await until(async () => (await links()).ws.kind === 'waiting', 'the WebSocket link waiting to retry');
    await call('vboard:start', { boardId: 'virtual', wsPort: 0 });
    const moved = bench.virtualBoards.get('virtual')?.running?.endpoints.wsPort;
    expect(moved).not.toBe(ports.wsPort);
    await until(
      async () => (await links()).ws.kind === 'open' && (await links()).ws.detail.includes(`:${moved}`),
      'the WebSocket link open on the new port',
      30_000,
    );
  });

  it('opens every link of the virtual board as soon as a reboot has finished', async () => {
    await startBench();
    const dropped = until(
      async () => (await links()).ws.kind === 'waiting',
      'the link dropped by the reboot',
    );
    await call('vboard:fault', { boardId: 'virtual', kind: 'reboot' });
    await dropped;
    const booted = Date.now();
    await until(async () => allOpen(await links()), 'every link open again', 30_000);
    expect(Date.now() - booted).toBeLessThan(SOON_MS);
  });

  it('sees a real board process started again on the same ports at its first answer, and opens every link', async () => {
    const emmc = tempDir('board-return-emmc-');
    let board = await startBoardProcess(emmc);
    cleanups.push(() => board.stop());
    const ports = portsOf(board.ready);
    const profiles = new ProfileStore(mkdtempSync(join(tmpdir(), 'board-return-profiles-')));
    const p = profiles.save({
      name: 'Bench R',
      host: '127.0.0.1',
      wsPort: ports.ws,
      httpPort: ports.http,
      ftpPort: ports.ftp,
    });
    const owner = new SessionOwner({
      getProfile: (id) => profiles.get(id),
      emit: () => {},
      wsOptions: { backoff: LONG_BACKOFF },
      // Probes far apart as well: only the checks made while the board is away can find it soon.
      httpEveryMs: 60_000,
      ftpEveryMs: 60_000,
    });
    cleanups.push(() => owner.close());
    await owner.select(p.id);
    await until(() => allOpen(owner.state), 'the real board connected on every link', 20_000);

    await board.stop('SIGKILL');
    await until(
      () => owner.state.ws.kind === 'waiting' && owner.state.http.kind === 'failed',
      'the board lost',
    );
    board = await startBoardProcess(emmc, ports);
    const listening = Date.now();
    await until(() => allOpen(owner.state), 'every link open again', 30_000);
    expect(Date.now() - listening).toBeLessThan(SOON_MS);
  });
});
