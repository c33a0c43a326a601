import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { root, startCli, tempDir, type CliProcess } from '../support/processes';

type Msg = {
  t: string;
  id?: number;
  result?: { ok: boolean; value?: unknown; error?: { code: string } };
  name?: string;
  payload?: unknown;
};

function connect(url: string, origin: string | undefined): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace('http', 'ws') + '/bridge', { origin, handshakeTimeout: 5000 });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

function invoke(ws: WebSocket, id: number, name: unknown, request: unknown): Promise<Msg> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const msg = JSON.parse(data.toString()) as Msg;
      if (msg.t === 'result' && msg.id === id) {
        ws.off('message', onMessage);
        resolve(msg);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ t: 'invoke', id, name, request }));
  });
}

describe('browser mode: the contract over a WebSocket', () => {
  let web: CliProcess<{ url: string }>;
  beforeAll(async () => {
    web = await startCli(['web', '--port', '0', '--config-dir', tempDir()]);
  });
  afterAll(async () => {
    await web?.stop();
  });

  it('prints exactly one JSON line with a loopback URL', () => {
    expect(web.ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves the renderer with a CSP', async () => {
    const res = await fetch(web.ready.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(await res.text()).toContain('<div id="root">');
    const escape = await fetch(`${web.ready.url}/..%2f..%2fpackage.json`);
    expect(await escape.text()).not.toContain('"devDependencies"');
  });

  it('answers app:info, BAD_REQUEST and UNKNOWN_COMMAND as values', async () => {
    const ws = await connect(web.ready.url, web.ready.url);
    expect((await invoke(ws, 1, 'app:info', {})).result).toMatchObject({
      ok: true,
      value: { transport: 'browser' },
    });
    expect((await invoke(ws, 2, 'settings:set', { page: 17 })).result).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect((await invoke(ws, 3, 'nope:nope', {})).result).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_COMMAND' },
    });
    ws.close();
  });

  it('survives garbage on the bridge and keeps serving', async () => {
    const ws = await connect(web.ready.url, web.ready.url);
    for (const junk of [
      'not json',
      '[]',
      'null',
      '{"t":"invoke"}',
      '{"t":"sub","name":"x"}',
      Buffer.from([0xff, 0x00]),
    ])
      ws.send(junk);
    expect((await invoke(ws, 9, 'app:info', {})).result).toMatchObject({ ok: true });
    ws.close();
  });

  it('delivers subscribed events', async () => {
    const ws = await connect(web.ready.url, web.ready.url);
    const beat = new Promise<Msg>((resolve) =>
      ws.on('message', (d) => {
        const m = JSON.parse(d.toString()) as Msg;
        if (m.t === 'event') resolve(m);
      }),
    );
    ws.send(JSON.stringify({ t: 'sub', name: 'app:heartbeat' }));
    expect(await beat).toMatchObject({ name: 'app:heartbeat', payload: { seq: expect.any(Number) } });
    ws.close();
  });

  it('refuses a page from another origin', async () => {
    await expect(connect(web.ready.url, 'http://evil.example')).rejects.toThrow(/403/);
    await expect(connect(web.ready.url, undefined)).rejects.toThrow(/403/);
  });

  it('exits 0 on SIGINT', async () => {
    const other = await startCli<{ url: string }>(['web', '--port', '0', '--config-dir', tempDir()]);
    expect(await other.stop('SIGINT')).toBe(0);
    const third = await startCli<{ url: string }>(['web', '--port', '0', '--config-dir', tempDir()]);
    expect(await third.stop('SIGTERM')).toBe(0);
  });

  it('rejects bad flags with one line and exit code 2', () => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(root, 'src/main/cli/main.ts'), 'web', '--prot', '1'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const r2 = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(root, 'src/main/cli/main.ts'), 'web', '--port', '99999'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(r2.status).toBe(2);
    expect(r2.stderr).toMatch(/--port must be a port number/);
  });
});
