import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository (or app) root: three levels above src/main/cli. */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

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
