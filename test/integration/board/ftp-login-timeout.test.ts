// The virtual board's FTP pre-login timeout (issue 22, point 10; docs/firmware-protocol.md §7): off by default, as on
// the firmware, where 4 clients that never log in hold every slot until the 240 s inactivity timeout; when set, a
// connection that has not logged in in time is closed and its slot freed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'basic-ftp';
import { afterEach, describe, expect, it } from 'vitest';
import { startBoard, type RunningBoard } from '../../../src/main/board';
import { startFtpServer } from '../../../src/main/board/ftp';
import { tempEmmc } from './fixtures';
import type { VirtualBoardStatus } from '../../../src/shared/bridge/contracts/board';
import { caller, testBench } from '../../support/bench';
import { until } from '../../support/wait';
import { RawFtp } from './ftp-raw';
import { open } from './raw';

let board: RunningBoard | undefined;
let env: Awaited<ReturnType<typeof tempEmmc>> | undefined;
const raws: RawFtp[] = [];
afterEach(async () => {
  for (const r of raws.splice(0)) r.close();
  await board?.close();
  board = undefined;
  env?.cleanup();
  env = undefined;
});

async function boardWithFtp(ftp: { loginTimeoutMs?: number }): Promise<number> {
  env = await tempEmmc();
  board = await startBoard({
    wsPort: 0,
    bootDelayMs: 0,
    emmcDir: env.root,
    ftp: { port: 0, ...ftp },
  });
  return board.endpoints.ftpPort!;
}

async function silentClients(port: number, n: number): Promise<RawFtp[]> {
  const out: RawFtp[] = [];
  for (let i = 0; i < n; i++) out.push(await RawFtp.connect(port));
  raws.push(...out);
  return out;
}

describe('FTP login timeout of the virtual board', () => {
  it('closes silent connections that never log in, freeing their slots; a logged-in client stays', async () => {
    const port = await boardWithFtp({ loginTimeoutMs: 3000 });
    const member = await RawFtp.connect(port);
    raws.push(member);
    await member.login();
    const silent = await silentClients(port, 3);
    // Every slot is taken: the firmware's limit of 4 clients holds.
    const fifth = await open(port);
    fifth.on('error', () => undefined);
    const refusal = await new Promise<string>((r) => fifth.once('data', (d: Buffer) => r(d.toString())));
    expect(refusal).toBe('421 Too many users, try again later\r\n');
    fifth.destroy();
    await until(() => silent.every((s) => s.closed), 'the silent clients to be closed', 20_000);
    for (const s of silent)
      expect(s.replies).toEqual([
        '220 Connection Ready',
        '421 Login timeout: not logged in within 3 s, closing control connection',
      ]);
    expect(await member.cmd('NOOP')).toBe('200 Command okay');
    const client = new Client(20_000);
    try {
      await client.access({ host: '127.0.0.1', port, user: 'u', password: 'p' });
      await client.send('NOOP');
    } finally {
      client.close();
    }
  });

  it('is set by vboard:start for a board the app runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ftp-login-'));
    const bench = await testBench(dir, { connectOnStart: false });
    try {
      const call = caller(() => bench);
      const started = await call<VirtualBoardStatus>('vboard:start', {
        boardId: 'virtual',
        ftpLoginTimeoutMs: 1000,
      });
      const ftpUrl = started.kind === 'running' ? started.board.ftp : undefined;
      const [silent] = await silentClients(Number(new URL(ftpUrl!).port), 1);
      await until(() => silent!.closed, 'the silent client to be closed', 20_000);
      expect(silent!.replies.at(-1)).toBe(
        '421 Login timeout: not logged in within 1 s, closing control connection',
      );
    } finally {
      await bench.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is off by default: a silent connection is closed only by the inactivity timeout', async () => {
    // The same server as the board's, with a short inactivity timeout to see which limit closes it.
    env = await tempEmmc();
    const ftp = await startFtpServer({ port: 0, emmc: env.emmc, idleTimeoutMs: 600 });
    try {
      const [silent] = await silentClients(ftp.port, 1);
      expect(await silent!.next(20_000)).toBe('421 Timeout: closing control connection');
    } finally {
      await ftp.close();
    }
  });
});
