// JSON text for fuzzed requests, with what JSON.stringify cannot write: -0, numbers that parse to ±Infinity or
// underflow to 0, nesting deeper than a recursive writer survives, and own `__proto__` keys.

/** A piece of JSON text put into a message as is (built without recursion, so it may be huge or deep). */
export class RawJson {
  constructor(
    readonly text: string,
    /** A few words for failure messages ("array nested 50000 deep"). */
    readonly label: string,
  ) {}
}

/** Sets an own enumerable property, even `__proto__` (plain assignment would set the prototype instead). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** JSON text of `value`: RawJson pieces verbatim, -0 as `-0`, ±Infinity as `±1e999` (which JSON.parse reads back). */
export function wireJson(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (typeof value === 'number') {
    if (Object.is(value, -0)) return '-0';
    if (value === Infinity) return '1e999';
    if (value === -Infinity) return '-1e999';
    return Number.isNaN(value) ? 'null' : String(value);
  }
  if (Array.isArray(value)) return `[${value.map(wireJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const parts = Object.keys(value).map(
      (k) => `${JSON.stringify(k)}:${wireJson((value as Record<string, unknown>)[k])}`,
    );
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A short description of a value for failure messages: its kind and size, never its whole text. */
export function describeValue(value: unknown): string {
  if (value instanceof RawJson) return value.label;
  if (typeof value === 'string')
    return value.length > 40 ? `string(${value.length} chars)` : JSON.stringify(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (Array.isArray(value)) return `array(${value.length})`;
  if (value !== null && typeof value === 'object')
    return `object{${Object.keys(value).slice(0, 4).join(',')}}`;
  return String(value);
}
