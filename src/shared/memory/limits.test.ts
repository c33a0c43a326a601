// The limits of a memory import (issue 22, point 3; docs/architecture.md §12.5): each refused with a sentence that
// names the line, never a stack overflow, a NaN region or regions × sections of work.
import { describe, expect, it } from 'vitest';
import { bigMap, pathologicalMap, regionOrigin } from '../../../test/support/memory-maps';
import { analyzeImport } from './import';
import { MAX_EXPRESSION_DEPTH, MAX_INPUT_SECTIONS, MAX_OUTPUT_SECTIONS, MAX_REGIONS } from './limits';
import { parseLinkerScript } from './linker-script';
import { parseMapFile } from './map-file';
import { RegionIndex } from './region-index';

const script = (lines: string[]) => `MEMORY\n{\n${lines.join('\n')}\n}\n`;
const length = (expr: string) => script([`  RAM (xrw) : ORIGIN = 0x24000000, LENGTH = ${expr}`]);

describe('linker script expressions', () => {
  it.each([
    ['10,000 nested parentheses', `${'('.repeat(10_000)}1${')'.repeat(10_000)}`],
    ['20,000 minus signs', `${'- '.repeat(20_000)}1K`],
    ['65 nested parentheses', `${'('.repeat(65)}1K${')'.repeat(65)}`],
  ])('refuses %s with the depth limit and the line, not a stack overflow', (_what, expr) => {
    expect(() => parseLinkerScript(length(expr))).toThrow(
      `Linker script, line 3: the expression is nested deeper than ${MAX_EXPRESSION_DEPTH} levels`,
    );
  });

  it(`still evaluates ${MAX_EXPRESSION_DEPTH} levels of nesting`, () => {
    const deep = `${'('.repeat(MAX_EXPRESSION_DEPTH - 2)}- -320K${')'.repeat(MAX_EXPRESSION_DEPTH - 2)}`;
    expect(parseLinkerScript(length(deep)).regions[0]!.length).toBe(320 * 1024);
  });

  const huge = Array(40).fill('0xFFFFFFFF').join(' * '); // 2^1280: Infinity in floating point
  it.each([
    ['Infinity', huge, /LENGTH Infinity is not a whole number of bytes from 1 to 4 GB/],
    ['NaN', `${huge} - ${huge}`, /LENGTH NaN is not a whole number of bytes/],
    ['2^70', '1024 * 1024 * 1024 * 1024 * 1024 * 1024 * 1024', /LENGTH 1\.18.*e\+21 is not a whole number/],
    ['4 GB + 1', '4096M + 1', /LENGTH 4294967297 is not a whole number/],
  ])('refuses a LENGTH of %s', (_what, expr, reason) => {
    expect(() => parseLinkerScript(length(expr))).toThrow(reason);
  });

  it('refuses an ORIGIN of NaN or past 32 bits, and a region running off the address space', () => {
    expect(() => parseLinkerScript(script([`  A : ORIGIN = ${huge} - ${huge}, LENGTH = 1K`]))).toThrow(
      /line 3: region A: ORIGIN NaN is not an address/,
    );
    expect(() => parseLinkerScript(script(['  A : ORIGIN = 0x100000000, LENGTH = 1K']))).toThrow(
      /ORIGIN 4294967296 is not an address in the 32-bit address space/,
    );
    expect(() => parseLinkerScript(script(['  A : ORIGIN = 0xFFFFFC00, LENGTH = 2K']))).toThrow(
      /runs past the end of the 32-bit address space/,
    );
    expect(parseLinkerScript(script(['  A : ORIGIN = 0xFFFFFC00, LENGTH = 1K'])).regions).toHaveLength(1);
  });

  it(`takes ${MAX_REGIONS} regions and refuses one more, naming its line`, () => {
    const regions = (n: number) =>
      Array.from({ length: n }, (_, k) => `  R${k} : ORIGIN = ${regionOrigin(k)}, LENGTH = 4K`);
    expect(parseLinkerScript(script(regions(MAX_REGIONS))).regions).toHaveLength(MAX_REGIONS);
    expect(() => parseLinkerScript(script(regions(MAX_REGIONS + 1)))).toThrow(
      `Linker script, line ${MAX_REGIONS + 3}: the MEMORY block declares more than ${MAX_REGIONS} regions`,
    );
  });
});

describe('map file counts', () => {
  it('refuses the 85,000-region map of issue 22 at the first region past the limit', () => {
    expect(() => parseMapFile(pathologicalMap())).toThrow(
      `Map file, line ${MAX_REGIONS + 4}: the Memory Configuration table lists more than ${MAX_REGIONS} regions`,
    );
  });

  it('refuses a region row past the 32-bit address space', () => {
    const map = bigMap({ regions: 1, sections: 1 }).replace('0x00001000 xrw', '0xffffffffffffffffffff xrw');
    expect(() => parseMapFile(map)).toThrow(/line 4: region R0 does not fit in the 32-bit address space/);
  });

  it(`refuses more than ${MAX_OUTPUT_SECTIONS.toLocaleString('en')} output sections in memory`, () => {
    const map = bigMap({ regions: 64, sections: MAX_OUTPUT_SECTIONS + 1 });
    expect(() => parseMapFile(map)).toThrow(
      /the map places more than 10,000 output sections in memory, more than the import takes/,
    );
    expect(parseMapFile(bigMap({ regions: 64, sections: MAX_OUTPUT_SECTIONS })).sections).toHaveLength(
      MAX_OUTPUT_SECTIONS,
    );
  });

  it(`refuses more than ${MAX_INPUT_SECTIONS.toLocaleString('en')} input sections`, () => {
    const map = bigMap({ regions: 16, sections: 5_001, inputsPerSection: 20 });
    expect(() => parseMapFile(map)).toThrow(/line \d+: the map lists more than 100,000 input sections/);
  });
});

describe('matching sections to regions', () => {
  it(`places every section of ${MAX_REGIONS} regions × ${MAX_OUTPUT_SECTIONS.toLocaleString('en')} sections in its region`, () => {
    const build = analyzeImport({ mapFile: bigMap({ regions: MAX_REGIONS, sections: MAX_OUTPUT_SECTIONS }) });
    expect(build.regions).toHaveLength(MAX_REGIONS);
    expect(build.sections).toHaveLength(MAX_OUTPUT_SECTIONS);
    for (const s of build.sections) expect(s.region).toBe(`R${Number(s.name.slice(2)) % MAX_REGIONS}`);
    for (const [k, r] of build.regions.entries()) {
      const expected: string[] = [];
      for (let j = k; j < MAX_OUTPUT_SECTIONS; j += MAX_REGIONS) expected.push(`.s${j}`);
      expect(r.sections).toEqual(expected);
      expect(r.used).toBe(expected.length * 16);
    }
  });

  it('looks at about log2(regions) regions per section, not every region', () => {
    const regions = Array.from({ length: MAX_REGIONS }, (_, k) => ({
      name: `R${k}`,
      origin: regionOrigin(k),
      length: 0x1000,
      attributes: '',
    }));
    const index = new RegionIndex(regions);
    for (let j = 0; j < 10_000; j++)
      expect(index.find(regionOrigin(j % MAX_REGIONS) + 8, 8)).toBe(`R${j % MAX_REGIONS}`);
    // 2 × 256 cut points: 10 binary-search steps at most, plus the one region covering the address.
    expect(index.probes).toBeLessThanOrEqual(10_000 * 11);
  });

  it('keeps ld’s choice where regions overlap: the first holding the whole section, else the first holding its start', () => {
    const r = (name: string, origin: number, length: number) => ({ name, origin, length, attributes: '' });
    const index = new RegionIndex([
      r('SMALL', 0x100, 0x10),
      r('BIG', 0x000, 0x1000),
      r('ALIAS', 0x100, 0x10),
    ]);
    expect(index.find(0x100, 8)).toBe('SMALL');
    expect(index.find(0x108, 0x20)).toBe('BIG');
    expect(index.find(0x0ff0, 0x100)).toBe('BIG');
    expect(index.find(0x1000, 1)).toBeUndefined();
    const disjoint = new RegionIndex([r('A', 0x100, 0x10), r('B', 0x200, 0x10)]);
    expect(disjoint.find(0x10c, 0x100)).toBe('A');
    expect(disjoint.find(0x180, 1)).toBeUndefined();
    expect(disjoint.find(0x0, 1)).toBeUndefined();
  });
});

describe('linker script size', () => {
  it('refuses a MEMORY block of more than 50,000 words and signs, and does not read past the block', () => {
    const long = `MEMORY\n{\n  A : ORIGIN = 0, LENGTH = ${'1+'.repeat(30_000)}1\n}\n`;
    expect(() => parseLinkerScript(long)).toThrow(
      'Linker script, line 3: the MEMORY block is longer than 50,000 words and signs, more than the import takes.',
    );
    // An unclosed comment after the block is past what the import reads.
    expect(
      parseLinkerScript(`${script(['  A : ORIGIN = 0, LENGTH = 1K'])}SECTIONS { /* open`).regions,
    ).toHaveLength(1);
  });
});
