import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type HttpServerHandle } from '../../../src/main/board/http';
import { PacketPool } from '../../../src/main/board/memory/packet-pool';
import { tempEmmc, run } from './fixtures';
import { httpComplete, open, rawHttp, readUntil } from './raw';

let env: Awaited<ReturnType<typeof tempEmmc>>;
let http: HttpServerHandle;
const pool = new PacketPool('HTTP Server Packet Pool', 1536, 19);
const url = (p: string) => `http://127.0.0.1:${http.port}${p}`;

beforeAll(async () => {
  env = await tempEmmc({ seed: true });
  mkdirSync(join(env.root, 'sub'));
  writeFileSync(join(env.root, 'sub', 'data.json'), '{"a":1}');
  writeFileSync(join(env.root, 'photo.JPG'), Buffer.alloc(10, 1));
  writeFileSync(join(env.root, 'README'), 'plain');
  writeFileSync(join(env.root, 'big.bin'), Buffer.alloc(200_000, 7));
  await env.emmc.scan();
  http = await startHttpServer({
    port: 0,
    emmc: env.emmc,
    pool,
    timeoutMs: 800,
    log: (m) => env.logs.push(m),
  });
});
afterAll(async () => {
  await http?.close();
  env?.cleanup();
});

describe('HTTP server (NetX Duo Web HTTP behaviour) with curl', () => {
  it('serves / as /index.html with exactly the firmware headers: no Date, no Server', async () => {
    const text = await rawHttp(http.port, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    const index = readFileSync(join(env.root, 'index.html'));
    expect(text.split('\r\n\r\n')[0]).toBe(
      `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: keep-alive\r\nContent-Length: ${index.length}`,
    );
    const r = await run('curl', ['-s', url('/?ws=8081')]);
    expect(r.stdout).toBe(index.toString());
  });

  it('uses the MIME table of the firmware, text/plain by default', async () => {
    const type = async (p: string) =>
      (await run('curl', ['-s', '-o', '/dev/null', '-w', '%{content_type}', url(p)])).stdout;
    expect(await type('/css/dashboard.css')).toBe('text/css');
    expect(await type('/js/dashboard.js')).toBe('application/javascript');
    expect(await type('/photo.JPG')).toBe('image/jpg');
    expect(await type('/sub/data.json')).toBe('text/plain');
    expect(await type('/README')).toBe('text/plain');
  });

  it('answers 404 with NetX body and no Content-Type; /sub/ is not rewritten', async () => {
    const text = await rawHttp(http.port, 'GET /nope.txt HTTP/1.1\r\n\r\n');
    expect(text).toBe(
      'HTTP/1.1 404 Not Found\r\nConnection: keep-alive\r\nContent-Length: 51\r\n\r\nNetX HTTP Server unable to find file: /nope.txt'.replace(
        '51',
        String('NetX HTTP Server unable to find file: /nope.txt'.length),
      ),
    );
    const r = await run('curl', ['-s', '-w', '\n%{http_code}', url('/sub/')]);
    expect(r.stdout).toBe('NetX HTTP Server unable to find file: /sub/\n404');
  });

  it('answers 400 NetX HTTP URL Bad for a resource over 160 characters, not at 160', async () => {
    const at160 = await run('curl', [
      '-s',
      '-w',
      '%{http_code}',
      '-o',
      '/dev/null',
      url(`/${'a'.repeat(159)}`),
    ]);
    expect(at160.stdout).toBe('404');
    const r = await run('curl', ['-s', '-w', '\n%{http_code}', url(`/${'a'.repeat(160)}`)]);
    expect(r.stdout).toBe('NetX HTTP URL Bad\n400');
  });

  it('PUT creates only, DELETE deletes, HEAD has headers only, POST is GET', async () => {
    const put = await run('curl', [
      '-s',
      '-w',
      '%{http_code}',
      '-X',
      'PUT',
      '--data-binary',
      'hello',
      url('/new%20file.txt'),
    ]);
    expect(put.stdout).toBe('200');
    expect(readFileSync(join(env.root, 'new file.txt'), 'utf8')).toBe('hello');
    const again = await run('curl', [
      '-s',
      '-w',
      '\n%{http_code}',
      '-X',
      'PUT',
      '--data-binary',
      'x',
      url('/new%20file.txt'),
    ]);
    expect(again.stdout).toBe('NetX HTTP File Create Failed\n500');
    const head = await run('curl', ['-s', '-I', url('/new%20file.txt')]);
    expect(head.stdout).toBe(
      'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: keep-alive\r\nContent-Length: 5\r\n\r\n',
    );
    const post = await run('curl', ['-s', '-d', 'ignored', url('/new%20file.txt')]);
    expect(post.stdout).toBe('hello');
    const del = await run('curl', ['-s', '-w', '%{http_code}', '-X', 'DELETE', url('/new%20file.txt')]);
    expect(del.stdout).toBe('200');
    const gone = await run('curl', ['-s', '-w', '%{http_code}', '-o', '/dev/null', url('/new%20file.txt')]);
    expect(gone.stdout).toBe('404');
  });

  it('GET /ScanForDisplay answers NFCV scanning active', async () => {
    const text = await rawHttp(http.port, 'GET /ScanForDisplay HTTP/1.1\r\n\r\n');
    expect(text).toBe(
      'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: keep-alive\r\nContent-Length: 20\r\n\r\nNFCV scanning active',
    );
  });

  it('answers 501 for methods it does not implement', async () => {
    for (const m of ['PATCH', 'OPTIONS', 'FOO']) {
      const r = await run('curl', ['-s', '-w', '\n%{http_code}', '-X', m, url('/index.html')]);
      expect(r.stdout, m).toBe('NetX HTTP Request Not Implemented\n501');
    }
  });

  it('streams a large file through the packet pool and gives every packet back', async () => {
    const r = await run('curl', [
      '-s',
      '-o',
      join(env.dir, 'big.out'),
      '-w',
      '%{size_download}',
      url('/big.bin'),
    ]);
    expect(r.stdout).toBe('200000');
    const s = pool.stats();
    expect(s.allocations).toBeGreaterThan(10);
    expect(s.free).toBe(19);
    expect(s.highWater).toBeLessThanOrEqual(19);
  });

  it('honours Connection: close', async () => {
    const s = await open(http.port);
    s.write('GET /README HTTP/1.1\r\nConnection: close\r\n\r\n');
    const r = await readUntil(s, () => false, 3000);
    expect(r.closed).toBe(true);
    expect(r.text).toContain('Connection: Close\r\n');
  });
});

describe('HTTP sessions and write switch', () => {
  it('holds a connection beyond sessionMax until a session frees, without refusing it', async () => {
    const one = await startHttpServer({ port: 0, emmc: env.emmc, sessionMax: 1, timeoutMs: 5000 });
    try {
      const a = await open(one.port);
      a.write('GET /README HTTP/1.1\r\n\r\n');
      expect((await readUntil(a, httpComplete)).text).toContain('200 OK');
      const b = await open(one.port);
      b.write('GET /README HTTP/1.1\r\n\r\n');
      const waiting = readUntil(b, httpComplete, 4000);
      const early = await readUntil(b, () => true, 300);
      expect(early.text).toBe('');
      expect(one.sessions()).toEqual({ active: 1, queued: 1 });
      a.destroy();
      const r = await waiting;
      expect(r.text).toContain('HTTP/1.1 200 OK');
      b.destroy();
    } finally {
      await one.close();
    }
  });

  it('with allowWrite false refuses PUT and DELETE with 501 and writes nothing', async () => {
    const ro = await startHttpServer({ port: 0, emmc: env.emmc, allowWrite: false });
    try {
      const r = await run('curl', [
        '-s',
        '-w',
        '%{http_code}',
        '-o',
        '/dev/null',
        '-X',
        'PUT',
        '--data-binary',
        'x',
        `http://127.0.0.1:${ro.port}/ro.txt`,
      ]);
      expect(r.stdout).toBe('501');
      const d = await run('curl', [
        '-s',
        '-w',
        '%{http_code}',
        '-o',
        '/dev/null',
        '-X',
        'DELETE',
        `http://127.0.0.1:${ro.port}/README`,
      ]);
      expect(d.stdout).toBe('501');
      expect(readFileSync(join(env.root, 'README'), 'utf8')).toBe('plain');
    } finally {
      await ro.close();
    }
  });
});
