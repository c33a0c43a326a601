// files:delete checks the whole request before deleting anything (found by the bridge fuzz: paths ["/assets", "/"]
// deleted /assets and then answered "The root folder cannot be deleted.", as if nothing had happened), and deletes
// a path named twice, or inside another named folder, once.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmmc } from '../../src/main/board/emmc';
import { startFtpServer, type FtpServerHandle } from '../../src/main/board/ftp';
import { FilesService } from '../../src/main/core/files/files-service';
import type { FtpTarget } from '../../src/main/core/files/target';

describe('files:delete of several paths', () => {
  let dir: string;
  let server: FtpServerHandle;
  let s: FilesService;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'delete-request-'));
    server = await startFtpServer({ port: 0, emmc: await openEmmc({ root: dir, seedDir: null }) });
    const target: FtpTarget = {
      boardId: 'a',
      boardName: 'A',
      host: '127.0.0.1',
      port: server.port,
      user: 'u',
      password: 'p',
    };
    s = new FilesService({
      provider: { current: () => target, of: () => target, onChange: () => () => {} },
      events: { state: () => {}, transfers: () => {}, conflict: () => {} },
    });
  });
  afterAll(async () => {
    s.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  const rejection = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (err: unknown) => err,
    );

  it('deletes nothing when one of the paths is refused or missing', async () => {
    writeFileSync(join(dir, 'keep.txt'), 'x');
    expect(await rejection(s.delete(['/keep.txt', '/']))).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'The root folder cannot be deleted.',
    });
    expect(await rejection(s.delete(['/keep.txt', '/no-such-file']))).toMatchObject({ code: 'NOT_FOUND' });
    expect(existsSync(join(dir, 'keep.txt'))).toBe(true);
  });

  it('deletes a path named twice, or inside another named folder, once', async () => {
    mkdirSync(join(dir, 'd'));
    writeFileSync(join(dir, 'd', 'x.txt'), 'x');
    writeFileSync(join(dir, 'y.txt'), 'y');
    expect(await s.delete(['/d', '/d/x.txt', '/y.txt', '/y.txt', '//d/'])).toEqual({ deleted: 3 });
    expect(existsSync(join(dir, 'd'))).toBe(false);
    expect(existsSync(join(dir, 'y.txt'))).toBe(false);
  });
});
