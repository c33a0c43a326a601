// Browser-mode uploads against the real `web` process (issue 22, point 12): a chunk that cannot belong to a queued
// upload (more bytes than the file has) fails that upload alone; the process stays up and keeps answering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bridgeUrl } from '../support/bridge';
import { startCli, tempDir, type CliProcess } from '../support/processes';
import { until } from '../support/wait';

type Result = { ok: boolean; value?: unknown; error?: { code: string; message: string } };

describe('browser mode: upload chunks that cannot be taken', () => {
  let web: CliProcess<{ url: string }>;
  let ws: WebSocket;
  let next = 1;
  const invoke = (name: string, request: unknown) =>
    new Promise<Result | 'closed'>((resolve) => {
      const id = next++;
      const onMessage = (data: WebSocket.RawData) => {
        const msg = JSON.parse(data.toString()) as { t: string; id?: number; result?: Result };
        if (msg.t !== 'result' || msg.id !== id) return;
        ws.off('message', onMessage);
        resolve(msg.result!);
      };
      ws.on('message', onMessage);
      ws.once('close', () => resolve('closed'));
      ws.send(JSON.stringify({ t: 'invoke', id, name, request }));
    });

  beforeAll(async () => {
    web = await startCli(['web', '--port', '0', '--config-dir', tempDir(), '--virtual-ports', 'any']);
    ws = new WebSocket(bridgeUrl(web.ready.url), { origin: new URL(web.ready.url).origin });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  });
  afterAll(async () => {
    ws?.close();
    await web?.stop();
  });

  it('fails only the queued upload that was sent too many bytes, and the process keeps answering', async () => {
    // The focused virtual board's FTP server is up once a listing answers.
    await until(
      async () => {
        const r = await invoke('files:list', { path: '/' });
        return r !== 'closed' && r.ok;
      },
      'the virtual board to answer on FTP',
      30_000,
      100,
    );
    const begun = await invoke('files:upload-begin', {
      remoteDir: '/',
      files: [
        { relPath: 'first.txt', size: 4 },
        { relPath: 'second.txt', size: 4 },
      ],
    });
    expect(begun).toMatchObject({ ok: true });
    const [, second] = (begun as { value: { uploadIds: number[] } }).value.uploadIds;
    // The first upload holds the queue (no bytes yet); the second is queued, and gets 10 bytes for a 4-byte file.
    const tooMany = await invoke('files:upload-chunk', {
      uploadId: second,
      offset: 0,
      data: Buffer.from('0123456789').toString('base64'),
      last: true,
    });
    expect(tooMany).toEqual({ ok: true, value: { state: 'failed' } });
    // The process is still there and answers the next request.
    expect(await invoke('app:info', {})).toMatchObject({ ok: true });
    expect(web.child.exitCode).toBeNull();
    expect(web.stderr()).not.toMatch(/the browser sent/);
  });
});
