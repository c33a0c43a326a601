import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFtpServer, type FtpServerHandle } from '../../../src/main/board/ftp';
import { startHttpServer, type HttpServerHandle } from '../../../src/main/board/http';
import { tempEmmc, run } from './fixtures';
import { RawFtp } from './ftp-raw';
import { open, rawHttp, readUntil } from './raw';

// Every case: a clear reply, no byte from outside the volume, no host path, and the server still answers after.
let env: Awaited<ReturnType<typeof tempEmmc>>;
let http: HttpServerHandle;
let ftp: FtpServerHandle;
const SECRET = 'TOP-SECRET-OUTSIDE-THE-VOLUME';
const seen: string[] = [];

beforeAll(async () => {
  env = await tempEmmc({ capacityBytes: 256 * 1024 });
  mkdirSync(join(env.dir, 'outside'));
  writeFileSync(join(env.dir, 'outside', 'secret.txt'), SECRET);
  writeFileSync(join(env.dir, 'secret.txt'), SECRET);
  writeFileSync(join(env.root, 'ok.txt'), 'inside');
  symlinkSync(join(env.dir, 'outside'), join(env.root, 'escape'));
  symlinkSync(join(env.dir, 'outside', 'secret.txt'), join(env.root, 'link.txt'));
  symlinkSync(join(env.dir, 'outside', 'new.txt'), join(env.root, 'dangling.txt'));
  await env.emmc.scan();
  http = await startHttpServer({ port: 0, emmc: env.emmc, timeoutMs: 700, log: (m) => env.logs.push(m) });
  ftp = await startFtpServer({ port: 0, emmc: env.emmc, log: (m) => env.logs.push(m) });
});

afterAll(async () => {
  // No reply, to any client, carried a host path or a byte of the secret.
  const all = seen.join('\n');
  expect(all).not.toContain(env.dir);
  expect(all).not.toContain(SECRET);
  expect(readdirSync(join(env.dir, 'outside')).sort()).toEqual(['secret.txt']);
  await http?.close();
  await ftp?.close();
  env?.cleanup();
});

async function curl(path: string, ...extra: string[]): Promise<{ status: string; body: string }> {
  const r = await run('curl', [
    '-s',
    '--path-as-is',
    '-w',
    '\n%{http_code}',
    ...extra,
    `http://127.0.0.1:${http.port}${path}`,
  ]);
  seen.push(r.stdout);
  const i = r.stdout.lastIndexOf('\n');
  return { body: r.stdout.slice(0, i), status: r.stdout.slice(i + 1) };
}

async function raw(request: string): Promise<string> {
  const text = await rawHttp(http.port, request);
  seen.push(text);
  return text;
}

describe('HTTP bad input', () => {
  it.each([
    ['/../secret.txt'],
    ['/../../../../etc/passwd'],
    ['/%2e%2e/secret.txt'],
    ['/%2E%2E%2Fsecret.txt'],
    ['/.%2e/.%2e/secret.txt'],
    ['/..%5csecret.txt'],
    ['/%5c..%5c..%5csecret.txt'],
    ['/escape/secret.txt'],
    ['/link.txt'],
    ['/ok.txt%00.html'],
    ['/%zz'],
    ['/%e0%a4%a'],
  ])('GET %s is refused with 400 NetX HTTP URL Bad', async (path) => {
    expect(await curl(path)).toEqual({ status: '400', body: 'NetX HTTP URL Bad' });
  });

  it('a raw request with backslashes is refused', async () => {
    expect(await raw('GET /..\\..\\secret.txt HTTP/1.1\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
  });

  it('//secret.txt is a path inside the volume, not a host path', async () => {
    expect((await curl('//secret.txt')).status).toBe('404');
  });

  it('PUT through traversal or a dangling symlink writes nothing outside', async () => {
    expect((await curl('/../new.txt', '-X', 'PUT', '--data-binary', 'x')).status).toBe('400');
    expect((await curl('/escape/new.txt', '-X', 'PUT', '--data-binary', 'x')).status).toBe('400');
    expect((await curl('/dangling.txt', '-X', 'PUT', '--data-binary', 'x')).status).not.toBe('200');
  });

  it('PUT beyond the capacity fails with 500 and leaves no partial file', async () => {
    const before = env.emmc.usage().usedBytes;
    const r = await run(
      'curl',
      [
        '-s',
        '-w',
        '\n%{http_code}',
        '-X',
        'PUT',
        '--data-binary',
        `@-`,
        `http://127.0.0.1:${http.port}/huge.bin`,
      ],
      { input: 'z'.repeat(400 * 1024) },
    );
    seen.push(r.stdout);
    expect(r.stdout.endsWith('\n500')).toBe(true);
    expect(existsSync(join(env.root, 'huge.bin'))).toBe(false);
    expect(readdirSync(env.root).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(env.emmc.usage().usedBytes).toBe(before);
  });

  it('oversized headers get 431', async () => {
    expect(await raw(`GET /ok.txt HTTP/1.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`)).toMatch(
      /^HTTP\/1\.1 431 /,
    );
  });

  it('headers sent too slowly time out and close the connection', async () => {
    const s = await open(http.port);
    s.write('GET /ok.txt HTTP/1.1\r\n');
    const tick = setInterval(() => s.write('X-Slow: 1\r\n'), 150);
    const r = await readUntil(s, () => false, 4000);
    clearInterval(tick);
    expect(r.closed).toBe(true);
    expect(r.text).toBe('');
  });

  it('still serves after all of it', async () => {
    expect(await curl('/ok.txt')).toEqual({ status: '200', body: 'inside' });
  });
});

describe('FTP bad input', () => {
  let c: RawFtp;
  beforeAll(async () => {
    c = await RawFtp.connect(ftp.port);
  });
  afterAll(() => c?.close());
  const cmd = async (line: string | Buffer) => {
    const r = await c.cmd(line);
    seen.push(r);
    return r;
  };

  it('refuses everything but USER/PASS/QUIT before login', async () => {
    expect(await cmd('LIST')).toBe('530 Not logged in');
    expect(await cmd('CWD /')).toBe('530 Not logged in');
    await c.login();
    expect(c.replies.slice(-2)).toEqual(['331 Enter password', '230 Logged in']);
  });

  it('never leaves the volume with .. however it is spelled', async () => {
    expect(await cmd('CWD ../../../..')).toBe('250 Directory changed');
    expect(await cmd('PWD')).toBe('257 "/" is current directory');
    await cmd('TYPE I');
    for (const p of [
      '../secret.txt',
      '/../../secret.txt',
      '..\\secret.txt',
      'escape/secret.txt',
      'link.txt',
      '%2e%2e/secret.txt',
    ]) {
      expect(await cmd(`SIZE ${p}`)).toBe('502 Not Implemented');
      const r = await cmd(`RETR ${p}`);
      expect(r, p).toMatch(/^550 /);
    }
    expect(await cmd('CWD escape')).toBe('550 Access denied');
    expect(await cmd('MKD escape/inner')).toMatch(/^550 /);
    expect(await cmd('DELE link.txt')).toMatch(/^550 /);
  });

  it('refuses NUL, backslash and overlong names', async () => {
    expect(await cmd(Buffer.from('MKD a\u0000b\r\n'))).toBe('550 Invalid character in name');
    expect(await cmd('MKD a\\b')).toBe('550 Backslashes are not allowed in paths');
    expect(await cmd(`MKD ${'n'.repeat(256)}`)).toBe('550 Name too long');
    expect(await cmd(`MKD ${'é'.repeat(128)}`)).toBe('550 Name too long');
  });

  it('refuses PORT to another host or to a privileged port (no FTP bounce)', async () => {
    expect(await cmd('PORT 10,0,0,1,200,10')).toBe('501 Illegal PORT command');
    expect(await cmd('PORT 127,0,0,1,0,21')).toBe('501 Illegal PORT command');
    expect(await cmd('PORT 127,0,0,1,300,1')).toBe('501 Syntax error in PORT arguments');
    expect(await cmd('EPRT |1|127.0.0.1|2000|')).toBe('502 EPRT illegal in IPv4');
    expect(await cmd('RETR ok.txt')).toBe('425 Use PORT or PASV first');
  });

  it('buffers a command split across packets, even inside a UTF-8 character', async () => {
    const reply = c.next();
    const bytes = Buffer.from('MKD split é dir\r\n');
    for (let i = 0; i < bytes.length; i++) {
      await new Promise<void>((r) => c.socket.write(bytes.subarray(i, i + 1), () => r()));
    }
    expect(await reply).toBe('257 "/split é dir" directory created');
  });

  it('refuses names that are not valid UTF-8 with a 5xx, and stores no U+FFFD name', async () => {
    const line = (cmd: string, name: Buffer) =>
      Buffer.concat([Buffer.from(`${cmd} `), name, Buffer.from('\r\n')]);
    const before = readdirSync(env.root).sort();
    for (const bad of [
      Buffer.from([0x64, 0xff, 0x72]),
      Buffer.from([0xc3]),
      Buffer.from([0xed, 0xa0, 0x80]),
    ]) {
      expect(await cmd(line('MKD', bad))).toBe('553 File name not allowed: not valid UTF-8');
      expect(await cmd(line('XMKD', bad))).toBe('553 File name not allowed: not valid UTF-8');
      expect(await cmd(line('CWD', bad))).toBe('501 Syntax error in parameters: not valid UTF-8');
    }
    expect(readdirSync(env.root).sort()).toEqual(before);
    expect(readdirSync(env.root).some((n) => n.includes('\ufffd'))).toBe(false);
    expect(await cmd('MKD caf\u00e9')).toBe('257 "/caf\u00e9" directory created');
  });

  it('answers a 10 KB line with an error and keeps the session', async () => {
    expect(await cmd(`NOOP ${'x'.repeat(10 * 1024)}`)).toBe('500 Command line too long');
    expect(await cmd('NOOP')).toBe('200 Command okay');
  });

  it('answers 501 for file commands without a name', async () => {
    for (const x of ['RETR', 'STOR ', 'DELE', 'RNFR', 'MKD', 'CWD'])
      expect(await cmd(x), x).toBe('501 Syntax error in parameters or arguments');
  });

  it('answers 502 for unknown and firmware-missing commands', async () => {
    for (const x of ['SITE CHMOD 777 ok.txt', 'ABOR', 'APPE ok.txt', 'FEAT', 'XYZZY'])
      expect(await cmd(x), x).toBe('502 Not Implemented');
  });

  it('STOR beyond the capacity gets 552, leaves no partial file, and the session lives on', async () => {
    const before = env.emmc.usage().usedBytes;
    const pasv = await cmd('PASV');
    const m = /\((\d+),(\d+),(\d+),(\d+),(\d+),(\d+)\)/.exec(pasv)!;
    const data = await open(Number(m[5]) * 256 + Number(m[6]));
    data.on('error', () => undefined);
    const opening = c.next();
    const done = c.next(10_000);
    c.socket.write('STOR full.bin\r\n');
    expect(await opening).toMatch(/^150 /);
    data.write(Buffer.alloc(600 * 1024, 1));
    data.end();
    expect(await done).toBe('552 Exceeded storage allocation');
    expect(existsSync(join(env.root, 'full.bin'))).toBe(false);
    expect(readdirSync(env.root).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(env.emmc.usage().usedBytes).toBe(before);
    expect(await cmd('NOOP')).toBe('200 Command okay');
  });

  it('admits at most 4 clients', async () => {
    const others = [
      await RawFtp.connect(ftp.port),
      await RawFtp.connect(ftp.port),
      await RawFtp.connect(ftp.port),
    ];
    const s = await open(ftp.port);
    const r = await readUntil(s, () => false, 3000);
    expect(r.text).toBe('421 Too many users, try again later\r\n');
    expect(r.closed).toBe(true);
    for (const o of others) o.close();
  });

  it('times out an idle session with 421', async () => {
    const short = await startFtpServer({ port: 0, emmc: env.emmc, idleTimeoutMs: 300 });
    try {
      const x = await RawFtp.connect(short.port);
      expect(await x.next(3000)).toBe('421 Timeout: closing control connection');
    } finally {
      await short.close();
    }
  });
});
