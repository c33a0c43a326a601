import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { z } from 'zod';
import { writeJsonFile, type JsonFileOptions } from './json-file';

/** A state file's schema: an object whose every field has a default, so that any field can fall back alone. */
export type StateSchema = z.ZodObject;

export interface JsonStoreOptions<S extends StateSchema> extends JsonFileOptions {
  /** The JSON file. Its folder is created when missing. */
  readonly file: string;
  readonly schema: S;
  /** For the log: what went wrong, in words. */
  readonly log: (message: string) => void;
  /** For the user: what was reset or kept aside, said once (a notice the app shows). */
  readonly tell?: (message: string) => void;
  readonly now?: () => number;
  /** Turns an older layout of the file into the schema's (e.g. a bare list into `{ messages: [...] }`). */
  readonly migrate?: (raw: unknown) => unknown;
}

/** What loading found wrong in the file (nothing on a clean or missing file). */
export interface LoadOutcome {
  /** The file could not be used at all and was renamed to this path; the defaults are in force. */
  readonly keptAs?: string;
  /** Dotted paths of the fields that were not valid and fell back to their defaults, each alone. */
  readonly reset: readonly string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The object schema inside a field (behind its default), for a nested section such as `mqtt`. */
function innerObject(field: unknown): z.ZodObject | undefined {
  if (field instanceof z.ZodObject) return field;
  if (field instanceof z.ZodDefault || field instanceof z.ZodPrefault || field instanceof z.ZodOptional)
    return innerObject(field.unwrap());
  return undefined;
}

/**
 * Keeps each valid field of `raw` and leaves out each bad one (its default then applies), recursing into nested
 * sections so that one bad broker URL does not reset the broker login. Fields the schema does not know are kept.
 */
function salvage(
  schema: z.ZodObject,
  raw: Record<string, unknown>,
  path: string,
): { value: Record<string, unknown>; reset: string[] } {
  const value: Record<string, unknown> = { ...raw };
  const reset: string[] = [];
  for (const [key, field] of Object.entries(schema.shape)) {
    if (!(key in raw) || field.safeParse(raw[key]).success) continue;
    const inner = innerObject(field);
    const sub = raw[key];
    if (inner && isRecord(sub)) {
      const deeper = salvage(inner, sub, `${path}${key}.`);
      value[key] = deeper.value;
      reset.push(...deeper.reset);
      if (field.safeParse(deeper.value).success) continue;
    }
    delete value[key];
    reset.push(`${path}${key}`);
  }
  return { value, reset: [...new Set(reset)] };
}

/** The fields of `raw` that `schema` does not know (kept on disk for a newer version of the app). */
function unknownFields(schema: z.ZodObject, raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).filter(([k]) => !(k in schema.shape)));
}

/**
 * One JSON state file, parsed by its schema on load (never cast) and written atomically on every change.
 *
 * - A missing file: the defaults.
 * - A file that is not a JSON object, or that no salvage can fit: renamed aside (`<file>.damaged-<time>`), the user
 *   told so, the defaults used.
 * - A bad field: that field alone falls back to its default, the others are kept, the user is told which, and the
 *   file is rewritten so that it is said once (a copy of it as it was kept aside).
 * - Fields this version does not know: kept in the file as they were (a newer app may have written them).
 */
export class JsonStore<S extends StateSchema> {
  private current: z.output<S>;
  private extra: Record<string, unknown> = {};
  /** What loading found. */
  readonly loaded: LoadOutcome;
  private readonly name: string;

  constructor(private readonly opts: JsonStoreOptions<S>) {
    this.name = basename(opts.file);
    try {
      mkdirSync(dirname(opts.file), { recursive: true });
    } catch (err) {
      // Reading then finds nothing (the defaults) and each write says why it failed.
      opts.log(`${this.name}: cannot create its folder (${String(err)})`);
    }
    const { value, outcome } = this.load();
    this.current = value;
    this.loaded = outcome;
  }

  /** The state in force. */
  get(): z.output<S> {
    return this.current;
  }

  /** Validates a whole new state (throws on an invalid one, keeping the old), writes it, returns what is in force. */
  set(next: z.input<S>): z.output<S> {
    return this.save(next);
  }

  /** Merges a change of some top-level fields into the state and saves it (throws on an invalid one). */
  update(patch: Partial<z.output<S>>): z.output<S> {
    return this.save({ ...this.current, ...patch });
  }

  private save(candidate: unknown): z.output<S> {
    const parsed = this.opts.schema.parse(candidate);
    this.write(parsed);
    this.current = parsed;
    return parsed;
  }

  /**
   * Copies the file as it is now beside it (`<file>.damaged-<time>`), for a caller that drops entries its own
   * checks refused, before it saves the rest. Returns the copy's name, or undefined (with a log line) on failure.
   */
  keepCopyAside(): string | undefined {
    const keptAs = this.asideName();
    try {
      copyFileSync(this.opts.file, keptAs);
      return basename(keptAs);
    } catch (err) {
      this.opts.log(`${this.name}: cannot keep a copy aside (${String(err)})`);
      return undefined;
    }
  }

  private asideName(): string {
    const stamp = new Date((this.opts.now ?? Date.now)()).toISOString().replace(/[:.]/g, '-');
    const name = `${this.opts.file}.damaged-${stamp}`;
    // Never over an earlier kept file of the same millisecond.
    let n = 2;
    let free = name;
    while (existsSync(free)) free = `${name}-${n++}`;
    return free;
  }

  private write(value: z.output<S>): void {
    writeJsonFile(this.opts.file, { ...this.extra, ...value }, this.opts);
  }

  private defaults(): z.output<S> {
    return this.opts.schema.parse({});
  }

  private load(): { value: z.output<S>; outcome: LoadOutcome } {
    let text: string;
    try {
      text = readFileSync(this.opts.file, 'utf8');
    } catch (err) {
      const code = err instanceof Error && 'code' in err ? String(err.code) : String(err);
      if (code !== 'ENOENT') this.opts.log(`${this.name}: cannot read it (${code}); using the defaults`);
      return { value: this.defaults(), outcome: { reset: [] } };
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return this.keepAside('it is not valid JSON');
    }
    if (this.opts.migrate) raw = this.opts.migrate(raw);
    if (!isRecord(raw)) return this.keepAside('it does not hold a JSON object');
    this.extra = unknownFields(this.opts.schema, raw);
    const whole = this.opts.schema.safeParse(raw);
    if (whole.success) return { value: whole.data, outcome: { reset: [] } };
    const { value, reset } = salvage(this.opts.schema, raw, '');
    const fixed = this.opts.schema.safeParse(value);
    if (!fixed.success) return this.keepAside('its content does not fit what this version expects');
    const list = reset.map((p) => `"${p}"`).join(', ');
    const one = reset.length === 1;
    // The file as it was stays beside it: the value that could not be used is not lost.
    const copy = this.keepCopyAside();
    const message = `${this.name}: ${one ? 'the setting' : 'the settings'} ${list} had a value this version cannot use and ${one ? 'was' : 'were'} reset to the default; everything else was kept${copy ? ` (the file as it was is kept as ${copy})` : ''}.`;
    this.opts.log(message);
    this.opts.tell?.(message);
    try {
      this.write(fixed.data);
    } catch (err) {
      this.opts.log(`${this.name}: cannot save the repaired file (${String(err)})`);
    }
    return { value: fixed.data, outcome: { reset } };
  }

  /** Renames the unusable file aside, so that nothing the user had is overwritten, and starts from the defaults. */
  private keepAside(why: string): { value: z.output<S>; outcome: LoadOutcome } {
    this.extra = {};
    const keptAs = this.asideName();
    let message: string;
    try {
      renameSync(this.opts.file, keptAs);
      message = `${this.name} could not be used (${why}); it was kept as ${basename(keptAs)} and the defaults are used.`;
    } catch (err) {
      message = `${this.name} could not be used (${why}) nor kept aside (${String(err)}); the defaults are used.`;
      this.opts.log(message);
      this.opts.tell?.(message);
      return { value: this.defaults(), outcome: { reset: [] } };
    }
    this.opts.log(message);
    this.opts.tell?.(message);
    return { value: this.defaults(), outcome: { keptAs, reset: [] } };
  }
}
