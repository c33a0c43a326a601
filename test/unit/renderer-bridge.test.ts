// The renderer's one data layer (docs/architecture.md): each feature's store module owns its requests to the core
// and its events; components read stores and call their methods, never the bridge. So no component file (.tsx)
// under features, components or app imports the bridge, and outside the bridge folder only store modules call it.
// Type imports are free: a type carries no call.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../support/processes';

const renderer = join(root, 'src/renderer/src');
const CHECKED = ['features', 'components', 'app'];

/** The bridge modules that reach the core (`downloads` only hands a URL the core gave to the browser). */
const BRIDGE = /(?:^|\/)bridge(?:\/(?:index|hooks|web-bridge))?$/;

/** Where the core is called without going through a store: a request, an event, or the bridge's hooks. */
const CALLS = /\bapi\.(?:invoke|on)\(|\buse(?:BridgeEvent|LatestEvent|BridgeState)\(/;

/** The telemetry store's feed (telemetry-feed.ts) is that store's bridge half, kept apart so the store stays pure. */
const STORE_MODULE = /(?:-store|telemetry-feed)\.ts$/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

/** The bridge modules `text` imports as values (not `import type`). */
export function bridgeValueImports(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/import\s+(type\s+)?[^'"]*?from\s*['"]([^'"]+)['"]/g))
    if (!m[1] && BRIDGE.test(m[2]!)) out.push(m[2]!);
  return out;
}

/** What breaks the rule in file `name` (relative to the renderer's src) with content `text`. */
export function breaches(name: string, text: string): string[] {
  const out: string[] = [];
  if (name.endsWith('.tsx'))
    for (const spec of bridgeValueImports(text)) out.push(`${name} imports the bridge (${spec})`);
  if (!STORE_MODULE.test(name) && CALLS.test(text)) out.push(`${name} calls the bridge outside a store`);
  return out;
}

describe('the renderer calls the core only through store modules', () => {
  it('no component imports the bridge, and only store modules call it', () => {
    const found = CHECKED.flatMap((dir) =>
      files(join(renderer, dir)).flatMap((f) => breaches(relative(renderer, f), readFileSync(f, 'utf8'))),
    );
    expect(found).toEqual([]);
  });

  it('finds a component that calls the bridge itself (the check can fail)', () => {
    const component = `import { useState } from 'react';\nimport { api } from '../../bridge';\nexport function X() {\n  void api.invoke('links:discover', {});\n}\n`;
    expect(breaches('features/connection/X.tsx', component)).toEqual([
      'features/connection/X.tsx imports the bridge (../../bridge)',
      'features/connection/X.tsx calls the bridge outside a store',
    ]);
    expect(breaches('components/Y.tsx', `import { useBridgeEvent } from '../bridge/hooks';`)).toHaveLength(1);
    expect(breaches('features/lab/use-x.ts', `useBridgeEvent('mqtt:state', set);`)).toHaveLength(1);
    // A type import, a store module, and a hook that only hands the bridge to a store are all fine.
    expect(
      breaches('features/x/Z.tsx', `import type { BridgeState } from '../../bridge/web-bridge';`),
    ).toEqual([]);
    expect(
      breaches('features/x/x-store.ts', `import { api } from '../../bridge';\napi.invoke('a', {});`),
    ).toEqual([]);
    expect(breaches('features/x/use-x.ts', `import { api } from '../../bridge';\nnew XStore(api);`)).toEqual(
      [],
    );
  });
});
