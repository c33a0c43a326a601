// Why a rule (from the settings or a rules file) cannot be used, in words a bench engineer reads: which rule (its
// place in the list and its id) and which field, never zod's own report.
import type { z } from 'zod';
import { alarmRuleSchema, type AlarmRule } from '../../../shared/alarms/rules';

type Issue = z.core.$ZodIssue;

const KINDS = ['threshold', 'rate', 'stale', 'link', 'reboot', 'pool'] as const;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** "rule 3 (id "hot")": the place is counted from 1, as people count. */
export function ruleLabel(entry: unknown, index: number): string {
  const id = isRecord(entry) && typeof entry.id === 'string' && entry.id.length <= 64 ? entry.id : undefined;
  return id !== undefined ? `rule ${index + 1} (id "${id}")` : `rule ${index + 1}`;
}

/** A field path as words: `capture.preS`, or the rule itself when the path is empty. */
function fieldOf(path: readonly PropertyKey[]): string | undefined {
  return path.length === 0 ? undefined : path.map(String).join('.');
}

function issueWords(i: Issue): string {
  switch (i.code) {
    case 'invalid_type':
      // zod keeps no input in its issues; its words say whether there was one.
      return /received undefined$/.test(i.message) ? 'is missing' : `must be ${article(i.expected)}`;
    case 'too_big':
      return i.origin === 'string'
        ? `is longer than ${String(i.maximum)} characters`
        : i.origin === 'array'
          ? `has more than ${String(i.maximum)} entries`
          : `must be at most ${String(i.maximum)}`;
    case 'too_small':
      return i.origin === 'string'
        ? Number(i.minimum) <= 1
          ? 'must not be empty'
          : `is shorter than ${String(i.minimum)} characters`
        : `must be at least ${String(i.minimum)}${i.inclusive === false ? ' (and more than that)' : ''}`;
    case 'invalid_value':
      return `must be ${i.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'unrecognized_keys':
      return `has ${i.keys.length === 1 ? 'a field' : 'fields'} this version does not know: ${i.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_format':
      return i.message;
    default:
      return i.message;
  }
}

function article(expected: string): string {
  if (expected === 'number') return 'a number';
  if (expected === 'string') return 'text';
  if (expected === 'boolean') return 'true or false';
  if (expected === 'object') return 'an object ({ … })';
  if (expected === 'array') return 'a list ([ … ])';
  return `of type ${expected}`;
}

/** One issue as words about the rule: `"above" must be a number`, or the rule's own message for a whole-rule check. */
function say(i: Issue): string {
  const field = fieldOf(i.path);
  if (field === undefined) return i.code === 'unrecognized_keys' ? `it ${issueWords(i)}` : i.message;
  return `"${field}" ${issueWords(i)}`;
}

/**
 * The union of rule kinds reports every kind's complaints; the one that matters is the kind the entry names (the
 * branch with no complaint about `kind`). An entry without a known kind is told which kinds there are.
 */
function flatten(issues: readonly Issue[]): Issue[] {
  return issues.flatMap((i): Issue[] => {
    if (i.code !== 'invalid_union') return [i];
    const branch = i.errors.find((errs) => !errs.some((e) => e.path.length === 1 && e.path[0] === 'kind'));
    if (branch) return flatten(branch).map((e) => ({ ...e, path: [...i.path, ...e.path] }));
    return [
      {
        code: 'custom',
        path: [...i.path, 'kind'],
        message: `"kind" must be one of ${KINDS.join(', ')}`,
        input: undefined,
      },
    ];
  });
}

/** Words for each thing wrong with a rule's fields (`"above" must be a number`), from zod's issues about it. */
export function issueList(issues: readonly Issue[]): string[] {
  return [
    ...new Set(
      flatten(issues).map((i) =>
        (i.code === 'custom' && i.path.length === 1 && i.path[0] === 'kind' ? i.message : say(i)).replace(
          /\.$/,
          '',
        ),
      ),
    ),
  ];
}

/** One saved or imported entry checked as a rule: the rule, or what is wrong with it in words. */
export function checkRule(
  entry: unknown,
  index: number,
): { ok: true; rule: AlarmRule } | { ok: false; problem: string } {
  if (!isRecord(entry)) return { ok: false, problem: `${ruleLabel(entry, index)} is not an object ({ … })` };
  const parsed = alarmRuleSchema.safeParse(entry);
  if (parsed.success) return { ok: true, rule: parsed.data };
  return { ok: false, problem: `${ruleLabel(entry, index)}: ${issueList(parsed.error.issues).join('; ')}` };
}

/**
 * Checks a list of entries one by one: the usable rules (the first of two with one id), and a problem in words for
 * each entry that is not used.
 */
export function checkRules(entries: readonly unknown[]): { rules: AlarmRule[]; problems: string[] } {
  const rules: AlarmRule[] = [];
  const problems: string[] = [];
  const ids = new Set<string>();
  entries.forEach((entry, i) => {
    const r = checkRule(entry, i);
    if (!r.ok) return problems.push(r.problem);
    if (ids.has(r.rule.id))
      return problems.push(
        `${ruleLabel(entry, i)}: an earlier rule has the same id, so this one is not used`,
      );
    ids.add(r.rule.id);
    rules.push(r.rule);
  });
  return { rules, problems };
}
