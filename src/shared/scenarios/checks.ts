// The judgements behind the steps, as pure functions: does a message match, does a text hold what it must, does a
// span of telemetry keep its period, ranges and fields. Each answers in words that say what was expected and what
// was seen, with the value, so a report needs nothing else.
import { formatDuration } from './duration';
import { compileExpression, fieldValues, type Expression } from './expr';
import type { Step } from './schema';

type Args<K extends Step['kind']> = Extract<Step, { kind: K }>['args'];

/** A verdict in words. */
export type Verdict =
  { readonly ok: true; readonly seen: string } | { readonly ok: false; readonly why: string };

/** Longest piece of a message or body quoted in a report. */
const QUOTE = 160;

/** A text cut for a report, quoted. */
export function quote(text: string, max = QUOTE): string {
  const t = text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
  return JSON.stringify(t);
}

/** A message as it came, cut for a report (not quoted: it is JSON already). */
export function cut(text: string, max = QUOTE): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

/** What a message expectation asks for, in words: `type "led-status", yellowLed = true, where "…"`. */
export function describeExpectation(a: Pick<Args<'expect'>, 'type' | 'fields' | 'where'>): string {
  const parts: string[] = [];
  if (a.type !== undefined) parts.push(`type "${a.type}"`);
  for (const [k, v] of Object.entries(a.fields ?? {})) parts.push(`${k} = ${JSON.stringify(v)}`);
  if (a.where !== undefined) parts.push(`where ${a.where}`);
  return `a message with ${parts.join(', ')}`;
}

/** Whether one message meets an expectation; on a miss, which part missed and the value seen. */
export function matchMessage(
  message: Record<string, unknown> | undefined,
  a: Pick<Args<'expect'>, 'type' | 'fields' | 'where'>,
): Verdict {
  if (message === undefined) return { ok: false, why: 'not a JSON object' };
  if (a.type !== undefined && message.type !== a.type)
    return { ok: false, why: `type is ${JSON.stringify(message.type)}` };
  for (const [k, want] of Object.entries(a.fields ?? {})) {
    const e = expr(k);
    const got = e.evaluate(message);
    const v = got.ok ? got.value : undefined;
    if (!sameValue(v, want))
      return { ok: false, why: `${k} = ${v === undefined ? 'missing' : JSON.stringify(v)}` };
  }
  if (a.where !== undefined) {
    const e = expr(a.where);
    const got = e.evaluate(message);
    if (!got.ok) return { ok: false, why: got.reason };
    if (!truthy(got.value)) return { ok: false, why: `${a.where} is false (${fieldValues(e, message)})` };
  }
  return { ok: true, seen: JSON.stringify(message) };
}

/** What a text (an HTTP body, a file got over FTP) must be; `sameAs` is compared with `sameAsBytes`. */
export interface TextCheck {
  readonly equals?: string;
  readonly contains?: string | readonly string[];
  readonly matches?: string;
  readonly sameAs?: string;
}

/** Checks bytes against a TextCheck; the words name the first thing that does not hold. */
export function checkText(bytes: Uint8Array, c: TextCheck, sameAsBytes?: Uint8Array): Verdict {
  const text = new TextDecoder().decode(bytes);
  const seen = `${bytes.length} bytes: ${quote(text)}`;
  if (c.equals !== undefined && text !== c.equals)
    return { ok: false, why: `expected exactly ${quote(c.equals)}; got ${seen}` };
  const wanted = c.contains === undefined ? [] : typeof c.contains === 'string' ? [c.contains] : c.contains;
  for (const w of wanted)
    if (!text.includes(w)) return { ok: false, why: `expected it to contain ${quote(w)}; got ${seen}` };
  if (c.matches !== undefined && !new RegExp(c.matches).test(text))
    return { ok: false, why: `expected it to match /${c.matches}/; got ${seen}` };
  if (c.sameAs !== undefined && sameAsBytes !== undefined && !sameBytes(bytes, sameAsBytes)) {
    const at = firstDifference(bytes, sameAsBytes);
    return {
      ok: false,
      why: `expected the ${sameAsBytes.length} bytes of ${c.sameAs}; got ${bytes.length} bytes, different from byte ${at}`,
    };
  }
  const what = [
    c.equals !== undefined ? 'equal to what was expected' : '',
    wanted.length ? `containing ${wanted.map((w) => quote(w, 60)).join(', ')}` : '',
    c.matches !== undefined ? `matching /${c.matches}/` : '',
    c.sameAs !== undefined ? `the same as ${c.sameAs}` : '',
  ].filter(Boolean);
  return { ok: true, seen: `${bytes.length} bytes${what.length ? `, ${what.join(', ')}` : ''}` };
}

/** One telemetry message and when it arrived (ms). */
export interface Sample {
  readonly t: number;
  readonly message: Record<string, unknown>;
}

/** Judges a span of telemetry (`spanMs` long) against a telemetry step. */
export function checkTelemetry(samples: readonly Sample[], a: Args<'telemetry'>, spanMs: number): Verdict {
  const n = samples.length;
  const span = formatDuration(spanMs);
  if (n === 0) return { ok: false, why: `expected telemetry during ${span}; none came` };
  const rate = n / (spanMs / 1000);
  const rateText = `${rate.toFixed(2)}/s (${n} in ${span})`;
  if (a.rate?.min !== undefined && rate < a.rate.min)
    return { ok: false, why: `expected at least ${a.rate.min} messages a second; saw ${rateText}` };
  if (a.rate?.max !== undefined && rate > a.rate.max)
    return { ok: false, why: `expected at most ${a.rate.max} messages a second; saw ${rateText}` };
  const gaps = samples.slice(1).map((s, i) => ({ ms: s.t - (samples[i]?.t ?? s.t), i: i + 1 }));
  let periodText = '';
  if (a.period) {
    if (gaps.length === 0)
      return { ok: false, why: `expected messages to measure the period between; saw only 1 in ${span}` };
    const short = gaps.reduce((m, g) => (g.ms < m.ms ? g : m));
    const long = gaps.reduce((m, g) => (g.ms > m.ms ? g : m));
    if (a.period.min !== undefined && short.ms < a.period.min)
      return {
        ok: false,
        why: `expected at least ${formatDuration(a.period.min)} between messages; saw ${formatDuration(short.ms)} between messages ${short.i} and ${short.i + 1}`,
      };
    if (a.period.max !== undefined && long.ms > a.period.max)
      return {
        ok: false,
        why: `expected at most ${formatDuration(a.period.max)} between messages; saw ${formatDuration(long.ms)} between messages ${long.i} and ${long.i + 1}`,
      };
    periodText = `, period ${formatDuration(short.ms)} to ${formatDuration(long.ms)}`;
  }
  for (const [i, s] of samples.entries()) {
    for (const f of a.fields ?? [])
      if (valueOf(f, s.message) === undefined)
        return {
          ok: false,
          why: `expected every message to have ${f}; message ${i + 1} has not: ${cut(JSON.stringify(s.message))}`,
        };
    for (const [f, [lo, hi]] of Object.entries(a.ranges ?? {})) {
      const v = valueOf(f, s.message);
      if (typeof v !== 'number' || v < lo || v > hi)
        return {
          ok: false,
          why: `expected ${f} from ${lo} to ${hi}; message ${i + 1} has ${f} = ${v === undefined ? 'missing' : JSON.stringify(v)}`,
        };
    }
    if (a.where !== undefined) {
      const e = expr(a.where);
      const r = e.evaluate(s.message);
      if (!r.ok || !truthy(r.value))
        return {
          ok: false,
          why: `expected ${a.where} in every message; message ${i + 1} has ${r.ok ? fieldValues(e, s.message) : r.reason}`,
        };
    }
  }
  const ranges = Object.keys(a.ranges ?? {}).map((f) => {
    const vs = samples.map((s) => valueOf(f, s.message)).filter((v): v is number => typeof v === 'number');
    return `${f} ${Math.min(...vs)} to ${Math.max(...vs)}`;
  });
  const fields = a.fields?.length ? `, every message with ${a.fields.join(', ')}` : '';
  return {
    ok: true,
    seen: `${rateText}${periodText}${ranges.length ? `, ${ranges.join(', ')}` : ''}${fields}`,
  };
}

function expr(source: string): Expression {
  const c = compileExpression(source);
  // The schema compiled every expression when the file was read; a typed-API caller passed the same schema.
  if (!c.ok) throw new Error(c.reason);
  return c.expr;
}

function valueOf(field: string, message: Record<string, unknown>): unknown {
  const r = expr(field).evaluate(message);
  return r.ok ? r.value : undefined;
}

function truthy(v: unknown): boolean {
  return v !== false && v !== null && v !== undefined && v !== 0 && v !== '';
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && firstDifference(a, b) === -1;
}

function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}
