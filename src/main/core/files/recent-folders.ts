import { join } from 'node:path';
import { z } from 'zod';
import { describe } from './ftp-link';
import { JsonStore } from '../json-store';

const KEPT = 8;

const fileSchema = z.object({
  /** Newest first; an older file may hold more than are kept now. */
  hostDirs: z.array(z.string().max(4096)).max(1000).default([]),
});

/** The host folders downloads went to lately, newest first; kept in files-recent.json when there is a data dir. */
export class RecentFolders {
  private dirs: string[];
  private readonly store: JsonStore<typeof fileSchema> | undefined;

  constructor(
    dataDir: string | undefined,
    private readonly log?: (message: string) => void,
  ) {
    this.store = dataDir
      ? new JsonStore({
          file: join(dataDir, 'files-recent.json'),
          schema: fileSchema,
          log: log ?? (() => {}),
        })
      : undefined;
    this.dirs = this.store?.get().hostDirs.slice(0, KEPT) ?? [];
  }

  list(): string[] {
    return this.dirs;
  }

  remember(dir: string): void {
    this.dirs = [dir, ...this.dirs.filter((d) => d !== dir)].slice(0, KEPT);
    try {
      this.store?.set({ hostDirs: this.dirs });
    } catch (err) {
      this.log?.(`files: could not remember recent folders: ${describe(err)}`);
    }
  }
}
