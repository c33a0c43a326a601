import { createReadStream, type Dirent } from 'node:fs';
import {
  copyFile,
  link,
  lstat,
  mkdir,
  open,
  readdir,
  realpath,
  rename,
  rm,
  rmdir,
  stat,
  unlink,
  type FileHandle,
} from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join, sep } from 'node:path';
import { Writable, type Readable } from 'node:stream';
import { EmmcError, TEMP_PREFIX, joinVirtual, splitVirtualPath } from './paths';

/** One file or directory on the virtual volume. */
export interface EmmcEntry {
  readonly name: string;
  readonly kind: 'file' | 'dir';
  /** Bytes (0 for directories). */
  readonly size: number;
  readonly mtime: Date;
}

/** Space on the virtual volume, counted in 4 KiB clusters as FAT does. */
export interface EmmcUsage {
  readonly capacityBytes: number;
  readonly usedBytes: number;
  readonly freeBytes: number;
}

/** How an upload treats an existing file. */
export type WriteMode = 'create' | 'replace' | 'append';

/** An upload in progress: write to `stream`, then `commit()` (rename into place) or `abort()` (remove it). */
export interface EmmcUpload {
  readonly stream: Writable;
  /** Bytes accepted so far (excluding an appended-to file's old contents). */
  bytesWritten(): number;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/** FileX formats the card with 8 sectors of 512 bytes per cluster. */
export const CLUSTER_BYTES = 4096;

/** Bytes a file of `size` occupies on the volume. */
export function clusterBytes(size: number): number {
  return Math.ceil(size / CLUSTER_BYTES) * CLUSTER_BYTES;
}

/** Maps a host error to a code and a message with no host path in it. */
export function hostError(err: unknown, what: string): EmmcError {
  if (err instanceof EmmcError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return new EmmcError('ENOENT', `${what}: no such file or directory`);
    case 'EEXIST':
      return new EmmcError('EEXIST', `${what}: already exists`);
    case 'ENOTDIR':
      return new EmmcError('ENOTDIR', `${what}: not a directory`);
    case 'EISDIR':
      return new EmmcError('EISDIR', `${what}: is a directory`);
    case 'ENOTEMPTY':
      return new EmmcError('ENOTEMPTY', `${what}: directory not empty`);
    case 'ENOSPC':
    case 'EDQUOT':
      return new EmmcError('ENOSPC', `${what}: no space left on the volume`);
    case 'EACCES':
    case 'EPERM':
      return new EmmcError('EACCES', `${what}: permission denied`);
    case 'ENAMETOOLONG':
      return new EmmcError('EINVAL', `${what}: name too long`);
    default:
      return new EmmcError('EIO', `${what}: input/output error`);
  }
}

/**
 * The virtual eMMC: a host directory presented as a FAT volume of fixed capacity. Every client path goes through
 * `splitVirtualPath` and then a real-path check, so neither `..`, absolute spellings nor symlinks reach outside.
 */
export class Emmc {
  private used = 0;

  constructor(
    /** Real path of the host directory. */
    private readonly root: string,
    readonly capacityBytes: number,
    private readonly log: (message: string) => void,
  ) {}

  /** Counts the space in use (once, at open). */
  async scan(): Promise<void> {
    this.used = await this.walk(this.root);
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
    const usedBytes = Math.min(this.used, this.capacityBytes);
    return { capacityBytes: this.capacityBytes, usedBytes, freeBytes: this.capacityBytes - usedBytes };
  }

  /** Host path of a virtual path, after checking that its real path (or its parent's) stays inside the root. */
  private async hostPath(path: string, cwd = '/'): Promise<{ host: string; segments: string[] }> {
    const segments = await this.matchCase(splitVirtualPath(path, cwd));
    const host = segments.length ? join(this.root, ...segments) : this.root;
    await this.confine(host, joinVirtual(segments));
    return { host, segments };
  }

  /**
   * FileX matches names case-insensitively: when the exact spelling does not exist, each existing segment is
   * replaced by the entry that differs only in case. Segments that do not exist yet keep the client's spelling.
   */
  private async matchCase(segments: string[]): Promise<string[]> {
    if (
      !segments.length ||
      (await lstat(join(this.root, ...segments)).then(
        () => true,
        () => false,
      ))
    )
      return segments;
    const out: string[] = [];
    let dir = this.root;
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i]!;
      const names = await readdir(dir).catch(() => undefined);
      const lower = seg.toLowerCase();
      const found =
        names &&
        (names.includes(seg)
          ? seg
          : names.find((n) => n.toLowerCase() === lower && !n.startsWith(TEMP_PREFIX)));
      if (!found) return [...out, ...segments.slice(i)];
      out.push(found);
      dir = join(dir, found);
    }
    return out;
  }

  /** Refuses a host path whose nearest existing ancestor (itself included) resolves outside the root. */
  private async confine(host: string, virtual: string): Promise<void> {
    let probe = host;
    for (;;) {
      try {
        const real = await realpath(probe);
        if (real !== this.root && !real.startsWith(this.root + sep)) {
          this.log(`eMMC: refused ${virtual}: it leads outside the volume`);
          throw new EmmcError('EACCES', 'Access denied');
        }
        return;
      } catch (err) {
        if (err instanceof EmmcError) throw err;
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') {
          // A dangling symlink must not be created through: lstat tells it apart from a missing name.
          const l = await lstat(probe).catch(() => undefined);
          if (l?.isSymbolicLink()) throw new EmmcError('EACCES', 'Access denied');
          if (probe === this.root) return;
          probe = probe.slice(0, probe.lastIndexOf(sep)) || sep;
          continue;
        }
        throw hostError(err, virtual);
      }
    }
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
        await this.confine(p, joinVirtual([...segments, name]));
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
      if (this.used + clusterBytes(base) > this.capacityBytes)
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
    return this.upload(fh, temp, host, virtual, base, mode);
  }

  private upload(
    fh: FileHandle,
    temp: string,
    host: string,
    virtual: string,
    base: number,
    mode: WriteMode,
  ): EmmcUpload {
    // `reserved` is what the temp file occupies now; the old file's clusters stay counted until the rename.
    let reserved = clusterBytes(base);
    let written = 0;
    let settled = false;
    this.used += reserved;
    const release = () => {
      this.used -= reserved;
      reserved = 0;
    };
    const stream = new Writable({
      highWaterMark: 256 * 1024,
      write: (chunk: Buffer, _enc, cb) => {
        const next = clusterBytes(base + written + chunk.length);
        if (this.used - reserved + next > this.capacityBytes) {
          cb(new EmmcError('ENOSPC', `${virtual}: no space left on the volume`));
          return;
        }
        this.used += next - reserved;
        reserved = next;
        fh.write(chunk).then(
          () => {
            written += chunk.length;
            cb();
          },
          (err: unknown) => cb(hostError(err, virtual)),
        );
      },
      final: (cb) => cb(),
    });
    // Errors reach the caller through write callbacks and commit(); an unheard 'error' event must not crash the board.
    stream.on('error', () => undefined);
    const abort = async () => {
      if (settled) return;
      settled = true;
      stream.destroy();
      await fh.close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
      release();
    };
    const commit = async () => {
      if (settled) throw new EmmcError('EINVAL', `${virtual}: upload already finished`);
      if (stream.errored || (stream.destroyed && !stream.writableFinished)) {
        const cause = stream.errored;
        await abort();
        throw cause ? hostError(cause, virtual) : new EmmcError('EIO', `${virtual}: upload interrupted`);
      }
      if (!stream.writableFinished) {
        await new Promise<void>((resolve, reject) => {
          stream.once('finish', resolve);
          stream.once('error', reject);
          if (!stream.writableEnded) stream.end();
        }).catch(async (err: unknown) => {
          await abort();
          throw hostError(err, virtual);
        });
      }
      settled = true;
      let replaced: number | undefined;
      try {
        await fh.close();
        if (mode === 'create') {
          // link() refuses an existing target atomically, so two racing creates cannot both win.
          await link(temp, host);
          await unlink(temp);
        } else {
          const old = await lstat(host).catch(() => undefined);
          replaced = old?.isFile() ? old.size : undefined;
          await rename(temp, host);
        }
      } catch (err) {
        await unlink(temp).catch(() => undefined);
        release();
        throw hostError(err, virtual);
      }
      if (replaced !== undefined) this.used -= clusterBytes(replaced);
    };
    return { stream, bytesWritten: () => written, commit, abort };
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
    if (this.used + CLUSTER_BYTES > this.capacityBytes)
      throw new EmmcError('ENOSPC', `${virtual}: no space left on the volume`);
    try {
      await mkdir(host);
    } catch (err) {
      throw hostError(err, virtual);
    }
    this.used += CLUSTER_BYTES;
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
    this.used -= CLUSTER_BYTES;
  }

  /** Deletes a file (not a directory). */
  async delete(path: string, cwd = '/'): Promise<void> {
    const { host, segments } = await this.hostPath(path, cwd);
    const virtual = joinVirtual(segments);
    try {
      const s = await lstat(host);
      if (s.isDirectory()) throw new EmmcError('EISDIR', `${virtual}: is a directory`);
      await unlink(host);
      if (s.isFile()) this.used -= clusterBytes(s.size);
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
