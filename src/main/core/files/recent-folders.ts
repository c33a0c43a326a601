import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe } from './ftp-link';
import { writeJsonFile } from '../json-file';

const KEPT = 8;

/** The host folders downloads went to lately, newest first; kept in files-recent.json when there is a data dir. */
export class RecentFolders {
  private dirs: string[];

  constructor(
    private readonly dataDir: string | undefined,
    private readonly log?: (message: string) => void,
  ) {
    this.dirs = this.load();
  }

  list(): string[] {
    return this.dirs;
  }

  remember(dir: string): void {
    this.dirs = [dir, ...this.dirs.filter((d) => d !== dir)].slice(0, KEPT);
    if (!this.dataDir) return;
    try {
      writeJsonFile(join(this.dataDir, 'files-recent.json'), { hostDirs: this.dirs });
    } catch (err) {
      this.log?.(`files: could not remember recent folders: ${describe(err)}`);
    }
  }

  private load(): string[] {
    if (!this.dataDir) return [];
    try {
      const v = JSON.parse(readFileSync(join(this.dataDir, 'files-recent.json'), 'utf8')) as {
        hostDirs?: unknown;
      };
      return Array.isArray(v.hostDirs)
        ? v.hostDirs.filter((d): d is string => typeof d === 'string').slice(0, KEPT)
        : [];
    } catch {
      return [];
    }
  }
}
