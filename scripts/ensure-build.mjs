// Builds with electron-vite when out/ is missing or older than any source file.
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

/** Runs `electron-vite build` unless out/ is newer than src/. */
export function ensureBuilt() {
  const marker = join(root, 'out', 'renderer', 'index.html');
  const stale =
    !existsSync(marker) ||
    !existsSync(join(root, 'out', 'main', 'index.js')) ||
    statSync(marker).mtimeMs < newest(join(root, 'src'));
  if (!stale) return;
  console.error('Building the app (electron-vite build)…');
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}
