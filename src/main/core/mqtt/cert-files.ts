// The TLS files of the MQTT settings. A host path is never taken from a request: the desktop app's native dialog
// picks one, or the page uploads the file's text, and the bench keeps its own copy (mqtt-certs/ in the config dir,
// 0600). Every read of a file is bounded: a regular file only (a FIFO or /dev/zero is refused before any byte is
// read), at most MAX_CERT_BYTES, within READ_TIMEOUT_MS.
import { constants } from 'node:fs';
import { chmod, mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { CERT_WORDS, MAX_CERT_BYTES, type CertKind } from '../../../shared/bridge/contracts/mqtt';
import { BenchError } from '../../../shared/result';

/** Longest wait for a certificate file's bytes (a stuck network file system must not stall the bench). */
export const READ_TIMEOUT_MS = 5000;

const kb = (n: number) => `${Math.ceil(n / 1024)} kB`;

/**
 * Reads a small regular file, or throws a BenchError in words. Opened non-blocking, so that a FIFO cannot hold the
 * open; checked to be a regular file before a byte is read; never more than `max` + 1 bytes are read.
 */
export async function readSmallFile(
  path: string,
  what: string,
  max = MAX_CERT_BYTES,
  timeoutMs = READ_TIMEOUT_MS,
): Promise<Buffer> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_r, reject) => {
    timer = setTimeout(
      () =>
        reject(new BenchError('UNAVAILABLE', `The ${what} could not be read within ${timeoutMs / 1000} s.`)),
      timeoutMs,
    );
  });
  const read = async (): Promise<Buffer> => {
    const fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const st = await fh.stat();
      if (!st.isFile()) throw new BenchError('BAD_REQUEST', `The ${what} is not a regular file.`);
      if (st.size > max)
        throw new BenchError('BAD_REQUEST', `The ${what} is ${kb(st.size)}; the limit is ${kb(max)}.`);
      // The size stat gives may be wrong (/proc reports 0): read at most one byte past the limit to know.
      const buf = Buffer.alloc(max + 1);
      let n = 0;
      for (;;) {
        const { bytesRead } = await fh.read(buf, n, buf.length - n, null);
        if (bytesRead === 0) break;
        n += bytesRead;
        if (n > max) throw new BenchError('BAD_REQUEST', `The ${what} is over the limit of ${kb(max)}.`);
      }
      return buf.subarray(0, n);
    } finally {
      await fh.close();
    }
  };
  try {
    return await Promise.race([read(), timeout]);
  } catch (err) {
    if (err instanceof BenchError) throw err;
    // One message for every failure to open: which path exists is not told.
    throw new BenchError('BAD_REQUEST', `The ${what} cannot be read.`);
  } finally {
    clearTimeout(timer);
  }
}

/** Why `bytes` is not a PEM certificate or key the TLS layer can use; undefined when it looks like one. */
export function pemProblem(bytes: Buffer, what: string): string | undefined {
  if (bytes.length === 0) return `The ${what} is empty.`;
  if (bytes.length > MAX_CERT_BYTES)
    return `The ${what} is ${kb(bytes.length)}; the limit is ${kb(MAX_CERT_BYTES)}.`;
  if (!/-----BEGIN [A-Z0-9 ]+-----/.test(bytes.toString('latin1')))
    return `The ${what} is not a PEM file (no "-----BEGIN …-----" line); export it as PEM (.pem, .crt, .key).`;
  return undefined;
}

/** The name shown for a file: its base name without control characters (never a host path). */
export function displayName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '');
  return (clean || 'certificate.pem').slice(0, 255);
}

/** The TLS settings as a page may see them: each file's name, never a host path (an older settings file's). */
export function tlsFileNames(c: { caFile: string; certFile: string; keyFile: string }): {
  caFile: string;
  certFile: string;
  keyFile: string;
} {
  const name = (v: string) => (v ? displayName(v) : '');
  return { caFile: name(c.caFile), certFile: name(c.certFile), keyFile: name(c.keyFile) };
}

/** The bench's own copies of the TLS files: one per kind, in `<configDir>/mqtt-certs/`, readable by the owner only. */
export class CertFiles {
  readonly dir: string;

  constructor(configDir: string) {
    this.dir = join(configDir, 'mqtt-certs');
  }

  /** The copy's path of a kind. */
  pathOf(kind: CertKind): string {
    return join(this.dir, `${kind}.pem`);
  }

  /** Keeps `bytes` as the kind's copy (checked to be PEM under the limit); atomic, 0600. */
  async save(kind: CertKind, bytes: Buffer): Promise<void> {
    const problem = pemProblem(bytes, CERT_WORDS[kind]);
    if (problem) throw new BenchError('BAD_REQUEST', problem);
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      await chmod(this.dir, 0o700);
      const tmp = `${this.pathOf(kind)}.tmp-${process.pid}`;
      await writeFile(tmp, bytes, { mode: 0o600 });
      await rename(tmp, this.pathOf(kind));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? String(err);
      throw new BenchError('UNAVAILABLE', `The bench cannot write its folder ${this.dir} (${code}).`);
    }
  }

  async remove(kind: CertKind): Promise<void> {
    await rm(this.pathOf(kind), { force: true });
  }

  /** The kind's copy, read within the limits. */
  load(kind: CertKind): Promise<Buffer> {
    return readSmallFile(this.pathOf(kind), `copy of the ${CERT_WORDS[kind]}`);
  }
}
