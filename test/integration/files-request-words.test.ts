// The Files page's core against the virtual board's FTP server: what it answers for a path that is not there, an
// upload id with no upload behind it, and a chunk that is not base64. Each answer says what happened.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFtpServer, type FtpServerHandle } from '../../src/main/board/ftp';
import { FilesService } from '../../src/main/core/files/files-service';
import { fixedFtpTarget } from '../../src/main/core/files/target';
import { tempEmmc } from './board/fixtures';
import { until } from '../support/wait';

let env: Awaited<ReturnType<typeof tempEmmc>>;
let ftp: FtpServerHandle;
let files: FilesService;
const transfers: Array<ReadonlyArray<{ id: number; state: string }>> = [];

beforeEach(async () => {
  env = await tempEmmc();
  writeFileSync(join(env.root, 'old.txt'), 'old');
  await env.emmc.scan();
  ftp = await startFtpServer({ port: 0, emmc: env.emmc });
  files = new FilesService({
    provider: fixedFtpTarget(`ftp://127.0.0.1:${ftp.port}`),
    events: { state: () => undefined, transfers: (s) => transfers.push(s.items), conflict: () => undefined },
  });
});
afterEach(async () => {
  files.close();
  await ftp.close();
  env.cleanup();
  transfers.length = 0;
});

const rejection = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: Error & { code?: string }) => ({ code: err.code, message: err.message }),
  );

describe('files:read of a path that is not on the board', () => {
  it('says the file is not there when its folder was never listed', async () => {
    expect(await rejection(files.read('/never.txt'))).toEqual({
      code: 'NOT_FOUND',
      message: 'There is no never.txt in / on the board.',
    });
  });

  it('says the file is not there when the listing did not have it either', async () => {
    await files.list('/');
    expect(await rejection(files.read('/never.txt'))).toMatchObject({
      message: 'There is no never.txt in / on the board.',
    });
  });

  it('says it was deleted or renamed when the listing had it', async () => {
    expect((await files.list('/')).entries.map((e) => e.name)).toContain('old.txt');
    await env.emmc.delete('/old.txt');
    expect(await rejection(files.read('/old.txt'))).toEqual({
      code: 'NOT_FOUND',
      message:
        'old.txt is no longer on the board: it was deleted or renamed after the folder was listed. Refresh the folder.',
    });
  });
});

describe('files:upload-chunk that cannot be taken', () => {
  it('refuses an id that no upload-begin gave', async () => {
    expect(await rejection(files.uploadChunk(9999, 0, 'aGk=', true))).toEqual({
      code: 'NOT_FOUND',
      message: 'There is no upload 9999: files:upload-begin gives the ids of the uploads it starts.',
    });
  });

  it('refuses a chunk that is not base64, loses nothing, and takes the same chunk when it is right', async () => {
    const {
      uploadIds: [id],
    } = files.uploadBegin('/', [{ relPath: 'new.txt', size: 5 }]);
    expect(await rejection(files.uploadChunk(id!, 0, 'not base64!', true))).toEqual({
      code: 'BAD_REQUEST',
      message: `The chunk of upload ${id} at byte 0 is not valid base64; it was not written, and the upload waits for that chunk again.`,
    });
    expect(await files.uploadChunk(id!, 0, Buffer.from('hello').toString('base64'), true)).toEqual({
      state: 'accepted',
    });
    await until(() => transfers.at(-1)?.find((i) => i.id === id)?.state === 'done', 'the upload done');
    expect((await files.read('/new.txt')).base64).toBe(Buffer.from('hello').toString('base64'));
  });

  it('answers cancelled only for an upload that was cancelled', async () => {
    const {
      uploadIds: [id],
    } = files.uploadBegin('/', [{ relPath: 'c.txt', size: 4 }]);
    files.cancel(id);
    expect(await files.uploadChunk(id!, 0, 'YWJjZA==', true)).toEqual({ state: 'cancelled' });
  });
});
