/**
 * Numbers from expression trees, two ways:
 * - {@link exact}: exact rational arithmetic on BigInt, for trees made of numbers, `+ - * /`,
 *   integer powers, perfect roots, `!`, `\binom`, gcd/lcm/min/max/mod/floor/ceil/abs. Sizes are
 *   capped by design ({@link MAX_BITS}, {@link MAX_FACTORIAL}): `5^{5^{5^{5^5}}}` or `1000000!`
 *   return `null` (not exactly computable here) in microseconds instead of allocating gigabytes.
 * - {@link approx}: IEEE doubles with symbols bound to given values; `NaN` outside the domain.
 *
 * Pure functions; no state.
 */
import type { Node } from './ast.ts';

/** Largest exact value kept, in bits of numerator or denominator (~30,000 decimal digits). */
export const MAX_BITS = 100_000;
/** Largest `n!` computed exactly (3000! has ~30,000 bits). */
export const MAX_FACTORIAL = 3_000;

export interface Rational {
  n: bigint;
  d: bigint;
}

function absBig(a: bigint): bigint {
  return a < 0n ? -a : a;
}
function gcdBig(a: bigint, b: bigint): bigint {
  a = absBig(a);
  b = absBig(b);
  while (b) [a, b] = [b, a % b];
  return a;
}
/** log2 of a positive BigInt (approximate for huge values). */
function log2(a: bigint): number {
  const n = Number(a);
  if (Number.isFinite(n)) return Math.log2(n);
  const h = a.toString(16);
  return (h.length - 13) * 4 + Math.log2(Number.parseInt(h.slice(0, 13), 16));
}

function bits(a: bigint): number {
  return absBig(a).toString(16).length * 4;
}
/**
 * Work left for the current {@link exact} call, in rough word-operations: reducing a fraction costs
 * about size² (Euclid on BigInt), so a long sum of fractions (`\sum_{k=1}^{10000} 1/k`, 14,000-bit
 * denominators) runs out in milliseconds instead of taking minutes.
 */
let budget = 0;
/** Work allowed per top-level exact evaluation (word-operations, see {@link budget}). */
export const EXACT_BUDGET = 100_000;

function mk(n: bigint, d: bigint): Rational | null {
  if (d === 0n) return null;
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  if (d === 1n) {
    budget -= bits(n) / 64;
    if (budget < 0 || bits(n) > MAX_BITS) return null;
    return { n, d };
  }
  const words = Math.max(bits(n), bits(d)) / 64;
  if (n % d === 0n) {
    // exact quotient (`2004!/2003!`): one division, no Euclid
    budget -= words;
    const q = n / d;
    return budget < 0 || bits(q) > MAX_BITS ? null : { n: q, d: 1n };
  }
  // Euclid on BigInt costs ~8·words(n)·words(d) (measured): after the first step the operands are
  // the smaller one's size; a long sum of fractions runs out in milliseconds
  budget -= 8 * (bits(n) / 64 + 1) * (bits(d) / 64 + 1);
  if (budget < 0) return null;
  const g = gcdBig(n, d) || 1n;
  n /= g;
  d /= g;
  if (bits(n) > MAX_BITS || bits(d) > MAX_BITS) return null;
  return { n, d };
}
export function ratEq(a: Rational, b: Rational): boolean {
  return a.n * b.d === b.n * a.d; // cross-multiplied: inputs need not be reduced
}
const add = (a: Rational, b: Rational) => mk(a.n * b.d + b.n * a.d, a.d * b.d);
const mul = (a: Rational, b: Rational) => mk(a.n * b.n, a.d * b.d);
const isInt = (a: Rational) => a.d === 1n;
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** Integer k-th root of a non-negative BigInt if exact, else null. */
function exactRoot(a: bigint, k: number): bigint | null {
  if (a < 0n) return null;
  if (a < 2n) return a;
  if (k === 1) return a;
  const approxRoot = BigInt(Math.round(Number(a) ** (1 / k)));
  if (!Number.isFinite(Number(a))) {
    // too big for a double guess: Newton iteration
    let x = 1n << BigInt(Math.ceil(bits(a) / k) + 1);
    for (let it = 0; it < 200; it++) {
      const kk = BigInt(k);
      const y = ((kk - 1n) * x + a / x ** (kk - 1n)) / kk;
      if (y >= x) break;
      x = y;
    }
    for (const c of [x - 1n, x, x + 1n]) if (c >= 0n && c ** BigInt(k) === a) return c;
    return null;
  }
  for (const c of [approxRoot - 1n, approxRoot, approxRoot + 1n])
    if (c >= 0n && c ** BigInt(k) === a) return c;
  return null;
}

/** `a^e` exactly, or null (irrational, too large, or undefined). */
function ratPow(a: Rational, e: Rational): Rational | null {
  if (e.d !== 1n) {
    // rational exponent: exact only when a is a perfect power (8^{2/3} = 4)
    if (e.d > 64n) return null;
    const k = Number(e.d);
    const rn = exactRoot(absBig(a.n), k);
    const rd = exactRoot(a.d, k);
    if (rn === null || rd === null) return null;
    if (a.n < 0n && k % 2 === 0) return null;
    const root = mk(a.n < 0n ? -rn : rn, rd);
    return root ? ratPow(root, { n: e.n, d: 1n }) : null;
  }
  const ex = e.n;
  if (a.n === 0n) return ex > 0n ? a : ex === 0n ? { n: 1n, d: 1n } : null;
  if (absBig(a.n) === 1n && a.d === 1n) return { n: a.n < 0n && ex % 2n !== 0n ? -1n : 1n, d: 1n };
  // size check before computing: |e| · log2(max(|n|, d)) bits
  const size = Math.max(log2(absBig(a.n)), log2(a.d));
  if (Number(absBig(ex)) * size > MAX_BITS) return null;
  const p = absBig(ex);
  return ex >= 0n ? mk(a.n ** p, a.d ** p) : mk(a.d ** p, a.n ** p);
}

function factorial(n: bigint): bigint | null {
  if (n < 0n || n > BigInt(MAX_FACTORIAL)) return null;
  let r = 1n;
  for (let i = 2n; i <= n; i++) r *= i;
  return r;
}

/**
 * The exact rational value of a tree, or null when it is not a (reasonably sized) rational.
 * `env` binds free symbols to rationals (identity testing at rational points, compare.ts).
 */
export function exact(node: Node, env?: ReadonlyMap<string, Rational>): Rational | null {
  budget = EXACT_BUDGET;
  return ex(node, env);
}

function ex(node: Node, env?: ReadonlyMap<string, Rational>): Rational | null {
  switch (node.t) {
    case 'num':
      return { n: BigInt(node.n), d: BigInt(node.d) };
    case 'sym':
      return env?.get(node.name) ?? null;
    case 'neg': {
      const a = ex(node.arg, env);
      return a ? { n: -a.n, d: a.d } : null;
    }
    case 'percent': {
      const a = ex(node.arg, env);
      return a ? mk(a.n, a.d * 100n) : null;
    }
    case 'add': {
      let acc: Rational | null = { n: 0n, d: 1n };
      for (const x of node.args) {
        const v = ex(x, env);
        if (!v || !acc) return null;
        acc = add(acc, v);
      }
      return acc;
    }
    case 'mul': {
      let acc: Rational | null = { n: 1n, d: 1n };
      for (const x of node.args) {
        const v = ex(x, env);
        if (!v || !acc) return null;
        acc = mul(acc, v);
      }
      return acc;
    }
    case 'pow': {
      const e = ex(node.exp, env);
      if (!e) return null;
      const b = ex(node.base, env);
      return b ? ratPow(b, e) : null;
    }
    case 'fn':
      if (node.name === 'sum' || node.name === 'prod') return exactBig(node.name, node.args, env);
      return exactFn(node.name, node.args, env);
    default:
      return null;
  }
}

/** Most terms a `\sum`/`\prod` is expanded to. */
export const MAX_TERMS = 1_000;

/** `\sum_{k=lo}^{hi} body` / `\prod` exactly, for integer bounds with ≤ {@link MAX_TERMS} terms. */
function exactBig(name: 'sum' | 'prod', args: Node[], env?: ReadonlyMap<string, Rational>): Rational | null {
  const [body, index, lo, hi] = args;
  if (index?.t !== 'sym') return null;
  const a = ex(lo, env);
  const b = ex(hi, env);
  if (!a || !b || a.d !== 1n || b.d !== 1n || b.n - a.n > BigInt(MAX_TERMS)) return null;
  let acc: Rational | null = name === 'sum' ? { n: 0n, d: 1n } : { n: 1n, d: 1n };
  const scope = new Map(env ?? []);
  for (let k = a.n; k <= b.n && acc; k++) {
    scope.set(index.name, { n: k, d: 1n });
    const v = ex(body, scope);
    if (!v) return null;
    acc = name === 'sum' ? add(acc, v) : mul(acc, v);
    // a running value past 2,048 bits (harmonic-type sums) is beyond what we decide exactly
    if (acc && (bits(acc.n) > 2048 || bits(acc.d) > 2048)) return null;
  }
  return acc;
}

function exactFn(name: string, args: Node[], env?: ReadonlyMap<string, Rational>): Rational | null {
  const vs: Rational[] = [];
  for (const a of args) {
    const v = ex(a, env);
    if (!v) return null;
    vs.push(v);
  }
  const [a, b] = vs;
  switch (name) {
    case 'sqrt':
      return vs.length === 1 ? ratPow(a, { n: 1n, d: 2n }) : null;
    case 'cbrt':
      return ratPow(a, { n: 1n, d: 3n });
    case 'root':
      return b && isInt(b) && b.n > 0n ? ratPow(a, { n: 1n, d: b.n }) : null;
    case 'abs':
      return { n: absBig(a.n), d: a.d };
    case 'floor':
      return { n: floorDiv(a.n, a.d), d: 1n };
    case 'ceil':
      return { n: -floorDiv(-a.n, a.d), d: 1n };
    case 'fact': {
      if (!isInt(a)) return null;
      const f = factorial(a.n);
      return f === null ? null : mk(f, 1n);
    }
    case 'binom': {
      if (!b || !isInt(a) || !isInt(b)) return null;
      const n = a.n;
      let k = b.n;
      if (k < 0n || n < 0n) return k < 0n ? { n: 0n, d: 1n } : null;
      if (k > n) return { n: 0n, d: 1n };
      if (n - k < k) k = n - k;
      if (k > BigInt(MAX_FACTORIAL)) return null;
      let r = 1n;
      for (let i = 1n; i <= k; i++) r = (r * (n - k + i)) / i;
      return mk(r, 1n);
    }
    case 'gcd':
    case 'lcm': {
      if (vs.length === 0) return null;
      // gcd of rationals = gcd(numerators)/lcm(denominators) (latex2sympy2 gcd_fraction rows)
      let g = vs[0];
      for (const v of vs.slice(1)) {
        if (name === 'gcd') {
          const dl = (g.d * v.d) / gcdBig(g.d, v.d);
          const r = mk(gcdBig(g.n, v.n), dl);
          if (!r) return null;
          g = r;
        } else {
          const nl = g.n === 0n || v.n === 0n ? 0n : (absBig(g.n) * absBig(v.n)) / gcdBig(g.n, v.n);
          const r = mk(nl, gcdBig(g.d, v.d));
          if (!r) return null;
          g = r;
        }
      }
      return name === 'gcd' ? { n: absBig(g.n), d: g.d } : g;
    }
    case 'max':
    case 'min': {
      if (vs.length === 0) return null;
      let best = vs[0];
      for (const v of vs.slice(1)) {
        const cmp = v.n * best.d - best.n * v.d;
        if (name === 'max' ? cmp > 0n : cmp < 0n) best = v;
      }
      return best;
    }
    case 'mod': {
      if (!b || b.n === 0n) return null;
      // a - b*floor(a/b), sign of the divisor (sympy Mod)
      const q = floorDiv(a.n * b.d, a.d * b.n);
      const prod = mul(b, { n: q, d: 1n });
      return prod ? add(a, { n: -prod.n, d: prod.d }) : null;
    }
    default:
      return null;
  }
}

/** Value of `x` as a double (may be ±Infinity for huge exact values). */
export function ratToNumber(r: Rational): number {
  const v = Number(r.n) / Number(r.d);
  if (Number.isFinite(v) && !Number.isNaN(v)) return v;
  // both huge: scale down
  const shift = BigInt(Math.max(0, Math.max(bits(r.n), bits(r.d)) - 1000));
  return Number(r.n >> shift) / Number(r.d >> shift);
}

/** A deterministic smooth stand-in for an unknown function `f`: same name, same values. */
function unknownFn(name: string, xs: number[]): number {
  let h = 7;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) % 1000;
  const a = 0.3 + h / 700;
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += Math.sin(a * (i + 1) * xs[i] + h / 97) + 0.37 * (i + 1) * xs[i];
  return s;
}

const F1: Record<string, (x: number) => number> = {
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  sec: (x) => 1 / Math.cos(x),
  csc: (x) => 1 / Math.sin(x),
  cot: (x) => 1 / Math.tan(x),
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  asec: (x) => Math.acos(1 / x),
  acsc: (x) => Math.asin(1 / x),
  acot: (x) => Math.atan(1 / x),
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  asinh: Math.asinh,
  acosh: Math.acosh,
  atanh: Math.atanh,
  sign: Math.sign,
  ln: Math.log,
  log10: Math.log10,
  exp: Math.exp,
  sqrt: Math.sqrt,
  cbrt: Math.cbrt,
  abs: Math.abs,
  norm: Math.abs,
  floor: Math.floor,
  ceil: Math.ceil,
};

function gamma(x: number): number {
  // Lanczos approximation (g = 7), enough for factorials of non-integers in answers
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  x -= 1;
  let a = c[0];
  const t = x + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i] / (x + i);
  return Math.sqrt(2 * Math.PI) * t ** (x + 0.5) * Math.exp(-t) * a;
}

let overflowed = false;

/**
 * Whether a double overflowed (a finite power, factorial or exponential became ±∞) since the last
 * call, resetting the flag. `1/3001!` evaluates to 0 in doubles: that 0 decides nothing.
 */
export function takeOverflow(): boolean {
  const o = overflowed;
  overflowed = false;
  return o;
}

/** Smallest positive normal double; below it a value has lost its precision (or became 0). */
const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * Records an overflow (a finite computation became ±∞) or, when the exact value cannot be 0
 * (`nonzero`), an underflow: `e^{-10000}`, `0.5^{100000}` or `(x+1)^{10000}` at x = -1.5 are 0 in
 * doubles, and that 0 must not make them equal to 0 or to each other (a user's report: `0` vs
 * `e^{-10000}` and `(x+1)^{10000}` vs `(x+1)^{10001}` were graded correct).
 */
function checked(v: number, nonzero = false): number {
  if (v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY) overflowed = true;
  else if (nonzero && Math.abs(v) < MIN_NORMAL) overflowed = true;
  return v;
}

/**
 * The value of a scalar tree as a double, with free symbols bound by `env` (unbound → NaN).
 * Constants: `pi`, `e` (Euler), `infty`. Non-scalars (relations, tuples, sets) are NaN.
 * Overflows of finite inputs are recorded for {@link takeOverflow}.
 */
export function approx(node: Node, env: ReadonlyMap<string, number>): number {
  switch (node.t) {
    case 'num':
      return checked(ratToNumber({ n: BigInt(node.n), d: BigInt(node.d) }), node.n !== '0');
    case 'sym':
      if (node.name === 'pi') return Math.PI;
      if (node.name === 'e') return env.get('e') ?? Math.E;
      if (node.name === 'infty') return Number.POSITIVE_INFINITY;
      return env.get(node.name) ?? Number.NaN;
    case 'neg':
      return -approx(node.arg, env);
    case 'percent':
      return approx(node.arg, env) / 100;
    case 'add': {
      let s = 0;
      for (const a of node.args) s += approx(a, env);
      return s;
    }
    case 'mul': {
      let p = 1;
      let nonzero = true;
      for (const a of node.args) {
        const x = approx(a, env);
        if (x === 0) nonzero = false;
        p *= x;
      }
      return nonzero && Number.isFinite(p) ? checked(p, true) : p;
    }
    case 'pow': {
      const b = approx(node.base, env);
      const e = approx(node.exp, env);
      if (b < 0 && !Number.isInteger(e)) {
        // real odd roots of negatives: (-8)^{1/3} = -2
        const q = exact(node.exp);
        if (q && q.d % 2n === 1n) return (q.n % 2n === 0n ? 1 : -1) * (-b) ** e;
      }
      return Number.isFinite(b) && Number.isFinite(e) ? checked(b ** e, b !== 0) : b ** e;
    }
    case 'fn': {
      if (node.name === 'sum' || node.name === 'prod') {
        // through exact rationals only: a sum of doubles over thousands of terms decides nothing
        const env2 = new Map<string, Rational>();
        for (const [k, x] of env) if (Number.isInteger(x)) env2.set(k, { n: BigInt(x), d: 1n });
        budget = EXACT_BUDGET;
        const r = exactBig(node.name, node.args, env2);
        return r ? ratToNumber(r) : Number.NaN;
      }
      const v = approxFn(node.name, node.args, env);
      return node.name === 'fact' || node.name === 'binom' || node.name === 'exp'
        ? checked(v, node.name !== 'binom')
        : v;
    }
    default:
      return Number.NaN;
  }
}

function approxFn(name: string, args: Node[], env: ReadonlyMap<string, number>): number {
  const xs = args.map((a) => approx(a, env));
  const f = F1[name];
  if (f && xs.length === 1) return f(xs[0]);
  const [a, b] = xs;
  switch (name) {
    case 'log':
      return xs.length === 2 ? Math.log(a) / Math.log(b) : Math.log(a);
    case 'root':
      return a < 0 && Number.isInteger(b) && b % 2 === 1 ? -((-a) ** (1 / b)) : a ** (1 / b);
    case 'fact':
      return Number.isInteger(a) && a >= 0
        ? a > 170
          ? Number.POSITIVE_INFINITY
          : gamma(a + 1)
        : gamma(a + 1);
    case 'binom':
      return gamma(a + 1) / (gamma(b + 1) * gamma(a - b + 1));
    case 'max':
      return Math.max(...xs);
    case 'min':
      return Math.min(...xs);
    case 'mod':
      return a - b * Math.floor(a / b);
    case 'gcd':
    case 'lcm': {
      budget = EXACT_BUDGET;
      const r = exactFn(name, args);
      return r ? ratToNumber(r) : Number.NaN;
    }
    default:
      if (name.startsWith('apply:')) return unknownFn(name, xs);
      return Number.NaN;
  }
}

/** Precision of the decimals written in a tree (`0.33` → places 2, sig 2); null if none. */
export function decimals(node: Node): { places: number; sig: number } | null {
  let places = -1;
  let sig = Number.POSITIVE_INFINITY;
  const walk = (n: Node): void => {
    if (n.t === 'num') {
      if (n.sig > 0) {
        places = Math.max(places, n.places);
        sig = Math.min(sig, n.sig);
      }
      return;
    }
    for (const c of children(n)) walk(c);
  };
  walk(node);
  return places < 0 ? null : { places, sig };
}

/** Direct children of a node. */
export function children(n: Node): Node[] {
  switch (n.t) {
    case 'num':
    case 'sym':
    case 'text':
      return [];
    case 'neg':
    case 'percent':
      return [n.arg];
    case 'pow':
      return [n.base, n.exp];
    case 'pm':
      return n.a ? [n.a, n.b] : [n.b];
    case 'add':
    case 'mul':
    case 'fn':
    case 'rel':
    case 'setop':
      return n.args;
    case 'seq':
    case 'list':
      return n.items;
    case 'matrix':
      return n.rows.flat();
  }
}

/** A Gaussian rational: re + im·i with exact rational parts. */
export interface Complex {
  re: Rational;
  im: Rational;
}

const ZERO: Rational = { n: 0n, d: 1n };

function cAdd(a: Complex, b: Complex): Complex | null {
  const re = add(a.re, b.re);
  const im = add(a.im, b.im);
  return re && im ? { re, im } : null;
}

function cMul(a: Complex, b: Complex): Complex | null {
  const ac = mul(a.re, b.re);
  const bd = mul(a.im, b.im);
  const ad = mul(a.re, b.im);
  const bc = mul(a.im, b.re);
  if (!ac || !bd || !ad || !bc) return null;
  const re = add(ac, { n: -bd.n, d: bd.d });
  const im = add(ad, bc);
  return re && im ? { re, im } : null;
}

function cInv(a: Complex): Complex | null {
  const aa = mul(a.re, a.re);
  const bb = mul(a.im, a.im);
  const den = aa && bb ? add(aa, bb) : null;
  if (!den || den.n === 0n) return null;
  const re = mul(a.re, { n: den.d, d: den.n });
  const im = mul({ n: -a.im.n, d: a.im.d }, { n: den.d, d: den.n });
  return re && im ? { re: mk(re.n, re.d) ?? re, im: mk(im.n, im.d) ?? im } : null;
}

/** Whether the tree mentions the imaginary unit `i`. */
export function hasImaginary(node: Node): boolean {
  if (node.t === 'sym') return node.name === 'i';
  return children(node).some(hasImaginary);
}

/**
 * The exact value of a tree in ℚ(i), reading the symbol `i` as the imaginary unit, other free
 * symbols bound by `env`; null when not computable exactly (roots of non-squares, functions of
 * complex arguments, exponents that are not small integers).
 */
export function exactComplex(node: Node, env: ReadonlyMap<string, Rational>): Complex | null {
  budget = EXACT_BUDGET;
  return exC(node, env);
}

function exC(node: Node, env: ReadonlyMap<string, Rational>): Complex | null {
  if (!hasImaginary(node)) {
    const r = ex(node, env);
    if (r) return { re: r, im: ZERO };
    if (node.t === 'fn' && node.name === 'sqrt') {
      // \sqrt{-4} = 2i
      const a = ex(node.args[0], env);
      const root = a && a.n < 0n ? ratPow({ n: -a.n, d: a.d }, { n: 1n, d: 2n }) : null;
      return root ? { re: ZERO, im: root } : null;
    }
    return null;
  }
  switch (node.t) {
    case 'sym':
      return { re: ZERO, im: { n: 1n, d: 1n } };
    case 'neg': {
      const a = exC(node.arg, env);
      return a ? { re: { n: -a.re.n, d: a.re.d }, im: { n: -a.im.n, d: a.im.d } } : null;
    }
    case 'add': {
      let acc: Complex | null = { re: ZERO, im: ZERO };
      for (const x of node.args) {
        const v = exC(x, env);
        if (!v || !acc) return null;
        acc = cAdd(acc, v);
      }
      return acc;
    }
    case 'mul': {
      let acc: Complex | null = { re: { n: 1n, d: 1n }, im: ZERO };
      for (const x of node.args) {
        const v = exC(x, env);
        if (!v || !acc) return null;
        acc = cMul(acc, v);
      }
      return acc;
    }
    case 'pow': {
      const e = ex(node.exp, env);
      if (e?.d !== 1n || e.n > 1000n || e.n < -1000n) return null;
      let base = exC(node.base, env);
      if (!base) return null;
      if (e.n < 0n) base = cInv(base);
      let k = e.n < 0n ? -e.n : e.n;
      let acc: Complex | null = { re: { n: 1n, d: 1n }, im: ZERO };
      while (k > 0n && base && acc) {
        if (k & 1n) acc = cMul(acc, base);
        k >>= 1n;
        if (k > 0n) base = cMul(base, base);
      }
      return acc;
    }
    default:
      return null;
  }
}
