/**
 * The expression tree of a math answer, shared by `parse.ts` (builds it), `evaluate.ts` (numbers
 * from it) and `compare.ts` (verdicts from it). Plain data: JSON-serialisable, no classes, so a
 * tree can cross a worker boundary and be printed in test failures.
 *
 * Conventions (one spelling per meaning, so comparison never has to ask twice):
 * - `a - b` is `add[a, neg b]`; `a / b` is `mul[a, pow(b, -1)]`.
 * - Numbers are exact rationals (`n/d`, BigInt as decimal strings so trees stay JSON); a number
 *   written with a decimal point keeps `places` (digits after the point) and `sig` (significant
 *   digits), because the precision the writer chose decides how it is compared (compare.ts).
 * - `seq` is any bracketed comma list (`(1,2)`, `[0,1)`, `\{1,2\}`, `\langle 1,2\rangle`): whether
 *   it is a point, an interval or a set is decided at comparison time from its brackets.
 * - `list` is an answer with several parts at the top level (`1, 2`, `6 and 8`, `p=5;q=2`).
 */

export type RelOp = '=' | '<' | '<=' | '>' | '>=' | '!=' | '~' | 'in' | 'notin';

export type Node =
  | { t: 'num'; n: string; d: string; places: number; sig: number }
  | { t: 'sym'; name: string }
  | { t: 'add'; args: Node[] }
  | { t: 'mul'; args: Node[] }
  | { t: 'neg'; arg: Node }
  | { t: 'pow'; base: Node; exp: Node }
  | { t: 'fn'; name: string; args: Node[] }
  | { t: 'pm'; a: Node | null; b: Node; sign: 1 | -1 }
  | { t: 'rel'; ops: RelOp[]; args: Node[] }
  | { t: 'seq'; open: string; close: string; items: Node[] }
  | { t: 'list'; items: Node[] }
  | { t: 'setop'; op: 'cup' | 'cap' | 'minus'; args: Node[] }
  | { t: 'matrix'; rows: Node[][] }
  | { t: 'text'; s: string }
  | { t: 'percent'; arg: Node };

/** Exact integer `n` as a node. */
export function int(n: bigint | number): Node {
  return { t: 'num', n: String(n), d: '1', places: 0, sig: 0 };
}

export const ONE = int(1);
export const MINUS_ONE = int(-1);

/** Named constants the evaluator knows. `e` is Euler's number (latex2sympy2 reads it so too). */
export const CONSTANTS: ReadonlySet<string> = new Set(['pi', 'e', 'infty', 'emptyset', 'reals']);

/**
 * Canonical text of a tree: commutative arguments sorted, so `x+1` and `1+x` print the same.
 * Used as the last rung of comparison (structure) and in test failure messages.
 */
export function show(node: Node): string {
  let s = SHOWN.get(node);
  if (s === undefined) {
    s = render(node);
    SHOWN.set(node, s);
  }
  return s;
}

/** Trees are never mutated once built, so their text is cached per node. */
const SHOWN = new WeakMap<Node, string>();

function render(node: Node): string {
  switch (node.t) {
    case 'num':
      return node.d === '1' ? node.n : `${node.n}/${node.d}`;
    case 'sym':
      return node.name;
    case 'add':
      return `(${node.args.map(show).sort().join('+')})`;
    case 'mul':
      return `(${node.args.map(show).sort().join('*')})`;
    case 'neg':
      return `-${show(node.arg)}`;
    case 'pow':
      return `${show(node.base)}^${show(node.exp)}`;
    case 'fn':
      return `${node.name}(${node.args.map(show).join(',')})`;
    case 'pm':
      return `${node.a ? show(node.a) : ''}${node.sign > 0 ? '±' : '∓'}${show(node.b)}`;
    case 'rel': {
      let s = show(node.args[0]);
      for (let i = 0; i < node.ops.length; i++) s += ` ${node.ops[i]} ${show(node.args[i + 1])}`;
      return s;
    }
    case 'seq':
      return `${node.open}${node.items.map(show).join(',')}${node.close}`;
    case 'list':
      return node.items.map(show).join('; ');
    case 'setop':
      return node.args.map(show).join(` ${node.op} `);
    case 'matrix':
      return `[${node.rows.map((r) => r.map(show).join(' & ')).join(' \\\\ ')}]`;
    case 'text':
      return JSON.stringify(node.s);
    case 'percent':
      return `${show(node.arg)}%`;
  }
}

/** Free symbol names of a tree (constants excluded). */
export function freeSymbols(node: Node, out: Set<string> = new Set()): Set<string> {
  switch (node.t) {
    case 'sym':
      if (!CONSTANTS.has(node.name)) out.add(node.name);
      break;
    case 'num':
    case 'text':
      break;
    case 'neg':
    case 'percent':
      freeSymbols(node.arg, out);
      break;
    case 'pow':
      freeSymbols(node.base, out);
      freeSymbols(node.exp, out);
      break;
    case 'pm':
      if (node.a) freeSymbols(node.a, out);
      freeSymbols(node.b, out);
      break;
    case 'fn':
      // applied unknown functions (`f(x)`) count as symbols too: f(x) vs g(x) differ in strict mode
      if (node.name.startsWith('apply:')) out.add(node.name);
      if ((node.name === 'sum' || node.name === 'prod') && node.args[1]?.t === 'sym') {
        // the index of \sum_{k=…} is bound: free only in the bounds
        const inner = freeSymbols(node.args[0]);
        inner.delete(node.args[1].name);
        for (const v of inner) out.add(v);
        freeSymbols(node.args[2], out);
        freeSymbols(node.args[3], out);
        break;
      }
      for (const a of node.args) freeSymbols(a, out);
      break;
    case 'add':
    case 'mul':
    case 'rel':
    case 'setop':
      for (const a of node.args) freeSymbols(a, out);
      break;
    case 'seq':
    case 'list':
      for (const a of node.items) freeSymbols(a, out);
      break;
    case 'matrix':
      for (const r of node.rows) for (const a of r) freeSymbols(a, out);
      break;
  }
  return out;
}
