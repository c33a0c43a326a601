// The words of the bridge's refusals. A request that does not fit its schema is told what is wrong in a bench
// engineer's words ("path is missing", "boardId is longer than 200 characters"), never in the validator's own
// jargon, and no refusal echoes a client's input at length: a 1 MB key or 40,000 unknown fields give a short
// message, not one the size of the request (docs/architecture.md §12.7).
import type { z } from 'zod';

/** The longest error message the bridge answers with. */
export const MAX_ERROR_CHARS = 500;
/** A quoted piece of input longer than this is shortened in a message. */
const MAX_QUOTED_CHARS = 80;
/** A field name longer than this is shortened where a message names it. */
const MAX_NAME_CHARS = 40;
/** Problems named in one refusal; the rest are counted. */
const MAX_ISSUES = 3;

/** What is wrong with a request, in words: at most a few problems, each short. */
export function describeIssues(error: z.ZodError): string {
  const issues = error.issues;
  const said = issues.slice(0, MAX_ISSUES).map(issueWords);
  const more = issues.length - said.length;
  const text = `${said.join('; ')}${more > 0 ? ` (and ${more} more ${more === 1 ? 'problem' : 'problems'})` : ''}`;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Shortens a message that quotes input at length, and caps its length. */
export function clipMessage(message: string): string {
  const quoted = message.replace(
    new RegExp(`"([^"\\n]{${MAX_QUOTED_CHARS + 1},})"`, 'g'),
    (_m, inner: string) =>
      `"${[...inner].slice(0, MAX_QUOTED_CHARS - 20).join('')}…" (${inner.length} characters)`,
  );
  return quoted.length <= MAX_ERROR_CHARS ? quoted : `${[...quoted].slice(0, MAX_ERROR_CHARS - 1).join('')}…`;
}

/** A name or key for a message: quoted, control characters escaped, shortened. */
function nameOf(key: PropertyKey): string {
  const s = String(key);
  const quoted = JSON.stringify(s.length > MAX_NAME_CHARS ? `${s.slice(0, MAX_NAME_CHARS)}…` : s);
  // Escaped control characters take six characters each: shorten the quoted form too.
  return quoted.length > MAX_NAME_CHARS + 20 ? `${quoted.slice(0, MAX_NAME_CHARS + 18)}…"` : quoted;
}

/** Where in the request: `files[2].relPath`, or "the request" itself. */
function whereOf(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'the request';
  return path
    .map((p, i) => {
      if (typeof p === 'number') return `[${p}]`;
      const s = String(p);
      const plain = /^[A-Za-z_][A-Za-z0-9_]{0,39}$/.test(s);
      return plain ? `${i === 0 ? '' : '.'}${s}` : `[${nameOf(s)}]`;
    })
    .join('');
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'a list',
  null: 'null',
};

/** The kind of a value a client sent, in words. */
function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'number' && !Number.isFinite(v)) return 'a number that is not finite';
  return TYPE_WORDS[typeof v] ?? typeof v;
}

/** Zod's own English messages start so; a schema's own message ("Give the board a name.") is kept as written. */
const ZOD_WORDS = /^(Invalid|Too big|Too small|Unrecognized key|Expected|Required)/;

function issueWords(issue: z.core.$ZodIssue): string {
  const where = whereOf(issue.path);
  const missing = 'input' in issue && issue.input === undefined && issue.code === 'invalid_type';
  if (!ZOD_WORDS.test(issue.message)) return `${where}: ${clipMessage(issue.message)}`;
  switch (issue.code) {
    case 'invalid_type':
      if (missing) return `${where} is missing`;
      return `${where} should be ${TYPE_WORDS[issue.expected] ?? issue.expected}, not ${kindOf(issue.input)}`;
    case 'too_big': {
      const max = String(issue.maximum);
      if (issue.origin === 'string') return `${where} is longer than ${max} characters`;
      if (issue.origin === 'array') return `${where} has more than ${max} items`;
      return `${where} is more than ${issue.inclusive ? max : `or equal to ${max}`}`;
    }
    case 'too_small': {
      const min = String(issue.minimum);
      if (issue.origin === 'string')
        return min === '1' ? `${where} is empty` : `${where} is shorter than ${min} characters`;
      if (issue.origin === 'array') return `${where} needs at least ${min} ${min === '1' ? 'item' : 'items'}`;
      return `${where} is less than ${issue.inclusive ? min : `or equal to ${min}`}`;
    }
    case 'invalid_value':
      return `${where} should be ${oneOf(issue.values)}`;
    case 'unrecognized_keys': {
      const named = issue.keys.slice(0, MAX_ISSUES).map(nameOf).join(', ');
      const more = issue.keys.length - MAX_ISSUES;
      return `${where} has no field named ${named}${more > 0 ? ` (and ${more} more unknown fields)` : ''}`;
    }
    case 'invalid_union': {
      const options = (issue as { options?: unknown }).options;
      return Array.isArray(options)
        ? `${where} should be ${oneOf(options)}`
        : `${where} does not match any form this request takes`;
    }
    case 'invalid_key':
      return `${where} is not an allowed key`;
    case 'invalid_element':
      return `${where} holds a value that is not allowed`;
    case 'invalid_format':
      return `${where} is not in the expected format`;
    case 'not_multiple_of':
      return `${where} is not a multiple of ${String(issue.divisor)}`;
    default:
      return `${where} is not valid`;
  }
}

function oneOf(values: readonly unknown[]): string {
  const shown = values.slice(0, 10).map((v) => JSON.stringify(v));
  if (shown.length === 1) return shown[0]!;
  return `one of ${shown.join(', ')}${values.length > shown.length ? ', …' : ''}`;
}
