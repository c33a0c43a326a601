import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import {
  realBoardInputSchema,
  type BoardProfile,
  type RealBoardInput,
  type RealBoardProfile,
  type VirtualBoardProfile,
} from '../../../shared/bridge/contracts/links';
import { BenchError } from '../../../shared/result';
import { JsonStore } from '../json-store';
import { TopicNames, type BoardTopicNames } from '../mqtt/topic-names';
import { topicName } from '../mqtt/topics';

const MAX_PROFILES = 50;
/** Virtual boards: each runs its own servers inside the app. */
const MAX_VIRTUAL = 21;
/**
 * Virtual board ids, the app's own: `virtual`, then `virtual-2`, `virtual-3`… The first is plain `virtual` because
 * that is the id the board every configuration started with has always had, and its eMMC folder follows its id
 * (`emmcFolderOf`): users who had it keep their files.
 */
const VIRTUAL_ID = /^virtual(-([2-9]|[1-9]\d{1,2}))?$/;
const virtualIdOf = (n: number): string => (n === 1 ? 'virtual' : `virtual-${n}`);
const virtualNameOf = (n: number): string => (n === 1 ? 'Virtual board' : `Virtual board ${n}`);
const virtualEntrySchema = z.object({
  id: z.string().regex(VIRTUAL_ID),
  name: z.string().trim().min(1).max(60),
});
/** What a new configuration starts with: one virtual board, so the app shows something on its first start. */
const SEEDED_VIRTUAL = [{ id: virtualIdOf(1), name: virtualNameOf(1) }];

/**
 * The file; each entry is checked on its own below, so that one bad board does not lose the others. Version 2 lists
 * every virtual board; the defaults (no file, or one that could not be used) hold the seeded one.
 */
const fileSchema = z.object({
  version: z.literal(2).default(2),
  boards: z.array(z.unknown()).max(MAX_PROFILES).default([]),
  virtualBoards: z.array(z.unknown()).max(MAX_VIRTUAL).default(SEEDED_VIRTUAL),
  /**
   * Each board's level in the MQTT topic tree, by board id, fixed when the board was first published; names of
   * removed boards stay, so that no other board is ever given them. Each entry is checked on its own below.
   */
  topics: z.record(z.string(), z.unknown()).default({}),
});

/**
 * A version 1 file (or one with no version) never listed the first virtual board: it was always there and could not
 * be removed. It is put in front of the list, so those users keep it (and its `emmc/` folder); from version 2 on, a
 * board missing from the list was removed by the user.
 */
export function migrateProfiles(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  let file: Record<string, unknown> = { ...raw };
  if (file.version === undefined || file.version === 1) {
    const listed = Array.isArray(file.virtualBoards) ? file.virtualBoards : [];
    file = { ...file, version: 2, virtualBoards: [...SEEDED_VIRTUAL, ...listed] };
  }
  if (file.topics === undefined) file = { ...file, topics: legacyTopics(file) };
  return file;
}

/**
 * A file from before topic names were kept: each listed board is given the name the publisher gave it then (its
 * name made topic-safe, -2, -3… on a clash, virtual boards first), so that the topics subscribers know stay and the
 * remote-command list, which named boards by those topic names, can be turned into ids once.
 */
function legacyTopics(file: Record<string, unknown>): Record<string, string> {
  const entries = [file.virtualBoards, file.boards].flatMap((l) => (Array.isArray(l) ? l : []));
  const names = new TopicNames();
  for (const e of entries) {
    if (typeof e !== 'object' || e === null || !('id' in e) || !('name' in e)) continue;
    if (typeof e.id === 'string' && typeof e.name === 'string') names.topicOf(e.id, e.name);
  }
  return Object.fromEntries(names.entries());
}

/**
 * Board profiles kept in `profiles.json` in the config dir, written atomically (temp file + rename): the virtual
 * boards and the real ones. Every board, the one a new configuration starts with included, can be removed.
 */
export class ProfileStore implements BoardTopicNames {
  private boards: RealBoardProfile[];
  private virtuals: VirtualBoardProfile[] = [];
  private readonly store: JsonStore<typeof fileSchema>;
  private readonly removedListeners = new Set<(id: string) => void>();
  private readonly topics: TopicNames;
  /** The file was written before topic names were kept (they were given from its board list at load). */
  readonly topicsMigrated: boolean;

  constructor(
    dir: string,
    private readonly log: (message: string) => void = () => {},
    /** Tells the user, once, what could not be loaded. */
    private readonly tell: (message: string) => void = () => {},
  ) {
    let legacy = false;
    this.store = new JsonStore({
      file: join(dir, 'profiles.json'),
      schema: fileSchema,
      log,
      tell,
      migrate: (raw) => {
        legacy = typeof raw === 'object' && raw !== null && !('topics' in raw);
        return migrateProfiles(raw);
      },
    });
    this.topicsMigrated = legacy;
    this.topics = new TopicNames(this.loadTopics(), {
      exists: (id) => this.get(id) !== undefined,
      onAssign: () => this.saveQuietly(),
    });
    this.boards = this.load();
    if (legacy) this.saveQuietly();
  }

  /** A board's level in the MQTT topic tree: fixed (and saved) the first time it is asked for. */
  topicOf(id: string, name: string): string {
    return this.topics.topicOf(id, name);
  }

  /** Every board there is now, with its fixed topic level (undefined: never published). */
  boardTopics(): Array<{ id: string; topic: string | undefined }> {
    return this.list().map((p) => ({ id: p.id, topic: this.topics.get(p.id) }));
  }

  /** Every profile: the virtual boards first, then the real ones. */
  list(): BoardProfile[] {
    return [...this.virtuals, ...this.boards];
  }

  /**
   * Adds a virtual board with the lowest free number N: id `virtual` and name `Virtual board` for 1, else
   * `virtual-N` and `Virtual board N`, unless named otherwise. A number is taken again after its board was removed,
   * with the eMMC folder that board left.
   */
  addVirtual(name?: string): VirtualBoardProfile {
    if (this.virtuals.length >= MAX_VIRTUAL)
      throw new BenchError('CONFLICT', `At most ${MAX_VIRTUAL} virtual boards can run; remove one first.`);
    let n = 1;
    while (this.virtuals.some((v) => v.id === virtualIdOf(n))) n++;
    const wanted = name?.trim() || virtualNameOf(n);
    if (this.list().some((p) => p.name.toLowerCase() === wanted.toLowerCase()))
      throw new BenchError('CONFLICT', `A board named "${wanted}" already exists.`);
    const profile: VirtualBoardProfile = {
      kind: 'virtual',
      id: virtualIdOf(n),
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

  /** Removes a board, virtual or real (the last one too: the app then has none). Throws for an unknown id. */
  remove(id: string): void {
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
      version: 2,
      boards: this.boards.map(({ kind: _k, ...rest }) => rest),
      virtualBoards: this.virtuals.map(({ id, name }) => ({ id, name })),
      topics: Object.fromEntries(this.topics.entries()),
    });
  }

  /** The topic names of the file that are topic-safe (TopicNames drops a clash or an unsafe one, by hand edits). */
  private loadTopics(): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    for (const [id, topic] of Object.entries(this.store.get().topics))
      if (typeof topic === 'string' && topic === topicName(topic)) out.push([id, topic]);
    return out;
  }

  /** Saves what loading changed; a failure is logged and the next change tries again. */
  private saveQuietly(): void {
    try {
      this.write();
    } catch (err) {
      this.log(`profiles.json: cannot save the board topic names (${String(err)})`);
    }
  }

  private load(): RealBoardProfile[] {
    const file = this.store.get();
    let skipped = 0;
    for (const entry of file.virtualBoards) {
      const v = virtualEntrySchema.safeParse(entry);
      if (v.success && !this.virtuals.some((b) => b.id === v.data.id))
        this.virtuals.push({ kind: 'virtual', id: v.data.id, name: v.data.name, host: '127.0.0.1' });
      else skipped++;
    }
    const out: RealBoardProfile[] = [];
    for (const entry of file.boards) {
      const p = realBoardInputSchema.safeParse(entry);
      const id = p.success ? p.data.id : undefined;
      // A real board never takes an id of the virtual boards' sequence (a hand-edited file could try).
      const taken = (i: string) => VIRTUAL_ID.test(i);
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
