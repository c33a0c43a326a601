import { createHash } from 'node:crypto';
import {
  createReadStream,
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { mkdtemp, open, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmmc, type Emmc } from '../../src/main/board/emmc';
import { startFtpServer, type FtpServerHandle } from '../../src/main/board/ftp';
import { PacketPool } from '../../src/main/board/memory/packet-pool';
import { FilesService } from '../../src/main/core/files/files-service';
import { fixedFtpTarget } from '../../src/main/core/files/target';
import type { ConflictQuestion, TransfersSnapshot } from '../../src/shared/bridge/contracts/files';
import { until } from '../support/wait';

const sha = (file: string) =>
  new Promise<string>((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('data', (d) => h.update(d))
      .on('end', () => resolve(h.digest('hex')))
      .on('error', reject);
  });

/** A board: temp eMMC and the virtual FTP server on port 0, and a files service pointed at it. */
/**
 * An FTP packet pool that empties itself once `mib` MiB have gone through it (each allocation carries 32 packets of
 * 1 KiB), so the board stalls part-way through a transfer by itself: no poll can come too late on a fast loopback.
 */
function stallingPool(mib: number): PacketPool & { resume(): void } {
  const pool = new PacketPool('FTP Server Packet Pool', 1024, 64);
  const off = pool.onChange(() => {
    if (pool.stats().total > 0 && pool.stats().allocations * 32 * 1024 >= mib * 1024 * 1024) pool.resize(0);
  });
  return Object.assign(pool, {
    resume() {
      off();
      pool.resize(64);
    },
  });
}

async function board(extended: boolean, port = 0, root?: string, pool?: PacketPool) {
  const dir = root ?? (await mkdtemp(join(tmpdir(), 'files-emmc-')));
  const emmc = await openEmmc({ root: dir, seedDir: null });
  const server = await startFtpServer({ port, emmc, extended, ...(pool ? { pool } : {}) });
  return { dir, emmc, server };
}

function service(port: number) {
  const conflicts: ConflictQuestion[] = [];
  let last: TransfersSnapshot | undefined;
  const s: FilesService = new FilesService({
    provider: fixedFtpTarget(`ftp://bench:any@127.0.0.1:${port}`),
    events: { state: () => undefined, transfers: (t) => (last = t), conflict: (q) => conflicts.push(q) },
  });
  const idle = () =>
    until(() => !s.queue.snapshot().active && s.queue.snapshot(), 'the transfer queue to finish', 120_000);
  return { s, conflicts, idle, last: () => last };
}

describe('files service against the virtual FTP server, firmware command set', () => {
  let b: { dir: string; emmc: Emmc; server: FtpServerHandle };
  let local: string;
  beforeAll(async () => {
    b = await board(false);
    local = await mkdtemp(join(tmpdir(), 'files-local-'));
  });
  afterAll(async () => {
    await b.server.close();
    await rm(b.dir, { recursive: true, force: true });
    await rm(local, { recursive: true, force: true });
  });

  it('uploads a folder of 50 files, downloads it back identical, renames and deletes it', async () => {
    const { s, idle } = service(b.server.port);
    const src = join(local, 'site');
    mkdirSync(join(src, 'sub dir'), { recursive: true });
    for (let i = 0; i < 50; i++)
      writeFileSync(
        join(src, i % 5 ? `f${i}.bin` : `sub dir/f${i}.bin`),
        createHash('sha256')
          .update(String(i))
          .digest()
          .toString('hex')
          .repeat(i * 37 + 1),
      );
    expect(s.state().features).toBeUndefined();
    expect((await s.uploadFromHost([src], '/')).queued).toBe(50);
    const up = await idle();
    expect(up.items.filter((i) => i.state === 'done')).toHaveLength(50);
    expect(s.state().features).toEqual({ size: false, rest: false, appe: false, mlsd: false, mdtm: false });
    const root = await s.list('/');
    expect(root.entries.find((e) => e.name === 'site')?.kind).toBe('dir');
    expect(root.listedAt).toBeLessThanOrEqual(Date.now());
    expect((await s.list('/site/sub dir')).entries).toHaveLength(10);

    const back = join(local, 'back');
    mkdirSync(back);
    expect((await s.download(['/site'], back)).queued).toBe(50);
    const down = await idle();
    expect(down.items.filter((i) => i.direction === 'download' && i.state === 'done').length).toBe(50);
    for (let i = 0; i < 50; i++) {
      const rel = i % 5 ? `f${i}.bin` : `sub dir/f${i}.bin`;
      expect(await sha(join(back, 'site', rel))).toBe(await sha(join(src, rel)));
    }
    expect(readdirSync(join(back, 'site')).some((n) => n.endsWith('.part'))).toBe(false);

    await s.rename('/site', '/site renamed');
    expect((await s.list('/')).entries.map((e) => e.name)).toContain('site renamed');
    expect((await s.delete(['/site renamed'])).deleted).toBe(52);
    expect((await s.list('/')).entries.map((e) => e.name)).not.toContain('site renamed');
    s.close();
  });

  it('handles names with spaces, unicode and 255 characters, and refuses CR/LF with a clear error', async () => {
    const { s, idle } = service(b.server.port);
    const names = ['with  two spaces.txt', 'Grüße ✓ 日本語.txt', `${'n'.repeat(251)}.txt`];
    const src = join(local, 'names');
    mkdirSync(src);
    for (const n of names) writeFileSync(join(src, n), `content of ${n}`);
    await s.mkdir('/names dir');
    await s.uploadFromHost(
      names.map((n) => join(src, n)),
      '/names dir',
    );
    await idle();
    const listed = (await s.list('/names dir')).entries.map((e) => e.name).sort();
    expect(listed).toEqual([...names].sort());
    const back = join(local, 'names-back');
    mkdirSync(back);
    await s.download(
      names.map((n) => `/names dir/${n}`),
      back,
    );
    await idle();
    for (const n of names) expect(await sha(join(back, n))).toBe(await sha(join(src, n)));
    await expect(s.mkdir('/bad\r\nDELE index.html')).rejects.toThrow(/line break/);
    await expect(s.download(['/names dir'], 'relative/dir')).rejects.toThrow(/full folder path/);
    await expect(s.download(['/names dir'], join(local, 'missing'))).rejects.toThrow(/does not exist/);
    s.close();
  });

  it('asks once about conflicts when the answer applies to all', async () => {
    const { s, idle, conflicts } = service(b.server.port);
    const src = join(local, 'conf');
    mkdirSync(src);
    for (let i = 0; i < 3; i++) writeFileSync(join(src, `c${i}.txt`), `v1 ${i}`);
    await s.uploadFromHost([src], '/');
    await idle();
    for (let i = 0; i < 3; i++) writeFileSync(join(src, `c${i}.txt`), `version two ${i}`);
    await s.uploadFromHost([src], '/');
    const q = await until(() => conflicts[0], 'a conflict question', 30_000);
    expect(q.renameTo).toBe('c0 (1).txt');
    s.resolveConflict(q.conflictId, 'rename', true);
    await idle();
    expect(conflicts).toHaveLength(1);
    expect((await s.list('/conf')).entries.map((e) => e.name).sort()).toEqual([
      'c0 (1).txt',
      'c0.txt',
      'c1 (1).txt',
      'c1.txt',
      'c2 (1).txt',
      'c2.txt',
    ]);
    s.close();
  });

  it('takes browser uploads in base64 chunks with backpressure and stores them identical', async () => {
    const { s, idle } = service(b.server.port);
    const files = [0, 1, 2].map((i) =>
      createHash('sha512')
        .update(`b${i}`)
        .digest()
        .toString('hex')
        .repeat(4000 * (i + 1) + 7),
    );
    const { uploadIds } = s.uploadBegin(
      '/browser',
      files.map((f, i) => ({ relPath: `up/file ${i}.txt`, size: f.length })),
    );
    let busy = 0;
    for (let i = 0; i < files.length; i++) {
      const buf = Buffer.from(files[i]!);
      for (let off = 0; off < buf.length;) {
        const end = Math.min(buf.length, off + 256 * 1024);
        const r = await s.uploadChunk(
          uploadIds[i]!,
          off,
          buf.subarray(off, end).toString('base64'),
          end === buf.length,
        );
        if (r.state === 'busy') {
          busy++;
          continue;
        }
        expect(r.state).toBe('accepted');
        off = end;
      }
    }
    const snap = await idle();
    expect(snap.items.filter((i) => i.state === 'done')).toHaveLength(3);
    for (let i = 0; i < 3; i++)
      expect(readFileSync(join(b.dir, 'browser', 'up', `file ${i}.txt`), 'utf8')).toBe(files[i]);
    expect(busy).toBeGreaterThanOrEqual(0);
    s.close();
  });

  it('says clearly that a file vanished between listing and download', async () => {
    const { s, idle } = service(b.server.port);
    await b.emmc.writeFile('/gone.txt', 'soon gone');
    const listing = await s.list('/');
    expect(listing.entries.some((e) => e.name === 'gone.txt')).toBe(true);
    const back = join(local, 'gone');
    mkdirSync(back);
    // Queue behind a slow item? Not needed: the lookup happens at queue time, so delete between lookup and RETR.
    const big = Buffer.alloc(8 * 1024 * 1024, 7);
    await b.emmc.writeFile('/first.bin', big);
    await s.download(['/first.bin', '/gone.txt'], back);
    await b.emmc.delete('/gone.txt');
    const done = await idle();
    const item = done.items.find((i) => i.name === 'gone.txt');
    expect(item?.state).toBe('failed');
    expect(item?.message).toMatch(/gone\.txt is no longer on the board/);
    expect(existsSync(join(back, 'gone.txt.part'))).toBe(false);
    await expect(s.download(['/gone.txt'], back)).rejects.toThrow(/no longer on the board/);
    s.close();
  });
});

describe('interrupted transfers', () => {
  const root = join(tmpdir(), `files-int-${process.pid}`);
  const local = join(tmpdir(), `files-int-local-${process.pid}`);
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(local, { recursive: true, force: true });
  });

  /** 200 MB in 1 MiB blocks that each differ: fast and deterministic. */
  async function bigFile(path: string, mib: number): Promise<void> {
    const base = createHash('sha512').update('seed').digest();
    const block = Buffer.alloc(1024 * 1024);
    for (let o = 0; o < block.length; o += base.length) base.copy(block, o);
    const fh = await open(path, 'w');
    for (let i = 0; i < mib; i++) {
      block.writeUInt32LE(i, 0);
      await fh.write(block);
    }
    await fh.close();
  }

  it('firmware server: closing the server mid-download leaves only a .part, with the reason in words', async () => {
    mkdirSync(root, { recursive: true });
    mkdirSync(local, { recursive: true });
    // 200 MB, so the transfer is still running when the server closes (loopback moves ~0.5 GB/s).
    await bigFile(join(root, 'big.bin'), 200);
    linkSync(join(root, 'big.bin'), join(root, 'report.bin'));
    const pool = stallingPool(8);
    const b = await board(false, 0, root, pool);
    const { s, idle } = service(b.server.port);
    await s.download(['/report.bin'], local);
    await until(() => pool.stats().total === 0, 'the board to stall part-way', 30_000);
    await b.server.close();
    const snap = await idle();
    expect(snap.items[0]?.state).toBe('failed');
    expect(snap.items[0]?.message).toMatch(
      /The board closed the FTP data connection after .+ of 210 MB .*kept as report\.bin\.part.*cannot resume/,
    );
    expect(readdirSync(local)).toEqual(['report.bin.part']);
    s.close();
    await unlink(join(local, 'report.bin.part'));
  });

  it('firmware server: an interrupted upload says it cannot resume and must restart', async () => {
    linkSync(join(root, 'big.bin'), join(local, 'up.bin'));
    const pool = stallingPool(4);
    const b = await board(false, 0, root, pool);
    const { s, idle } = service(b.server.port);
    await s.uploadFromHost([join(local, 'up.bin')], '/');
    await until(() => pool.stats().total === 0, 'the board to stall part-way', 30_000);
    await b.server.close();
    const snap = await idle();
    expect(snap.items[0]?.state).toBe('failed');
    expect(snap.items[0]?.message).toMatch(
      /The upload of up\.bin stopped after .+ of 210 MB: .*cannot resume uploads \(no APPE or REST\).*restarts from the beginning/,
    );
    s.close();
    await unlink(join(local, 'up.bin'));
  });

  it('cancels a running download, keeps the .part, and the next command reconnects', async () => {
    const pool = stallingPool(4);
    const b = await board(false, 0, root, pool);
    const { s, idle } = service(b.server.port);
    try {
      const [id] = await s
        .download(['/big.bin'], local)
        .then(() => s.queue.snapshot().items.map((i) => i.id));
      await until(() => pool.stats().total === 0, 'the board to stall part-way', 30_000);
      expect(s.cancel(id)).toBe(1);
      pool.resume();
      const snap = await idle();
      expect(snap.items[0]?.state).toBe('cancelled');
      expect(readdirSync(local)).toEqual(['big.bin.part']);
      expect((await s.list('/')).entries.some((e) => e.name === 'big.bin')).toBe(true);
    } finally {
      s.close();
      await b.server.close();
      await unlink(join(local, 'big.bin.part'));
    }
  });

  it('reconnects transparently after the server dropped an idle session, and says a listing is from a new session', async () => {
    const emmc = await openEmmc({ root, seedDir: null });
    const server = await startFtpServer({ port: 0, emmc, idleTimeoutMs: 300 });
    const { s } = service(server.port);
    try {
      const first = await s.list('/');
      await until(() => server.clients() === 0, 'the server to drop the idle session', 10_000);
      const second = await s.list('/');
      expect(second.generation).toBe(first.generation + 1);
      expect(second.listedAt).toBeGreaterThan(first.listedAt);
      expect(s.state().session.kind).toBe('open');
    } finally {
      s.close();
      await server.close();
    }
  });

  it('extended server: a 200 MB download interrupted half-way resumes with REST and matches', async () => {
    const pool = stallingPool(80);
    const b = await board(true, 0, root, pool);
    const { s, idle } = service(b.server.port);
    await s.download(['/big.bin'], local);
    await until(() => pool.stats().total === 0, 'the board to stall part-way', 60_000);
    await b.server.close();
    const first = await idle();
    expect([first.items[0]?.state, first.items[0]?.bytes]).toEqual(['failed', expect.any(Number)]);
    expect(first.items[0]?.message).toMatch(/kept as big\.bin\.part so the download can resume/);
    const again = await board(true, b.server.port, root);
    const listed = await s.list('/');
    expect(s.state().features).toEqual({ size: true, rest: true, appe: true, mlsd: true, mdtm: true });
    expect(listed.entries.find((e) => e.name === 'big.bin')).toMatchObject({
      kind: 'file',
      size: 200 * 1024 * 1024,
    });
    try {
      await s.download(['/big.bin'], local);
      const second = await idle();
      const item = second.items[1]!;
      expect(item.state).toBe('done');
      expect(item.message).toMatch(/resumed at \d/);
      expect(readdirSync(local)).toEqual(['big.bin']);
      expect(await sha(join(local, 'big.bin'))).toBe(await sha(join(root, 'big.bin')));
    } finally {
      s.close();
      await again.server.close();
    }
  }, 120_000);
});
