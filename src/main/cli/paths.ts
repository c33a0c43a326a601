import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The first directory holding a package.json, from `from` up (src/main/cli in the sources, out/cli bundled). */
export function rootAbove(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/** The repository (or app) root. */
export const projectRoot = rootAbove(dirname(fileURLToPath(import.meta.url)));

/** The built renderer served by browser mode. */
export const rendererDir = join(projectRoot, 'out', 'renderer');

/** The user's config directory for browser mode, like Electron's userData: overridable by NUCLEO_BENCH_CONFIG_DIR. */
export function defaultConfigDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.NUCLEO_BENCH_CONFIG_DIR) return env.NUCLEO_BENCH_CONFIG_DIR;
  const name = 'nucleo-mem-bench';
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), name);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', name);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), name);
}
