// The example scenarios shipped with the app (examples/scenarios in the source tree; the same folder beside the
// packaged app's resources). The page asks for them by name; it never gives a host path.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScenarioExample } from '../../../shared/bridge/contracts/scenarios';
import { loadScenario } from '../../../shared/scenarios/load';

/** Finds examples/scenarios by walking up from this module (source tree, out/main, or the packaged resources). */
export function examplesDir(from = dirname(fileURLToPath(import.meta.url))): string | undefined {
  let dir = from;
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'examples', 'scenarios');
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

/** Every example file with its scenario's name, sorted by file name; none when the folder is not there. */
export async function readExamples(dir = examplesDir()): Promise<ScenarioExample[]> {
  if (!dir) return [];
  const names = (await readdir(dir)).filter((n) => /\.ya?ml$/i.test(n)).sort();
  return Promise.all(
    names.map(async (fileName) => {
      const text = await readFile(join(dir, fileName), 'utf8');
      const loaded = loadScenario(text);
      return { fileName, name: loaded.ok ? loaded.scenario.name : fileName, text };
    }),
  );
}
