import { randomBytes } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  createWriteStream,
  mkdtempSync,
  openSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Client } from 'basic-ftp';
import { openEmmc } from '../board/emmc';
import { startFtpServer } from '../board/ftp';
import { numberFlag, parseFlags } from './args';

/**
 * `bench ftp [--mb 100]`: upload and download speed of the virtual board's FTP server (in-process, port 0, temp
 * eMMC) with basic-ftp, next to a plain stream copy on the same disk as the ceiling. MB = 10^6 bytes.
 */
export async function benchFtp(argv: string[]): Promise<unknown> {
  const flags = parseFlags(argv, { mb: { type: 'string' } });
  const mb = numberFlag('mb', flags.mb, 100, 1, 10_000);
  const bytes = Math.round(mb * 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'bench-ftp-'));
  const src = join(dir, 'source.bin');
  try {
    writeSource(src, bytes);
    const copySec = await timed(() =>
      pipeline(createReadStream(src), createWriteStream(join(dir, 'copy.bin'))),
    );
    rmSync(join(dir, 'copy.bin'));

    const emmc = await openEmmc({
      root: join(dir, 'emmc'),
      seedDir: null,
      capacityBytes: bytes * 2 + 1_000_000,
    });
    const server = await startFtpServer({ port: 0, emmc });
    const client = new Client(60_000);
    try {
      await client.access({ host: '127.0.0.1', port: server.port, user: 'bench', password: 'bench' });
      const uploadSec = await timed(() => client.uploadFrom(src, 'bench.bin'));
      const downloadSec = await timed(() => client.downloadTo(join(dir, 'back.bin'), 'bench.bin'));
      const rate = (sec: number) => round(bytes / 1e6 / sec);
      return {
        bench: 'ftp',
        bytes,
        client: 'basic-ftp',
        uploadMBps: rate(uploadSec),
        downloadMBps: rate(downloadSec),
        copyMBps: rate(copySec),
        uploadRatio: round(copySec / uploadSec),
        downloadRatio: round(copySec / downloadSec),
      };
    } finally {
      client.close();
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function writeSource(path: string, bytes: number): void {
  const block = randomBytes(1 << 20);
  const fd = openSync(path, 'w');
  try {
    for (let left = bytes; left > 0; left -= block.length)
      writeSync(fd, block, 0, Math.min(left, block.length));
  } finally {
    closeSync(fd);
  }
}

async function timed(f: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await f();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

const round = (n: number) => Math.round(n * 100) / 100;
