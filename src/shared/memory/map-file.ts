// GNU ld map file (-Wl,-Map=...): the "Memory Configuration" table and the placement of output and input sections,
// the two things STM32CubeIDE's Build Analyzer shows. Pure; object paths are cut to their file names so no host
// path leaves the parser. Counts are bounded (limits.ts) and the parse pauses every few thousand lines (steps.ts).
import {
  ADDRESS_SPACE,
  LINES_PER_STEP,
  MAX_INPUT_SECTIONS,
  MAX_OUTPUT_SECTIONS,
  MAX_REGIONS,
} from './limits';
import { ParseError } from './linker-script';
import { RegionIndex } from './region-index';
import { runSteps, type Steps } from './steps';
import type { LinkerRegion } from './types';

/** A symbol the map lists inside an input section. */
export interface MapSymbol {
  readonly name: string;
  readonly address: number;
}

/** One input section (`.text.main  0x08000100  0x40 main.o`), or a `*fill*` gap. */
export interface InputSection {
  readonly name: string;
  readonly address: number;
  readonly size: number;
  /** Object file name without directories, e.g. "main.o" or "libc_nano.a(lib_a-memset.o)". */
  readonly object: string;
  readonly fill: boolean;
  readonly symbols: readonly MapSymbol[];
}

/** One output section and what went into it. */
export interface OutputSection {
  readonly name: string;
  readonly address: number;
  readonly size: number;
  /** Load address when it differs from the run address (.data copied from FLASH). */
  readonly loadAddress?: number;
  /** Memory region holding the run address, if any. */
  readonly region?: string;
  /** Region of the load address when it differs. */
  readonly loadRegion?: string;
  readonly line: number;
  readonly inputs: readonly InputSection[];
}

/** What a map file says about a build. */
export interface MapFile {
  readonly regions: readonly LinkerRegion[];
  /** Output sections that occupy target memory (debug and other non-alloc sections are left out). */
  readonly sections: readonly OutputSection[];
}

/** Sections that never occupy target memory, even though the map gives them address 0. */
const NON_ALLOC = /^\.(debug|comment|ARM\.attributes|stab|gnu\.attributes|note)/;
const HEX = /^0x[0-9a-fA-F]+$/;
const num = (w: string) => Number.parseInt(w.slice(2), 16);

/** Cuts a path to its last component, keeping an archive member: "/usr/lib/…/libc.a(memset.o)" → "libc.a(memset.o)". */
export function objectName(path: string): string {
  const m = /^(.*?)(\([^()]*\))?$/.exec(path.trim())!;
  const file = m[1]!.split(/[\\/]/).pop() ?? m[1]!;
  return file + (m[2] ?? '');
}

function parseMemoryConfiguration(lines: string[], start: number): { regions: LinkerRegion[]; end: number } {
  let i = start + 1;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  if (!/^Name\s+Origin\s+Length/.test(lines[i] ?? ''))
    throw new ParseError(
      'map-file',
      i + 1,
      'expected the "Name Origin Length Attributes" header under "Memory Configuration".',
    );
  i++;
  const regions: LinkerRegion[] = [];
  for (; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') break;
    const cols = raw.trim().split(/\s+/);
    if (cols.length < 3 || !HEX.test(cols[1]!) || !HEX.test(cols[2]!)) {
      throw new ParseError(
        'map-file',
        i + 1,
        `"${raw.trim().slice(0, 80)}" is not a "name origin length [attributes]" row.`,
      );
    }
    if (cols[0] === '*default*') continue;
    const origin = num(cols[1]!);
    const length = num(cols[2]!);
    if (origin >= ADDRESS_SPACE || length > ADDRESS_SPACE || origin + length > ADDRESS_SPACE)
      throw new ParseError(
        'map-file',
        i + 1,
        `region ${cols[0]} does not fit in the 32-bit address space (origin ${cols[1]}, length ${cols[2]}).`,
      );
    if (regions.length === MAX_REGIONS)
      throw new ParseError(
        'map-file',
        i + 1,
        `the Memory Configuration table lists more than ${MAX_REGIONS} regions, more than the import takes.`,
      );
    regions.push({ name: cols[0]!, origin, length, attributes: cols[3] ?? '' });
  }
  if (regions.length === 0)
    throw new ParseError('map-file', i + 1, 'the Memory Configuration table lists no regions.');
  return { regions, end: i };
}

/** The file's lines, as `text.split(/\r?\n/)` gives them, cut a slice at a time (a map may be 3.5 million lines). */
function* splitLines(text: string): Steps<string[]> {
  const lines: string[] = [];
  for (let at = 0; at <= text.length;) {
    const newline = text.indexOf('\n', at);
    const end = newline < 0 ? text.length : newline;
    lines.push(text.slice(at, newline > at && text[newline - 1] === '\r' ? end - 1 : end));
    at = end + 1;
    if (lines.length % (LINES_PER_STEP * 8) === 0) yield;
  }
  return lines;
}

/** Index of the first line from `from` whose trimmed text is `title`, or -1; pauses as it goes. */
function* findLine(lines: readonly string[], from: number, title: string): Steps<number> {
  for (let k = from; k < lines.length; k++) {
    if (lines[k]!.trim() === title) return k;
    if (k % (LINES_PER_STEP * 8) === 0) yield;
  }
  return -1;
}

interface Building {
  name: string;
  address: number;
  size: number;
  loadAddress?: number;
  line: number;
  inputs: Array<InputSection & { symbols: MapSymbol[] }>;
}

/** Reads a GNU ld map file. Throws ParseError naming the line when the file is not one or a row is malformed. */
export function parseMapFile(text: string): MapFile {
  return runSteps(parseMapFileSteps(text));
}

/** `parseMapFile` in slices (see steps.ts). */
export function* parseMapFileSteps(text: string): Steps<MapFile> {
  const lines = yield* splitLines(text);
  const memAt = yield* findLine(lines, 0, 'Memory Configuration');
  if (memAt < 0)
    throw new ParseError(
      'map-file',
      1,
      'no "Memory Configuration" table: is this a GNU ld map file (made with -Wl,-Map=...)?',
    );
  const { regions, end } = parseMemoryConfiguration(lines, memAt);
  const mapAt = yield* findLine(lines, end, 'Linker script and memory map');
  if (mapAt < 0)
    throw new ParseError(
      'map-file',
      lines.length,
      'no "Linker script and memory map" part after the Memory Configuration table.',
    );

  const sections: Building[] = [];
  let current: Building | undefined;
  let pendingOut: { name: string; line: number } | undefined;
  let pendingIn: string | undefined;
  let inputCount = 0;

  const addInput = (name: string, cols: string[], k: number) => {
    if (!current) return;
    if (!HEX.test(cols[0]!) || !HEX.test(cols[1] ?? ''))
      throw new ParseError('map-file', k + 1, `input section ${name} has no "address size" pair.`);
    if (++inputCount > MAX_INPUT_SECTIONS)
      throw new ParseError(
        'map-file',
        k + 1,
        `the map lists more than ${MAX_INPUT_SECTIONS.toLocaleString('en')} input sections, more than the import takes.`,
      );
    current.inputs.push({
      name,
      address: num(cols[0]!),
      size: num(cols[1]!),
      object: objectName(cols.slice(2).join(' ')),
      fill: name === '*fill*',
      symbols: [],
    });
  };
  const addOutput = (name: string, cols: string[], k: number, line: number) => {
    if (!HEX.test(cols[0]!) || !HEX.test(cols[1] ?? ''))
      throw new ParseError('map-file', k + 1, `output section ${name} has no "address size" pair.`);
    const load = /load address (0x[0-9a-fA-F]+)/.exec(cols.join(' '));
    current = {
      name,
      address: num(cols[0]!),
      size: num(cols[1]!),
      loadAddress: load ? num(load[1]!) : undefined,
      line,
      inputs: [],
    };
    sections.push(current);
  };

  for (let k = mapAt + 1; k < lines.length; k++) {
    if ((k - mapAt) % LINES_PER_STEP === 0) yield;
    const raw = lines[k]!;
    if (raw.trim() === '') {
      pendingOut = undefined;
      pendingIn = undefined;
      continue;
    }
    if (/^(OUTPUT|LOAD|START GROUP|END GROUP|Cross Reference|Archive member)/.test(raw)) {
      current = undefined;
      continue;
    }
    const cols = raw.trim().split(/\s+/);
    if (pendingOut) {
      const p = pendingOut;
      pendingOut = undefined;
      if (HEX.test(cols[0]!)) {
        addOutput(p.name, cols, k, p.line);
        continue;
      }
    }
    if (pendingIn) {
      const name = pendingIn;
      pendingIn = undefined;
      if (HEX.test(cols[0]!) && HEX.test(cols[1] ?? '')) {
        addInput(name, cols, k);
        continue;
      }
    }
    if (/^[^\s*]/.test(raw) && !raw.includes('=')) {
      // An output section at column 0: "name addr size [load address x]" or "name" alone (address on the next line).
      if (raw.startsWith('/DISCARD/')) {
        current = undefined;
        continue;
      }
      if (cols.length === 1) pendingOut = { name: cols[0]!, line: k + 1 };
      else addOutput(cols[0]!, cols.slice(1), k, k + 1);
      continue;
    }
    if (/^ [^\s*]/.test(raw) || raw.startsWith(' *fill*')) {
      // An input section at column 1: " name addr size object" or " name" alone (the rest on the next line).
      if (
        cols[0]!.startsWith('*(') ||
        cols[0]!.includes('(*') ||
        !/^[.*A-Za-z_]/.test(cols[0]!) ||
        raw.includes('=')
      )
        continue;
      if (cols.length === 1) pendingIn = cols[0]!;
      else addInput(cols[0]!, cols.slice(1), k);
      continue;
    }
    if (/^\s+0x[0-9a-fA-F]+\s+[A-Za-z_$][\w$.]*\s*$/.test(raw) && current) {
      // A symbol: "                0x24000a00                emmc_test_buf".
      const last = current.inputs[current.inputs.length - 1];
      if (last && last.symbols.length < 64) last.symbols.push({ name: cols[1]!, address: num(cols[0]!) });
    }
  }
  const index = new RegionIndex(regions);
  const placed: OutputSection[] = [];
  for (const [k, s] of sections.entries()) {
    if (k % LINES_PER_STEP === 0) yield;
    const region = index.find(s.address, s.size);
    if (region === undefined || NON_ALLOC.test(s.name)) continue;
    if (placed.length === MAX_OUTPUT_SECTIONS)
      throw new ParseError(
        'map-file',
        s.line,
        `the map places more than ${MAX_OUTPUT_SECTIONS.toLocaleString('en')} output sections in memory, more than the import takes.`,
      );
    const loaded = s.loadAddress !== undefined && s.loadAddress !== s.address ? s.loadAddress : undefined;
    placed.push({
      name: s.name,
      address: s.address,
      size: s.size,
      loadAddress: loaded,
      region,
      loadRegion: loaded !== undefined ? index.find(loaded, s.size) : undefined,
      line: s.line,
      inputs: s.inputs,
    });
  }
  return { regions, sections: placed };
}
