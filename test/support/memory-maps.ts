// Big GNU ld map files for the memory import's limits (docs/architecture.md §12.5), made up in memory.

/** What a made-up map holds. */
export interface BigMapShape {
  /** Regions in the Memory Configuration table, 4 KiB each from 0x20000000. */
  readonly regions: number;
  /** Output sections, 16 bytes each per input, spread over the regions in turn. */
  readonly sections: number;
  /** Input sections per output section. */
  readonly inputsPerSection?: number;
  /** Directory of the object files, written before each "objN.o" (a Windows one doubles when JSON-escaped). */
  readonly objectDir?: string;
}

/** Origin of region `k` of a made-up map. */
export const regionOrigin = (k: number) => 0x2000_0000 + k * 0x1000;

const hex = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;

/**
 * A map as arm-none-eabi-ld writes it: output section `.sJ` sits in region `R(J mod regions)`, at an offset that
 * keeps it inside, with its inputs `.text.sJ_I` from `<objectDir>objJ.o` one after another.
 */
export function bigMap(shape: BigMapShape): string {
  const inputs = shape.inputsPerSection ?? 1;
  const dir = shape.objectDir ?? '';
  const out: string[] = ['Memory Configuration', '', 'Name Origin Length Attributes'];
  for (let k = 0; k < shape.regions; k++) out.push(`R${k} ${hex(regionOrigin(k))} 0x00001000 xrw`);
  out.push('*default* 0x00000000 0xffffffff', '', 'Linker script and memory map', '');
  const perRegion = Math.ceil(shape.sections / shape.regions);
  const slot = Math.max(16 * inputs, Math.floor(0x1000 / perRegion / 16) * 16);
  for (let j = 0; j < shape.sections; j++) {
    const at = regionOrigin(j % shape.regions) + Math.floor(j / shape.regions) * slot;
    out.push(`.s${j} ${hex(at)} ${hex(16 * inputs)}`);
    for (let i = 0; i < inputs; i++) out.push(` .text.s${j}_${i} ${hex(at + 16 * i)} 0x10 ${dir}obj${j}.o`);
  }
  out.push('');
  return out.join('\n');
}

/** The map of issue 22: 85,000 regions and 85,000 sections in 3.4 MB, which once took the core 46 s to match. */
export function pathologicalMap(): string {
  const out: string[] = ['Memory Configuration', '', 'Name Origin Length Attributes'];
  for (let k = 0; k < 85_000; k++) out.push(`R${k} 0x${k.toString(16)}0 0x10`);
  out.push('', 'Linker script and memory map', '');
  for (let j = 0; j < 85_000; j++) out.push(`.s${j} 0x${(84_999 - j).toString(16)}0 0x8`);
  return out.join('\n');
}
