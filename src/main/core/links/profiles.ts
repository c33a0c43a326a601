import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
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
import { writeJsonFile } from '../json-file';

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
const fileSchema = z.object({
  version: z.literal(1),
  boards: z.array(z.unknown()).max(MAX_PROFILES),
  virtualBoards: z.array(z.unknown()).max(MAX_VIRTUAL).optional(),
});

/**
 * Board profiles kept in `profiles.json` in the config dir, written atomically (temp file + rename): the real
 * boards, and the virtual boards added beside the first one.
 */
export class ProfileStore {
  private boards: RealBoardProfile[];
  private virtuals: VirtualBoardProfile[] = [];
  private readonly file: string;
  private readonly removedListeners = new Set<(id: string) => void>();

  constructor(
    dir: string,
    private readonly log: (message: string) => void = () => {},
  ) {
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, 'profiles.json');
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
    writeJsonFile(this.file, {
      version: 1,
      boards: this.boards.map(({ kind: _k, ...rest }) => rest),
      virtualBoards: this.virtuals.map(({ id, name }) => ({ id, name })),
    });
  }

  private load(): RealBoardProfile[] {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        this.log(`profiles.json unreadable, starting with no real boards: ${String(err)}`);
      return [];
    }
    const file = fileSchema.safeParse(raw);
    if (!file.success) {
      this.log('profiles.json has an unknown shape, starting with no real boards');
      return [];
    }
    for (const entry of file.data.virtualBoards ?? []) {
      const v = addedVirtualSchema.safeParse(entry);
      if (v.success && !this.virtuals.some((b) => b.id === v.data.id))
        this.virtuals.push({ kind: 'virtual', id: v.data.id, name: v.data.name, host: '127.0.0.1' });
      else this.log('profiles.json: skipped an invalid virtual board entry');
    }
    const out: RealBoardProfile[] = [];
    for (const entry of file.data.boards) {
      const p = realBoardInputSchema.safeParse(entry);
      const id = p.success ? p.data.id : undefined;
      const taken = (i: string) => i === VIRTUAL_BOARD_ID || this.virtuals.some((b) => b.id === i);
      if (p.success && id && !taken(id) && !out.some((b) => b.id === id)) {
        out.push({ ...p.data, id, kind: 'real' });
      } else {
        this.log('profiles.json: skipped an invalid board entry');
      }
    }
    return out;
  }
}
