import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'basic-ftp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFtpServer, type FtpServerHandle } from '../../../src/main/board/ftp';
import { PacketPool } from '../../../src/main/board/memory/packet-pool';
import { tempEmmc, run } from './fixtures';

let env: Awaited<ReturnType<typeof tempEmmc>>;
let ftp: FtpServerHandle;
let ext: FtpServerHandle;
const base = () => `ftp://127.0.0.1:${ftp.port}`;

beforeAll(async () => {
  env = await tempEmmc();
  mkdirSync(join(env.root, 'sub dir'));
  writeFileSync(join(env.root, 'sub dir', 'grüße ü.txt'), 'unicode name');
  writeFileSync(join(env.root, 'hello.txt'), 'hello world');
  await env.emmc.scan();
  ftp = await startFtpServer({ port: 0, emmc: env.emmc, log: (m) => env.logs.push(m) });
  ext = await startFtpServer({ port: 0, emmc: env.emmc, extended: true, passivePorts: [40000, 40100] });
});
afterAll(async () => {
  await ftp?.close();
  await ext?.close();
  env?.cleanup();
});

describe('FTP with curl: EPSV, PASV and active (PORT after EPRT is refused)', () => {
  it('lists the root in NetX format over EPSV', async () => {
    const r = await run('curl', ['-s', `${base()}/`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^-rw-rw-rw- {2}1 owner group {9}11 [A-Z]{3} \d\d \d\d:\d\d hello\.txt\r?$/m);
    expect(r.stdout).toMatch(/^drw-rw-rw- {2}1 owner group {10}0 [A-Z]{3} \d\d \d\d:\d\d sub dir\r?$/m);
  });

  it('downloads over PASV and uploads over EPSV, names with spaces and UTF-8', async () => {
    const get = await run('curl', [
      '-s',
      '--disable-epsv',
      `${base()}/sub%20dir/gr%C3%BC%C3%9Fe%20%C3%BC.txt`,
    ]);
    expect(get.stdout).toBe('unicode name');
    const put = await run('curl', ['-s', '-T', '-', `${base()}/sub%20dir/up%20load.txt`], {
      input: 'from curl',
    });
    expect(put.code).toBe(0);
    expect(readFileSync(join(env.root, 'sub dir', 'up load.txt'), 'utf8')).toBe('from curl');
  });

  it('works in active mode: EPRT is refused with 502 and curl falls back to PORT', async () => {
    const r = await run('curl', ['-sv', '--ftp-port', '127.0.0.1', `${base()}/hello.txt`]);
    expect(r.stdout).toBe('hello world');
    expect(r.stderr).toContain('< 502 EPRT illegal in IPv4');
    expect(r.stderr).toMatch(/> PORT 127,0,0,1,\d+,\d+/);
    const up = await run('curl', ['-s', '-P', '-', '-T', '-', `${base()}/active.txt`], {
      input: 'active upload',
    });
    expect(up.code).toBe(0);
    expect(readFileSync(join(env.root, 'active.txt'), 'utf8')).toBe('active upload');
  });
});

describe('FTP with lftp and Python ftplib', () => {
  it('lftp: ls, mkdir, put, get, mv, rm', async () => {
    writeFileSync(join(env.dir, 'local é.bin'), randomBytes(70_000));
    const script = [
      'set ftp:ssl-allow no; set net:max-retries 1; set cmd:fail-exit yes',
      'mkdir "lftp dir"',
      'cd "lftp dir"',
      `put "${join(env.dir, 'local é.bin')}" -o "remote é.bin"`,
      'mv "remote é.bin" "moved é.bin"',
      `get "moved é.bin" -o "${join(env.dir, 'back.bin')}"`,
      'ls',
      'rm "moved é.bin"',
      'cd ..',
      'rmdir "lftp dir"',
      'bye',
    ].join('; ');
    const r = await run('lftp', ['-u', 'anyone,anything', '-e', script, `127.0.0.1:${ftp.port}`], {
      timeoutMs: 30_000,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/-rw-rw-rw- {2}1 owner group {6}70000 [A-Z]{3} .* moved é\.bin/);
    expect(readFileSync(join(env.dir, 'back.bin')).equals(readFileSync(join(env.dir, 'local é.bin')))).toBe(
      true,
    );
    expect(existsSync(join(env.root, 'lftp dir'))).toBe(false);
  });

  it('ftplib: NetX replies, TYPE I rule, 502 for unknown commands, transfers', async () => {
    const py = `
import ftplib, io, sys
f = ftplib.FTP()
print(f.connect('127.0.0.1', ${ftp.port}))
try:
    f.sendcmd('PWD')
except ftplib.error_perm as e:
    print(e)
print(f.login('who', 'ever'))
f.sendcmd('TYPE A')
try:
    f.sendcmd('RETR hello.txt')
except ftplib.error_perm as e:
    print(e)
for c in ('SYST', 'FEAT', 'SIZE hello.txt', 'REST 1'):
    try:
        f.sendcmd(c)
    except ftplib.error_perm as e:
        print(c, e)
b = io.BytesIO(); f.retrbinary('RETR hello.txt', b.write); print(b.getvalue().decode())
f.storbinary('STOR py.bin', io.BytesIO(bytes(range(256)) * 100))
print(sorted(f.nlst()))
print(f.mkd('py dir'))
f.rename('py.bin', 'py dir/py.bin')
f.cwd('py dir'); print(f.pwd()); f.delete('py.bin'); f.cwd('..'); f.rmd('py dir')
print(f.quit())
`;
    const r = await run('/usr/bin/python3', ['-c', py]);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([
      '220 Connection Ready',
      '530 Not logged in',
      '230 Logged in',
      '504 Only Image transfer allowed',
      'SYST 502 Not Implemented',
      'FEAT 502 Not Implemented',
      'SIZE hello.txt 502 Not Implemented',
      'REST 1 502 Not Implemented',
      'hello world',
      expect.stringContaining("'py.bin'"),
      '/py dir',
      '/py dir',
      '221 Goodbye',
      '',
    ]);
  });
});

describe('FTP with basic-ftp', () => {
  it('lists, uploads, downloads, renames and removes on the firmware command set', async () => {
    const c = new Client(10_000);
    try {
      await c.access({ host: '127.0.0.1', port: ftp.port, user: 'x', password: 'y' });
      const list = await c.list();
      const hello = list.find((e) => e.name === 'hello.txt');
      expect(hello?.size).toBe(11);
      expect(list.find((e) => e.name === 'sub dir')?.isDirectory).toBe(true);
      await c.ensureDir('/bf/deeper');
      await c.cd('/');
      const { Readable } = await import('node:stream');
      await c.uploadFrom(Readable.from([Buffer.from('basic ftp')]), '/bf/deeper/a b.txt');
      await c.rename('/bf/deeper/a b.txt', '/bf/c.txt');
      const chunks: Buffer[] = [];
      const { Writable } = await import('node:stream');
      await c.downloadTo(
        new Writable({ write: (ch: Buffer, _e, cb) => (chunks.push(ch), cb()) }),
        '/bf/c.txt',
      );
      expect(Buffer.concat(chunks).toString()).toBe('basic ftp');
      await c.removeDir('/bf');
      expect(existsSync(join(env.root, 'bf'))).toBe(false);
    } finally {
      c.close();
    }
  });

  it('extended mode: SIZE, MDTM, FEAT/MLSD listing, REST resume and APPE, passive ports in range', async () => {
    const c = new Client(10_000);
    try {
      await c.access({ host: '127.0.0.1', port: ext.port, user: 'x', password: 'y' });
      expect(await c.size('hello.txt')).toBe(11);
      expect((await c.lastMod('hello.txt')).getTime()).toBeGreaterThan(0);
      const list = await c.list();
      expect(list.find((e) => e.name === 'hello.txt')?.size).toBe(11);
      const out = join(env.dir, 'resume.txt');
      writeFileSync(out, 'hello');
      await c.downloadTo(out, 'hello.txt', 5);
      expect(readFileSync(out, 'utf8')).toBe('hello world');
      const { Readable } = await import('node:stream');
      await c.uploadFrom(Readable.from([Buffer.from('abc')]), 'appe.txt');
      await c.appendFrom(Readable.from([Buffer.from('def')]), 'appe.txt');
      expect(readFileSync(join(env.root, 'appe.txt'), 'utf8')).toBe('abcdef');
      const pasv = await c.send('PASV');
      const m = /\((\d+),(\d+),(\d+),(\d+),(\d+),(\d+)\)/.exec(pasv.message)!;
      const port = Number(m[5]) * 256 + Number(m[6]);
      expect(port).toBeGreaterThanOrEqual(40000);
      expect(port).toBeLessThanOrEqual(40100);
    } finally {
      c.close();
    }
  });

  it('holds packets of the FTP pool while data is in flight and gives them all back', async () => {
    const pool = new PacketPool('FTP Server Packet Pool', 776, 129);
    const pooled = await startFtpServer({ port: 0, emmc: env.emmc, pool });
    const c = new Client(10_000);
    try {
      await c.access({ host: '127.0.0.1', port: pooled.port, user: 'x', password: 'y' });
      const { Readable, Writable } = await import('node:stream');
      const data = randomBytes(2_000_000);
      await c.uploadFrom(Readable.from([data]), 'pooled.bin');
      let got = 0;
      await c.downloadTo(
        new Writable({ write: (ch: Buffer, _e, cb) => ((got += ch.length), cb()) }),
        'pooled.bin',
      );
      expect(got).toBe(data.length);
      const s = pool.stats();
      expect(s.allocations).toBeGreaterThan(20);
      expect(s.highWater).toBeGreaterThan(1);
      expect(s.free).toBe(129);
      expect(s.failures).toBe(0);
    } finally {
      c.close();
      await pooled.close();
    }
  });

  it('round-trips 100 MB with matching SHA-256', async () => {
    const src = join(env.dir, 'big.bin');
    const block = randomBytes(1024 * 1024);
    const { openSync, writeSync, closeSync } = await import('node:fs');
    const fd = openSync(src, 'w');
    for (let i = 0; i < 100; i++) {
      block[0] = i;
      writeSync(fd, block);
    }
    closeSync(fd);
    const sha = (p: string) =>
      new Promise<string>((resolve, reject) => {
        const h = createHash('sha256');
        createReadStream(p)
          .on('data', (d) => h.update(d))
          .on('end', () => resolve(h.digest('hex')))
          .on('error', reject);
      });
    const c = new Client(30_000);
    try {
      await c.access({ host: '127.0.0.1', port: ftp.port, user: 'x', password: 'y' });
      const up = await c.uploadFrom(src, 'big.bin');
      expect(up.code).toBe(226);
      const back = join(env.dir, 'big.back');
      await c.downloadTo(back, 'big.bin');
      const [a, b, stored] = await Promise.all([sha(src), sha(back), sha(join(env.root, 'big.bin'))]);
      expect(b).toBe(a);
      expect(stored).toBe(a);
      expect(env.emmc.usage().usedBytes).toBeGreaterThanOrEqual(100 * 1024 * 1024);
    } finally {
      c.close();
    }
  }, 120_000);
});
