import type { PacketLease, PacketPool } from './packet-pool';

/**
 * Takes packets for `bytes` from `pool`, waiting (as `nx_packet_allocate` with a wait option does) until enough
 * are released, for at most `timeoutMs`. A wait that ends in success is not a failure; only the timeout is
 * counted as one (NX_NO_PACKET). Resolves undefined when no pool is given.
 */
export async function acquirePackets(
  pool: PacketPool | undefined,
  bytes: number,
  timeoutMs: number,
): Promise<PacketLease | undefined> {
  if (!pool) return undefined;
  const need = Math.max(1, Math.ceil(bytes / pool.payload));
  const tryTake = () => (pool.stats().free >= need ? pool.allocate(bytes) : undefined);
  const first = tryTake();
  if (first) return first;
  return new Promise<PacketLease>((resolve, reject) => {
    let retrying = false;
    const finish = (lease: PacketLease | undefined) => {
      clearTimeout(timer);
      off();
      if (lease) return resolve(lease);
      pool.allocate(bytes); // counts the refusal
      reject(new Error(`no packet free in ${pool.name} within ${timeoutMs} ms`));
    };
    const off = pool.onChange(() => {
      // allocate() itself fires onChange; the guard keeps a retry from recursing.
      if (retrying) return;
      retrying = true;
      const lease = tryTake();
      retrying = false;
      if (lease) finish(lease);
    });
    const timer = setTimeout(() => finish(undefined), timeoutMs);
  });
}
