// An upload whose data connection ends in a TCP reset (the client's SO_LINGER 0 close) is not a finished file:
// the board answers 426 and keeps the old file, whatever the size sent and whether the server was reading then.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFtpServer, type FtpServerHandle } from '../../../src/main/board/ftp';
import { PacketPool } from '../../../src/main/board/memory/packet-pool';
import { tempEmmc } from './fixtures';
import { RawFtp } from './ftp-raw';
import { open } from './raw';

const OLD = Buffer.from('the old file, which a broken upload must not touch\n');
let env: Awaited<ReturnType<typeof tempEmmc>>;
let ftp: FtpServerHandle | undefined;
let c: RawFtp | undefined;

beforeAll(async () => {
  env = await tempEmmc({ capacityBytes: 64 * 1024 * 1024 });
});
afterAll(() => env?.cleanup());
beforeEach(async () => {
  writeFileSync(join(env.root, 'keep.bin'), OLD);
  await env.emmc.scan();
});
afterEach(async () => {
  c?.close();
  await ftp?.close();
  c = ftp = undefined;
});

/** Logs in, opens a passive data connection, sends STOR and waits for its 150. */
async function startUpload(port: number): Promise<{ data: Socket; done: Promise<string> }> {
  c = await RawFtp.connect(port);
  await c.login();
  expect(await c.cmd('TYPE I')).toMatch(/^200 /);
  const pasv = await c.cmd('PASV');
  const m = /\((\d+),(\d+),(\d+),(\d+),(\d+),(\d+)\)/.exec(pasv)!;
  const data = await open(Number(m[5]) * 256 + Number(m[6]));
  data.on('error', () => undefined);
  const opening = c.next();
  const done = c.next(20_000);
  c.socket.write('STOR keep.bin\r\n');
  expect(await opening).toMatch(/^150 /);
  return { data, done };
}

function expectOldFileOnly(): void {
  expect(readFileSync(join(env.root, 'keep.bin'))).toEqual(OLD);
  expect(readdirSync(env.root).sort()).toEqual(['keep.bin']);
}

const sizes = [128 * 1024, 512 * 1024, 1024 * 1024];

describe('FTP upload cut off by a TCP reset', () => {
  it.each(sizes)('answers 426 and keeps the old file after %i bytes then RST', async (size) => {
    ftp = await startFtpServer({ port: 0, emmc: env.emmc });
    const { data, done } = await startUpload(ftp.port);
    // The reset follows the last byte at once, as a client killed mid-upload does.
    data.write(Buffer.alloc(size, 0x5a), () => data.resetAndDestroy());
    expect(await done).toBe('426 Connection closed; transfer aborted');
    expectOldFileOnly();
    expect(await c!.cmd('NOOP')).toBe('200 Command okay');
  });

  it('still answers 226 and replaces the file when the client ends with FIN', async () => {
    ftp = await startFtpServer({ port: 0, emmc: env.emmc });
    const { data, done } = await startUpload(ftp.port);
    data.end(Buffer.alloc(512 * 1024, 0x5a));
    expect(await done).toBe('226 Transfer complete');
    expect(readFileSync(join(env.root, 'keep.bin')).equals(Buffer.alloc(512 * 1024, 0x5a))).toBe(true);
  });

  it.each(sizes)(
    'answers 426 and keeps the old file when the RST comes while the server has stopped reading (%i bytes)',
    async (size) => {
      // Every packet of the FTP pool held: the server waits for one before it writes the first piece, stops
      // reading, and the data connection backs up (the client's writes queue) before the reset arrives.
      const pool = new PacketPool('FTP test pool', 776, 8);
      const held = pool.allocate(776 * 8)!;
      ftp = await startFtpServer({ port: 0, emmc: env.emmc, pool });
      const { data, done } = await startUpload(ftp.port);
      // All of it handed to the kernel; the server can take in at most its read buffer while it waits.
      await new Promise<void>((r) => data.write(Buffer.alloc(size, 0x5a), () => r()));
      expect(pool.stats().free).toBe(0);
      data.resetAndDestroy();
      held.release();
      expect(await done).toBe('426 Connection closed; transfer aborted');
      expectOldFileOnly();
    },
  );
});
