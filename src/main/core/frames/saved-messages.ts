import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { SavedMessage } from '../../../shared/frames/types';
import { BenchError } from '../../../shared/result';
import { writeJsonFile } from '../json-file';

const MAX_SAVED = 100;
const fileSchema = z
  .array(z.object({ name: z.string().max(80), text: z.string().max(64 * 1024) }))
  .max(MAX_SAVED);

/** The composer's saved messages: a small JSON list, written atomically. A broken file reads as empty (logged). */
export class SavedMessages {
  private readonly file: string;
  private list: SavedMessage[];

  constructor(
    dir: string,
    private readonly log: (m: string) => void = () => {},
  ) {
    this.file = join(dir, 'frames-saved-messages.json');
    this.list = this.load();
  }

  all(): readonly SavedMessage[] {
    return this.list;
  }

  /** Adds or replaces by name. */
  put(name: string, text: string): readonly SavedMessage[] {
    const rest = this.list.filter((m) => m.name !== name);
    if (rest.length >= MAX_SAVED)
      throw new BenchError('CONFLICT', `At most ${MAX_SAVED} saved messages: delete one first.`);
    this.list = [...rest, { name, text }].sort((a, b) => a.name.localeCompare(b.name));
    this.save();
    return this.list;
  }

  delete(name: string): readonly SavedMessage[] {
    this.list = this.list.filter((m) => m.name !== name);
    this.save();
    return this.list;
  }

  private load(): SavedMessage[] {
    try {
      const parsed = fileSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      if (parsed.success) return parsed.data;
      this.log('saved messages file is not valid; starting with none');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        this.log(`saved messages unreadable: ${String(err)}`);
    }
    return [];
  }

  private save(): void {
    try {
      writeJsonFile(this.file, this.list);
    } catch (err) {
      throw new BenchError(
        'IO_ERROR',
        `Could not save the message list: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
}
