// The frame log's filter, one pure function used by the core (frames:list) and by the renderer (live view).
import type { FrameFilter, FrameRow } from './types';

/** Longest search text or pattern accepted. */
export const MAX_SEARCH_LENGTH = 200;
/** Only this much of each searched field is looked at, which bounds the cost of any pattern. */
const MAX_SUBJECT = 400;

/** A compiled filter, or why the search cannot be used. */
export type CompiledFilter =
  | { readonly ok: true; readonly test: (row: FrameRow) => boolean }
  | { readonly ok: false; readonly error: string };

/**
 * Nested quantifiers such as `(a+)+` or `(a|a)*` can take exponential time on a short subject. JavaScript has no
 * regex timeout, so they are refused up front (a conservative check: a quantified group that itself holds a
 * quantifier or an alternation).
 */
export function regexRisk(pattern: string): string | undefined {
  if (/\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d*,)/.test(pattern))
    return 'nested quantifiers (like (a+)+) can hang the search';
  if (/\((?:[^()\\]|\\.)*\|(?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d*,)/.test(pattern))
    return 'a repeated alternation (like (a|b)*) can hang the search';
  if (/\\[1-9]/.test(pattern)) return 'back-references are not supported';
  return undefined;
}

/** Checks a search pattern; returns the error in words, or undefined when it is usable. */
export function validateSearch(search: string, regex: boolean): string | undefined {
  if (search.length > MAX_SEARCH_LENGTH) return `search is longer than ${MAX_SEARCH_LENGTH} characters`;
  if (!regex) return undefined;
  const risk = regexRisk(search);
  if (risk) return `regular expression refused: ${risk}`;
  try {
    new RegExp(search, 'i');
  } catch (err) {
    return `not a valid regular expression: ${err instanceof Error ? err.message.replace(/^Invalid regular expression: /, '') : String(err)}`;
  }
  return undefined;
}

/** Compiles a filter once; `test` is then cheap enough for 50,000 rows per keystroke. */
export function compileFilter(filter: FrameFilter): CompiledFilter {
  const search = filter.search ?? '';
  const error = validateSearch(search, filter.regex === true);
  if (error) return { ok: false, error };
  const dirs = filter.dirs?.length ? new Set(filter.dirs) : undefined;
  const opcodes = filter.opcodes?.length ? new Set(filter.opcodes) : undefined;
  const kinds = filter.kinds?.length ? new Set(filter.kinds) : undefined;
  const types = filter.msgTypes?.length ? new Set(filter.msgTypes) : undefined;
  let match: ((s: string) => boolean) | undefined;
  if (search !== '') {
    if (filter.regex) {
      const re = new RegExp(search, 'i');
      match = (s) => re.test(s.length > MAX_SUBJECT ? s.slice(0, MAX_SUBJECT) : s);
    } else {
      const needle = search.toLowerCase();
      match = (s) => s.toLowerCase().includes(needle);
    }
  }
  const test = (row: FrameRow): boolean => {
    if (dirs && (row.dir === undefined || !dirs.has(row.dir))) return false;
    if (kinds && !kinds.has(row.kind)) return false;
    if (opcodes && row.kind === 'frame' && !opcodes.has(row.opcode)) return false;
    if (types && !types.has(row.msgType)) return false;
    if (match) {
      if (match(row.preview) || match(row.header) || match(row.msgType)) return true;
      for (const n of row.notes) if (match(n)) return true;
      return false;
    }
    return true;
  };
  return { ok: true, test };
}
