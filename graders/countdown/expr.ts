/**
 * Countdown arithmetic: tokenize, parse and evaluate `+ - * /` expressions over non-negative integer
 * literals, exactly, with BigInt rationals.
 *
 * TinyZero (`verl/utils/reward_score/countdown.py`) evaluates the answer with Python `eval` on
 * floats and accepts `abs(result - target) < 1e-5`; we evaluate exactly, so a float near-miss can
 * never be a correct answer and a division by zero is an error of the expression (verdict `wrong`),
 * not a crash.
 *
 * Bounded: {@link scanExpr} classifies any answer in one pass without allocating; the caller builds
 * the tree ({@link parseExpr}: recursion only into parentheses, at most {@link MAX_DEPTH} deep;
 * operator chains are loops) only when there are no more literals than offered numbers, and
 * evaluates (BigInt) only after checking that the literals are the puzzle's numbers, so it visits
 * at most `numbers.length` leaves of bounded size.
 */

/** A parsed expression. */
export type Expr =
  | { kind: 'num'; text: string }
  | { kind: 'bin'; op: '+' | '-' | '*' | '/'; left: Expr; right: Expr };

/** Deepest parenthesis nesting accepted (deeper is a `parse_error`: no puzzle needs it). */
export const MAX_DEPTH = 64;

/** Why an expression could not be parsed. */
export class ExprSyntaxError extends Error {
  override readonly name = 'ExprSyntaxError';
}

type Token = { t: 'num'; text: string } | { t: 'op'; op: '+' | '-' | '*' | '/' } | { t: '(' } | { t: ')' };

/**
 * Operator spellings models use, mapped to ASCII: `×` `·` `∗` `\times` `\cdot` → `*`, `÷` `∕`
 * `\div` → `/`, `−` (U+2212) `–` → `-`; `\left`/`\right` are dropped. TinyZero rejects these (its
 * allowed-character regex is ASCII), which only punishes typography.
 */
export function normalizeOperators(s: string): string {
  return s
    .replace(/\\(?:left|right)(?![A-Za-z])/g, '')
    .replace(/\\(?:times|cdot)(?![A-Za-z])/g, '*')
    .replace(/\\div(?![A-Za-z])/g, '/')
    .replace(/[×·∗⋅]/g, '*')
    .replace(/[÷∕]/g, '/')
    .replace(/[−–]/g, '-');
}

function tokenize(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
    } else if (c >= 48 && c <= 57) {
      let j = i + 1;
      while (j < s.length && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
      out.push({ t: 'num', text: s.slice(i, j) });
      i = j;
    } else if (c === 43 || c === 45 || c === 42 || c === 47) {
      out.push({ t: 'op', op: s[i] as '+' | '-' | '*' | '/' });
      i++;
    } else if (c === 40) {
      out.push({ t: '(' });
      i++;
    } else if (c === 41) {
      out.push({ t: ')' });
      i++;
    } else {
      throw new ExprSyntaxError(
        `character ${JSON.stringify(s[i])} at ${i} is not a digit, + - * / or parenthesis`,
      );
    }
  }
  return out;
}

/**
 * Parse an arithmetic expression: integer literals, binary `+ - * /` with the usual precedence and
 * left associativity, parentheses. No unary operators, no decimals, no implicit multiplication.
 * @throws ExprSyntaxError when the text is not such an expression
 */
export function parseExpr(text: string): Expr {
  const toks = tokenize(normalizeOperators(text));
  if (toks.length === 0) throw new ExprSyntaxError('empty expression');
  let p = 0;

  const primary = (depth: number): Expr => {
    const tk = toks[p];
    if (!tk) throw new ExprSyntaxError('expression ends where a number or ( was expected');
    if (tk.t === 'num') {
      p++;
      return { kind: 'num', text: canonicalDigits(tk.text) };
    }
    if (tk.t === '(') {
      if (depth >= MAX_DEPTH) throw new ExprSyntaxError(`parentheses nested deeper than ${MAX_DEPTH}`);
      p++;
      const e = sum(depth + 1);
      if (toks[p]?.t !== ')') throw new ExprSyntaxError('unbalanced parenthesis');
      p++;
      return e;
    }
    throw new ExprSyntaxError(tk.t === 'op' ? `unary or misplaced operator ${tk.op}` : 'misplaced )');
  };
  const product = (depth: number): Expr => {
    let left = primary(depth);
    for (let tk = toks[p]; tk?.t === 'op' && (tk.op === '*' || tk.op === '/'); tk = toks[p]) {
      p++;
      left = { kind: 'bin', op: tk.op, left, right: primary(depth) };
    }
    return left;
  };
  const sum = (depth: number): Expr => {
    let left = product(depth);
    for (let tk = toks[p]; tk?.t === 'op' && (tk.op === '+' || tk.op === '-'); tk = toks[p]) {
      p++;
      left = { kind: 'bin', op: tk.op, left, right: product(depth) };
    }
    return left;
  };

  const e = sum(0);
  if (p !== toks.length)
    throw new ExprSyntaxError(toks[p]?.t === ')' ? 'unbalanced parenthesis' : 'trailing tokens');
  return e;
}

/** A digit string without leading zeros (`007` → `7`, `000` → `0`). */
export function canonicalDigits(d: string): string {
  const t = d.replace(/^0+/, '');
  return t === '' ? '0' : t;
}

/**
 * One linear pass that checks the grammar of {@link parseExpr} (operand/operator alternation,
 * balanced parentheses at most {@link MAX_DEPTH} deep) and counts the integer literals, without
 * building anything: a 1 MB answer is classified in one scan before any tree or BigInt exists.
 * `text` must already be {@link normalizeOperators}-ed.
 */
export function scanExpr(text: string): { ok: true; literals: number } | { ok: false; message: string } {
  let expectOperand = true;
  let depth = 0;
  let literalCount = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    if (c >= 48 && c <= 57) {
      if (!expectOperand) return { ok: false, message: `number right after an operand at ${i}` };
      while (i + 1 < text.length && text.charCodeAt(i + 1) >= 48 && text.charCodeAt(i + 1) <= 57) i++;
      literalCount++;
      expectOperand = false;
    } else if (c === 40) {
      if (!expectOperand) return { ok: false, message: `( right after an operand at ${i}` };
      if (++depth > MAX_DEPTH) return { ok: false, message: `parentheses nested deeper than ${MAX_DEPTH}` };
    } else if (c === 41) {
      if (expectOperand) return { ok: false, message: `misplaced ) at ${i}` };
      if (--depth < 0) return { ok: false, message: 'unbalanced parenthesis' };
    } else if (c === 43 || c === 45 || c === 42 || c === 47) {
      if (expectOperand) return { ok: false, message: `unary or misplaced operator ${text[i]} at ${i}` };
      expectOperand = true;
    } else {
      return {
        ok: false,
        message: `character ${JSON.stringify(text[i])} at ${i} is not a digit, + - * / or parenthesis`,
      };
    }
  }
  if (literalCount === 0) return { ok: false, message: 'empty expression' };
  if (expectOperand) return { ok: false, message: 'expression ends with an operator' };
  if (depth !== 0) return { ok: false, message: 'unbalanced parenthesis' };
  return { ok: true, literals: literalCount };
}

/** The integer literals of an expression (canonical digit strings), left to right (iterative). */
export function literals(e: Expr): string[] {
  const out: string[] = [];
  const stack: Expr[] = [e];
  while (stack.length > 0) {
    const x = stack.pop() as Expr;
    if (x.kind === 'num') out.push(x.text);
    else stack.push(x.right, x.left);
  }
  return out;
}

/** An exact rational n/d with d > 0 and gcd(n, d) = 1. */
export interface Rational {
  n: bigint;
  d: bigint;
}

const abs = (x: bigint): bigint => (x < 0n ? -x : x);
function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
function rat(n: bigint, d: bigint): Rational {
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}

/** Division by zero inside an expression. */
export class DivisionByZero extends Error {
  override readonly name = 'DivisionByZero';
}

/**
 * Evaluate exactly. Recursion depth is the tree height, which the caller bounds (it evaluates only
 * expressions whose literals passed the numbers check).
 * @throws DivisionByZero
 */
export function evaluate(e: Expr): Rational {
  if (e.kind === 'num') return { n: BigInt(e.text), d: 1n };
  const a = evaluate(e.left);
  const b = evaluate(e.right);
  switch (e.op) {
    case '+':
      return rat(a.n * b.d + b.n * a.d, a.d * b.d);
    case '-':
      return rat(a.n * b.d - b.n * a.d, a.d * b.d);
    case '*':
      return rat(a.n * b.n, a.d * b.d);
    case '/':
      if (b.n === 0n) throw new DivisionByZero('division by zero');
      return rat(a.n * b.d, a.d * b.n);
  }
}

/** `n` or `n/d`. */
export function formatRational(r: Rational): string {
  return r.d === 1n ? r.n.toString() : `${r.n}/${r.d}`;
}
