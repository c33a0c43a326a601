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
const transfers: Array<ReadonlyArray<{ id: number; state: string; message?: string }>> = [];
/** How long a browser upload waits for its next chunk here (60 s in the app). */
const STALL_MS = 500;

beforeEach(async () => {
  env = await tempEmmc();
  writeFileSync(join(env.root, 'old.txt'), 'old');
  await env.emmc.scan();
  ftp = await startFtpServer({ port: 0, emmc: env.emmc });
  files = new FilesService({
    provider: fixedFtpTarget(`ftp://127.0.0.1:${ftp.port}`),
    events: { state: () => undefined, transfers: (s) => transfers.push(s.items), conflict: () => undefined },
    uploadStallMs: STALL_MS,
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
      message: `The chunk of upload ${id} at byte 0 is not valid base64 (only A-Z, a-z, 0-9, + and /, padded with =), so it was not written. Send the bytes from byte 0 again as valid base64 within 1 s, or the upload fails.`,
    });
    expect(await files.uploadChunk(id!, 0, Buffer.from('hello').toString('base64'), true)).toEqual({
      state: 'accepted',
    });
    await until(() => transfers.at(-1)?.find((i) => i.id === id)?.state === 'done', 'the upload done');
    expect((await files.read('/new.txt')).base64).toBe(Buffer.from('hello').toString('base64'));
  });

  it('says an upload that has all its bytes takes no more, not that it waits, for a chunk that is not base64', async () => {
    const {
      uploadIds: [id],
    } = files.uploadBegin('/', [{ relPath: 'whole.txt', size: 5 }]);
    expect(await files.uploadChunk(id!, 0, Buffer.from('hello').toString('base64'), true)).toEqual({
      state: 'accepted',
    });
    expect(await rejection(files.uploadChunk(id!, 5, 'not base64!', false))).toEqual({
      code: 'BAD_REQUEST',
      message: `Upload ${id} already has all its bytes and takes no more chunks; this one was not valid base64 either. Send nothing more for it.`,
    });
    // A chunk past the end is refused the same way, and leaves the upload whole.
    expect(await files.uploadChunk(id!, 0, Buffer.from('hello').toString('base64'), true)).toEqual({
      state: 'accepted',
    });
    expect(await rejection(files.uploadChunk(id!, 5, Buffer.from('!').toString('base64'), true))).toEqual({
      code: 'BAD_REQUEST',
      message: `Upload ${id} already has all its bytes and takes no more chunks. Send nothing more for it.`,
    });
    await until(() => transfers.at(-1)?.find((i) => i.id === id)?.state === 'done', 'the upload done');
    expect((await files.read('/whole.txt')).base64).toBe(Buffer.from('hello').toString('base64'));
  });

  it('fails an upload whose page sends a bad chunk and gives up, and goes on with the next', async () => {
    const {
      uploadIds: [given],
    } = files.uploadBegin('/', [{ relPath: 'given-up.txt', size: 4 }]);
    expect(await rejection(files.uploadChunk(given!, 0, '@@@@', true))).toMatchObject({
      code: 'BAD_REQUEST',
    });
    await until(
      () => transfers.at(-1)?.find((i) => i.id === given)?.state === 'failed',
      'the upload to fail without its page',
    );
    expect(transfers.at(-1)?.find((i) => i.id === given)?.message).toContain(
      `the browser stopped sending this file for ${STALL_MS / 1000} s`,
    );
    const {
      uploadIds: [next],
    } = files.uploadBegin('/', [{ relPath: 'next.txt', size: 4 }]);
    expect(await files.uploadChunk(next!, 0, 'YWJjZA==', true)).toEqual({ state: 'accepted' });
    await until(() => transfers.at(-1)?.find((i) => i.id === next)?.state === 'done', 'the next upload done');
  });

  it('answers cancelled only for an upload that was cancelled', async () => {
    const {
      uploadIds: [id],
    } = files.uploadBegin('/', [{ relPath: 'c.txt', size: 4 }]);
    files.cancel(id);
    expect(await files.uploadChunk(id!, 0, 'YWJjZA==', true)).toEqual({ state: 'cancelled' });
  });
});
