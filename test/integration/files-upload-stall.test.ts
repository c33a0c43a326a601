// A browser upload whose bytes never come (found by the bridge fuzz: files:upload-begin and no chunk) must not hold
// the board's FTP session: listings, renames and deletes are answered while it waits, and when the browser has
// stopped sending, the rest of that upload fails at once instead of each file waiting out the stall in turn.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmmc } from '../../src/main/board/emmc';
import { startFtpServer, type FtpServerHandle } from '../../src/main/board/ftp';
import { FilesService } from '../../src/main/core/files/files-service';
import type { FtpTarget } from '../../src/main/core/files/target';
import { until } from '../support/wait';

describe('a browser upload that sends nothing', () => {
  let dir: string;
  let server: FtpServerHandle;
  let target: FtpTarget;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'upload-stall-'));
    server = await startFtpServer({ port: 0, emmc: await openEmmc({ root: dir, seedDir: null }) });
    target = { boardId: 'a', boardName: 'A', host: '127.0.0.1', port: server.port, user: 'u', password: 'p' };
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  const service = (uploadStallMs?: number) =>
    new FilesService({
      provider: { current: () => target, of: () => target, onChange: () => () => {} },
      events: { state: () => {}, transfers: () => {}, conflict: () => {} },
      ...(uploadStallMs ? { uploadStallMs } : {}),
    });

  it('leaves the FTP session free: a listing is answered while the upload waits for its first chunk', async () => {
    const s = service();
    try {
      const [first] = s.uploadBegin('/', [
        { relPath: 'a.bin', size: 10 },
        { relPath: 'b.bin', size: 10 },
      ]).uploadIds;
      await until(() => s.queue.stateOf(first!) === 'running', 'the first file to start');
      const listed = await s.list('/');
      expect(listed.entries.map((e) => e.name)).toEqual([]);
      // Answered while the upload still waits: the session was not held for the browser's stall time.
      expect(s.queue.stateOf(first!)).toBe('running');
      expect(await s.uploadChunk(first!, 0, Buffer.from('0123456789').toString('base64'), true)).toEqual({
        state: 'accepted',
      });
      await until(() => s.queue.stateOf(first!) === 'done', 'the first file to be written');
    } finally {
      s.close();
    }
  });

  it('fails the rest of the upload at once when the browser stopped sending one file', async () => {
    const s = service(300);
    try {
      const ids = s.uploadBegin(
        '/',
        Array.from({ length: 50 }, (_, i) => ({ relPath: `f${i}.bin`, size: 10 })),
      ).uploadIds;
      const snap = await until(
        () => !s.queue.snapshot().active && s.queue.snapshot(),
        'the upload to end',
        20_000,
      );
      expect(snap.items.map((i) => i.state)).toEqual(ids.map(() => 'failed'));
      expect(snap.items[0]!.message).toMatch(/the browser stopped sending this file for 0.3 s/);
      expect(snap.items[1]!.message).toMatch(/the browser stopped sending this upload/);
    } finally {
      s.close();
    }
  });
});
