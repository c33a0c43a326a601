import type { PacketLease, PacketPool } from './packet-pool';

/**
 * Takes packets for `bytes` from `pool`, waiting (as a NetX `nx_packet_allocate` with a wait option does) until
 * some are released, for at most `timeoutMs`. Resolves undefined when no pool is given; rejects on timeout.
 */
export async function acquirePackets(pool: PacketPool | undefined, bytes: number, timeoutMs: number): Promise<PacketLease | undefined> {
  if (!pool) return undefined;
  const first = pool.allocate(bytes);
  if (first) return first;
  const need = Math.max(1, Math.ceil(bytes / pool.payload));
  return new Promise<PacketLease>((resolve, reject) => {
    const finish = (lease: PacketLease | undefined, err?: Error) => {
      clearTimeout(timer);
      off();
      if (lease) resolve(lease);
      else reject(err);
    };
    const off = pool.onChange(() => {
      // allocate() itself fires onChange; the guard keeps a failed retry from recursing.
      if (retrying) return;
      retrying = true;
      const lease = pool.stats().free >= need ? pool.allocate(bytes) : undefined;
      retrying = false;
      if (lease) finish(lease);
    });
    let retrying = false;
    const timer = setTimeout(() => finish(undefined, new Error(`no packet free in ${pool.name} within ${timeoutMs} ms`)), timeoutMs);
  });
}
