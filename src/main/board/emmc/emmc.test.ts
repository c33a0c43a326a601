import { symlinkSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../../../test/support/temp-dirs';
import { CLUSTER_BYTES, DEFAULT_CAPACITY_BYTES, EmmcError, openEmmc } from './index';

const temp = tempDirs('emmc-');

describe('openEmmc', () => {
  it('seeds the default dashboard into a new root only', async () => {
    const d = temp();
    const e = await openEmmc({ root: join(d, 'v') });
    expect(e.capacityBytes).toBe(DEFAULT_CAPACITY_BYTES);
    expect((await e.list('/')).map((x) => x.name)).toEqual(
      expect.arrayContaining(['index.html', 'css', 'js']),
    );
    const used = e.usage().usedBytes;
    expect(used).toBeGreaterThan(0);
    const f = temp();
    writeFileSync(join(f, 'mine.txt'), 'x');
    const g = await openEmmc({ root: f });
    expect((await g.list('/')).map((x) => x.name)).toEqual(['mine.txt']);
  });

  it('counts clusters, enforces capacity, and cleans up a failed upload', async () => {
    const root = temp();
    const e = await openEmmc({ root, capacityBytes: 10 * CLUSTER_BYTES, seedDir: null });
    await e.writeFile('/a.bin', Buffer.alloc(5000));
    expect(e.usage().usedBytes).toBe(2 * CLUSTER_BYTES);
    await e.mkdir('/d');
    expect(e.usage().usedBytes).toBe(3 * CLUSTER_BYTES);
    await expect(e.writeFile('/big.bin', Buffer.alloc(8 * CLUSTER_BYTES))).rejects.toMatchObject({
      code: 'ENOSPC',
    });
    expect(readdirSync(root).sort()).toEqual(['a.bin', 'd']);
    expect(e.usage().usedBytes).toBe(3 * CLUSTER_BYTES);
    await e.writeFile('/a.bin', Buffer.alloc(100)); // replace frees the old clusters
    expect(e.usage().usedBytes).toBe(2 * CLUSTER_BYTES);
    await e.delete('/a.bin');
    await e.rmdir('/d');
    expect(e.usage()).toEqual({
      capacityBytes: 10 * CLUSTER_BYTES,
      usedBytes: 0,
      freeBytes: 10 * CLUSTER_BYTES,
    });
  });

  it('hides and refuses symlinks that lead outside, with no host path in the error', async () => {
    const d = temp();
    const root = join(d, 'v');
    const e = await openEmmc({ root, seedDir: null });
    writeFileSync(join(d, 'secret'), 's');
    symlinkSync(join(d, 'secret'), join(root, 'out'));
    expect(await e.list('/')).toEqual([]);
    const err = await e.stat('/out').catch((x: unknown) => x);
    expect(err).toBeInstanceOf(EmmcError);
    expect((err as Error).message).not.toContain(d);
    await expect(e.writeFile('/out', 'x')).rejects.toMatchObject({ code: 'EACCES' });
    expect(existsSync(join(d, 'secret'))).toBe(true);
  });

  it('creates, refuses to overwrite in create mode, renames, and appends', async () => {
    const e = await openEmmc({ root: temp(), seedDir: null });
    await e.writeFile('/x.txt', 'ab', 'create');
    await expect(e.writeFile('/x.txt', 'cd', 'create')).rejects.toMatchObject({ code: 'EEXIST' });
    await e.writeFile('/x.txt', 'cd', 'append');
    await e.rename('/x.txt', '/y.txt');
    const { stream } = await e.read('/y.txt', { start: 1 });
    let text = '';
    for await (const c of stream) text += String(c);
    expect(text).toBe('bcd');
  });
});

describe('case-insensitive names, as FileX matches them', () => {
  it('finds entries whatever the case, creates new ones as spelled, renames case only', async () => {
    const root = temp();
    const e = await openEmmc({ root, seedDir: null });
    await e.mkdir('/Web');
    await e.writeFile('/Web/Index.HTML', 'x');
    expect((await e.stat('/web/index.html')).size).toBe(1);
    await expect(e.writeFile('/WEB/INDEX.html', 'y', 'create')).rejects.toMatchObject({ code: 'EEXIST' });
    await e.writeFile('/web/New.txt', 'n');
    expect(readdirSync(join(root, 'Web')).sort()).toEqual(['Index.HTML', 'New.txt']);
    await e.rename('/WEB/index.html', '/web/index.html');
    expect(readdirSync(join(root, 'Web')).sort()).toEqual(['New.txt', 'index.html']);
  });
});
