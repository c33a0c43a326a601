// Region usage arithmetic: lay a configuration's pools and buffers out in their linker regions, sum each region and
// bank, and say in words where a placement is unsafe for the Ethernet DMA.
import { resolveConfig, type MemoryConfig, type ResolvedConfig } from './config';
import { cacheAt, isCached, policyLabel, type CacheAt } from './mpu';
import type { BankId, LinkerRegion, MemoryBank, MemoryLayout, PacketPoolId, Placement } from './types';

/** One linker region with what lies in it. */
export interface RegionUsage extends LinkerRegion {
  readonly bank?: BankId;
  readonly used: number;
  readonly free: number;
  /** used / length × 100. */
  readonly percent: number;
  /** Bytes past the end (what ld reports as "region overflowed by N bytes"); 0 when it fits. */
  readonly overflow: number;
  readonly items: readonly Placement[];
}

/** One physical bank with the regions inside it. */
export interface BankUsage extends MemoryBank {
  readonly used: number;
  readonly percent: number;
  readonly regions: readonly string[];
  readonly cache: CacheAt;
}

/** A packet pool where it ended up. */
export interface PlacedPacketPool {
  readonly id: PacketPoolId;
  readonly name: string;
  readonly payload: number;
  readonly bytes: number;
  readonly packets: number;
  readonly region: string;
  readonly bank?: BankId;
  readonly address: number;
  readonly cache: CacheAt;
}

/** Something a person should know about a layout, in words. */
export interface MemoryWarning {
  readonly severity: 'error' | 'warning' | 'info';
  readonly subject: string;
  readonly text: string;
}

/** The result of laying out one configuration. */
export interface MemoryUsage {
  readonly config: ResolvedConfig;
  readonly regions: readonly RegionUsage[];
  readonly banks: readonly BankUsage[];
  readonly packetPools: readonly PlacedPacketPool[];
  readonly warnings: readonly MemoryWarning[];
}

const align = (n: number, a: number) => Math.ceil(n / a) * a;

/** The bank that holds an address, if any. */
export function bankAt(banks: readonly MemoryBank[], address: number): MemoryBank | undefined {
  return banks.find((b) => address >= b.origin && address < b.origin + b.length);
}

/** Every placement a configuration makes, in the order the linker would meet them. */
export function placementsOf(layout: MemoryLayout, config: ResolvedConfig): Placement[] {
  const out: Placement[] = [];
  for (const b of layout.bytePools) {
    const c = config.bytePools[b.id];
    out.push({
      id: `byte-pool:${b.id}`,
      label: b.name,
      region: c.region,
      size: c.size,
      kind: 'byte-pool',
      section: b.section,
      confidence: 'code',
    });
  }
  for (const p of layout.packetPools) {
    const c = config.packetPools[p.id];
    const section = c.region === 'RAM' ? '.dma_buffer' : c.region === p.region ? p.section : undefined;
    const confidence = p.id === 'http' && config.httpSessionMax === 2 ? 'derived' : 'code';
    out.push({
      id: `packet-pool:${p.id}`,
      label: p.name,
      region: c.region,
      size: c.bytes,
      kind: 'packet-pool',
      section,
      confidence,
    });
  }
  for (const b of layout.buffers) out.push(b);
  return out;
}

/** Lays placements out from each region's origin (.dma_buffer starts 32-byte aligned; items 4-byte aligned). */
function layOut(region: LinkerRegion, items: Placement[]): Placement[] {
  let at = region.origin;
  return items.map((item) => {
    at = align(at, item.section === '.dma_buffer' && at === region.origin ? 32 : 4);
    const placed = { ...item, address: item.address ?? at };
    at = placed.address + item.size;
    return placed;
  });
}

/** Sums each region and bank for one what-if (or the firmware as built when `config` is empty). */
export function computeUsage(layout: MemoryLayout, config: MemoryConfig = {}): MemoryUsage {
  const resolved = resolveConfig(layout, config);
  return usageOf(layout, resolved, placementsOf(layout, resolved));
}

/** Region, bank and pool figures for a given set of placements (a model's or an imported build's). */
export function usageOf(
  layout: MemoryLayout,
  config: ResolvedConfig,
  placements: readonly Placement[],
): MemoryUsage {
  const regions: RegionUsage[] = layout.regions.map((r) => {
    const items = layOut(
      r,
      placements.filter((p) => p.region === r.name),
    );
    const end = items.reduce((m, p) => Math.max(m, (p.address ?? r.origin) + p.size), r.origin);
    const used = items.reduce((s, p) => s + p.size, 0);
    const span = Math.max(used, end - r.origin);
    return {
      ...r,
      bank: bankAt(layout.banks, r.origin)?.id,
      used: span,
      free: Math.max(0, r.length - span),
      percent: r.length > 0 ? (span / r.length) * 100 : 0,
      overflow: Math.max(0, span - r.length),
      items,
    };
  });
  const banks: BankUsage[] = layout.banks.map((b) => {
    const inside = regions.filter((r) => r.bank === b.id);
    const used = inside.reduce((s, r) => s + r.used, 0);
    // The bank's cache policy is the one over most of it (AXI SRAM: MPU 2, not the 1 KB descriptor overlay).
    const main = inside.reduce<RegionUsage | undefined>(
      (m, r) => (!m || r.length > m.length ? r : m),
      undefined,
    );
    const cache = cacheAt(layout.mpu, layout.banks, main?.origin ?? b.origin);
    return { ...b, used, percent: (used / b.length) * 100, regions: inside.map((r) => r.name), cache };
  });
  const packetPools: PlacedPacketPool[] = layout.packetPools.map((p) => {
    const c = config.packetPools[p.id];
    const item = regions.flatMap((r) => r.items).find((i) => i.id === `packet-pool:${p.id}`);
    const address = item?.address ?? layout.regions.find((r) => r.name === c.region)?.origin ?? 0;
    return {
      id: p.id,
      name: p.name,
      payload: c.payload,
      bytes: c.bytes,
      packets: c.packets,
      region: c.region,
      bank: bankAt(layout.banks, address)?.id,
      address,
      cache: cacheAt(layout.mpu, layout.banks, address),
    };
  });
  return { config, regions, banks, packetPools, warnings: warningsFor(layout, regions, packetPools) };
}

function warningsFor(
  layout: MemoryLayout,
  regions: readonly RegionUsage[],
  pools: readonly PlacedPacketPool[],
): MemoryWarning[] {
  const out: MemoryWarning[] = [];
  for (const r of regions) {
    const where = r.bank ? `${r.name} (${layout.banks.find((b) => b.id === r.bank)?.label})` : r.name;
    if (r.overflow > 0) {
      out.push({
        severity: 'error',
        subject: r.name,
        text: `${where} overflows by ${r.overflow.toLocaleString('en-US')} bytes: the link fails ("region \`${r.name}' overflowed").`,
      });
    } else if (r.percent >= 90 && r.items.length > 1 && r.items.some((i) => i.kind === 'packet-pool')) {
      out.push({
        severity: 'warning',
        subject: r.name,
        text: `${where} is ${r.percent.toFixed(1)} % full: almost no room is left, so one more buffer or a few more packets in a pool will make the link fail.`,
      });
    }
  }
  for (const p of pools) {
    const spec = layout.packetPools.find((s) => s.id === p.id);
    if (!spec?.dmaFed) continue;
    const bank = layout.banks.find((b) => b.id === p.bank);
    const short = spec.short.charAt(0).toUpperCase() + spec.short.slice(1);
    if (bank && !bank.ethDmaReachable) {
      out.push({
        severity: 'error',
        subject: spec.name,
        text: `${short} is in ${bank.label}: the Ethernet DMA cannot reach ${bank.label}, so its packets can never be sent.`,
      });
      continue;
    }
    if (isCached(p.cache.policy)) {
      const mpu =
        p.cache.region !== undefined ? ` (MPU region ${p.cache.region}, ${policyLabel(p.cache.policy)})` : '';
      out.push({
        severity: 'warning',
        subject: spec.name,
        text: `${short} is in cached ${bank?.label.replace(/ cached$/, '') ?? 'memory'}: Ethernet DMA may read stale data${mpu}. Clean the D-cache before transmit, or move it to non-cacheable memory.`,
      });
    }
    if (bank?.octospi && p.id !== 'ftp') {
      out.push({
        severity: 'warning',
        subject: spec.name,
        text: `${short} is in PSRAM behind OCTOSPI: when bursts of small packets share that bus, web pages arrive corrupted and the DMA stalls. Keep it in AXI SRAM.`,
      });
    } else if (bank?.octospi && !isCached(p.cache.policy)) {
      out.push({
        severity: 'info',
        subject: spec.name,
        text: `${short} is in uncached PSRAM: no stale-data risk, and FTP's long sequential transfers work well through OCTOSPI.`,
      });
    }
  }
  return out;
}

/** Share of a region in per cent, for display with two decimals as the Build Analyzer shows it. */
export function formatPercent(percent: number): string {
  return `${percent.toFixed(2)} %`;
}

/** Bytes as the Build Analyzer writes them: "148.02 KB", "500 KB", "512 B". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / 1024 / 1024).toFixed(2)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(2)} KB`;
  return `${n} B`;
}

/** "0x24000A00". */
export function hex(address: number, digits = 8): string {
  return `0x${address.toString(16).toUpperCase().padStart(digits, '0')}`;
}
