import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { regions as firmwareRegions } from '../../src/shared/memory/firmware-layout';
import { ParseError, parseLinkerScript } from '../../src/shared/memory/linker-script';
import { parseMapFile, type MapFile } from '../../src/shared/memory/map-file';
import { analyzeImport } from '../../src/shared/memory/import';

const fixtures = resolve(__dirname, '../fixtures/memory');

/** Why the fixture cannot be rebuilt here, or undefined when it can (arm-none-eabi-gcc with newlib). */
const toolchainMissing = ((): string | undefined => {
  const headers = spawnSync('arm-none-eabi-gcc', ['-E', '-x', 'c', '-', '-o', '/dev/null'], {
    input: '#include <string.h>\n',
  });
  if (headers.error) return 'arm-none-eabi-gcc is not installed (Debian: gcc-arm-none-eabi)';
  // make.sh includes <string.h> and links with --specs=nano.specs: both come with newlib.
  const specs = spawnSync('arm-none-eabi-gcc', ['-print-file-name=nano.specs'], { encoding: 'utf8' });
  if (headers.status !== 0 || !specs.stdout.trim().startsWith('/'))
    return 'arm-none-eabi-gcc has no C library (Debian: libnewlib-arm-none-eabi)';
  return undefined;
})();
const read = (name: string) => readFileSync(join(fixtures, name), 'utf8');

function parseError(fn: () => unknown): ParseError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  }
  throw new Error('expected a ParseError');
}

/** The checks a map made from pools.c + nucleo-mem.ld must pass, committed or freshly built. */
function checkPoolsMap(map: MapFile): void {
  const shape = (r: { name: string; origin: number; length: number }) => ({
    name: r.name,
    origin: r.origin,
    length: r.length,
  });
  expect(map.regions.map(shape)).toEqual(firmwareRegions.map(shape)); // ld rewrites attributes ("rx" → "xr")
  const byName = new Map(map.sections.map((s) => [s.name, s]));
  const dma = byName.get('.dma_buffer')!;
  expect(dma).toMatchObject({ address: 0x24000a00, size: 151568, region: 'RAM' });
  expect(dma.inputs.map((i) => i.object)).toEqual(['pools.o']);
  expect(dma.inputs[0]!.symbols.map((s) => s.name).sort()).toEqual(
    [
      'emmc_test_buf',
      'eth_packet_pool_buffer',
      'fx_mmc_media_memory',
      'nx_http_server_pool',
      'nx_ws_server_pool',
    ].sort(),
  );
  expect(byName.get('.TxPoolSection')).toMatchObject({
    address: 0x90000000,
    size: 512000,
    region: 'Mem_TxPool',
  });
  expect(byName.get('.Nx_FTP_ServerPoolSection')).toMatchObject({
    address: 0x90177000,
    size: 102400,
    region: 'Mem_FTP_Server',
  });
  const data = byName.get('.data')!;
  expect(data).toMatchObject({ region: 'DTCMRAM', loadRegion: 'FLASH' });
  const text = byName.get('.text')!;
  expect(text.region).toBe('FLASH');
  expect(text.inputs.map((i) => i.name)).toEqual(
    expect.arrayContaining(['.text.touch', '.text.pools_touch_all', '.text.Reset_Handler']),
  );
  expect(text.inputs.find((i) => i.name === '.text')!.object).toMatch(/^libc_nano\.a\(.*memset\.o\)$/);
  const heap = byName.get('._user_heap_stack')!;
  expect(heap.inputs.filter((i) => i.fill).reduce((s, i) => s + i.size, 0)).toBe(0x600);
  // No host path leaves the parser, and no debug section is counted as placed.
  expect(JSON.stringify(map)).not.toMatch(/\/usr\/|\/work\/|\/tmp\//);
  expect(map.sections.some((s) => s.name.startsWith('.debug') || s.name === '.ARM.attributes')).toBe(false);
}

describe('linker script MEMORY block', () => {
  it('reads the firmware MEMORY block, K suffixes and "0x24000000 + 0xA00" included', () => {
    const ld = parseLinkerScript(read('nucleo-mem.ld'));
    expect(ld.regions).toEqual(firmwareRegions);
    expect(ld.lines.RAM).toBe(18);
  });

  it('evaluates ORIGIN()/LENGTH() of earlier regions, M suffixes, org/len and parentheses', () => {
    const ld = parseLinkerScript(
      'MEMORY {\n A (rx) : ORIGIN = 0x90000000, LENGTH = 4M\n B : org = ORIGIN(A) + LENGTH(A), len = (2 * 512K) - 0x400\n}',
    );
    expect(ld.regions[1]).toMatchObject({
      name: 'B',
      origin: 0x90400000,
      length: 1024 * 1024 - 1024,
      attributes: '',
    });
  });

  it.each([
    ['SECTIONS { }', 1, /no MEMORY/],
    [
      'MEMORY\n{\n  FLASH (rx) : ORIGIN = 0x08000000 LENGTH = 1M\n}',
      3,
      /expected "," between ORIGIN and LENGTH of FLASH, found "LENGTH"/,
    ],
    ['MEMORY\n{\n  RAM : ORIGIN = 0x24000000,\n  LENGTH = 320Q\n}', 4, /"320Q" is not a number/],
    ['MEMORY\n{\n  A : ORIGIN = 0, LENGTH = 1K\n  A : ORIGIN = 0, LENGTH = 1K\n}', 4, /declared twice/],
    [
      'MEMORY\n{\n  B : ORIGIN = ORIGIN(NOPE), LENGTH = 1K\n}',
      3,
      /ORIGIN\(NOPE\) names a region not declared/,
    ],
    ['/* header\n */\nMEMORY\n{\n  A : ORIGIN = 0, LENGTH = 1K\n', 5, /never closed/],
    ['MEMORY { /* open', 1, /comment is never closed/],
  ])('rejects bad input with the line: %#', (text, line, reason) => {
    const err = parseError(() => parseLinkerScript(text));
    expect(err.line).toBe(line);
    expect(err.message).toMatch(reason);
    expect(err.message).toMatch(new RegExp(`^Linker script, line ${line}: `));
  });
});

describe('GNU ld map file', () => {
  it('reads the committed map made by arm-none-eabi-gcc from pools.c', () => {
    checkPoolsMap(parseMapFile(read('nucleo-mem.map')));
  });

  // The committed fixture above still holds the parser to a real map; this half needs the compiler and its C
  // library (.ci/install-deps installs both, so CI always runs it). Compiling and linking are child processes that
  // a loaded machine slows many times over, hence the test's own timeout.
  it.skipIf(toolchainMissing)(
    `regenerates the map with arm-none-eabi-gcc and reads the fresh output the same way${toolchainMissing ? ` (skipped: ${toolchainMissing})` : ''}`,
    { timeout: 60_000 },
    () => {
      const out = mkdtempSync(join(tmpdir(), 'memmap-'));
      try {
        execFileSync('sh', [join(fixtures, 'make.sh'), out], { stdio: 'pipe' });
        const fresh = readFileSync(join(out, 'nucleo-mem.map'), 'utf8');
        checkPoolsMap(parseMapFile(fresh));
        expect(fresh).toBe(read('nucleo-mem.map'));
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
  );

  it.each([
    ['just some text\nand more', 1, /no "Memory Configuration" table/],
    [
      'Memory Configuration\n\nName Origin Length Attributes\nFLASH 0x08000000 lots xr\n',
      4,
      /"FLASH 0x08000000 lots xr" is not a "name origin length/,
    ],
    ['Memory Configuration\n\nOrigin Name\n', 3, /expected the "Name Origin Length Attributes" header/],
    [
      'Memory Configuration\n\nName Origin Length Attributes\nFLASH 0x08000000 0x00100000 xr\n\nLinker script and memory map\n\n.text 0x08000000\n',
      8,
      /output section \.text has no "address size" pair/,
    ],
    [
      'Memory Configuration\n\nName Origin Length Attributes\nFLASH 0x08000000 0x00100000 xr\n',
      5,
      /no "Linker script and memory map"/,
    ],
  ])('rejects bad input with the line: %#', (text, line, reason) => {
    const err = parseError(() => parseMapFile(text));
    expect(err.line).toBe(line);
    expect(err.message).toMatch(reason);
  });
});

describe('import of a build', () => {
  it('gives each region its use as the Build Analyzer does (.data counted in DTCM and in FLASH)', () => {
    const build = analyzeImport({ linkerScript: read('nucleo-mem.ld'), mapFile: read('nucleo-mem.map') });
    const ram = build.regions.find((r) => r.name === 'RAM')!;
    expect(ram.used).toBe(151568);
    expect(ram.percent!.toFixed(2)).toBe('46.62');
    const flash = build.regions.find((r) => r.name === 'FLASH')!;
    expect(flash.sections).toEqual(['.isr_vector', '.text', '.data']);
    expect(build.notes).toEqual([]);
  });

  it('names the file and line of a bad map', () => {
    expect(() => analyzeImport({ mapFile: 'hello' })).toThrow(/^Map file, line 1: /);
    expect(() => analyzeImport({})).toThrow(/nothing to import/);
  });
});
