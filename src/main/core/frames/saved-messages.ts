import { join } from 'node:path';
import { z } from 'zod';
import type { SavedMessage } from '../../../shared/frames/types';
import { BenchError } from '../../../shared/result';
import { JsonStore } from '../json-store';

const MAX_SAVED = 100;
const fileSchema = z.object({
  messages: z
    .array(z.object({ name: z.string().max(80), text: z.string().max(64 * 1024) }))
    .max(MAX_SAVED)
    .default([]),
});

/**
 * The composer's saved messages in frames-saved-messages.json (a JsonStore): a damaged file is kept aside and the
 * list starts empty. Files of earlier versions held the bare list; they are read as such.
 */
export class SavedMessages {
  private readonly store: JsonStore<typeof fileSchema>;
  private list: SavedMessage[];

  constructor(dir: string, log: (m: string) => void = () => {}) {
    this.store = new JsonStore({
      file: join(dir, 'frames-saved-messages.json'),
      schema: fileSchema,
      log,
      migrate: (raw) => (Array.isArray(raw) ? { messages: raw } : raw),
    });
    this.list = this.store.get().messages;
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

  private save(): void {
    try {
      this.store.set({ messages: this.list });
    } catch (err) {
      throw new BenchError(
        'IO_ERROR',
        `Could not save the message list: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
}
