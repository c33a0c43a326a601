// Expressions over a message's fields in scenario files: `temperature >= 20 && temperature <= 85`,
// `data.yellowLed == true`, `abs(a - b) < 2`. A small parser and evaluator: never `eval`, no access to anything but
// the message given. A bare name is looked up in the message, then in its `data` object (so `yellowLed` works for
// `{"type":"led-status","data":{"yellowLed":true}}`).

type Node =
  | { readonly t: 'lit'; readonly v: unknown }
  | { readonly t: 'ref'; readonly path: readonly (string | number)[]; readonly text: string }
  | { readonly t: 'un'; readonly op: '!' | '-'; readonly a: Node }
  | { readonly t: 'bin'; readonly op: string; readonly a: Node; readonly b: Node }
  | { readonly t: 'call'; readonly fn: 'abs' | 'len' | 'exists'; readonly a: Node };

export interface Expression {
  readonly source: string;
  /** The fields it reads, as written (for reports: "saw temperature = 91"). */
  readonly fields: readonly string[];
  /** The value of the expression for one message; never throws. */
  evaluate(message: unknown): { ok: true; value: unknown } | { ok: false; reason: string };
}

const TOKEN =
  /\s*(?:(\d+(?:\.\d+)?(?:e[+-]?\d+)?)|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|([A-Za-z_$][\w$-]*)|(==|!=|<=|>=|&&|\|\||[<>!+\-*/%().[\],]))/y;

interface Tok {
  readonly kind: 'num' | 'str' | 'id' | 'op' | 'end';
  readonly text: string;
  readonly at: number;
}

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(src);
    if (!m) {
      const rest = src.slice(pos);
      const at = pos + rest.length - rest.trimStart().length;
      throw new SyntaxError(`unexpected "${src.slice(at, at + 12).trimEnd()}" at character ${at + 1}`);
    }
    const at = m.index + (m[0].length - m[0].trimStart().length);
    if (m[1] !== undefined) out.push({ kind: 'num', text: m[1], at });
    else if (m[2] !== undefined) out.push({ kind: 'str', text: m[2], at });
    else if (m[3] !== undefined) out.push({ kind: 'id', text: m[3], at });
    else out.push({ kind: 'op', text: m[4] ?? '', at });
    pos = TOKEN.lastIndex;
  }
  out.push({ kind: 'end', text: '', at: src.length });
  return out;
}

const COMPARE = new Set(['==', '!=', '<', '<=', '>', '>=']);
const FUNCTIONS = new Set(['abs', 'len', 'exists']);

class Parser {
  private i = 0;
  readonly fields = new Set<string>();
  constructor(private readonly toks: Tok[]) {}

  private peek(): Tok {
    return this.toks[this.i] ?? { kind: 'end', text: '', at: 0 };
  }
  private take(): Tok {
    const t = this.peek();
    this.i++;
    return t;
  }
  private expect(op: string): void {
    const t = this.take();
    if (t.text !== op || t.kind !== 'op')
      throw new SyntaxError(
        `expected "${op}" at character ${t.at + 1}, found ${t.kind === 'end' ? 'the end' : `"${t.text}"`}`,
      );
  }
  private is(op: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.text === op;
  }

  parse(): Node {
    const n = this.or();
    const t = this.peek();
    if (t.kind !== 'end') throw new SyntaxError(`unexpected "${t.text}" at character ${t.at + 1}`);
    return n;
  }
  private or(): Node {
    let a = this.and();
    while (this.is('||')) {
      this.take();
      a = { t: 'bin', op: '||', a, b: this.and() };
    }
    return a;
  }
  private and(): Node {
    let a = this.cmp();
    while (this.is('&&')) {
      this.take();
      a = { t: 'bin', op: '&&', a, b: this.cmp() };
    }
    return a;
  }
  private cmp(): Node {
    const a = this.add();
    const t = this.peek();
    if (t.kind === 'op' && COMPARE.has(t.text)) {
      this.take();
      return { t: 'bin', op: t.text, a, b: this.add() };
    }
    return a;
  }
  private add(): Node {
    let a = this.mul();
    while (this.is('+') || this.is('-')) a = { t: 'bin', op: this.take().text, a, b: this.mul() };
    return a;
  }
  private mul(): Node {
    let a = this.unary();
    while (this.is('*') || this.is('/') || this.is('%'))
      a = { t: 'bin', op: this.take().text, a, b: this.unary() };
    return a;
  }
  private unary(): Node {
    if (this.is('!') || this.is('-')) {
      const op = this.take().text === '!' ? '!' : '-';
      return { t: 'un', op, a: this.unary() };
    }
    return this.primary();
  }
  private primary(): Node {
    const t = this.take();
    if (t.kind === 'num') return { t: 'lit', v: Number(t.text) };
    if (t.kind === 'str') return { t: 'lit', v: unquote(t.text) };
    if (t.kind === 'op' && t.text === '(') {
      const n = this.or();
      this.expect(')');
      return n;
    }
    if (t.kind === 'id') {
      if (t.text === 'true' || t.text === 'false') return { t: 'lit', v: t.text === 'true' };
      if (t.text === 'null') return { t: 'lit', v: null };
      if (this.is('(') && FUNCTIONS.has(t.text)) {
        this.take();
        const a = this.or();
        this.expect(')');
        return { t: 'call', fn: t.text as 'abs' | 'len' | 'exists', a };
      }
      return this.ref(t);
    }
    throw new SyntaxError(
      t.kind === 'end' ? 'the expression ends too early' : `unexpected "${t.text}" at character ${t.at + 1}`,
    );
  }
  private ref(first: Tok): Node {
    const path: (string | number)[] = [first.text];
    let text = first.text;
    for (;;) {
      if (this.is('.')) {
        this.take();
        const id = this.take();
        if (id.kind !== 'id')
          throw new SyntaxError(`expected a field name after "." at character ${id.at + 1}`);
        path.push(id.text);
        text += `.${id.text}`;
      } else if (this.is('[')) {
        this.take();
        const k = this.take();
        if (k.kind !== 'num' && k.kind !== 'str')
          throw new SyntaxError(`expected an index at character ${k.at + 1}`);
        path.push(k.kind === 'num' ? Number(k.text) : unquote(k.text));
        text += `[${k.text}]`;
        this.expect(']');
      } else break;
    }
    this.fields.add(text);
    return { t: 'ref', path, text };
  }
}

function unquote(s: string): string {
  return s.slice(1, -1).replace(/\\(.)/g, '$1');
}

function lookup(message: unknown, path: readonly (string | number)[]): unknown {
  const walk = (from: unknown): unknown => {
    let v = from;
    for (const k of path) {
      if (v === null || typeof v !== 'object' || !Object.hasOwn(v, k)) return undefined;
      v = (v as Record<string | number, unknown>)[k];
    }
    return v;
  };
  const direct = walk(message);
  if (direct !== undefined || message === null || typeof message !== 'object') return direct;
  const data = (message as Record<string, unknown>).data;
  return data !== null && typeof data === 'object' ? walk(data) : undefined;
}

class EvalError extends Error {}

function num(v: unknown, what: string): number {
  if (typeof v === 'number') return v;
  throw new EvalError(
    v === undefined
      ? `${what} is not in the message`
      : `${what} is not a number (it is ${JSON.stringify(v)})`,
  );
}

function describe(n: Node): string {
  return n.t === 'ref' ? n.text : n.t === 'lit' ? JSON.stringify(n.v) : 'a value';
}

function run(n: Node, msg: unknown): unknown {
  switch (n.t) {
    case 'lit':
      return n.v;
    case 'ref':
      return lookup(msg, n.path);
    case 'un':
      return n.op === '!' ? !truthy(run(n.a, msg)) : -num(run(n.a, msg), describe(n.a));
    case 'call': {
      const v = run(n.a, msg);
      if (n.fn === 'exists') return v !== undefined;
      if (n.fn === 'abs') return Math.abs(num(v, describe(n.a)));
      if (typeof v === 'string' || Array.isArray(v)) return v.length;
      throw new EvalError(`len() takes text or a list; ${describe(n.a)} is neither`);
    }
    case 'bin': {
      if (n.op === '&&') return truthy(run(n.a, msg)) && truthy(run(n.b, msg));
      if (n.op === '||') return truthy(run(n.a, msg)) || truthy(run(n.b, msg));
      const a = run(n.a, msg);
      const b = run(n.b, msg);
      if (n.op === '==') return a === b;
      if (n.op === '!=') return a !== b;
      if (COMPARE.has(n.op)) {
        // A missing field compares false (the step then reports what it saw), never as 0.
        if (a === undefined || b === undefined) return false;
        const x = typeof a === 'string' && typeof b === 'string' ? a : num(a, describe(n.a));
        const y = typeof a === 'string' && typeof b === 'string' ? b : num(b, describe(n.b));
        return n.op === '<' ? x < y : n.op === '<=' ? x <= y : n.op === '>' ? x > y : x >= y;
      }
      if (n.op === '+' && typeof a === 'string' && typeof b === 'string') return a + b;
      const x = num(a, describe(n.a));
      const y = num(b, describe(n.b));
      return n.op === '+'
        ? x + y
        : n.op === '-'
          ? x - y
          : n.op === '*'
            ? x * y
            : n.op === '/'
              ? x / y
              : x % y;
    }
  }
}

function truthy(v: unknown): boolean {
  return v !== false && v !== null && v !== undefined && v !== 0 && v !== '';
}

/** Parses an expression; a mistake is told in words with the character where it is. */
export function compileExpression(
  source: string,
): { ok: true; expr: Expression } | { ok: false; reason: string } {
  if (source.length > 2000) return { ok: false, reason: 'An expression is at most 2000 characters.' };
  let root: Node;
  let fields: string[];
  try {
    const p = new Parser(tokenize(source));
    root = p.parse();
    fields = [...p.fields];
  } catch (e) {
    return {
      ok: false,
      reason: `The expression "${source}" cannot be read: ${e instanceof Error ? e.message : String(e)}.`,
    };
  }
  return {
    ok: true,
    expr: {
      source,
      fields,
      evaluate(message) {
        try {
          return { ok: true, value: run(root, message) };
        } catch (e) {
          if (e instanceof EvalError) return { ok: false, reason: e.message };
          throw e;
        }
      },
    },
  };
}

/** The values of an expression's fields in a message, for a report ("temperature = 91, cpuLoad = 12"). */
export function fieldValues(expr: Expression, message: unknown): string {
  return expr.fields
    .map((f) => {
      const c = compileExpression(f);
      const v = c.ok ? c.expr.evaluate(message) : undefined;
      return `${f} = ${v?.ok ? (JSON.stringify(v.value) ?? 'missing') : 'missing'}`;
    })
    .join(', ');
}
