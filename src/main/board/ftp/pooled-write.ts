// Writes of the FTP server's data connections and eMMC files, in pieces that hold packets of the board's FTP
// packet pool until written, as NetX holds a packet until the driver (or FileX) is done with it.
import type { Socket } from 'node:net';
import type { Writable } from 'node:stream';
import { acquirePackets } from '../memory/acquire';
import type { PacketPool } from '../memory/packet-pool';
import { drained } from '../net/drained';

/** Writes `chunk` to `out` in pieces that each hold pool packets until written, waiting for drain. */
export async function writeInPackets(
  out: Writable,
  chunk: Buffer,
  pool: PacketPool | undefined,
  timeoutMs: number,
): Promise<void> {
  const step = pool
    ? Math.max(pool.payload, pool.payload * Math.min(32, Math.floor(pool.stats().total / 2) || 1))
    : chunk.length;
  for (let off = 0; off < chunk.length; off += step) {
    const piece = chunk.subarray(off, off + step);
    const lease = await acquirePackets(pool, piece.length, timeoutMs);
    if (!out.write(piece, () => lease?.release())) await drained(out);
  }
}

/** Ends a data connection once everything written has gone out. */
export function endSocket(data: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (data.destroyed) return reject(new Error('data connection closed'));
    data.once('error', reject);
    data.end(() => resolve());
  });
}
