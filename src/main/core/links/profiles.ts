import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import {
  realBoardInputSchema,
  VIRTUAL_BOARD_ID,
  type BoardProfile,
  type RealBoardInput,
  type RealBoardProfile,
  type VirtualBoardProfile,
} from '../../../shared/bridge/contracts/links';
import { BenchError } from '../../../shared/result';
import { JsonStore } from '../json-store';

/** The first virtual board's profile: always present, first in the list. */
export const virtualProfile: VirtualBoardProfile = {
  kind: 'virtual',
  id: VIRTUAL_BOARD_ID,
  name: 'Virtual board',
  host: '127.0.0.1',
};

const MAX_PROFILES = 50;
/** Added virtual boards, besides the first: each runs its own servers inside the app. */
const MAX_VIRTUAL = 20;
const ADDED_VIRTUAL_ID = /^virtual-([2-9]|[1-9]\d{1,2})$/;
const addedVirtualSchema = z.object({
  id: z.string().regex(ADDED_VIRTUAL_ID),
  name: z.string().trim().min(1).max(60),
});
/** The file; each entry is checked on its own below, so that one bad board does not lose the others. */
const fileSchema = z.object({
  version: z.literal(1).default(1),
  boards: z.array(z.unknown()).max(MAX_PROFILES).default([]),
  virtualBoards: z.array(z.unknown()).max(MAX_VIRTUAL).default([]),
});

/**
 * Board profiles kept in `profiles.json` in the config dir, written atomically (temp file + rename): the real
 * boards, and the virtual boards added beside the first one.
 */
export class ProfileStore {
  private boards: RealBoardProfile[];
  private virtuals: VirtualBoardProfile[] = [];
  private readonly store: JsonStore<typeof fileSchema>;
  private readonly removedListeners = new Set<(id: string) => void>();

  constructor(
    dir: string,
    private readonly log: (message: string) => void = () => {},
    /** Tells the user, once, what could not be loaded. */
    private readonly tell: (message: string) => void = () => {},
  ) {
    this.store = new JsonStore({ file: join(dir, 'profiles.json'), schema: fileSchema, log, tell });
    this.boards = this.load();
  }

  /** Every profile: the virtual boards first, then the real ones. */
  list(): BoardProfile[] {
    return [virtualProfile, ...this.virtuals, ...this.boards];
  }

  /** Adds a virtual board, `Virtual board N` with id `virtual-N` (the lowest N free), unless named otherwise. */
  addVirtual(name?: string): VirtualBoardProfile {
    if (this.virtuals.length >= MAX_VIRTUAL)
      throw new BenchError(
        'CONFLICT',
        `At most ${MAX_VIRTUAL + 1} virtual boards can run; remove one first.`,
      );
    let n = 2;
    while (this.virtuals.some((v) => v.id === `virtual-${n}`)) n++;
    const wanted = name?.trim() || `Virtual board ${n}`;
    if (this.list().some((p) => p.name.toLowerCase() === wanted.toLowerCase()))
      throw new BenchError('CONFLICT', `A board named "${wanted}" already exists.`);
    const profile: VirtualBoardProfile = {
      kind: 'virtual',
      id: `virtual-${n}`,
      name: wanted,
      host: '127.0.0.1',
    };
    this.virtuals = [...this.virtuals, profile];
    this.write();
    return profile;
  }

  /** The profile with this id, or undefined. */
  get(id: string): BoardProfile | undefined {
    return this.list().find((p) => p.id === id);
  }

  /** Adds (no id) or replaces (known id) a real board; returns the saved profile. Throws BenchError on bad input. */
  save(input: RealBoardInput): RealBoardProfile {
    const parsed = realBoardInputSchema.safeParse(input);
    if (!parsed.success)
      throw new BenchError('BAD_REQUEST', parsed.error.issues.map((i) => i.message).join(' '));
    const v = parsed.data;
    if (v.id === VIRTUAL_BOARD_ID)
      throw new BenchError('BAD_REQUEST', 'The virtual board cannot be edited here.');
    if (this.virtuals.some((b) => b.id === v.id))
      throw new BenchError('BAD_REQUEST', 'A virtual board cannot be edited as a real one.');
    const clash = [...this.virtuals, ...this.boards].find(
      (b) => b.name.toLowerCase() === v.name.toLowerCase() && b.id !== v.id,
    );
    if (clash) throw new BenchError('CONFLICT', `A board named "${v.name}" already exists.`);
    if (v.id !== undefined && !this.boards.some((b) => b.id === v.id)) {
      throw new BenchError('NOT_FOUND', 'That board profile no longer exists.');
    }
    if (v.id === undefined && this.boards.length >= MAX_PROFILES) {
      throw new BenchError('CONFLICT', `At most ${MAX_PROFILES} boards can be saved; remove one first.`);
    }
    const profile: RealBoardProfile = { ...v, kind: 'real', id: v.id ?? randomUUID() };
    this.boards =
      v.id === undefined ? [...this.boards, profile] : this.boards.map((b) => (b.id === v.id ? profile : b));
    this.write();
    return profile;
  }

  /** Removes a real board or an added virtual one. Throws for the first virtual board or an unknown id. */
  remove(id: string): void {
    if (id === VIRTUAL_BOARD_ID)
      throw new BenchError('BAD_REQUEST', 'The first virtual board is always present and cannot be removed.');
    if (!this.boards.some((b) => b.id === id) && !this.virtuals.some((b) => b.id === id))
      throw new BenchError('NOT_FOUND', 'That board profile does not exist.');
    this.boards = this.boards.filter((b) => b.id !== id);
    this.virtuals = this.virtuals.filter((b) => b.id !== id);
    this.write();
    for (const cb of this.removedListeners) cb(id);
  }

  /** Hears a profile being removed (what is kept per board is dropped with it); returns the unsubscribe. */
  onRemoved(cb: (id: string) => void): () => void {
    this.removedListeners.add(cb);
    return () => this.removedListeners.delete(cb);
  }

  private write(): void {
    // The FTP password is stored as typed: the firmware accepts any credentials, so it is not a secret here.
    this.store.set({
      version: 1,
      boards: this.boards.map(({ kind: _k, ...rest }) => rest),
      virtualBoards: this.virtuals.map(({ id, name }) => ({ id, name })),
    });
  }

  private load(): RealBoardProfile[] {
    const file = this.store.get();
    let skipped = 0;
    for (const entry of file.virtualBoards) {
      const v = addedVirtualSchema.safeParse(entry);
      if (v.success && !this.virtuals.some((b) => b.id === v.data.id))
        this.virtuals.push({ kind: 'virtual', id: v.data.id, name: v.data.name, host: '127.0.0.1' });
      else skipped++;
    }
    const out: RealBoardProfile[] = [];
    for (const entry of file.boards) {
      const p = realBoardInputSchema.safeParse(entry);
      const id = p.success ? p.data.id : undefined;
      const taken = (i: string) => i === VIRTUAL_BOARD_ID || this.virtuals.some((b) => b.id === i);
      if (p.success && id && !taken(id) && !out.some((b) => b.id === id)) {
        out.push({ ...p.data, id, kind: 'real' });
      } else skipped++;
    }
    if (skipped) this.dropInvalid(skipped, out);
    return out;
  }

  /** Saves the valid boards alone (said once), the file as it was kept aside so that nothing is lost. */
  private dropInvalid(skipped: number, valid: RealBoardProfile[]): void {
    const keptAs = this.store.keepCopyAside();
    const what = skipped === 1 ? 'one saved board was' : `${skipped} saved boards were`;
    const message = `profiles.json: ${what} not valid and left out${keptAs ? `; the file as it was is kept as ${keptAs}` : ''}.`;
    this.log(message);
    this.tell(message);
    this.boards = valid;
    try {
      this.write();
    } catch (err) {
      this.log(`profiles.json: cannot save the valid boards (${String(err)})`);
    }
  }
}
