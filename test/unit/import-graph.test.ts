// The shape of the import graph (docs/architecture.md): no circle of imports through the board sessions, and in the
// renderer no arrow running back up: features never import the app shell, and the lower folders (ui, components,
// bridge) import no feature and no shell. Type imports count too: a circle of types is still a circle to a reader.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../support/processes';

const src = join(root, 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

/** Resolves a relative specifier to a source file, as the bundler would. */
function resolveImport(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    join(base, 'index.ts'),
    join(base, 'index.tsx'),
  ]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return undefined;
}

/** Every file's relative imports (values, types and re-exports), as paths relative to src/. */
function graph(): Map<string, string[]> {
  const g = new Map<string, string[]>();
  const re = /(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\s*\(\s*['"](\.[^'"]+)['"]\s*\)/g;
  for (const file of files(src)) {
    const text = readFileSync(file, 'utf8');
    const out: string[] = [];
    for (const m of text.matchAll(re)) {
      const target = resolveImport(file, (m[1] ?? m[2])!);
      if (target) out.push(relative(src, target));
    }
    g.set(relative(src, file), out);
  }
  return g;
}

/** Strongly connected components with more than one file (Tarjan). */
function circles(g: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const c: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        c.push(w);
      } while (w !== v);
      if (c.length > 1) out.push(c.sort());
    }
  };
  for (const v of g.keys()) if (!idx.has(v)) visit(v);
  return out;
}

/** The renderer's layers, lowest first; a file may import only its own layer or a lower one. */
const RENDERER_LAYERS: ReadonlyArray<readonly [string, number]> = [
  ['renderer/src/bridge/', 0],
  ['renderer/src/ui/', 0],
  ['renderer/src/components/', 1],
  ['renderer/src/features/', 2],
  ['renderer/src/app/', 3],
  ['renderer/src/main.tsx', 4],
];
const layerOf = (file: string) => RENDERER_LAYERS.find(([prefix]) => file.startsWith(prefix))?.[1];

describe('import graph', () => {
  const g = graph();

  it('has no circle of imports through the board sessions (src/main/core/sessions)', () => {
    const through = circles(g).filter((c) => c.some((f) => f.startsWith('main/core/sessions/')));
    expect(through).toEqual([]);
  });

  it('has no arrow running back up in the renderer', () => {
    const upward: string[] = [];
    for (const [file, deps] of g) {
      const from = layerOf(file);
      if (from === undefined) continue;
      for (const dep of deps) {
        const to = layerOf(dep);
        if (to !== undefined && to > from) upward.push(`${file} → ${dep}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('has no circle of imports in the renderer', () => {
    expect(circles(g).filter((c) => c.some((f) => f.startsWith('renderer/')))).toEqual([]);
  });

  it('finds circles and upward arrows when there are some (the checks can fail)', () => {
    const fake = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(circles(fake)).toEqual([['a', 'b', 'c']]);
    expect(layerOf('renderer/src/features/x/Y.tsx')).toBeGreaterThan(layerOf('renderer/src/ui/theme.ts')!);
  });
});
