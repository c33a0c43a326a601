import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, realpath } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Emmc } from './emmc';

export {
  Emmc,
  CLUSTER_BYTES,
  clusterBytes,
  type EmmcEntry,
  type EmmcUpload,
  type EmmcUsage,
  type WriteMode,
} from './emmc';
export { EmmcError, type EmmcErrorCode, normalizeVirtual, splitVirtualPath, MAX_NAME_BYTES } from './paths';

/**
 * User area of the board's 8 GB eMMC: 15 269 888 sectors of 512 bytes = 7 818 182 656 bytes (7.28 GiB), which is
 * what an "8 GB" MMC part reports and what FileX formats. Chosen over a round 8 000 000 000 so the free space a
 * client sees matches the real card's.
 */
export const DEFAULT_CAPACITY_BYTES = 15_269_888 * 512;

/** Options of `openEmmc`. */
export interface EmmcOptions {
  /** Host directory that holds the volume; created if missing. */
  readonly root: string;
  /** Size of the volume; writes beyond it fail with ENOSPC. Default DEFAULT_CAPACITY_BYTES. */
  readonly capacityBytes?: number;
  /** Directory copied into a new (empty) root; default the project's resources/www; null seeds nothing. */
  readonly seedDir?: string | null;
  readonly log?: (message: string) => void;
}

/** Finds resources/www by walking up from this module (source tree, or out/main after bundling). */
export function defaultSeedDir(from = dirname(fileURLToPath(import.meta.url))): string | undefined {
  let dir = from;
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'resources', 'www');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

/** Opens (and if empty, seeds) a virtual eMMC on a host directory, and counts the space in use once. */
export async function openEmmc(options: EmmcOptions): Promise<Emmc> {
  const log = options.log ?? (() => undefined);
  const capacity = options.capacityBytes ?? DEFAULT_CAPACITY_BYTES;
  if (!Number.isFinite(capacity) || capacity <= 0) throw new Error('capacityBytes must be a positive number');
  await mkdir(resolve(options.root), { recursive: true });
  const root = await realpath(resolve(options.root));
  if ((await readdir(root)).length === 0) {
    const seed = options.seedDir === undefined ? defaultSeedDir() : options.seedDir;
    if (seed) {
      await cp(seed, root, { recursive: true });
      log('eMMC: new volume, default dashboard copied to /');
    } else if (options.seedDir === undefined) {
      log('eMMC: new volume; the default dashboard (resources/www) was not found, so it stays empty');
    }
  }
  const emmc = new Emmc(root, capacity, log);
  await emmc.scan();
  return emmc;
}
