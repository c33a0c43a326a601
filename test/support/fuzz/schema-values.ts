// Requests derived from a command's request schema (its JSON Schema, from zod's own toJSONSchema): a valid value
// first, so that a fuzzed request reaches the handler's code and not only the validator, then one to three
// mutations at random places in it (a hostile value, a missing field, an extra or prototype key), or junk instead
// of the whole request.
import type { z } from 'zod';
import {
  deepNesting,
  hostileNumber,
  hostileString,
  longArray,
  PROTO_KEYS,
  wideObject,
  wrongType,
  MAX_VALUE_CHARS,
  type HostileTargets,
} from './hostile';
import type { Prng } from './prng';
import { describeValue, RawJson, setOwn } from './wire-json';

type Schema = z.core.JSONSchema.JSONSchema;
type SchemaOrBool = z.core.JSONSchema._JSONSchema;

/** What a generator needs besides the schema. */
export interface ValueContext {
  readonly rng: Prng;
  readonly targets: HostileTargets;
  /** Valid strings by property name (board ids, eMMC paths …): what makes a valid request act on something. */
  readonly hints: Readonly<Record<string, readonly string[]>>;
}

/** A fuzzed request and what was done to it, for failure messages. */
export interface FuzzedRequest {
  readonly request: unknown;
  readonly note: string;
}

const ANY: Schema = {};

function sub(s: SchemaOrBool | SchemaOrBool[] | undefined): Schema {
  if (Array.isArray(s)) return sub(s[0]);
  return s === undefined || typeof s === 'boolean' ? ANY : s;
}

function typeOf(s: Schema, rng: Prng): string | undefined {
  return Array.isArray(s.type) ? rng.pick(s.type) : s.type;
}

/** A valid value of `s` (as far as JSON Schema can say: zod's refinements are not in it). `extreme`: at its edges. */
export function validValue(s: Schema, g: ValueContext, key?: string, extreme = false): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum) return g.rng.pick(s.enum);
  const alternatives = s.oneOf ?? s.anyOf;
  if (alternatives) return validValue(g.rng.pick(alternatives), g, key, extreme);
  switch (typeOf(s, g.rng)) {
    case 'object':
      return validObject(s, g, extreme);
    case 'array': {
      const min = s.minItems ?? 0;
      const n = g.rng.int(min, Math.min(s.maxItems ?? min + 3, min + 3));
      return Array.from({ length: n }, () => validValue(sub(s.items), g, key, extreme));
    }
    case 'string':
      return validString(s, g, key, extreme);
    case 'integer':
    case 'number':
      return validNumber(s, g, typeOf(s, g.rng) === 'integer', extreme);
    case 'boolean':
      return g.rng.chance(0.5);
    case 'null':
      return null;
    default:
      return {};
  }
}

function validString(s: Schema, g: ValueContext, key: string | undefined, extreme: boolean): string {
  const hinted = key !== undefined ? g.hints[key] : undefined;
  const max = s.maxLength ?? 64;
  if (extreme && max <= MAX_VALUE_CHARS && g.rng.chance(0.5)) return 'a'.repeat(max);
  if (hinted && (s.pattern !== undefined || g.rng.chance(0.8))) return g.rng.pick(hinted);
  const min = s.minLength ?? 0;
  const n = g.rng.int(min, Math.max(min, Math.min(max, 16)));
  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789-';
  return Array.from({ length: n }, () => chars[g.rng.int(0, chars.length - 1)]).join('');
}

function validNumber(s: Schema, g: ValueContext, integer: boolean, extreme: boolean): number {
  const exMin = typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : undefined;
  const exMax = typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum - 1 : undefined;
  const min = s.minimum ?? exMin ?? -1000;
  const max = s.maximum ?? exMax ?? Math.max(min + 1000, 1000);
  if (extreme) return g.rng.pick([min, max]);
  const v = min + g.rng.next() * Math.min(max - min, 10_000);
  return integer ? Math.round(v) : v;
}

function validObject(s: Schema, g: ValueContext, extreme: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const required = new Set(s.required ?? []);
  for (const [k, ps] of Object.entries(s.properties ?? {})) {
    if (required.has(k) || g.rng.chance(0.5)) setOwn(out, k, validValue(sub(ps), g, k, extreme));
  }
  const names = sub(s.propertyNames);
  const values = s.additionalProperties;
  if (s.propertyNames !== undefined && values !== undefined && typeof values !== 'boolean') {
    const n = g.rng.int(0, 2);
    for (let i = 0; i < n; i++)
      setOwn(out, String(validValue(names, g, 'key')), validValue(values, g, undefined, extreme));
  }
  return out;
}

/** A hostile value where `s` is wanted. */
function hostileFor(s: Schema, g: ValueContext): unknown {
  const { rng, targets } = g;
  if (rng.chance(0.25)) return wrongType(rng, targets);
  if (s.const !== undefined || s.enum) {
    const v = String(s.const ?? rng.pick(s.enum ?? ['']));
    return rng.pick([v.toUpperCase(), ` ${v}`, `${v}\u0000`, v.slice(1), hostileString(rng, targets)]);
  }
  const alternatives = s.oneOf ?? s.anyOf;
  if (alternatives) return hostileFor(rng.pick(alternatives), g);
  switch (typeOf(s, rng)) {
    case 'string':
      return hostileString(rng, targets, s.maxLength);
    case 'integer':
    case 'number':
      return hostileNumber(rng, s.minimum, s.maximum, typeOf(s, rng) === 'integer');
    case 'array': {
      const roll = rng.int(0, 4);
      if (roll === 0) return [];
      if (roll === 1 && s.maxItems !== undefined && s.maxItems < 100_000)
        return new RawJson(
          `[${Array.from({ length: s.maxItems + 1 }, () => JSON.stringify(validValue(sub(s.items), g))).join(',')}]`,
          `array of ${s.maxItems + 1} (one past its limit)`,
        );
      if (roll === 2) return longArray(rng);
      if (roll === 3) return deepNesting(rng);
      return Array.from({ length: rng.int(1, 4) }, () => hostileFor(sub(s.items), g));
    }
    case 'object':
      return rng.pick([{}, wideObject(rng), deepNesting(rng), wrongType(rng, targets)]);
    default:
      return wrongType(rng, targets);
  }
}

/** One mutation somewhere in `value` (of schema `s`), at `path`; returns the new value and what was done. */
function mutate(s: Schema, value: unknown, g: ValueContext, path: string): { value: unknown; note: string } {
  const { rng } = g;
  const alternatives = s.oneOf ?? s.anyOf;
  const shape = alternatives ? rng.pick(alternatives) : s;
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof RawJson)) {
    const obj = value as Record<string, unknown>;
    const present = Object.keys(obj);
    const props = shape.properties ?? {};
    const action = rng.int(0, 5);
    if (action <= 2 && present.length > 0) {
      const k = rng.pick(present);
      const inner = mutate(sub(props[k]), obj[k], g, `${path}.${k}`);
      setOwn(obj, k, inner.value);
      return { value: obj, note: inner.note };
    }
    if (action === 3 && present.length > 0) {
      const k = rng.pick(present);
      delete obj[k];
      return { value: obj, note: `${path}.${k} left out` };
    }
    if (action === 4) {
      const k = rng.chance(0.5) ? rng.pick(PROTO_KEYS) : String(hostileString(rng, g.targets));
      const v = rng.chance(0.5) ? { fuzzPolluted: true } : hostileFor(ANY, g);
      setOwn(obj, k, v);
      return { value: obj, note: `${path}[${describeValue(k)}] added = ${describeValue(v)}` };
    }
    const absent = Object.keys(props).filter((k) => !present.includes(k));
    if (absent.length > 0) {
      const k = rng.pick(absent);
      const v = hostileFor(sub(props[k]), g);
      setOwn(obj, k, v);
      return { value: obj, note: `${path}.${k} = ${describeValue(v)}` };
    }
  }
  if (Array.isArray(value) && value.length > 0 && rng.chance(0.5)) {
    const i = rng.int(0, value.length - 1);
    const inner = mutate(sub(shape.items), value[i], g, `${path}[${i}]`);
    value[i] = inner.value;
    return { value, note: inner.note };
  }
  const v = hostileFor(shape, g);
  return { value: v, note: `${path} = ${describeValue(v)}` };
}

/** A request for a command whose request schema is `s`: mostly mutated, sometimes valid (at its edges or not). */
export function fuzzRequest(s: Schema, g: ValueContext): FuzzedRequest {
  const roll = g.rng.next();
  if (roll < 0.06) {
    const junk = wrongType(g.rng, g.targets);
    return { request: junk, note: `request = ${describeValue(junk)}` };
  }
  const extreme = g.rng.chance(0.3);
  let request = validValue(s, g, undefined, extreme);
  if (roll < 0.3) return { request, note: extreme ? 'valid, at its edges' : 'valid' };
  const notes: string[] = [];
  const count = g.rng.chance(0.7) ? 1 : g.rng.int(2, 3);
  for (let i = 0; i < count; i++) {
    const m = mutate(s, request, g, 'request');
    request = m.value;
    notes.push(m.note);
  }
  return { request, note: notes.join('; ') };
}
