// Bundles the command-line entry (src/main/cli/main.ts) into out/cli/ with esbuild, so `npm run web` and the
// browser-mode fallback of `npm start` run plain JavaScript instead of compiling TypeScript on every start (tsx
// costs about 0.3 s there). Packages stay external (node_modules); each subcommand stays a chunk loaded on demand.
// The other commands (board, bench, agent) and the tests run the sources with tsx.
import './node-version.mjs'; // first: on a too-old Node, one line and exit 1 before anything else runs
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The bundled CLI entry. */
export const cliEntry = join(root, 'out', 'cli', 'main.js');

export async function buildCli() {
  const { build } = await import('esbuild'); // loaded here: run-cli.mjs and start.mjs import this file for cliEntry
  const outdir = join(root, 'out', 'cli');
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: [join(root, 'src', 'main', 'cli', 'main.ts')],
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildCli();
