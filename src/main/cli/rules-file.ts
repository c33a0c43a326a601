// The agent's `--rules FILE`: a `nucleo-mem-alarm-rules` file (the app's export), read and checked before anything
// starts, so a mistake in it is one line naming what is wrong and where, never a half-watched bench.
import { readFileSync, statSync } from 'node:fs';
import type { z } from 'zod';
import { alarmRulesFileSchema, type AlarmRule } from '../../shared/alarms/rules';

/** Largest rules file read (the app's import takes as much: 2 MB of text). */
export const MAX_RULES_FILE_BYTES = 2_000_000;

const kinds = ['threshold', 'rate', 'stale', 'link', 'reboot', 'pool'];

/** A rules file's mistake: the caller prefixes the file's name. */
export class RulesFileError extends Error {}

/** 1-based line and column of a character offset of `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

/** `rules[2].above`, from a zod path. */
function pathWords(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${String(p)}` : String(p);
  return s || 'the top level';
}

/**
 * One issue in words. A rule that matches no kind of rule gets zod's report for every kind; only the one its own
 * `kind` names is told (or that `kind` itself is wrong).
 */
function issueWords(issue: z.core.$ZodIssue, data: unknown, prefix: readonly PropertyKey[] = []): string {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union') {
    const own = issue.errors.find(
      (branch) => !branch.some((i) => i.path.length === 1 && i.path[0] === 'kind'),
    );
    if (own?.[0]) return issueWords(own[0], data, path);
    return `${pathWords([...path, 'kind'])}: "kind" must be one of ${kinds.join(', ')}`;
  }
  const ruleIndex = path[0] === 'rules' && typeof path[1] === 'number' ? path[1] : undefined;
  const rule = ruleIndex !== undefined ? ruleAt(data, ruleIndex) : undefined;
  return `${pathWords(path)}${rule ? ` (rule "${rule}")` : ''}: ${issue.message}`;
}

/** The id of the rule at `index` of the parsed file, when it has a usable one. */
function ruleAt(data: unknown, index: number): string | undefined {
  if (typeof data !== 'object' || data === null || !('rules' in data) || !Array.isArray(data.rules)) return;
  const r: unknown = data.rules[index];
  if (typeof r !== 'object' || r === null || !('id' in r) || typeof r.id !== 'string') return;
  return r.id.slice(0, 64);
}

/** The rules of a rules file's text; throws RulesFileError naming what is wrong and where. */
export function parseRulesText(text: string): AlarmRule[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const at = /at position (\d+)/.exec(message);
    // V8 words it "… in JSON at position 12 (line 3 column 2)": the place is said once, first, as line:column.
    const what = message
      .replace(/\s*(in JSON )?at position \d+.*$/, '')
      .replace(/^Unexpected end of JSON input$/, 'the file ends too soon');
    const where = at ? lineColumn(text, Number(at[1])) : lineColumn(text, text.length);
    throw new RulesFileError(`${where.line}:${where.column}: not valid JSON: ${what}`);
  }
  const parsed = alarmRulesFileSchema.safeParse(data);
  if (!parsed.success) {
    const [first, ...rest] = parsed.error.issues;
    const more = rest.length ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : '';
    throw new RulesFileError(`${first ? issueWords(first, data) : 'not a rules file'}${more}`);
  }
  return parsed.data.rules;
}

/** Reads `file` (at most MAX_RULES_FILE_BYTES); throws RulesFileError with the reason in words. */
export function readRulesFile(file: string): AlarmRule[] {
  let text: string;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new RulesFileError('not a file');
    if (st.size > MAX_RULES_FILE_BYTES)
      throw new RulesFileError(
        `${st.size.toLocaleString('en-US')} bytes; a rules file is at most ${MAX_RULES_FILE_BYTES.toLocaleString('en-US')}`,
      );
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof RulesFileError) throw err;
    const code = typeof err === 'object' && err !== null && 'code' in err ? err.code : undefined;
    throw new RulesFileError(
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'not allowed to read it'
          : `could not be read (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  return parseRulesText(text.replace(/^\uFEFF/, ''));
}
