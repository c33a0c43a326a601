import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bridgeUrl } from '../support/bridge';
import { root, startCli, tempDir, type CliProcess } from '../support/processes';

type Msg = {
  t: string;
  id?: number;
  result?: { ok: boolean; value?: unknown; error?: { code: string } };
  name?: string;
  payload?: unknown;
};

/** Opens the bridge of a page URL (its ?token= goes along) with this Origin and these extra headers. */
function connect(
  url: string,
  origin: string | undefined,
  headers: Record<string, string> = {},
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(bridgeUrl(url), { origin, headers, handshakeTimeout: 5000 });
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

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/main/cli/main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
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

  const origin = () => new URL(web.ready.url).origin;
  const token = () => new URL(web.ready.url).searchParams.get('token')!;

  it('prints exactly one JSON line with a loopback URL and a fresh 32-byte token', () => {
    expect(web.ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
  });

  it('serves the renderer with a CSP, and its first response sets an HttpOnly SameSite=Strict cookie', async () => {
    const res = await fetch(web.ready.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await res.text()).toContain('<div id="root">');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const pair = cookie.split(';')[0]!;
    expect(pair).toBe(`nucleo-bench-token-${new URL(origin()).port}=${token()}`);
    // A reload or a bookmark without the query works with the cookie alone.
    const reload = await fetch(`${origin()}/`, { headers: { cookie: pair } });
    expect(reload.status).toBe(200);
    expect(reload.headers.get('set-cookie')).toBeNull();
    const escape = await fetch(`${origin()}/..%2f..%2fpackage.json`, { headers: { cookie: pair } });
    expect(await escape.text()).not.toContain('"devDependencies"');
  });

  it('refuses every HTTP request without the token with 401 and a sentence', async () => {
    for (const path of ['/', '/index.html', '/?token=wrong', '/assets/x.js']) {
      const res = await fetch(`${origin()}${path}`);
      expect(res.status).toBe(401);
      expect(await res.text()).toMatch(/needs its token/);
    }
    expect(web.stderr()).toMatch(/GET \/ refused with 401 \(no token\)/);
    expect(web.stderr()).toMatch(/refused with 401 \(wrong token\)/);
    expect(web.stderr()).not.toContain(token());
  });

  it('opens the bridge with ?token= or with the cookie alone', async () => {
    const byQuery = await connect(web.ready.url, origin());
    expect((await invoke(byQuery, 1, 'app:info', {})).result).toMatchObject({ ok: true });
    byQuery.close();
    const byCookie = await connect(origin(), origin(), {
      cookie: `other=1; nucleo-bench-token-${new URL(origin()).port}=${token()}`,
    });
    expect((await invoke(byCookie, 1, 'app:info', {})).result).toMatchObject({ ok: true });
    byCookie.close();
  });

  it('refuses the bridge before the upgrade with 401: no token, a wrong token, the right token from another origin', async () => {
    await expect(connect(origin(), origin())).rejects.toThrow(/401/);
    await expect(connect(`${origin()}/?token=${'A'.repeat(43)}`, origin())).rejects.toThrow(/401/);
    await expect(
      connect(origin(), origin(), { cookie: `nucleo-bench-token-${new URL(origin()).port}=nope` }),
    ).rejects.toThrow(/401/);
    await expect(connect(web.ready.url, 'http://evil.example')).rejects.toThrow(/401/);
    await expect(connect(web.ready.url, undefined)).rejects.toThrow(/401/);
    expect(web.stderr()).toMatch(/bridge: upgrade refused with 401 \(no token\)/);
    expect(web.stderr()).toMatch(/bridge: upgrade refused with 401 \(wrong token\)/);
    expect(web.stderr()).toMatch(
      /bridge: upgrade refused with 401 \(Origin http:\/\/evil\.example is not this server\)/,
    );
  });

  it('answers app:info, BAD_REQUEST and UNKNOWN_COMMAND as values', async () => {
    const ws = await connect(web.ready.url, origin());
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
    const ws = await connect(web.ready.url, origin());
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
    const ws = await connect(web.ready.url, origin());
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

  it('exits 0 on SIGINT', async () => {
    const other = await startCli<{ url: string }>(['web', '--port', '0', '--config-dir', tempDir()]);
    expect(await other.stop('SIGINT')).toBe(0);
    const third = await startCli<{ url: string }>(['web', '--port', '0', '--config-dir', tempDir()]);
    expect(await third.stop('SIGTERM')).toBe(0);
  });

  it('uses the token given with --token or NUCLEO_BENCH_TOKEN, and refuses a short one', async () => {
    const fixed = 'lab-bench-scripted-token-0123456789';
    const viaFlag = await startCli<{ url: string }>([
      'web',
      '--port',
      '0',
      '--config-dir',
      tempDir(),
      '--token',
      fixed,
    ]);
    expect(new URL(viaFlag.ready.url).searchParams.get('token')).toBe(fixed);
    const ws = await connect(viaFlag.ready.url, new URL(viaFlag.ready.url).origin);
    expect((await invoke(ws, 1, 'app:info', {})).result).toMatchObject({ ok: true });
    ws.close();
    await viaFlag.stop();
    const viaEnv = await startCli<{ url: string }>(['web', '--port', '0', '--config-dir', tempDir()], {
      env: { NUCLEO_BENCH_TOKEN: fixed },
    });
    expect(new URL(viaEnv.ready.url).searchParams.get('token')).toBe(fixed);
    await viaEnv.stop();
    const short = cli(['web', '--port', '0', '--token', 'secret']);
    expect(short.status).toBe(2);
    expect(short.stderr).toMatch(/^error: --token is not usable: it must be at least 32 characters long\n$/);
  });

  it('refuses --host 0.0.0.0 without a token the user chose, in one sentence, exit code 2', () => {
    const r = cli(['web', '--port', '0', '--host', '0.0.0.0'], { NUCLEO_BENCH_TOKEN: '' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /--host 0\.0\.0\.0 opens the bench to the network, so it needs a token you choose/,
    );
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
