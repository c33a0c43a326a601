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

/** The virtual board's profile: always present, first in the list. */
export const virtualProfile: VirtualBoardProfile = {
  kind: 'virtual',
  id: VIRTUAL_BOARD_ID,
  name: 'Virtual board',
  host: '127.0.0.1',
};

const MAX_PROFILES = 50;
const fileSchema = z.object({ version: z.literal(1), boards: z.array(z.unknown()).max(MAX_PROFILES) });

/** Real-board profiles kept in `profiles.json` in the config dir, written atomically (temp file + rename). */
export class ProfileStore {
  private boards: RealBoardProfile[];
  private readonly file: string;

  constructor(
    dir: string,
    private readonly log: (message: string) => void = () => {},
  ) {
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, 'profiles.json');
    this.boards = this.load();
  }

  /** Every profile, the virtual board first. */
  list(): BoardProfile[] {
    return [virtualProfile, ...this.boards];
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
    const clash = this.boards.find((b) => b.name.toLowerCase() === v.name.toLowerCase() && b.id !== v.id);
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

  /** Removes a real board. Throws for the virtual board or an unknown id. */
  remove(id: string): void {
    if (id === VIRTUAL_BOARD_ID)
      throw new BenchError('BAD_REQUEST', 'The virtual board is always present and cannot be removed.');
    if (!this.boards.some((b) => b.id === id))
      throw new BenchError('NOT_FOUND', 'That board profile does not exist.');
    this.boards = this.boards.filter((b) => b.id !== id);
    this.write();
  }

  private write(): void {
    // The FTP password is stored as typed: the firmware accepts any credentials, so it is not a secret here.
    writeJsonFile(this.file, { version: 1, boards: this.boards.map(({ kind: _k, ...rest }) => rest) });
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
    const out: RealBoardProfile[] = [];
    for (const entry of file.data.boards) {
      const p = realBoardInputSchema.safeParse(entry);
      if (p.success && p.data.id && p.data.id !== VIRTUAL_BOARD_ID && !out.some((b) => b.id === p.data.id)) {
        out.push({ ...p.data, id: p.data.id, kind: 'real' });
      } else {
        this.log('profiles.json: skipped an invalid board entry');
      }
    }
    return out;
  }
}
