// Reads a scenario file: YAML → header and steps, each checked by its schema (schema.ts). Every mistake is told
// with the line and column where it is, as an editor shows them, so a user can go straight to it.
import {
  isMap,
  isNode,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node as YamlNode,
} from 'yaml';
import type { z } from 'zod';
import { MAX_STEPS, scenarioHeader, STEP_KINDS, stepSchemas, type Step, type StepKind } from './schema';

export interface Scenario {
  readonly name: string;
  readonly description?: string;
  readonly board?: string;
  /** The file's own variables as written (as text), before any override. */
  readonly vars: Readonly<Record<string, string>>;
  readonly steps: readonly LocatedStep[];
}

/** A step with where it was written (1-based line and column), for reports. */
export type LocatedStep = Step & { readonly line: number; readonly column: number; readonly index: string };

export interface ScenarioProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export type LoadResult =
  { ok: true; scenario: Scenario } | { ok: false; problems: readonly ScenarioProblem[] };

/** Largest scenario file read. */
export const MAX_SCENARIO_BYTES = 2 * 1024 * 1024;
const MAX_REPEAT_DEPTH = 8;

type Vars = Readonly<Record<string, string | number | boolean>>;

/**
 * Reads a scenario's text. `vars` (from the command line) override the file's own. A `${name}` in any string is
 * replaced by that variable (a string that is only `${name}` takes the variable's type).
 */
export function loadScenario(text: string, vars: Vars = {}): LoadResult {
  if (text.length > MAX_SCENARIO_BYTES)
    return {
      ok: false,
      problems: [{ line: 1, column: 1, message: 'The file is over 2 MB: not a scenario.' }],
    };
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined): { line: number; column: number } => {
    const p = lines.linePos(offset ?? 0);
    return { line: p.line, column: p.col };
  };
  if (doc.errors.length > 0)
    return {
      ok: false,
      problems: doc.errors.map((e) => ({ ...at(e.pos[0]), message: plainYamlError(e.message) })),
    };
  const problems: ScenarioProblem[] = [];
  const nodeAt = (path: readonly PropertyKey[]): YamlNode | undefined => {
    const n = doc.getIn(path as unknown[], true);
    return isNodeLike(n) ? n : undefined;
  };
  const where = (path: readonly PropertyKey[]): { line: number; column: number } => {
    // The deepest node of the path that exists in the file (a missing field points at its step).
    for (let k = path.length; k >= 0; k--) {
      const n = nodeAt(path.slice(0, k));
      if (n?.range) return at(n.range[0]);
    }
    return { line: 1, column: 1 };
  };
  const header = scenarioHeader.safeParse(doc.toJS({ maxAliasCount: 100 }));
  if (!header.success) return { ok: false, problems: zodProblems(header.error, [], where) };
  const allVars: Vars = { ...(header.data.vars ?? {}), ...vars };
  let count = 0;

  const readSteps = (path: readonly PropertyKey[], depth: number): LocatedStep[] => {
    const seq = nodeAt(path);
    const out: LocatedStep[] = [];
    if (!isSeq(seq)) return out;
    seq.items.forEach((item, i) => {
      const p = [...path, i];
      const pos = where(p);
      const index = `${
        depth > 0
          ? `${path
              .slice(1)
              .filter((k) => typeof k === 'number')
              .map((k) => Number(k) + 1)
              .join('.')}.`
          : ''
      }${i + 1}`;
      if (!isMap(item)) {
        problems.push({ ...pos, message: `Step ${index} is not a mapping: write it like "- wait: 2s".` });
        return;
      }
      const keys = item.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : ''));
      const kinds = keys.filter((k) => k !== 'name');
      const kind = kinds[0];
      if (kinds.length !== 1 || kind === undefined || !(STEP_KINDS as readonly string[]).includes(kind)) {
        const what =
          kinds.length === 0
            ? 'no action'
            : kinds.length > 1
              ? `${kinds.length} actions (${kinds.join(', ')})`
              : `"${kind}"`;
        problems.push({
          ...pos,
          message: `Step ${index} has ${what}; a step is one of: ${STEP_KINDS.join(', ')}${kinds.length > 1 ? ' (one per step)' : ''}.`,
        });
        return;
      }
      const nameNode = item.get('name');
      const name = typeof nameNode === 'string' ? nameNode : undefined;
      const raw = substitute(toJs(doc, item.get(kind, true)), allVars, (m) =>
        problems.push({ ...where([...p, kind]), message: m }),
      );
      if (kind === 'repeat') {
        const times =
          raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>).times : undefined;
        if (typeof times !== 'number' || !Number.isInteger(times) || times < 1 || times > 10_000) {
          problems.push({
            ...where([...p, kind, 'times']),
            message: `Step ${index}: repeat needs "times", a whole number from 1 to 10000.`,
          });
          return;
        }
        if (depth >= MAX_REPEAT_DEPTH) {
          problems.push({ ...pos, message: `Step ${index}: repeats nest at most ${MAX_REPEAT_DEPTH} deep.` });
          return;
        }
        const inner = readSteps([...p, kind, 'steps'], depth + 1);
        if (inner.length === 0 && !problems.length)
          problems.push({
            ...where([...p, kind]),
            message: `Step ${index}: repeat needs "steps", a list of steps.`,
          });
        count += inner.length * (times - 1);
        out.push({ kind: 'repeat', ...(name ? { name } : {}), args: { times, steps: inner }, ...pos, index });
        return;
      }
      const schema = stepSchemas[kind as Exclude<StepKind, 'repeat'>];
      const parsed = schema.safeParse(raw === null ? undefined : raw);
      if (!parsed.success) {
        problems.push(...zodProblems(parsed.error, [...p, kind], where, `Step ${index} (${kind})`));
        return;
      }
      count++;
      out.push({ kind, ...(name ? { name } : {}), args: parsed.data, ...pos, index } as LocatedStep);
    });
    return out;
  };
  const steps = readSteps(['steps'], 0);
  if (count > MAX_STEPS)
    problems.push({
      line: 1,
      column: 1,
      message: `The scenario has ${count} steps with its repeats; at most ${MAX_STEPS}.`,
    });
  if (problems.length > 0)
    return { ok: false, problems: problems.sort((a, b) => a.line - b.line || a.column - b.column) };
  const h = header.data;
  return {
    ok: true,
    scenario: {
      name: h.name,
      ...(h.description !== undefined ? { description: h.description } : {}),
      ...(h.board !== undefined ? { board: h.board } : {}),
      vars: Object.fromEntries(Object.entries(h.vars ?? {}).map(([k, v]) => [k, String(v)])),
      steps,
    },
  };
}

function isNodeLike(n: unknown): n is YamlNode {
  return typeof n === 'object' && n !== null && 'range' in n;
}

function toJs(doc: Document, n: unknown): unknown {
  return isNode(n) ? n.toJS(doc, { maxAliasCount: 100 }) : n;
}

/** `${name}` → the variable; an unknown one is a problem. */
function substitute(v: unknown, vars: Vars, problem: (m: string) => void): unknown {
  if (typeof v === 'string') {
    const whole = /^\$\{([A-Za-z_]\w*)\}$/.exec(v);
    if (whole?.[1] !== undefined) {
      if (Object.hasOwn(vars, whole[1])) return vars[whole[1]];
      problem(`The variable "${whole[1]}" is not set: add it under "vars" or give --var ${whole[1]}=…`);
      return v;
    }
    return v.replace(/\$\{([A-Za-z_]\w*)\}/g, (m, k: string) => {
      if (Object.hasOwn(vars, k)) return String(vars[k]);
      problem(`The variable "${k}" is not set: add it under "vars" or give --var ${k}=…`);
      return m;
    });
  }
  if (Array.isArray(v)) return v.map((x) => substitute(x, vars, problem));
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, substitute(x, vars, problem)]));
  return v;
}

function zodProblems(
  error: z.ZodError,
  base: readonly PropertyKey[],
  where: (path: readonly PropertyKey[]) => { line: number; column: number },
  prefix = '',
): ScenarioProblem[] {
  return error.issues.map((i) => {
    const field = i.path.length ? `"${i.path.join('.')}"` : '';
    const words = plainIssue(i);
    const lead = [prefix, field].filter(Boolean).join(', ');
    return { ...where([...base, ...i.path]), message: lead ? `${lead}: ${words}` : words };
  });
}

function plainIssue(i: z.core.$ZodIssue): string {
  switch (i.code) {
    case 'unrecognized_keys':
      return `unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}.`;
    case 'invalid_type':
      return i.input === undefined ? 'missing.' : `should be ${article(i.expected)}.`;
    case 'invalid_value':
      return `should be one of ${i.values.map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'invalid_union':
      return 'is not in a form this field takes.';
    default:
      return i.message.endsWith('.') ? i.message : `${i.message}.`;
  }
}

function article(t: string): string {
  return t === 'array' ? 'a list' : t === 'object' ? 'a mapping' : `a ${t}`;
}

function plainYamlError(m: string): string {
  const first = m.split('\n')[0] ?? m;
  return `This is not valid YAML: ${first.replace(/ at line \d+, column \d+:?$/, '')}`;
}
