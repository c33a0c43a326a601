import { createReadStream, type Dirent } from 'node:fs';
import {
  copyFile,
  lstat,
  mkdir,
  open,
  readdir,
  rename,
  rm,
  rmdir,
  stat,
  unlink,
  type FileHandle,
} from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { confine, matchCase } from './confine';
import { hostError } from './host-error';
import { EmmcError, TEMP_PREFIX, joinVirtual, splitVirtualPath } from './paths';
import { CLUSTER_BYTES, clusterBytes, type EmmcUsage, type SpaceAccount } from './space';
import { startUpload, type EmmcUpload, type WriteMode } from './upload';

export { CLUSTER_BYTES, clusterBytes, type EmmcUsage } from './space';
export type { EmmcUpload, WriteMode } from './upload';

/** One file or directory on the virtual volume. */
export interface EmmcEntry {
  readonly name: string;
  readonly kind: 'file' | 'dir';
  /** Bytes (0 for directories). */
  readonly size: number;
  readonly mtime: Date;
}

/**
 * The virtual eMMC: a host directory presented as a FAT volume of fixed capacity. Every client path goes through
 * `splitVirtualPath` and then a real-path check, so neither `..`, absolute spellings nor symlinks reach outside.
 */
export class Emmc {
  private readonly space: SpaceAccount;

  constructor(
    /** Real path of the host directory. */
    private readonly root: string,
    readonly capacityBytes: number,
    private readonly log: (message: string) => void,
  ) {
    this.space = { used: 0, capacityBytes };
  }

  /** Counts the space in use (once, at open). */
  async scan(): Promise<void> {
    this.space.used = await this.walk(this.root);
  }

  private async walk(dir: string): Promise<number> {
    let total = 0;
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return 0;
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.name.startsWith(TEMP_PREFIX)) {
        await rm(p, { force: true, recursive: true }).catch(() => undefined); // left by a crash mid-upload
      } else if (e.isDirectory()) {
        total += CLUSTER_BYTES + (await this.walk(p));
      } else if (e.isFile()) {
        total += clusterBytes((await lstat(p).catch(() => ({ size: 0 }))).size);
      }
    }
    return total;
  }

  usage(): EmmcUsage {
    const usedBytes = Math.min(this.space.used, this.capacityBytes);
    return { capacityBytes: this.capacityBytes, usedBytes, freeBytes: this.capacityBytes - usedBytes };
  }

  /** Host path of a virtual path, after checking that its real path (or its parent's) stays inside the root. */
  private async hostPath(path: string, cwd = '/'): Promise<{ host: string; segments: string[] }> {
    const segments = await matchCase(this.root, splitVirtualPath(path, cwd));
    const host = segments.length ? join(this.root, ...segments) : this.root;
    await confine(this.root, host, joinVirtual(segments), this.log);
    return { host, segments };
  }

  /** Canonical virtual path of `path` (relative to `cwd`), validated but not checked for existence. */
  resolve(path: string, cwd = '/'): string {
    return joinVirtual(splitVirtualPath(path, cwd));
  }

  async stat(path: string, cwd = '/'): Promise<EmmcEntry> {
    const { host, segments } = await this.hostPath(path, cwd);
    try {
      const s = await stat(host);
      return {
        name: segments.at(-1) ?? '/',
        kind: s.isDirectory() ? 'dir' : 'file',
        size: s.isDirectory() ? 0 : s.size,
        mtime: s.mtime,
      };
    } catch (err) {
      throw hostError(err, joinVirtual(segments));
    }
  }

  /** Entries of a directory, sorted by name; symlinks that lead outside and uploads in progress are left out. */
  async list(path: string, cwd = '/'): Promise<EmmcEntry[]> {
    const { host, segments } = await this.hostPath(path, cwd);
    let names: string[];
    try {
      names = await readdir(host);
    } catch (err) {
      throw hostError(err, joinVirtual(segments));
    }
    const out: EmmcEntry[] = [];
    for (const name of names.sort()) {
      if (name.startsWith(TEMP_PREFIX)) continue;
      const p = join(host, name);
      try {
        await confine(this.root, p, joinVirtual([...segments, name]), this.log);
        const s = await stat(p);
        if (!s.isFile() && !s.isDirectory()) continue;
        out.push({
          name,
          kind: s.isDirectory() ? 'dir' : 'file',
          size: s.isDirectory() ? 0 : s.size,
          mtime: s.mtime,
        });
      } catch {
        // not shown: outside the volume, dangling, or vanished meanwhile
      }
    }
    return out;
  }

  /** A stream of a file's bytes from `start`, and the file's size. */
  async read(
    path: string,
    opts: { cwd?: string; start?: number; highWaterMark?: number } = {},
  ): Promise<{ stream: Readable; size: number }> {
    const { host, segments } = await this.hostPath(path, opts.cwd);
    const virtual = joinVirtual(segments);
    let fh: FileHandle;
    try {
      fh = await open(host, 'r');
    } catch (err) {
      throw hostError(err, virtual);
    }
    const s = await fh.stat();
    if (s.isDirectory()) {
      await fh.close();
      throw new EmmcError('EISDIR', `${virtual}: is a directory`);
    }
    const start = Math.min(Math.max(0, opts.start ?? 0), s.size);
    const stream = createReadStream('', { fd: fh, start, highWaterMark: opts.highWaterMark ?? 64 * 1024 });
    return { stream, size: s.size };
  }

  /** Starts an upload to a temporary name in the target's directory; `commit()` renames it into place. */
  async write(path: string, opts: { cwd?: string; mode?: WriteMode } = {}): Promise<EmmcUpload> {
    const mode = opts.mode ?? 'replace';
    const { host, segments } = await this.hostPath(path, opts.cwd);
    const virtual = joinVirtual(segments);
    if (segments.length === 0) throw new EmmcError('EISDIR', '/: is a directory');
    const existing = await stat(host).catch(() => undefined);
    if (existing?.isDirectory()) throw new EmmcError('EISDIR', `${virtual}: is a directory`);
    if (existing && mode === 'create') throw new EmmcError('EEXIST', `${virtual}: already exists`);
    const parent = host.slice(0, host.lastIndexOf(sep));
    const parentStat = await stat(parent).catch(() => undefined);
    if (!parentStat?.isDirectory())
      throw new EmmcError('ENOENT', `${joinVirtual(segments.slice(0, -1))}: no such directory`);
    const temp = join(parent, `${TEMP_PREFIX}${randomBytes(6).toString('hex')}.part`);
    const base = mode === 'append' && existing ? existing.size : 0;
    if (base) {
      if (this.space.used + clusterBytes(base) > this.capacityBytes)
        throw new EmmcError('ENOSPC', `${virtual}: no space left on the volume`);
      await copyFile(host, temp).catch((err: unknown) => {
        throw hostError(err, virtual);
      });
    }
    let fh: FileHandle;
    try {
      fh = await open(temp, base ? 'a' : 'wx');
    } catch (err) {
      throw hostError(err, virtual);
    }
    return startUpload(this.space, fh, temp, host, virtual, base, mode);
  }

  /** Writes a whole file (replacing by default). */
  async writeFile(path: string, data: Buffer | string, mode: WriteMode = 'replace'): Promise<void> {
    const up = await this.write(path, { mode });
    await new Promise<void>((resolve, reject) => {
      up.stream.end(data, (err?: Error | null) => (err ? reject(err) : resolve()));
    }).catch(async (err: unknown) => {
      await up.abort();
      throw err;
    });
    await up.commit();
  }

  async mkdir(path: string, cwd = '/'): Promise<string> {
    const { host, segments } = await this.hostPath(path, cwd);
    const virtual = joinVirtual(segments);
    if (segments.length === 0) throw new EmmcError('EEXIST', '/: already exists');
    if (this.space.used + CLUSTER_BYTES > this.capacityBytes)
      throw new EmmcError('ENOSPC', `${virtual}: no space left on the volume`);
    try {
      await mkdir(host);
    } catch (err) {
      throw hostError(err, virtual);
    }
    this.space.used += CLUSTER_BYTES;
    return virtual;
  }

  async rmdir(path: string, cwd = '/'): Promise<void> {
    const { host, segments } = await this.hostPath(path, cwd);
    const virtual = joinVirtual(segments);
    if (segments.length === 0) throw new EmmcError('EACCES', '/: the root cannot be removed');
    try {
      if (!(await lstat(host)).isDirectory()) throw new EmmcError('ENOTDIR', `${virtual}: not a directory`);
      await rmdir(host);
    } catch (err) {
      throw hostError(err, virtual);
    }
    this.space.used -= CLUSTER_BYTES;
  }

  /** Deletes a file (not a directory). */
  async delete(path: string, cwd = '/'): Promise<void> {
    const { host, segments } = await this.hostPath(path, cwd);
    const virtual = joinVirtual(segments);
    try {
      const s = await lstat(host);
      if (s.isDirectory()) throw new EmmcError('EISDIR', `${virtual}: is a directory`);
      await unlink(host);
      if (s.isFile()) this.space.used -= clusterBytes(s.size);
    } catch (err) {
      throw hostError(err, virtual);
    }
  }

  /** Renames a file or directory; the target must not exist. */
  async rename(from: string, to: string, cwd = '/'): Promise<void> {
    const a = await this.hostPath(from, cwd);
    let b = await this.hostPath(to, cwd);
    if (b.host === a.host) {
      // Only the case changes: the target is the client's spelling, not the existing entry's.
      const segments = [...a.segments.slice(0, -1), splitVirtualPath(to, cwd).at(-1) ?? ''];
      if (joinVirtual(segments) === joinVirtual(a.segments))
        throw new EmmcError('EEXIST', `${joinVirtual(segments)}: already exists`);
      b = { segments, host: join(this.root, ...segments) };
    }
    const va = joinVirtual(a.segments);
    if (a.segments.length === 0 || b.segments.length === 0)
      throw new EmmcError('EACCES', '/: the root cannot be renamed');
    if (b.segments.length > a.segments.length && a.segments.every((s, i) => b.segments[i] === s)) {
      throw new EmmcError('EINVAL', `${va}: cannot move a directory into itself`);
    }
    try {
      await lstat(a.host);
    } catch (err) {
      throw hostError(err, va);
    }
    if (b.host.toLowerCase() !== a.host.toLowerCase() && (await lstat(b.host).catch(() => undefined)))
      throw new EmmcError('EEXIST', `${joinVirtual(b.segments)}: already exists`);
    try {
      await rename(a.host, b.host);
    } catch (err) {
      throw hostError(err, va);
    }
  }
}
