/**
 * Python assert lines → host-compared cases (security review #1, structural fix): the test of an
 * assert-mode problem runs in the solution's own process, so a solution that reaches the
 * interpreter's internals can forge a pass. When every assert of a problem has the shape
 * `assert <f>(<literal args>) <op> <literal>` (HumanEval's `check(candidate)` body, MBPP's
 * `assert` lines, LeetCodeDataset's `assert candidate(...) == ...`), the problem becomes a
 * function-mode problem with `compare: 'python'`: the sandbox only returns the candidate's value
 * (tagged so tuples, sets and dicts keep their Python types) and the host decides the assert with
 * Python's `==` semantics. The expected literal never enters the sandbox.
 *
 * This module is a *pure-data* parser: it tokenizes Python text and reads literals; it never
 * executes anything (the test code comes from data sets). Anything it does not recognise makes the
 * whole problem stay in assert mode (never a guessed conversion).
 *
 * Wire format of a value ("tagged Python JSON", also written by sandboxes/python/runner.py in
 * `values: 'python'` mode): null, booleans, strings and lists as JSON; an int beyond ±(2^53−1) is
 * `{"$int": "<digits>"}`; a finite float is a JSON number, non-finite `{"$float": "nan"|"inf"|"-inf"}`;
 * `{"$tuple": [...]}`, `{"$set": [...]}` (set and frozenset), `{"$dict": [[k, v], ...]}`,
 * `{"$bytes": "<hex>"}`, `{"$complex": [re, im]}`.
 */

import type { CodeTests } from '../../src/schemas/code.ts';

/** What one converted assert checks; `value` is tagged Python JSON. */
export type AssertCheck =
  | { op: 'eq'; value: unknown }
  | { op: 'is'; value: true | false | null }
  | { op: 'truthy' }
  | { op: 'falsy' }
  | { op: 'close'; value: unknown; tol: number; strict: boolean };

/** A converted assert: positional and keyword arguments (tagged) and the check. */
export interface ConvertedAssert {
  args: unknown[];
  kwargs: Record<string, unknown>;
  check: AssertCheck;
}

// ---------------------------------------------------------------------------------------------
// Tokenizer (the subset of Python's lexical grammar that literals and calls need)

type Tok =
  | { t: 'num'; v: unknown }
  | { t: 'str'; v: string; bytes: boolean }
  | { t: 'name'; v: string }
  | { t: 'op'; v: string }
  | { t: 'nl' }
  | { t: 'indent'; v: number };

class Bail extends Error {}

const OPS = [
  '**',
  '==',
  '!=',
  '<=',
  '>=',
  '//',
  '->',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  ':',
  '.',
  '=',
  '<',
  '>',
  '-',
  '+',
  '*',
  '/',
  '%',
  ';',
  '@',
  '|',
  '&',
  '^',
  '~',
];

const SAFE = 2n ** 53n - 1n;

function intValue(text: string): unknown {
  const clean = text.replace(/_/g, '');
  let n: bigint;
  if (/^0[xX]/.test(clean) || /^0[oO]/.test(clean) || /^0[bB]/.test(clean)) n = BigInt(clean.toLowerCase());
  else if (/^(?:0+|[1-9]\d*)$/.test(clean)) n = BigInt(clean);
  else throw new Bail('int');
  return n <= SAFE ? Number(n) : { $int: n.toString() };
}

function unescapeString(body: string, raw: boolean, bytes: boolean): string {
  if (raw) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const d = body[++i];
    const simple: Record<string, string> = {
      '\n': '',
      '\\': '\\',
      "'": "'",
      '"': '"',
      a: '\x07',
      b: '\b',
      f: '\f',
      n: '\n',
      r: '\r',
      t: '\t',
      v: '\v',
    };
    if (d in simple) out += simple[d];
    else if (/[0-7]/.test(d)) {
      const m = /^[0-7]{1,3}/.exec(body.slice(i))![0];
      out += String.fromCodePoint(Number.parseInt(m, 8));
      i += m.length - 1;
    } else if (d === 'x' && /^[0-9a-fA-F]{2}$/.test(body.slice(i + 1, i + 3))) {
      out += String.fromCodePoint(Number.parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (!bytes && d === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 1, i + 5))) {
      out += String.fromCharCode(Number.parseInt(body.slice(i + 1, i + 5), 16));
      i += 4;
    } else if (!bytes && d === 'U' && /^[0-9a-fA-F]{8}$/.test(body.slice(i + 1, i + 9))) {
      const cp = Number.parseInt(body.slice(i + 1, i + 9), 16);
      if (cp > 0x10ffff) throw new Bail('escape');
      out += String.fromCodePoint(cp);
      i += 8;
    } else if (d === 'N') throw new Bail('named escape');
    else out += `\\${d}`; // Python keeps unknown escapes as written
  }
  return out;
}

/** Tokens of a Python source (comments dropped; nl at logical line ends; indent at line starts). */
function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let depth = 0;
  let i = 0;
  let lineStart = true;
  const n = src.length;
  while (i < n) {
    if (lineStart && depth === 0) {
      let col = 0;
      while (i < n && (src[i] === ' ' || src[i] === '\t')) {
        col += src[i] === '\t' ? 8 - (col % 8) : 1;
        i++;
      }
      if (i < n && src[i] !== '\n' && src[i] !== '#' && src[i] !== '\r') toks.push({ t: 'indent', v: col });
      lineStart = false;
      continue;
    }
    const c = src[i];
    if (c === '\n') {
      if (depth === 0 && toks.length && toks[toks.length - 1].t !== 'nl') toks.push({ t: 'nl' });
      lineStart = true;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#') {
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    const str = /^([rRbBuU]{0,2})('''|"""|'|")/.exec(src.slice(i, i + 5));
    if (str && (str[1] === '' || /^(?:[rR]?[bB]?|[bB][rR]|[uU])$/.test(str[1]))) {
      const prefix = str[1].toLowerCase();
      const q = str[2];
      let j = i + str[0].length;
      let body = '';
      for (;;) {
        if (j >= n) throw new Bail('unterminated string');
        if (src[j] === '\\') {
          body += src.slice(j, j + 2);
          j += 2;
          continue;
        }
        if (src.startsWith(q, j)) break;
        if (q.length === 1 && src[j] === '\n') throw new Bail('newline in string');
        body += src[j++];
      }
      const bytes = prefix.includes('b');
      if (bytes && /[^\x00-\x7f]/.test(body)) throw new Bail('non-ASCII bytes');
      toks.push({ t: 'str', v: unescapeString(body, prefix.includes('r'), bytes), bytes });
      i = j + q.length;
      continue;
    }
    if (/[fF]/.test(c) && /^[fF][rR]?['"]/.test(src.slice(i, i + 3))) throw new Bail('f-string');
    const num =
      /^(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][+-]?\d[\d_]*)?|\d[\d_]*\.)[jJ]?/.exec(
        src.slice(i),
      );
    if (num && /^[\d.]/.test(c) && !(c === '.' && !/\d/.test(src[i + 1] ?? ''))) {
      const text = num[0];
      if (/[jJ]$/.test(text)) throw new Bail('complex literal');
      if (/^0[xXoObB]/.test(text) || /^[\d_]+$/.test(text)) toks.push({ t: 'num', v: intValue(text) });
      else {
        const f = Number(text.replace(/_/g, ''));
        // An integral float keeps its type as an argument (`f(3.0)` is not `f(3)` to the callee).
        const v = !Number.isFinite(f)
          ? { $float: f > 0 ? 'inf' : '-inf' }
          : Number.isInteger(f)
            ? { $float: String(f) }
            : f;
        toks.push({ t: 'num', v });
      }
      i += text.length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (name) {
      toks.push({ t: 'name', v: name[0] });
      i += name[0].length;
      continue;
    }
    if (c.charCodeAt(0) > 127) throw new Bail('non-ASCII name');
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new Bail(`character ${c}`);
    if ('([{'.includes(op)) depth++;
    if (')]}'.includes(op)) depth = Math.max(0, depth - 1);
    toks.push({ t: 'op', v: op });
    i += op.length;
  }
  if (toks.length && toks[toks.length - 1].t !== 'nl') toks.push({ t: 'nl' });
  return toks;
}

// ---------------------------------------------------------------------------------------------
// Parser over one logical line

class Line {
  i = 0;
  readonly toks: Tok[];
  constructor(toks: Tok[]) {
    this.toks = toks;
  }
  peek(k = 0): Tok | undefined {
    return this.toks[this.i + k];
  }
  isOp(v: string, k = 0): boolean {
    const t = this.peek(k);
    return t?.t === 'op' && t.v === v;
  }
  isName(v: string, k = 0): boolean {
    const t = this.peek(k);
    return t?.t === 'name' && t.v === v;
  }
  expectOp(v: string): void {
    if (!this.isOp(v)) throw new Bail(`expected ${v}`);
    this.i++;
  }
  done(): boolean {
    return this.i >= this.toks.length;
  }
}

function negate(v: unknown): unknown {
  if (typeof v === 'number') return -v;
  if (v && typeof v === 'object' && '$int' in v) {
    const s = (v as { $int: string }).$int;
    return { $int: s.startsWith('-') ? s.slice(1) : `-${s}` };
  }
  if (v && typeof v === 'object' && '$float' in v) {
    const f = (v as { $float: string }).$float;
    return { $float: f === 'inf' ? '-inf' : f === '-inf' ? 'inf' : f.startsWith('-') ? f.slice(1) : `-${f}` };
  }
  throw new Bail('unary minus on a non-number');
}

/** One literal (what `ast.literal_eval` accepts, minus complex and binary arithmetic). */
function literal(p: Line): unknown {
  const t = p.peek();
  if (!t) throw new Bail('end of line');
  if (t.t === 'op' && (t.v === '-' || t.v === '+')) {
    p.i++;
    const next = p.peek();
    if (next?.t !== 'num') throw new Bail('sign');
    p.i++;
    return t.v === '-' ? negate(next.v) : next.v;
  }
  if (t.t === 'num') {
    p.i++;
    return t.v;
  }
  if (t.t === 'str') {
    let text = '';
    const bytes = t.bytes;
    while (p.peek()?.t === 'str') {
      const s = p.peek() as { t: 'str'; v: string; bytes: boolean };
      if (s.bytes !== bytes) throw new Bail('bytes and str concatenated');
      text += s.v;
      p.i++;
    }
    if (!bytes) return text;
    return { $bytes: [...text].map((ch) => ch.charCodeAt(0).toString(16).padStart(2, '0')).join('') };
  }
  if (t.t === 'name') {
    p.i++;
    if (t.v === 'None') return null;
    if (t.v === 'True') return true;
    if (t.v === 'False') return false;
    throw new Bail(`name ${t.v}`);
  }
  if (t.t !== 'op') throw new Bail('token');
  if (t.v === '[') {
    p.i++;
    return items(p, ']');
  }
  if (t.v === '(') {
    p.i++;
    if (p.isOp(')')) {
      p.i++;
      return { $tuple: [] };
    }
    const first = expr(p);
    if (p.isOp(')')) {
      p.i++;
      return first; // parenthesised value
    }
    p.expectOp(',');
    const rest = items(p, ')');
    return { $tuple: [first, ...rest] };
  }
  if (t.v === '{') {
    p.i++;
    if (p.isOp('}')) {
      p.i++;
      return { $dict: [] };
    }
    const first = expr(p);
    if (p.isOp(':')) {
      p.i++;
      const pairs: unknown[][] = [[first, expr(p)]];
      while (p.isOp(',')) {
        p.i++;
        if (p.isOp('}')) break;
        const k = expr(p);
        p.expectOp(':');
        pairs.push([k, expr(p)]);
      }
      p.expectOp('}');
      // As Python builds the dict: a repeated key keeps its first position and its last value.
      const unique: unknown[][] = [];
      for (const [k, v] of pairs) {
        if (!hashable(k)) throw new Bail('unhashable dict key');
        const hit = unique.find(([u]) => pyEquals(u, k));
        if (hit) hit[1] = v;
        else unique.push([k, v]);
      }
      return { $dict: unique };
    }
    const elems = [first];
    while (p.isOp(',')) {
      p.i++;
      if (p.isOp('}')) break;
      elems.push(expr(p));
    }
    p.expectOp('}');
    const unique: unknown[] = [];
    for (const e of elems) {
      if (!hashable(e)) throw new Bail('unhashable set element');
      if (!unique.some((u) => pyEquals(u, e))) unique.push(e);
    }
    return { $set: unique };
  }
  throw new Bail(`operator ${t.v}`);
}

type PyNum = { int: bigint } | { float: number };

function toPyNum(v: unknown): PyNum | null {
  if (typeof v === 'number') return Number.isInteger(v) ? { int: BigInt(v) } : { float: v };
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    if (typeof o.$int === 'string') return { int: BigInt(o.$int) };
    if (typeof o.$float === 'string') {
      const f = o.$float === 'inf' ? Infinity : o.$float === '-inf' ? -Infinity : Number(o.$float);
      return Number.isNaN(f) ? null : { float: f };
    }
  }
  return null;
}

function fromPyNum(n: PyNum): unknown {
  if ('int' in n) return n.int <= SAFE && n.int >= -SAFE ? Number(n.int) : { $int: n.int.toString() };
  const f = n.float;
  if (Number.isNaN(f)) throw new Bail('nan');
  if (!Number.isFinite(f)) return { $float: f > 0 ? 'inf' : '-inf' };
  return Number.isInteger(f) ? { $float: String(f) } : f;
}

/** Python's `a op b` for + - * / on int/float literals (HumanEval writes `2.0/3.0`, `3 + 5 + 7`). */
function pyArith(op: string, a: PyNum, b: PyNum): PyNum {
  if ('int' in a && 'int' in b && op !== '/') {
    return { int: op === '+' ? a.int + b.int : op === '-' ? a.int - b.int : a.int * b.int };
  }
  const big = (n: PyNum) => 'int' in n && (n.int > SAFE || n.int < -SAFE);
  if (big(a) || big(b)) throw new Bail('float arithmetic on a big int');
  const x = 'int' in a ? Number(a.int) : a.float;
  const y = 'int' in b ? Number(b.int) : b.float;
  if (op === '/' && y === 0) throw new Bail('division by zero');
  return { float: op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : x / y };
}

/** A literal, or products/quotients (* /) of numeric literals. */
function term(p: Line): unknown {
  let left = literal(p);
  while (p.isOp('*') || p.isOp('/')) {
    const op = (p.peek() as { v: string }).v;
    p.i++;
    const a = toPyNum(left);
    const b = toPyNum(literal(p));
    if (!a || !b) throw new Bail('arithmetic on a non-number');
    left = fromPyNum(pyArith(op, a, b));
  }
  return left;
}

/** A literal, or arithmetic (+ - * /) over numeric literals with Python's precedence and types. */
function expr(p: Line): unknown {
  let left = term(p);
  while (p.isOp('+') || p.isOp('-')) {
    const op = (p.peek() as { v: string }).v;
    p.i++;
    const a = toPyNum(left);
    const b = toPyNum(term(p));
    if (!a || !b) throw new Bail('arithmetic on a non-number');
    left = fromPyNum(pyArith(op, a, b));
  }
  return left;
}

function items(p: Line, close: string): unknown[] {
  const out: unknown[] = [];
  while (!p.isOp(close)) {
    out.push(expr(p));
    if (p.isOp(',')) p.i++;
    else break;
  }
  p.expectOp(close);
  return out;
}

function hashable(v: unknown): boolean {
  if (Array.isArray(v)) return false;
  if (v && typeof v === 'object') {
    if ('$tuple' in v) return (v as { $tuple: unknown[] }).$tuple.every(hashable);
    if ('$set' in v || '$dict' in v) return false;
  }
  return true;
}

/** `<name>(<literal args>)` where name is one of `names`. */
function call(p: Line, names: ReadonlySet<string>): { args: unknown[]; kwargs: Record<string, unknown> } {
  const t = p.peek();
  if (t?.t !== 'name' || !names.has(t.v) || !p.isOp('(', 1)) throw new Bail('not a call of the candidate');
  p.i += 2;
  const args: unknown[] = [];
  const kwargs: Record<string, unknown> = Object.create(null);
  while (!p.isOp(')')) {
    const k = p.peek();
    if (k?.t === 'name' && p.isOp('=', 1)) {
      if (k.v in kwargs) throw new Bail('repeated keyword');
      p.i += 2;
      kwargs[k.v] = expr(p);
    } else {
      if (Object.keys(kwargs).length) throw new Bail('positional after keyword');
      if (p.isOp('*') || p.isOp('**')) throw new Bail('unpacking');
      args.push(expr(p));
    }
    if (p.isOp(',')) p.i++;
    else break;
  }
  p.expectOp(')');
  return { args, kwargs };
}

/** Try `f(...)`; on failure rewind and return null. */
function tryCall(p: Line, names: ReadonlySet<string>) {
  const at = p.i;
  try {
    return call(p, names);
  } catch (e) {
    if (!(e instanceof Bail)) throw e;
    p.i = at;
    return null;
  }
}

/** The optional `, "message"` of an assert, then the end of the line. */
function assertTail(p: Line): void {
  if (p.isOp(',')) {
    p.i++;
    if (p.peek()?.t !== 'str') throw new Bail('assert message is not a string literal');
    while (p.peek()?.t === 'str') p.i++;
  }
  if (p.isOp(';')) p.i++;
  if (!p.done()) throw new Bail('trailing tokens');
}

/**
 * One logical line: a converted assert, `'noop'` (`assert True…`, a docstring, `pass`), or a throw.
 * Shapes: `f(a) == L`, `L == f(a)`, `f(a) is True|False|None`, `f(a)`, `not f(a)`,
 * `abs(f(a) - L) < tol` / `<=` (and `abs(L - f(a))`).
 */
function assertLine(p: Line, names: ReadonlySet<string>): ConvertedAssert | 'noop' {
  const t = p.peek();
  if (t?.t === 'str' || (t?.t === 'name' && t.v === 'pass')) {
    p.i++;
    while (p.peek()?.t === 'str') p.i++;
    if (!p.done()) throw new Bail('expression statement');
    return 'noop';
  }
  if (!p.isName('assert')) throw new Bail('not an assert');
  p.i++;
  if (p.isName('True')) {
    p.i++;
    assertTail(p);
    return 'noop';
  }
  let result: ConvertedAssert;
  if (p.isName('not')) {
    p.i++;
    result = { ...call(p, names), check: { op: 'falsy' } };
  } else if (p.isName('abs') && p.isOp('(', 1)) {
    p.i += 2;
    let c = tryCall(p, names);
    let value: unknown;
    if (c) {
      p.expectOp('-');
      value = term(p); // `f(x) - 1 + 2` is `(f(x) - 1) + 2`: only a term binds to the minus
    } else {
      value = literal(p);
      p.expectOp('-');
      c = call(p, names);
    }
    p.expectOp(')');
    const strict = p.isOp('<');
    if (!strict && !p.isOp('<=')) throw new Bail('abs without < or <=');
    p.i++;
    const tol = expr(p);
    if (typeof tol !== 'number' || !(tol >= 0)) throw new Bail('tolerance');
    if (!isNumeric(value)) throw new Bail('tolerance against a non-number');
    result = { ...c, check: { op: 'close', value, tol, strict } };
  } else {
    const c = tryCall(p, names);
    if (c) {
      if (p.isOp('==')) {
        p.i++;
        result = { ...c, check: { op: 'eq', value: expr(p) } };
      } else if (p.isName('is') && !p.isName('not', 1)) {
        p.i++;
        const v = literal(p);
        if (v !== true && v !== false && v !== null) throw new Bail('is against a non-singleton');
        result = { ...c, check: { op: 'is', value: v } };
      } else result = { ...c, check: { op: 'truthy' } };
    } else {
      const value = expr(p);
      p.expectOp('==');
      result = { ...call(p, names), check: { op: 'eq', value } };
    }
  }
  assertTail(p);
  return result;
}

function logicalLines(toks: Tok[]): { indent: number; toks: Tok[] }[] {
  const lines: { indent: number; toks: Tok[] }[] = [];
  let cur: Tok[] = [];
  let indent = 0;
  for (const t of toks) {
    if (t.t === 'indent') indent = t.v;
    else if (t.t === 'nl') {
      if (cur.length) lines.push({ indent, toks: cur });
      cur = [];
      indent = 0;
    } else cur.push(t);
  }
  return lines;
}

/**
 * Convert a sequence of top-level assert lines (MBPP `test_list` entries, LeetCodeDataset assert
 * lines) calling one of `names`. Null when any line is not a convertible assert.
 */
export function convertAssertLines(code: string, names: ReadonlySet<string>): ConvertedAssert[] | null {
  try {
    const out: ConvertedAssert[] = [];
    for (const line of logicalLines(tokenize(code))) {
      const r = assertLine(new Line(line.toks), names);
      if (r !== 'noop') out.push(r);
    }
    return out.length ? out : null;
  } catch (e) {
    if (e instanceof Bail) return null;
    throw e;
  }
}

/**
 * Convert a HumanEval test module: top-level `METADATA = {...}` (a literal), imports-free, and
 * `def check(candidate):` whose body holds only convertible asserts of `candidate`/`entry` (and
 * no-ops). Null otherwise (random inputs, loops, helpers…: the problem stays in assert mode).
 */
export function convertHumanEvalCheck(test: string, entry: string): ConvertedAssert[] | null {
  try {
    const lines = logicalLines(tokenize(test));
    const names = new Set(['candidate', entry]);
    const out: ConvertedAssert[] = [];
    let inCheck = false;
    let bodyIndent = -1;
    let sawCheck = false;
    for (const line of lines) {
      const p = new Line(line.toks);
      if (line.indent === 0) {
        inCheck = false;
        if (p.isName('def') && p.isName('check', 1)) {
          if (sawCheck) return null;
          p.i += 2;
          p.expectOp('(');
          if (!p.isName('candidate')) return null;
          p.i++;
          p.expectOp(')');
          p.expectOp(':');
          if (!p.done()) return null; // a one-line body
          inCheck = true;
          sawCheck = true;
          continue;
        }
        if (p.isName('METADATA') && p.isOp('=', 1)) {
          p.i += 2;
          expr(p);
          if (!p.done()) return null;
          continue;
        }
        if (p.peek()?.t === 'str') {
          assertLine(p, names); // a module docstring
          continue;
        }
        return null;
      }
      if (!inCheck) return null;
      if (bodyIndent < 0) bodyIndent = line.indent;
      if (line.indent !== bodyIndent) return null; // nested blocks (for/if/with)
      const r = assertLine(p, names);
      if (r !== 'noop') out.push(r);
    }
    return sawCheck && out.length ? out : null;
  } catch (e) {
    if (e instanceof Bail) return null;
    throw e;
  }
}

/**
 * compare `python` of function tests: `expected` is a {@link AssertCheck} as JSON text, `got` the
 * runner's tagged Python JSON text. Anything malformed is a failed assert.
 */
export function pythonAssertHolds(expected: unknown, got: unknown): boolean {
  if (typeof expected !== 'string' || typeof got !== 'string') return false;
  try {
    return assertHolds(JSON.parse(expected) as AssertCheck, JSON.parse(got));
  } catch {
    return false;
  }
}

/**
 * Security review #1 (structural fix): when every assert of a Python problem has a convertible
 * shape (`assert f(<literals>) == <literal>`…, graders/code/python-asserts.ts, a pure-data parser),
 * the problem becomes function tests with `compare: 'python'` (used by the problem loader,
 * graders/code/problems/formats.ts, and for inline assert tests, graders/code/reference.ts): the expected literals stay in the
 * host, which decides each assert with Python's `==`, and no test code runs in the solution's
 * process. Keyword arguments travel as a trailing `{"$kwargs": {...}}` argument.
 */
export function convertedTests(entry: string, converted: ConvertedAssert[] | null): CodeTests | null {
  if (!converted) return null;
  return {
    kind: 'function',
    entry_point: entry,
    compare: 'python',
    cases: converted.map((c) => ({
      args: Object.keys(c.kwargs).length ? [...c.args, { $kwargs: c.kwargs }] : c.args,
      expected: JSON.stringify(c.check),
    })),
  };
}

/** All lines converted, one assert each (a line that is a no-op or two asserts is left alone). */
export function convertEach(lines: string[], names: ReadonlySet<string>): ConvertedAssert[] | null {
  const out: ConvertedAssert[] = [];
  for (const l of lines) {
    const c = convertAssertLines(l, names);
    if (c?.length !== 1) return null;
    out.push(c[0]);
  }
  return out.length ? out : null;
}

// ---------------------------------------------------------------------------------------------
// Python semantics over tagged values (host side)

type Num = { kind: 'num'; n: number } | { kind: 'big'; b: bigint } | { kind: 'nan' };

function asNumber(v: unknown): Num | null {
  if (typeof v === 'boolean') return { kind: 'num', n: v ? 1 : 0 };
  if (typeof v === 'number') return { kind: 'num', n: v };
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    if (typeof o.$int === 'string' && /^-?\d+$/.test(o.$int)) return { kind: 'big', b: BigInt(o.$int) };
    if (o.$float === 'nan') return { kind: 'nan' };
    if (o.$float === 'inf') return { kind: 'num', n: Number.POSITIVE_INFINITY };
    if (o.$float === '-inf') return { kind: 'num', n: Number.NEGATIVE_INFINITY };
    if (typeof o.$float === 'string' && Number.isFinite(Number(o.$float)))
      return { kind: 'num', n: Number(o.$float) };
  }
  return null;
}

function isNumeric(v: unknown): boolean {
  return asNumber(v) !== null;
}

function numEq(a: Num, b: Num): boolean {
  if (a.kind === 'nan' || b.kind === 'nan') return false;
  if (a.kind === 'num' && b.kind === 'num') return a.n === b.n;
  const big = a.kind === 'big' ? a.b : (b as { b: bigint }).b;
  const other = a.kind === 'big' ? b : a;
  if (other.kind === 'big') return other.b === big;
  const n = (other as { n: number }).n;
  return Number.isInteger(n) && BigInt(n) === big; // exact, as Python compares int with float
}

function tagOf(v: unknown): string {
  if (v === null) return 'none';
  if (typeof v === 'string') return 'str';
  if (Array.isArray(v)) return 'list';
  if (asNumber(v)) return 'num';
  if (typeof v === 'object') {
    const k = Object.keys(v as object);
    if (k.length === 1 && ['$tuple', '$set', '$dict', '$bytes', '$complex'].includes(k[0]))
      return k[0].slice(1);
  }
  return 'other';
}

function complexParts(v: unknown): [number, number] | null {
  const t = tagOf(v);
  if (t === 'complex') {
    const [re, im] = (v as { $complex: unknown[] }).$complex;
    return typeof re === 'number' && typeof im === 'number' ? [re, im] : null;
  }
  const n = asNumber(v);
  if (n?.kind === 'num') return [n.n, 0];
  if (n?.kind === 'big') return [Number(n.b), 0];
  return null;
}

/** Python's `a == b` over tagged values (list ≠ tuple, set == frozenset, 1 == 1.0 == True). */
export function pyEquals(a: unknown, b: unknown, depth = 0): boolean {
  if (depth > 1000) return false;
  const ta = tagOf(a);
  const tb = tagOf(b);
  if ((ta === 'complex' || tb === 'complex') && (ta === 'num' || tb === 'num' || ta === tb)) {
    const x = complexParts(a);
    const y = complexParts(b);
    return !!x && !!y && x[0] === y[0] && x[1] === y[1];
  }
  if (ta !== tb) return false;
  switch (ta) {
    case 'none':
      return true;
    case 'str':
      return a === b;
    case 'num':
      return numEq(asNumber(a)!, asNumber(b)!);
    case 'list':
    case 'tuple': {
      const x = ta === 'list' ? (a as unknown[]) : (a as { $tuple: unknown[] }).$tuple;
      const y = tb === 'list' ? (b as unknown[]) : (b as { $tuple: unknown[] }).$tuple;
      return x.length === y.length && x.every((e, i) => pyEquals(e, y[i], depth + 1));
    }
    case 'bytes':
      return (a as { $bytes: string }).$bytes === (b as { $bytes: string }).$bytes;
    case 'set': {
      const x = (a as { $set: unknown[] }).$set;
      const y = (b as { $set: unknown[] }).$set;
      return x.length === y.length && x.every((e) => y.some((f) => pyEquals(e, f, depth + 1)));
    }
    case 'dict': {
      const x = (a as { $dict: unknown[][] }).$dict;
      const y = (b as { $dict: unknown[][] }).$dict;
      if (x.length !== y.length) return false;
      return x.every(([k, v]) => {
        const hit = y.find(([k2]) => pyEquals(k, k2, depth + 1));
        return !!hit && pyEquals(v, hit[1], depth + 1);
      });
    }
    default:
      return false;
  }
}

/** Python's `bool(v)` over a tagged value. */
export function pyTruthy(v: unknown): boolean {
  switch (tagOf(v)) {
    case 'none':
      return false;
    case 'str':
      return (v as string).length > 0;
    case 'list':
      return (v as unknown[]).length > 0;
    case 'num': {
      const n = asNumber(v)!;
      return n.kind === 'nan' ? true : n.kind === 'big' ? n.b !== 0n : n.n !== 0;
    }
    case 'tuple':
      return (v as { $tuple: unknown[] }).$tuple.length > 0;
    case 'set':
      return (v as { $set: unknown[] }).$set.length > 0;
    case 'dict':
      return (v as { $dict: unknown[] }).$dict.length > 0;
    case 'bytes':
      return (v as { $bytes: string }).$bytes.length > 0;
    case 'complex': {
      const [re, im] = complexParts(v) ?? [1, 1];
      return re !== 0 || im !== 0;
    }
    default:
      return true;
  }
}

/**
 * Whether a converted assert holds for the candidate's return value (tagged Python JSON, as the
 * runner reports it in `values: 'python'` mode). `abs(x - L) < tol` follows Python: only numbers.
 */
export function assertHolds(check: AssertCheck, got: unknown): boolean {
  switch (check.op) {
    case 'eq':
      return pyEquals(got, check.value);
    case 'is':
      return got === check.value;
    case 'truthy':
      return pyTruthy(got);
    case 'falsy':
      return !pyTruthy(got);
    case 'close': {
      const g = asNumber(got);
      const e = asNumber(check.value);
      if (!g || !e || g.kind === 'nan' || e.kind === 'nan') return false;
      const gn = g.kind === 'big' ? Number(g.b) : g.n;
      const en = e.kind === 'big' ? Number(e.b) : e.n;
      const d = Math.abs(gn - en);
      return check.strict ? d < check.tol : d <= check.tol;
    }
  }
}
