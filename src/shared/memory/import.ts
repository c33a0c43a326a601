// A user's own build, as the Build Analyzer shows it: the regions (from the linker script or the map's Memory
// Configuration) with their use, and the output sections placed in them.
import { ParseError, parseLinkerScriptSteps } from './linker-script';
import { parseMapFileSteps, type OutputSection } from './map-file';
import { runSteps, type Steps } from './steps';
import type { LinkerRegion } from './types';

/** One region of an imported build with what the map placed in it. */
export interface ImportedRegion extends LinkerRegion {
  /** Bytes of output sections run here, plus load images stored here (.data in FLASH). Undefined without a map. */
  readonly used?: number;
  readonly percent?: number;
  readonly sections: readonly string[];
}

/** The analysed build. */
export interface ImportedBuild {
  readonly from: { readonly linkerScript: boolean; readonly mapFile: boolean };
  readonly regions: readonly ImportedRegion[];
  /** Output sections with a non-zero size, by address. */
  readonly sections: readonly OutputSection[];
  /** Differences between the two files, in words. */
  readonly notes: readonly string[];
}

/** Parses what the user picked. Throws ParseError (with file and line) when either file cannot be read. */
export function analyzeImport(files: ImportFiles): ImportedBuild {
  return runSteps(analyzeImportSteps(files));
}

/** The text of the files picked. */
export interface ImportFiles {
  readonly linkerScript?: string;
  readonly mapFile?: string;
}

/**
 * `analyzeImport` in slices (see steps.ts). Every step is linear in the files' size: regions are matched by name
 * and sections grouped by region in one pass each, not region by section.
 */
export function* analyzeImportSteps(files: ImportFiles): Steps<ImportedBuild> {
  if (files.linkerScript === undefined && files.mapFile === undefined) {
    throw new ParseError(
      'linker-script',
      1,
      'nothing to import: pick a linker script (.ld), a map file (.map), or both.',
    );
  }
  const ld = files.linkerScript !== undefined ? yield* parseLinkerScriptSteps(files.linkerScript) : undefined;
  const map = files.mapFile !== undefined ? yield* parseMapFileSteps(files.mapFile) : undefined;
  const notes: string[] = [];
  if (ld && map) {
    const mapRegions = new Map(map.regions.map((x) => [x.name, x]));
    for (const r of ld.regions) {
      const m = mapRegions.get(r.name);
      if (!m)
        notes.push(
          `Region ${r.name} is in the linker script but not in the map: was the map made with another script?`,
        );
      else if (m.origin !== r.origin || m.length !== r.length)
        notes.push(
          `Region ${r.name} differs: the script says ${r.length} B at 0x${r.origin.toString(16)}, the map ${m.length} B at 0x${m.origin.toString(16)}.`,
        );
    }
  }
  const base = ld?.regions ?? map!.regions;
  const sections = (map?.sections ?? []).filter((s) => s.size > 0).sort((a, b) => a.address - b.address);
  // Each section counts where it runs and, when it has a load image elsewhere (.data in FLASH), there too.
  const byRegion = new Map<string, OutputSection[]>();
  const put = (name: string, s: OutputSection) => {
    const list = byRegion.get(name);
    if (list) list.push(s);
    else byRegion.set(name, [s]);
  };
  for (const s of sections) {
    if (s.region !== undefined) put(s.region, s);
    if (s.loadRegion !== undefined && s.loadRegion !== s.region && hasLoadImage(s)) put(s.loadRegion, s);
  }
  const regions: ImportedRegion[] = base.map((r) => {
    if (!map) return { ...r, sections: [] };
    const here = byRegion.get(r.name) ?? [];
    const used = here.reduce((sum, s) => sum + s.size, 0);
    return { ...r, used, percent: (used / r.length) * 100, sections: here.map((s) => s.name) };
  });
  return { from: { linkerScript: !!ld, mapFile: !!map }, regions, sections, notes };
}

/** ld prints a load address for .bss after an AT> section too, but only initialised data has an image to store. */
function hasLoadImage(s: OutputSection): boolean {
  if (/bss|heap|stack|noinit/i.test(s.name)) return false;
  return s.inputs.some((i) => !i.fill && !/^(\.bss|COMMON)/.test(i.name) && i.size > 0);
}
