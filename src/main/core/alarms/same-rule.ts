// Whether a rule is unchanged (same fields, same values, whatever the key order): an unchanged rule keeps its
// alarms and state across a rules change; a changed one starts over.
import type { AlarmRule } from '../../../shared/alarms/rules';

function definedKeys(o: object): string[] {
  return Object.keys(o).filter((k) => Reflect.get(o, k) !== undefined);
}

function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = definedKeys(a);
  return ka.length === definedKeys(b).length && ka.every((k) => same(Reflect.get(a, k), Reflect.get(b, k)));
}

export function sameRule(a: AlarmRule, b: AlarmRule): boolean {
  return same(a, b);
}
