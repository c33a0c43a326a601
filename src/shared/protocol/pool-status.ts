// `pool-status`: an extension message a board may send to report its NetX packet pools and ThreadX byte pools
// (docs/pool-status.md). The stock NUCLEO-MEM firmware does not send it; the virtual board does when enabled.
// The parser is tolerant, so any board that sends something close to it can be shown, and it says what it skipped.

/** One NetX packet pool, as `nx_packet_pool_info_get` (plus a high-water kept by the firmware) reports it. */
export interface PacketPoolStatus {
  readonly name: string;
  /** Payload bytes per packet (`nx_packet_pool_payload_size`). */
  readonly payload: number;
  readonly total: number;
  readonly free: number;
  /** Most packets in use at once since boot; undefined when the board does not track it. */
  readonly highWater?: number;
  /** Allocation requests that found the pool empty (`empty_pool_requests`). */
  readonly failures?: number;
}

/** One ThreadX byte pool, as `tx_byte_pool_info_get` reports it. */
export interface BytePoolStatus {
  readonly name: string;
  /** Bytes of the pool; undefined when the board does not send it (ThreadX's info call does not return it). */
  readonly size?: number;
  readonly available: number;
  readonly fragments: number;
}

/** One FileX medium (the eMMC), as `fx_media_extended_space_available` and the media's sector count give it. */
export interface MediaStatus {
  readonly name: string;
  /** Bytes of the medium (total sectors × bytes per sector). */
  readonly total: number;
  /** Bytes free now. */
  readonly free: number;
}

/** The `data` of a pool-status message. */
export interface PoolStatus {
  readonly packetPools: readonly PacketPoolStatus[];
  readonly bytePools: readonly BytePoolStatus[];
  /** Storage media, when the board reports them (optional; docs/pool-status.md "Storage"). */
  readonly media?: readonly MediaStatus[];
}

/** `{"type":"pool-status","data":{"packetPools":[…],"bytePools":[…]}}`. */
export interface PoolStatusMessage {
  readonly type: 'pool-status';
  readonly data: PoolStatus;
}

/** What the parser made of a message: the status, and what it had to skip. */
export type ParsedPoolStatus =
  | { readonly ok: true; readonly status: PoolStatus; readonly skipped: readonly string[] }
  | { readonly ok: false; readonly reason: string };

/** Longest pool list the parser takes; a firmware has a handful. */
const MAX_POOLS = 64;

function count(v: unknown): number | undefined {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.floor(n) : undefined;
}

function pick(o: Record<string, unknown>, ...keys: string[]): unknown {
  for (const k of keys) if (k in o) return o[k];
  return undefined;
}

function list(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v)
    ? v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x))
    : [];
}

/**
 * Reads a pool-status message (the whole object, or its `data`). Tolerant: accepts snake_case keys and numeric
 * strings, skips entries without a name or a usable count, clamps free ≤ total. Never throws.
 */
export function parsePoolStatus(value: unknown): ParsedPoolStatus {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, reason: 'not a JSON object' };
  const obj = value as Record<string, unknown>;
  if (obj.type !== undefined && obj.type !== 'pool-status')
    return { ok: false, reason: `type is "${String(obj.type)}", not "pool-status"` };
  const data = (obj.type === 'pool-status' ? obj.data : obj) as unknown;
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return { ok: false, reason: 'pool-status without a data object' };
  const d = data as Record<string, unknown>;
  const rawPackets = pick(d, 'packetPools', 'packet_pools');
  const rawBytes = pick(d, 'bytePools', 'byte_pools');
  if (!Array.isArray(rawPackets) && !Array.isArray(rawBytes))
    return { ok: false, reason: 'pool-status with neither packetPools nor bytePools' };
  const skipped: string[] = [];
  const packetPools: PacketPoolStatus[] = [];
  const bytePools: BytePoolStatus[] = [];
  list(rawPackets)
    .slice(0, MAX_POOLS)
    .forEach((p, i) => {
      const name = typeof p.name === 'string' && p.name.trim() ? p.name.slice(0, 80) : undefined;
      const total = count(pick(p, 'total', 'total_packets'));
      const free = count(pick(p, 'free', 'free_packets'));
      if (!name || total === undefined || free === undefined) {
        skipped.push(`packet pool #${i + 1}: needs name, total and free`);
        return;
      }
      packetPools.push({
        name,
        payload: count(pick(p, 'payload', 'payload_size')) ?? 0,
        total,
        free: Math.min(free, total),
        highWater: count(pick(p, 'highWater', 'high_water')),
        failures: count(pick(p, 'failures', 'empty_pool_requests')),
      });
    });
  list(rawBytes)
    .slice(0, MAX_POOLS)
    .forEach((b, i) => {
      const name = typeof b.name === 'string' && b.name.trim() ? b.name.slice(0, 80) : undefined;
      const available = count(pick(b, 'available', 'available_bytes'));
      if (!name || available === undefined) {
        skipped.push(`byte pool #${i + 1}: needs name and available`);
        return;
      }
      const size = count(b.size);
      bytePools.push({
        name,
        size: size !== undefined ? Math.max(size, available) : undefined,
        available,
        fragments: count(pick(b, 'fragments', 'fragments_count')) ?? 0,
      });
    });
  const media: MediaStatus[] = [];
  list(pick(d, 'media'))
    .slice(0, MAX_POOLS)
    .forEach((m, i) => {
      const name = typeof m.name === 'string' && m.name.trim() ? m.name.slice(0, 80) : undefined;
      const total = count(pick(m, 'total', 'total_bytes'));
      const free = count(pick(m, 'free', 'free_bytes', 'available_bytes'));
      if (!name || total === undefined || free === undefined) {
        skipped.push(`medium #${i + 1}: needs name, total and free`);
        return;
      }
      media.push({ name, total, free: Math.min(free, total) });
    });
  return { ok: true, status: { packetPools, bytePools, ...(media.length ? { media } : {}) }, skipped };
}

/** The medium the Files page shows: the one named like the eMMC, else the first one reported. */
export function emmcMedium(status: PoolStatus): MediaStatus | undefined {
  return status.media?.find((m) => /e\s*mmc/i.test(m.name)) ?? status.media?.[0];
}

/** The JSON text a board sends (compact, like cJSON_PrintUnformatted). */
export function poolStatusText(status: PoolStatus): string {
  return JSON.stringify({ type: 'pool-status', data: status } satisfies PoolStatusMessage);
}
