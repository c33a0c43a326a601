// Builds with electron-vite (and the bundled CLI, build-cli.mjs) when out/ is missing or older than any source file.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function newest(dir) {
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    max = Math.max(max, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return max;
}

/** `npm run build`'s steps: electron-vite (main, preload, renderer), then the bundled CLI. Throws if one fails. */
export function buildApp({ quiet = false } = {}) {
  const run = (args) =>
    execFileSync(process.execPath, args, {
      cwd: root,
      stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'],
    });
  run([join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']);
  run([join(root, 'scripts', 'build-cli.mjs')]);
}

/** Builds the app unless every output is newer than src/. */
export function ensureBuilt() {
  const outputs = ['renderer/index.html', 'main/index.js', 'cli/main.js'].map((p) => join(root, 'out', p));
  const sources = newest(join(root, 'src'));
  const stale = outputs.some((p) => !existsSync(p) || statSync(p).mtimeMs < sources);
  if (!stale) return;
  console.error('Building the app (npm run build)…');
  buildApp({ quiet: true });
}
