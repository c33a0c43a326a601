// The malformed and extreme values the bridge fuzz sends: wrong types, huge and odd strings, numbers JSON can
// barely say, prototype keys, paths that climb out, deep nesting and long arrays. Every path aims at the test's
// canary folder (absolute, and relative from the core's working directory), so a request that writes where it must
// not leaves a trace there.
import type { Prng } from './prng';
import { RawJson } from './wire-json';

/** Where hostile paths point. */
export interface HostileTargets {
  /** A folder nothing may write into. */
  readonly canary: string;
  /** The canary as a path relative to the core's working directory (`../../tmp/…`). */
  readonly canaryFromCwd: string;
}

/** The largest string or array text a fuzzed value gets (the bridge takes 4 MiB a message: docs §12.7). */
export const MAX_VALUE_CHARS = 1024 * 1024;

/** Keys that name parts of every object; a request that copies them carelessly pollutes prototypes. */
export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

const ODD_STRINGS = [
  '',
  ' ',
  '\t\r\n',
  '\u0000',
  'a\u0000b',
  '\u0001\u001f\u007f',
  '\u001b[31mred\u001b[0m',
  '\u202eevil',
  'e\u0301\u0301\u0301',
  '\ud800',
  '\udfff\ud800',
  '\ufeff',
  '\uffff',
  '💥🔥',
  'NaN',
  '1e999',
  '-0',
  '0x10',
  'null',
  'undefined',
  '%s%s%n%x',
  '{{7*7}}',
  '<script>alert(1)</script>',
  "'; DROP TABLE x; --",
  'lab/1',
  'lab+1',
  '#',
  'virtual',
  'virtual-2',
  'virtual-99',
  '/',
  '.',
  '..',
];

/** Paths that try to leave every folder the bench confines host paths to. */
export function hostilePaths(t: HostileTargets): string[] {
  return [
    `${t.canary}/pwned`,
    `${t.canary}`,
    `${t.canaryFromCwd}/pwned`,
    `../../../../../../../..${t.canary}/pwned`,
    `${t.canary}/../${t.canary.split('/').pop() ?? ''}/pwned`,
    `${t.canary}/pwned\u0000.ndjson`,
    `file://${t.canary}/pwned`,
    `$(touch ${t.canary}/shell)`,
    `\`touch ${t.canary}/backtick\``,
    '../../../../../../etc/passwd',
    '/etc/passwd',
    '/proc/self/environ',
    '..\\..\\..\\Windows\\win.ini',
    'C:\\Windows\\System32',
    '\\\\server\\share\\x',
    '//server/share',
    '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '~/.ssh/id_rsa',
    '$HOME/.bashrc',
    'CON',
    '/..',
    '/../../',
    'a/../../b',
    '/./././',
    '//',
  ];
}

/** A hostile string; `maxLength` (the schema's) adds its edges. */
export function hostileString(rng: Prng, t: HostileTargets, maxLength?: number): unknown {
  const roll = rng.int(0, 9);
  if (roll <= 2) return rng.pick(ODD_STRINGS);
  if (roll <= 4) return rng.pick(hostilePaths(t));
  if (roll === 5) return rng.pick(PROTO_KEYS);
  if (roll === 6 && maxLength !== undefined && maxLength < MAX_VALUE_CHARS)
    return rng.pick(['a', '💥', '\u0000']).repeat(maxLength + 1);
  if (roll === 7) return rng.pick(['A', 'é', '💥', '\u0000', '\\', '"', '/..']).repeat(rng.logInt(100, 4096));
  if (roll === 8) return 'x'.repeat(rng.logInt(4096, MAX_VALUE_CHARS));
  return rng.pick(ODD_STRINGS) + rng.pick(hostilePaths(t));
}

/** A hostile number: edges of [min, max], and what JSON can write but a program rarely expects. */
export function hostileNumber(rng: Prng, min?: number, max?: number, integer = false): unknown {
  const edges: unknown[] = [];
  if (min !== undefined) edges.push(min - 1, min - 0.5, min);
  if (max !== undefined) edges.push(max + 1, max + 0.5, max);
  if (integer) edges.push(0.5, 1.5, -0.5);
  const wild: unknown[] = [
    -0,
    Infinity,
    -Infinity,
    1e308,
    -1e308,
    2 ** 53,
    2 ** 53 + 2,
    2 ** 64,
    -(2 ** 63),
    Number.MIN_VALUE,
    -1,
    0,
    65536,
    4294967296,
    new RawJson(`1${'0'.repeat(400)}`, 'a 401-digit number (parses to Infinity)'),
    new RawJson(`0.${'0'.repeat(400)}1`, 'a number that underflows to 0'),
    new RawJson('1E+308', '1E+308'),
  ];
  return rng.chance(0.5) && edges.length > 0 ? rng.pick(edges) : rng.pick(wild);
}

/** Arrays or objects nested `depth` deep, as text (a recursive writer or reader would overflow its stack). */
export function deepNesting(rng: Prng): RawJson {
  const depth = rng.logInt(100, 200_000);
  return rng.chance(0.5)
    ? new RawJson(`${'['.repeat(depth)}${']'.repeat(depth)}`, `array nested ${depth} deep`)
    : new RawJson(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`, `object nested ${depth} deep`);
}

/** A long array of small values, as text. */
export function longArray(rng: Prng): RawJson {
  const n = rng.logInt(1000, 200_000);
  const item = rng.pick(['0', '"/"', 'null', '{}', '"virtual"']);
  return new RawJson(`[${`${item},`.repeat(n - 1)}${item}]`, `array of ${n} × ${item}`);
}

/** An object with many keys, as text. */
export function wideObject(rng: Prng): RawJson {
  const n = rng.logInt(1000, 50_000);
  const keys = Array.from({ length: n }, (_, i) => `"k${i}":${i}`);
  return new RawJson(`{${keys.join(',')}}`, `object with ${n} keys`);
}

/** A value of some JSON type, often not the one the schema wants. */
export function wrongType(rng: Prng, t: HostileTargets): unknown {
  const roll = rng.int(0, 11);
  switch (roll) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return hostileNumber(rng);
    case 3:
      return hostileString(rng, t);
    case 4:
      return [];
    case 5:
      return {};
    case 6:
      return [null, 1, 'x', {}];
    case 7:
      return deepNesting(rng);
    case 8:
      return longArray(rng);
    case 9:
      return wideObject(rng);
    case 10:
      return new RawJson('{"__proto__":{"fuzzPolluted":true}}', 'an object with an own __proto__');
    default:
      return new RawJson(
        '{"constructor":{"prototype":{"fuzzPolluted":true}}}',
        'a constructor.prototype object',
      );
  }
}
