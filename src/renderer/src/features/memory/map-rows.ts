// Turns a model's usage or an imported build into rows of the region map: one bank (or region) per row, with the
// placements drawn at their addresses.
import type { ImportedBuild } from '../../../../shared/memory/import';
import type { OutputSection } from '../../../../shared/memory/map-file';
import { policyLabel } from '../../../../shared/memory/mpu';
import type { BankId } from '../../../../shared/memory/types';
import { formatBytes, formatPercent, type MemoryUsage } from '../../../../shared/memory/usage';
import { errorColor, kindColor, usageColor, warnColor } from './colors';

/** One drawn piece of a row. */
export interface MapSegment {
  readonly id: string;
  readonly label: string;
  readonly address: number;
  readonly size: number;
  readonly color: string;
  readonly detail: string;
  readonly flagged?: 'warning' | 'error';
}

/** One row of the map. */
export interface MapRow {
  readonly id: string;
  readonly label: string;
  readonly origin: number;
  readonly length: number;
  /** Figure on the right, e.g. "46.62 % of RAM". */
  readonly figure: string;
  readonly percent?: number;
  readonly figureColor?: string;
  /** Second line on the right, e.g. "non-cacheable · MPU 2". */
  readonly note: string;
  readonly segments: readonly MapSegment[];
  /** Linker regions inside the row, outlined. */
  readonly marks: readonly { readonly name: string; readonly origin: number; readonly length: number }[];
}

/** Banks the map shows, in address order (ITCM and backup SRAM are empty in this firmware and left out). */
export const MAP_BANKS: readonly BankId[] = [
  'flash',
  'dtcm',
  'axi',
  'sram1',
  'sram2',
  'sram4',
  'psram-cached',
  'psram-uncached',
];

/** Rows for the firmware model (as built or a what-if). */
export function modelRows(usage: MemoryUsage): MapRow[] {
  const flagged = new Map<string, 'warning' | 'error'>();
  for (const w of usage.warnings)
    if (w.severity !== 'info')
      flagged.set(w.subject, w.severity === 'error' ? 'error' : (flagged.get(w.subject) ?? 'warning'));
  return MAP_BANKS.flatMap((id) => {
    const bank = usage.banks.find((b) => b.id === id);
    if (!bank) return [];
    const regions = usage.regions.filter((r) => r.bank === id);
    const segments: MapSegment[] = regions.flatMap((r) =>
      r.items.map((item) => {
        const flag = flagged.get(item.label) ?? (r.overflow > 0 ? 'error' : undefined);
        return {
          id: item.id,
          label: item.label,
          address: item.address ?? r.origin,
          size: item.size,
          color: flag === 'error' ? errorColor : flag === 'warning' ? warnColor : kindColor[item.kind],
          detail: `${item.label}: ${formatBytes(item.size)} at 0x${(item.address ?? r.origin).toString(16).toUpperCase()} in ${r.name}${item.section ? ` (${item.section})` : ''}${item.confidence === 'derived' ? ' — reconstructed figure' : ''}`,
          flagged: flag,
        };
      }),
    );
    // The article's figure for AXI SRAM is the linker region RAM; elsewhere the bank's share.
    const ram = id === 'axi' ? usage.regions.find((r) => r.name === 'RAM') : undefined;
    const percent = ram ? ram.percent : bank.percent;
    const unknown =
      id === 'flash' ? 'code: import the .map' : id === 'dtcm' ? '.data/.bss: import the .map' : undefined;
    const cache = `${policyLabel(bank.cache.policy)}${bank.cache.region !== undefined ? ` · MPU ${bank.cache.region}` : ''}`;
    return [
      {
        id,
        label: bank.label,
        origin: bank.origin,
        length: bank.length,
        figure: ram
          ? `${formatPercent(percent)} of RAM`
          : id === 'flash'
            ? 'code size unknown'
            : unknown
              ? `≥ ${formatBytes(bank.used)}`
              : formatPercent(percent),
        percent,
        figureColor: id === 'flash' ? '#90A4AE' : usageColor(percent),
        note: unknown ? `${cache} · ${unknown}` : cache,
        segments,
        marks: regions.map((r) => ({ name: r.name, origin: r.origin, length: r.length })),
      },
    ];
  });
}

/**
 * Sections drawn in one row at most, and in the whole map: a map may place 10,000 in 256 regions
 * (docs/architecture.md §12.5), and a bar a few hundred pixels wide shows a few dozen. The largest are drawn and
 * the row says how many more it holds.
 */
export const MAX_DRAWN_SECTIONS = 32;
const MAX_DRAWN_IN_MAP = 1_024;

/** Rows for an imported build: one per linker region that holds something, sections drawn by address. */
export function importRows(build: ImportedBuild): MapRow[] {
  // One pass over the sections, not one per region.
  const byRegion = new Map<string, OutputSection[]>();
  for (const s of build.sections) {
    if (s.region === undefined) continue;
    const list = byRegion.get(s.region);
    if (list) list.push(s);
    else byRegion.set(s.region, [s]);
  }
  const shown = build.regions.filter((r) => !build.from.mapFile || (r.used ?? 0) > 0);
  const perRow = Math.min(MAX_DRAWN_SECTIONS, Math.max(4, Math.floor(MAX_DRAWN_IN_MAP / shown.length)));
  return shown.map((r) => {
    const all = byRegion.get(r.name) ?? [];
    const drawn =
      all.length > perRow
        ? [...all]
            .sort((a, b) => b.size - a.size)
            .slice(0, perRow)
            .sort((a, b) => a.address - b.address)
        : all;
    const notDrawn = all.length - drawn.length;
    const segments: MapSegment[] = drawn.map((s) => ({
      id: `${r.name}:${s.name}`,
      label: s.name,
      address: s.address,
      size: s.size,
      color: /^\.(text|isr|rodata)/.test(s.name)
        ? '#4DB6AC'
        : /bss|heap|stack/.test(s.name)
          ? '#546E7A'
          : kindColor['packet-pool'],
      detail: `${s.name}: ${formatBytes(s.size)} at 0x${s.address.toString(16).toUpperCase()}${s.inputs.length ? ` · ${s.inputs.filter((i) => !i.fill).length} input sections` : ''}`,
    }));
    const percent = r.percent;
    // A region sized to hold exactly one section (Mem_TxPool ← .TxPoolSection) is full by design, not in trouble.
    const fitted = segments.length === 1 && percent !== undefined && Math.abs(percent - 100) < 0.01;
    return {
      id: r.name,
      label: r.name,
      origin: r.origin,
      length: r.length,
      figure: percent !== undefined ? formatPercent(percent) : formatBytes(r.length),
      percent,
      figureColor: fitted ? '#4FC3F7' : percent !== undefined ? usageColor(percent) : undefined,
      note: fitted
        ? 'sized to its one section'
        : r.used !== undefined
          ? `${formatBytes(r.used)} of ${formatBytes(r.length)}${notDrawn ? ` · ${notDrawn} smaller sections not drawn` : ''}`
          : `${r.attributes || 'no attributes'} · no map loaded`,
      segments,
      marks: [],
    };
  });
}
