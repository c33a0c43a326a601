import { z } from 'zod';
import type { BytePoolId, MemoryLayout, PacketPoolId } from './types';

/** HTTP pool bytes per `NX_WEB_HTTP_SERVER_SESSION_MAX`. 1 → 30 720 B is the firmware's (`app_netxduo.h:97`).
 *  2 → 184 320 B (6 × 30 720) is reconstructed: the article gives only "~94 %" for the two-session build and
 *  says the HTTP pool is what had to grow; this is the size that reproduces ~94 % of AXI SRAM. */
export const HTTP_POOL_BYTES_BY_SESSIONS: Readonly<Record<1 | 2, number>> = { 1: 30720, 2: 184320 };

const bytes = z
  .number()
  .int()
  .min(0)
  .max(64 * 1024 * 1024);
const regionName = z.string().min(1).max(64);

/** A what-if: changes against the firmware as built. Every field is optional; absent means "as built". */
export const memoryConfigSchema = z
  .object({
    /** `NX_WEB_HTTP_SERVER_SESSION_MAX`: the library default is 2, the firmware's nx_user.h says 1. */
    httpSessionMax: z.union([z.literal(1), z.literal(2)]).optional(),
    /** sizeof(NX_PACKET), 56–64 depending on build options. */
    packetHeader: z.number().int().min(32).max(128).optional(),
    packetPools: z
      .partialRecord(
        z.enum(['main', 'http', 'ftp', 'ws']),
        z
          .object({
            bytes: bytes.optional(),
            payload: z.number().int().min(64).max(65536).optional(),
            region: regionName.optional(),
          })
          .strict(),
      )
      .optional(),
    bytePools: z
      .partialRecord(
        z.enum(['tx', 'fx', 'nx']),
        z.object({ size: bytes.optional(), region: regionName.optional() }).strict(),
      )
      .optional(),
  })
  .strict();

/** A what-if, as sent over the bridge or passed to BoardMemory.apply. */
export type MemoryConfig = z.input<typeof memoryConfigSchema>;

/** One packet pool after the what-if is applied. */
export interface ResolvedPacketPool {
  readonly payload: number;
  readonly bytes: number;
  /** floor(bytes / (payload + header)), as nx_packet_pool_create computes it. */
  readonly packets: number;
  readonly region: string;
  /** The bytes follow the HTTP session count (no explicit size given). */
  readonly auto: boolean;
}

/** The what-if with every default filled in. */
export interface ResolvedConfig {
  readonly httpSessionMax: 1 | 2;
  readonly packetHeader: number;
  readonly packetPools: Readonly<Record<PacketPoolId, ResolvedPacketPool>>;
  readonly bytePools: Readonly<Record<BytePoolId, { readonly size: number; readonly region: string }>>;
}

/** Packets a pool buffer holds: NetX rounds each packet (header + payload) up to 4 bytes. */
export function packetsIn(bytes: number, payload: number, header: number): number {
  const each = Math.ceil((payload + header) / 4) * 4;
  return Math.max(0, Math.floor(bytes / each));
}

/** Fills a what-if with the firmware's values. Regions that the layout does not have are an error. */
export function resolveConfig(layout: MemoryLayout, config: MemoryConfig = {}): ResolvedConfig {
  const known = new Set(layout.regions.map((r) => r.name));
  const checkRegion = (name: string, what: string): string => {
    if (!known.has(name)) throw new Error(`${what}: no linker region named "${name}" in this layout.`);
    return name;
  };
  const sessions = config.httpSessionMax ?? 1;
  const header = config.packetHeader ?? layout.packetHeader;
  const packetPools = {} as Record<PacketPoolId, ResolvedPacketPool>;
  for (const p of layout.packetPools) {
    const o = config.packetPools?.[p.id] ?? {};
    const auto = p.id === 'http' && o.bytes === undefined;
    const payload = o.payload ?? p.payload;
    // The main pool is declared as (payload + sizeof(NX_PACKET)) × 60, so it follows the header size.
    const poolBytes =
      o.bytes ??
      (p.id === 'http'
        ? HTTP_POOL_BYTES_BY_SESSIONS[sessions]
        : p.id === 'main'
          ? (payload + header) * 60
          : p.bytes);
    packetPools[p.id] = {
      payload,
      bytes: poolBytes,
      packets: packetsIn(poolBytes, payload, header),
      region: checkRegion(o.region ?? p.region, p.name),
      auto,
    };
  }
  const bytePools = {} as Record<BytePoolId, { size: number; region: string }>;
  for (const b of layout.bytePools) {
    const o = config.bytePools?.[b.id] ?? {};
    bytePools[b.id] = { size: o.size ?? b.size, region: checkRegion(o.region ?? b.region, b.name) };
  }
  return { httpSessionMax: sessions, packetHeader: header, packetPools, bytePools };
}

/** What the HTTP session count changes besides the pool (article, Part 2). */
export function sessionEffects(sessionMax: 1 | 2): readonly string[] {
  return [
    `${sessionMax} TCP socket${sessionMax > 1 ? 's' : ''} for HTTP sessions (inside the HTTP server object)`,
    `pending-connection queue NX_WEB_HTTP_SERVER_MAX_PENDING = ${sessionMax << 1}`,
    `HTTP packet pool ${HTTP_POOL_BYTES_BY_SESSIONS[sessionMax].toLocaleString('en-US')} B in AXI SRAM`,
  ];
}
