// GNU ld linker script: the MEMORY block only (ORIGIN/LENGTH with K/M suffixes and simple expressions). Pure; runs
// on text the user picked, so every failure is a ParseError that names the line, and every limit (limits.ts) is
// checked before it can cost time or stack.
import { ADDRESS_SPACE, LINES_PER_STEP, MAX_BLOCK_TOKENS, MAX_EXPRESSION_DEPTH, MAX_REGIONS } from './limits';
import { runSteps, type Steps } from './steps';
import type { LinkerRegion } from './types';

/** A file the parser could not read, with the 1-based line where it gave up. */
export class ParseError extends Error {
  constructor(
    readonly file: 'linker-script' | 'map-file',
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file === 'linker-script' ? 'Linker script' : 'Map file'}, line ${line}: ${reason}`);
    this.name = 'ParseError';
  }
}

/** What a linker script's MEMORY block declares. */
export interface LinkerScript {
  readonly regions: readonly LinkerRegion[];
  /** Line of each region's declaration (1-based), by name. */
  readonly lines: Readonly<Record<string, number>>;
}

interface Token {
  readonly text: string;
  readonly line: number;
}

/**
 * The tokens of the MEMORY block, from "MEMORY" to its "}" (none when there is no block), comments dropped, each
 * with its line. What comes before is scanned, not kept, and what follows is not read; a block longer than
 * MAX_BLOCK_TOKENS is refused. Pauses every so many characters.
 */
function* memoryBlockTokens(text: string): Steps<Token[]> {
  const tokens: Token[] = [];
  let previous: Token | undefined;
  /** Takes one token; true once the block's "}" is taken. */
  const take = (t: Token): boolean => {
    if (tokens.length === 0) {
      if (t.text === '{' && previous?.text === 'MEMORY') tokens.push(previous, t);
      previous = t;
      return false;
    }
    if (tokens.length >= MAX_BLOCK_TOKENS)
      throw new ParseError(
        'linker-script',
        t.line,
        `the MEMORY block is longer than ${MAX_BLOCK_TOKENS.toLocaleString('en')} words and signs, more than the import takes.`,
      );
    tokens.push(t);
    return t.text === '}';
  };
  let line = 1;
  let i = 0;
  let pauseAt = LINES_PER_STEP * 64;
  while (i < text.length) {
    if (i >= pauseAt) {
      pauseAt = i + LINES_PER_STEP * 64;
      yield;
    }
    const c = text[i]!;
    if (c === '\n') {
      line++;
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) throw new ParseError('linker-script', line, 'a /* comment is never closed.');
      for (let j = i; j < end; j++) if (text[j] === '\n') line++;
      i = end + 2;
    } else if (/[A-Za-z0-9_.$]/.test(c)) {
      const word = /^[A-Za-z0-9_.$]+/.exec(text.slice(i, i + 256))![0];
      i += word.length;
      if (take({ text: word, line })) return tokens;
    } else if (c === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) throw new ParseError('linker-script', line, 'a quoted name is never closed.');
      const quoted = text.slice(i + 1, end);
      i = end + 1;
      if (take({ text: quoted, line })) return tokens;
    } else {
      i++;
      if (take({ text: c, line })) return tokens;
    }
  }
  return tokens;
}

/** Parses `0x24000000`, `896K`, `4M`, `325120`, `0777` (octal, as ld reads it). */
export function parseNumber(word: string): number | undefined {
  const m = /^(0x[0-9a-f]+|[0-9]+)([km]?)$/i.exec(word);
  if (!m) return undefined;
  const digits = m[1]!;
  const base = /^0x/i.test(digits)
    ? Number.parseInt(digits.slice(2), 16)
    : digits.length > 1 && digits.startsWith('0')
      ? Number.parseInt(digits, 8)
      : Number.parseInt(digits, 10);
  if (!Number.isFinite(base)) return undefined;
  const suffix = m[2]!.toLowerCase();
  return base * (suffix === 'k' ? 1024 : suffix === 'm' ? 1024 * 1024 : 1);
}

/**
 * Recursive-descent evaluation of `a + b * (c - d)` with ORIGIN()/LENGTH() of regions declared above. Each "(" and
 * each sign goes one level deeper; past MAX_EXPRESSION_DEPTH it stops with a ParseError instead of running out of
 * stack (10,000 parentheses did).
 */
class Expr {
  private i: number;
  private depth = 0;
  constructor(
    private readonly tokens: Token[],
    start: number,
    private readonly regions: Map<string, LinkerRegion>,
  ) {
    this.i = start;
  }
  get pos(): number {
    return this.i;
  }
  private peek(): Token | undefined {
    return this.tokens[this.i];
  }
  private fail(reason: string): never {
    const t = this.peek() ?? this.tokens[this.tokens.length - 1];
    throw new ParseError('linker-script', t?.line ?? 1, reason);
  }
  sum(): number {
    let v = this.product();
    while (this.peek()?.text === '+' || this.peek()?.text === '-') {
      const op = this.tokens[this.i++]!.text;
      const r = this.product();
      v = op === '+' ? v + r : v - r;
    }
    return v;
  }
  private product(): number {
    let v = this.unary();
    while (this.peek()?.text === '*' || this.peek()?.text === '/') {
      const op = this.tokens[this.i++]!.text;
      const r = this.unary();
      if (op === '/' && r === 0) this.fail('division by zero in an expression.');
      v = op === '*' ? v * r : Math.floor(v / r);
    }
    return v;
  }
  /** Evaluates `inner` one nesting level deeper. */
  private nested(inner: () => number): number {
    if (++this.depth > MAX_EXPRESSION_DEPTH)
      this.fail(
        `the expression is nested deeper than ${MAX_EXPRESSION_DEPTH} levels (parentheses and minus signs).`,
      );
    const v = inner();
    this.depth--;
    return v;
  }
  private unary(): number {
    const t = this.peek();
    if (!t) this.fail('the expression ends too early.');
    if (t.text === '-') {
      this.i++;
      return this.nested(() => -this.unary());
    }
    if (t.text === '(') {
      this.i++;
      const v = this.nested(() => this.sum());
      if (this.peek()?.text !== ')') this.fail('a ")" is missing in an expression.');
      this.i++;
      return v;
    }
    const fn = t.text.toUpperCase();
    if ((fn === 'ORIGIN' || fn === 'LENGTH') && this.tokens[this.i + 1]?.text === '(') {
      const name = this.tokens[this.i + 2];
      if (!name || this.tokens[this.i + 3]?.text !== ')') this.fail(`${fn}(...) needs one region name.`);
      const r = this.regions.get(name.text);
      if (!r) this.fail(`${fn}(${name.text}) names a region not declared above it.`);
      this.i += 4;
      return fn === 'ORIGIN' ? r.origin : r.length;
    }
    const n = parseNumber(t.text);
    if (n === undefined)
      this.fail(
        `"${t.text}" is not a number this parser understands (symbols other than ORIGIN()/LENGTH() are not supported).`,
      );
    this.i++;
    return n;
  }
}

const ORIGIN_KEYS = new Set(['ORIGIN', 'org', 'o']);
const LENGTH_KEYS = new Set(['LENGTH', 'len', 'l']);

/** Reads the MEMORY block of a GNU ld script. Throws ParseError naming the line on anything it cannot read. */
export function parseLinkerScript(text: string): LinkerScript {
  return runSteps(parseLinkerScriptSteps(text));
}

/** `parseLinkerScript` in slices (see steps.ts). */
export function* parseLinkerScriptSteps(text: string): Steps<LinkerScript> {
  const tokens = yield* memoryBlockTokens(text);
  const start = tokens.findIndex((t, k) => t.text === 'MEMORY' && tokens[k + 1]?.text === '{');
  if (start < 0)
    throw new ParseError(
      'linker-script',
      1,
      'no MEMORY { ... } block found: is this a GNU ld linker script?',
    );
  const regions = new Map<string, LinkerRegion>();
  const lines: Record<string, number> = {};
  let i = start + 2;
  const at = (k: number) => tokens[k];
  const expect = (text: string, what: string) => {
    const t = at(i);
    if (t?.text !== text)
      throw new ParseError(
        'linker-script',
        t?.line ?? tokens[tokens.length - 1]!.line,
        `expected ${what}${t ? `, found "${t.text}"` : ' before the end of the file'}.`,
      );
    i++;
  };
  /** `ORIGIN = expr` (or `LENGTH = expr`, by any of its spellings) of region `name`: the expression's value. */
  const assignment = (key: string, spellings: ReadonlySet<string>, name: (typeof tokens)[number]) => {
    const k = at(i);
    if (!k || !spellings.has(k.text))
      throw new ParseError('linker-script', k?.line ?? name.line, `region ${name.text}: expected ${key} =.`);
    i++;
    expect('=', `"=" after ${key}`);
    const e = new Expr(tokens, i, regions);
    const value = e.sum();
    i = e.pos;
    return value;
  };
  while (at(i) && at(i)!.text !== '}') {
    const name = at(i)!;
    if (!/^[A-Za-z_.$][A-Za-z0-9_.$]*$/.test(name.text))
      throw new ParseError('linker-script', name.line, `"${name.text}" is not a region name.`);
    if (regions.has(name.text))
      throw new ParseError('linker-script', name.line, `region ${name.text} is declared twice.`);
    i++;
    let attributes = '';
    if (at(i)?.text === '(') {
      i++;
      while (at(i) && at(i)!.text !== ')') attributes += at(i++)!.text;
      expect(')', '")" after the attributes');
    }
    expect(':', `":" after region ${name.text}`);
    const origin = assignment('ORIGIN', ORIGIN_KEYS, name);
    expect(',', `"," between ORIGIN and LENGTH of ${name.text}`);
    const length = assignment('LENGTH', LENGTH_KEYS, name);
    checkRegion(name, origin, length);
    if (regions.size === MAX_REGIONS)
      throw new ParseError(
        'linker-script',
        name.line,
        `the MEMORY block declares more than ${MAX_REGIONS} regions, more than the import takes.`,
      );
    regions.set(name.text, { name: name.text, origin, length, attributes });
    lines[name.text] = name.line;
  }
  if (!at(i))
    throw new ParseError(
      'linker-script',
      tokens[tokens.length - 1]!.line,
      'the MEMORY block is never closed with "}".',
    );
  if (regions.size === 0)
    throw new ParseError('linker-script', at(i)!.line, 'the MEMORY block declares no regions.');
  return { regions: [...regions.values()], lines };
}

/**
 * A region must be whole bytes inside the 32-bit address space: NaN, Infinity and 2^70 (which products and
 * differences of large numbers give) would make every figure computed from it meaningless.
 */
function checkRegion(name: Token, origin: number, length: number): void {
  const bad = (what: string) => {
    throw new ParseError('linker-script', name.line, `region ${name.text}: ${what}`);
  };
  if (!Number.isSafeInteger(origin) || origin < 0 || origin >= ADDRESS_SPACE)
    bad(`ORIGIN ${origin} is not an address in the 32-bit address space.`);
  if (!Number.isSafeInteger(length) || length <= 0 || length > ADDRESS_SPACE)
    bad(`LENGTH ${length} is not a whole number of bytes from 1 to 4 GB.`);
  if (origin + length > ADDRESS_SPACE)
    bad(`it runs past the end of the 32-bit address space (ORIGIN ${origin} + LENGTH ${length}).`);
}
