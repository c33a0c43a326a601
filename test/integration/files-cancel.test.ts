// A cancelled upload leaves no fragment posing as a whole file: a file the app created is deleted (DELE) and the
// row says so; a file that existed before is not deleted, and the row and the listing say what it holds now. A
// connection that closes under a transfer is told in words, not as Node's "Premature close".
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmmc } from '../../src/main/board/emmc';
import { startFtpServer } from '../../src/main/board/ftp';
import { PacketPool } from '../../src/main/board/memory/packet-pool';
import { FilesService } from '../../src/main/core/files/files-service';
import { fixedFtpTarget } from '../../src/main/core/files/target';
import type { ConflictQuestion } from '../../src/shared/bridge/contracts/files';
import { until } from '../support/wait';

/** An FTP packet pool that empties once `mib` MiB went through it, so an upload stalls part-way by itself. */
function stallingPool(mib: number): PacketPool & { resume(): void } {
  const pool = new PacketPool('FTP Server Packet Pool', 1024, 64);
  const off = pool.onChange(() => {
    if (pool.stats().total > 0 && pool.stats().allocations * 32 * 1024 >= mib * 1024 * 1024) pool.resize(0);
  });
  return Object.assign(pool, {
    resume() {
      off();
      pool.resize(64);
    },
  });
}

let root: string;
let local: string;
const big = () => join(local, 'f150.bin');

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cancel-emmc-'));
  local = await mkdtemp(join(tmpdir(), 'cancel-local-'));
  // 150 MB of host file: far more than the 4 MiB the board takes before it stalls.
  const fh = await open(big(), 'w');
  const chunk = Buffer.alloc(1024 * 1024, 7);
  for (let i = 0; i < 150; i++) await fh.write(chunk);
  await fh.close();
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(local, { recursive: true, force: true });
});

async function boardWithService(extended = false, dataTimeoutMs?: number) {
  const pool = stallingPool(4);
  const emmc = await openEmmc({ root, seedDir: null });
  const server = await startFtpServer({
    port: 0,
    emmc,
    extended,
    pool,
    ...(dataTimeoutMs ? { dataTimeoutMs } : {}),
  });
  const conflicts: ConflictQuestion[] = [];
  const s = new FilesService({
    provider: fixedFtpTarget(`ftp://bench:any@127.0.0.1:${server.port}`),
    events: { state: () => undefined, transfers: () => undefined, conflict: (q) => conflicts.push(q) },
  });
  const ended = () =>
    until(
      () => {
        const i = s.queue.snapshot().items[0];
        return !s.queue.snapshot().active && i?.message !== undefined && i;
      },
      'the cancelled upload to be tidied',
      60_000,
    );
  const close = async () => {
    s.close();
    await server.close().catch(() => undefined);
  };
  return { pool, s, server, conflicts, ended, close };
}

describe('cancelling an upload', () => {
  it('deletes the fragment of a new file from the board and says so', async () => {
    const b = await boardWithService();
    try {
      await b.s.uploadFromHost([big()], '/');
      await until(() => b.pool.stats().total === 0, 'the board to stall part-way', 30_000);
      expect(b.s.cancel()).toBe(1);
      b.pool.resume();
      const item = await b.ended();
      expect(item.state).toBe('cancelled');
      expect(item.message).toMatch(
        /^cancelled after .+ of 157 MB were sent: the partial f150\.bin was deleted from the board\.$/,
      );
      expect((await b.s.list('/')).entries.map((e) => e.name)).not.toContain('f150.bin');
      expect(existsSync(join(root, 'f150.bin'))).toBe(false);
      // The totals still say what happened: nothing left to send, one cancelled.
      expect(b.s.queue.snapshot()).toMatchObject({ active: false });
    } finally {
      await b.close();
    }
  });

  it('deletes the fragment of a browser upload cancelled while the page was still sending', async () => {
    const b = await boardWithService();
    b.pool.resume();
    try {
      const size = 8 * 1024 * 1024;
      const [id] = b.s.uploadBegin('/', [{ relPath: 'from-page.bin', size }]).uploadIds;
      const chunk = Buffer.alloc(256 * 1024, 3).toString('base64');
      // A quarter of the file arrives, then the page stops sending (the person cancels).
      for (let offset = 0; offset < size / 4; offset += 256 * 1024)
        while ((await b.s.uploadChunk(id!, offset, chunk, false)).state === 'busy');
      await until(() => (b.s.queue.snapshot().items[0]?.bytes ?? 0) > 0, 'the board to take bytes', 30_000);
      expect(b.s.cancel(id)).toBe(1);
      const item = await b.ended();
      expect(item.message).toMatch(
        /^cancelled after .+ of 8.4 MB were sent: the partial from-page\.bin was deleted from the board\.$/,
      );
      expect(existsSync(join(root, 'from-page.bin'))).toBe(false);
      expect((await b.s.uploadChunk(id!, size / 4, chunk, false)).state).toBe('cancelled');
    } finally {
      await b.close();
    }
  });

  it('does not delete a file that existed before (overwrite): says what is left and marks it partial', async () => {
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'f150.bin'), 'the old contents');
    const b = await boardWithService();
    try {
      await b.s.uploadFromHost([big()], '/');
      await until(() => b.conflicts[0], 'the conflict question', 30_000);
      b.s.resolveConflict(b.conflicts[0]!.conflictId, 'overwrite', false);
      await until(() => b.pool.stats().total === 0, 'the board to stall part-way', 30_000);
      expect(b.s.cancel()).toBe(1);
      b.pool.resume();
      const item = await b.ended();
      expect(item.message).toMatch(
        /cancelled after .+ of 157 MB were sent: f150\.bin existed before and was being overwritten, so it was not deleted; it now holds only the part of the new file that arrived \(marked partial\)\./,
      );
      expect(existsSync(join(root, 'f150.bin'))).toBe(true);
      const entry = (await b.s.list('/')).entries.find((e) => e.name === 'f150.bin');
      expect(entry?.partial).toMatch(/^overwrite cancelled after/);
      expect(statSync(join(root, 'f150.bin')).size).toBeLessThan(150 * 1024 * 1024);
    } finally {
      await b.close();
    }
  });

  it('says in words that the board reset the connection when it gives up on a stalled upload', async () => {
    // The board waits 500 ms for a free packet, then resets the data connection.
    const b = await boardWithService(false, 500);
    try {
      await b.s.uploadFromHost([big()], '/stalled');
      const item = await b.ended();
      expect(item.state).toBe('failed');
      expect(item.message).toMatch(
        /^The upload of f150\.bin stopped after .+ of 157 MB: the connection to the board was reset during the transfer\. /,
      );
    } finally {
      await b.close();
    }
  });

  it('says in words that the connection closed when the board goes away under an upload', async () => {
    const b = await boardWithService();
    try {
      await b.s.uploadFromHost([big()], '/deep');
      await until(() => b.pool.stats().total === 0, 'the board to stall part-way', 30_000);
      await b.server.close();
      const item = await b.ended();
      expect(item.state).toBe('failed');
      expect(item.message).toMatch(
        /^The upload of f150\.bin stopped after .+ of 157 MB: the board closed the FTP connection\. /,
      );
    } finally {
      await b.close();
    }
  });
});
