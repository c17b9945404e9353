/**
 * Stage 4 of the math grader: are two parsed answers the same answer? `same(gold, pred, opts)` is
 * asymmetric where it must be (Math-Verify's `verify(gold, target)` is too):
 * - the reference's precision rules: a decimal reference (`0.29`) accepts any prediction that
 *   rounds to it; a decimal *prediction* of an exact reference (`0.3333333` for `1/3`) needs at
 *   least `approx_sig_digits` (7) significant digits and must be that value rounded or truncated;
 * - an inequality prediction matches an interval reference only with `set_relation` on.
 *
 * The ladder, cheapest first, each rung a small named function:
 * 1. structure: identical trees are equal ({@link show});
 * 2. wrappers: `x = 3` ↔ `3` (a name on the left), `x \approx 11` ↔ `11`, `10\%` ↔ `10` ↔ `0.1`;
 * 3. several parts: `\pm` expands to both signs; lists and sets unordered (`orderedLists` off),
 *    tuples/points ordered, intervals with their open/closed ends, unions unordered, matrices
 *    element-wise, equations up to a non-zero factor, inequalities up to a positive factor;
 * 4. numbers: exact rationals on BigInt ({@link exact}); then doubles with a *relative* tolerance
 *    (so `1/2^99` and `1/2^98` differ), decimals by their written precision ({@link closeNumbers});
 * 5. free variables: both sides evaluated at seeded pseudo-random points (same input, same points,
 *    same verdict, always); in non-strict mode pred's variables may be renamed.
 * Anything too large to decide (`5^{5^{5^{5^5}}}` vs another tower) is *not* equal: a false
 * negative costs a little reward, a false positive teaches the policy a hack.
 */
import { freeSymbols, type Node, type RelOp, show } from './ast.ts';
import {
  approx,
  decimals,
  exact,
  exactComplex,
  hasImaginary,
  type Rational,
  ratEq,
  ratToNumber,
  takeOverflow,
} from './evaluate.ts';

export interface CompareOptions {
  /** Relative tolerance for values computed in floating point (irrationals, random points). */
  readonly tolerance: number;
  /**
   * Math-Verify's `float_rounding`: when either side has a decimal, both are rounded to this many
   * decimal places and compared. `null` (default): each decimal's written precision decides.
   */
  readonly floatRounding: number | null;
  /**
   * Fewest significant digits a decimal prediction needs to match an exact reference whose value
   * no terminating decimal writes (`\pi`, `\sqrt2`, `\frac13`). Default 7 (Math-Verify rounds to 6
   * places): `3.1415927` is π, `3.1416` and `0.333` are approximations, not the answer.
   */
  readonly approxSigDigits: number;
  /** Variable names matter (`f(x)` ≠ `f(y)`); Math-Verify `strict`. */
  readonly strict: boolean;
  /** Inequalities match intervals (`x > 1` ↔ `(1, \infty)`); Math-Verify `allow_set_relation_comp`. */
  readonly setRelation: boolean;
  /** Top-level lists compare in order (hendrycks `is_equiv`); default unordered (Math-Verify). */
  readonly orderedLists: boolean;
}

export const COMPARE_DEFAULTS: CompareOptions = Object.freeze({
  tolerance: 1e-9,
  floatRounding: null,
  approxSigDigits: 7,
  strict: true,
  setRelation: true,
  orderedLists: false,
});

/** Deepest structure compared (tuples of tuples…); deeper is "not equal". */
const MAX_DEPTH = 40;
/** Most alternatives a `\pm` expansion may produce (3 signs). */
const MAX_PM = 8;
/** Most items matched as an unordered list (quadratic matching). */
const MAX_ITEMS = 200;

/** Gold-first comparison of two parsed answers. */
export function same(gold: Node, pred: Node, opts: CompareOptions = COMPARE_DEFAULTS): boolean {
  return new Comparer(opts).eq(gold, pred, 0);
}

type Ineq = { op: '>' | '>=' | '=' | '!='; expr: Node };

class Comparer {
  private readonly o: CompareOptions;
  constructor(o: CompareOptions) {
    this.o = o;
  }

  eq(g: Node, p: Node, depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    const d = depth + 1;
    if (show(g) === show(p)) return true;

    // percent: 10\% is 10 (hendrycks, Qwen) and 0.1
    if (g.t === 'percent') return this.eq(g.arg, p, d) || this.scalar({ t: 'mul', args: [g.arg, PCT] }, p);
    if (p.t === 'percent') return this.eq(g, p.arg, d) || this.scalar(g, { t: 'mul', args: [p.arg, PCT] });

    // ± : both signs are the answer
    const G = expandPm(g);
    const P = expandPm(p);
    if (G === null || P === null) return false;
    if (G.length > 1 || P.length > 1) return this.unordered(G.flatMap(parts), P.flatMap(parts), d);

    g = this.finiteSet(g, d) ?? g;
    p = this.finiteSet(p, d) ?? p;
    g = reals(g) ?? g;
    p = reals(p) ?? p;
    if (g.t === 'list' || p.t === 'list') return this.lists(g, p, d);
    if (g.t === 'rel' || p.t === 'rel') return this.relations(g, p, d);
    g = matrixValue(g) ?? g;
    p = matrixValue(p) ?? p;
    if (g.t === 'matrix' || p.t === 'matrix') return this.matrices(g, p, d);
    if (g.t === 'seq' || p.t === 'seq') return this.seqs(g, p, d);
    if (g.t === 'setop' || p.t === 'setop') {
      if (g.t !== 'setop' || p.t !== 'setop' || g.op !== p.op) return false;
      return g.op === 'minus' ? this.ordered(g.args, p.args, d) : this.unordered(g.args, p.args, d);
    }
    if (g.t === 'text' || p.t === 'text') return g.t === 'text' && p.t === 'text' && g.s === p.s;
    const gb = baseDigits(g);
    const pb = baseDigits(p);
    if (gb !== null || pb !== null) return sameDigits(gb ?? g, pb ?? p);
    return this.scalar(g, p);
  }

  // ── several parts ────────────────────────────────────────────────────────────────────────

  private lists(g: Node, p: Node, d: number): boolean {
    // `x < -1 or x > 2` against `(-\infty, -1) \cup (2, \infty)`: inequalities in one variable as a union
    const gu = g.t === 'list' && p.t === 'setop' ? unionOf(g.items) : null;
    if (gu) return this.eq(gu, p, d);
    const pu = p.t === 'list' && g.t === 'setop' ? unionOf(p.items) : null;
    if (pu) return this.eq(g, pu, d);
    // an answer with several parts is never one value, even when its parts repeat (`3, 3, 3` is not
    // 3; as a set it would collapse to {3}, and a set is not its member either)
    if ((g.t === 'list') !== (p.t === 'list') && (g.t === 'list' ? p : g).t !== 'seq') return false;
    const gi = g.t === 'list' ? g.items : g.t === 'seq' && g.open === '\\{' ? g.items : [g];
    const pi = p.t === 'list' ? p.items : p.t === 'seq' && p.open === '\\{' ? p.items : [p];
    // a list against a point/tuple: in order (`1, 2` vs `(1, 2)`)
    if ((g.t === 'seq' && g.open !== '\\{') || (p.t === 'seq' && p.open !== '\\{')) {
      const a = g.t === 'seq' ? g.items : byName(gi);
      const b = p.t === 'seq' ? p.items : byName(pi);
      return (
        (g.t === 'seq' ? g.open === '(' : true) &&
        (p.t === 'seq' ? p.open === '(' : true) &&
        this.ordered(a, b, d)
      );
    }
    return this.o.orderedLists ? this.ordered(gi, pi, d) : this.unordered(withPm(gi), withPm(pi), d);
  }

  private distinct(xs: Node[], d: number): Node[] {
    const out: Node[] = [];
    for (const x of dedupe(xs)) if (!out.some((y) => this.eq(y, x, d))) out.push(x);
    return out;
  }

  private ordered(a: Node[], b: Node[], d: number): boolean {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!this.eq(a[i], b[i], d)) return false;
    return true;
  }

  /**
   * Set equality by bipartite matching (augmenting paths; n ≤ {@link MAX_ITEMS}). Repeated items
   * count once (Math-Verify compares answer sets: a listed duplicate is not a different answer).
   */
  private unordered(a: Node[], b: Node[], d: number): boolean {
    if (a.length > MAX_ITEMS || b.length > MAX_ITEMS) return false;
    if (a.length !== b.length) {
      a = this.distinct(a, d);
      b = this.distinct(b, d);
      if (a.length !== b.length) return false;
    }
    const n = a.length;
    const adj: number[][] = a.map(() => []);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) if (this.eq(a[i], b[j], d)) adj[i].push(j);
      if (adj[i].length === 0) return false;
    }
    const matchB = new Array<number>(n).fill(-1);
    const tryAssign = (i: number, seen: boolean[]): boolean => {
      for (const j of adj[i]) {
        if (seen[j]) continue;
        seen[j] = true;
        if (matchB[j] < 0 || tryAssign(matchB[j], seen)) {
          matchB[j] = i;
          return true;
        }
      }
      return false;
    };
    for (let i = 0; i < n; i++) if (!tryAssign(i, new Array<boolean>(n).fill(false))) return false;
    return true;
  }

  // ── tuples, intervals, sets ──────────────────────────────────────────────────────────────

  private seqs(g: Node, p: Node, d: number): boolean {
    if (g.t !== 'seq' || p.t !== 'seq') {
      // a one-element set `\{3\}` is not the number 3
      return false;
    }
    const gSet = g.open === '\\{';
    const pSet = p.open === '\\{';
    if (gSet && pSet) return this.unordered(withPm(g.items), withPm(p.items), d);
    if (gSet || pSet) {
      // Math-Verify compares a set against a tuple in written order: (1,3) ~ {1,3}, (3,1) ≁ {1,3}
      const other = gSet ? p : g;
      if (other.open !== '(' || other.close !== ')') return false;
      return this.ordered(g.items, p.items, d);
    }
    if (g.open !== p.open || g.close !== p.close) return false;
    return this.ordered(g.items, p.items, d);
  }

  /** `\{1,3\} \cup \{2,4\}` computed: ∪, ∩, \ of finite sets as one set; null otherwise. */
  private finiteSet(n: Node, d: number): Node | null {
    if (n.t !== 'setop' || n.args.length > 16) return null;
    const sets = n.args.map((a) => (a.t === 'seq' && a.open === '\\{' ? a.items : null));
    if (sets.some((x) => x === null || x.length > 64)) return null;
    const has = (xs: Node[], x: Node) => xs.some((y) => this.eq(y, x, d));
    let acc = this.distinct(sets[0]!, d);
    for (const next of sets.slice(1) as Node[][]) {
      if (n.op === 'cup') acc = [...acc, ...next.filter((x) => !has(acc, x))];
      else if (n.op === 'cap') acc = acc.filter((x) => has(next, x));
      else acc = acc.filter((x) => !has(next, x));
    }
    return { t: 'seq', open: '\\{', close: '\\}', items: acc };
  }

  private matrices(g: Node, p: Node, d: number): boolean {
    const a = asGrid(g);
    const b = asGrid(p);
    if (!a || !b) return false;
    const flatA = a.flat();
    const flatB = b.flat();
    // a column or row vector equals a tuple of the same entries
    const vecA = a.length === 1 || a.every((r) => r.length === 1);
    const vecB = b.length === 1 || b.every((r) => r.length === 1);
    if (g.t !== 'matrix' || p.t !== 'matrix') return vecA && vecB && this.ordered(flatA, flatB, d);
    if (a.length !== b.length || a.some((r, i) => r.length !== b[i].length)) return false;
    return this.ordered(flatA, flatB, d);
  }

  // ── relations ────────────────────────────────────────────────────────────────────────────

  private relations(g: Node, p: Node, d: number): boolean {
    // `3 = 4`, `x = 3 = 4`, `2 \equiv 3`: a predicted chain that is a false statement is wrong,
    // whichever member would be read as its value
    if (p.t === 'rel' && falseChain(p)) return false;
    const gv = g.t === 'rel' ? named(g) : null;
    const pv = p.t === 'rel' ? named(p) : null;
    // Inequalities against sets, asymmetric as in Math-Verify: a gold inequality accepts the
    // equivalent set (`0 < f(x) < 1` ← `(0, 1)`); a gold set accepts an inequality only with
    // `setRelation` (allow_set_relation_comp)
    if (g.t !== 'rel' && p.t === 'rel') {
      if (pv) return this.eq(g, pv.value, d);
      return this.o.setRelation && this.relationVsSet(p, g, d);
    }
    if (g.t === 'rel' && p.t !== 'rel') {
      if (gv) return this.eq(gv.value, p, d);
      return this.relationVsSet(g, p, d);
    }
    if (g.t !== 'rel' || p.t !== 'rel') return false;
    if (gv && pv && (gv.kind === 'calc' || pv.kind === 'calc')) return this.eq(gv.value, pv.value, d);
    if (gv && pv && gv.kind === pv.kind && (this.eq(gv.name, pv.name, d) || !this.o.strict)) {
      if (this.eq(gv.value, pv.value, d)) return true;
      if (gv.kind === 'in') return false;
      // `y = 2x + 1` vs `y = 2(x + 1) - 1` failed on values: an equation is still an equation below
    }
    // `x \in [a, b]` against `a \le x \le b`
    if (gv?.kind === 'in') return this.o.setRelation && this.relationVsSet(p, gv.value, d);
    if (pv?.kind === 'in') return this.relationVsSet(g, pv.value, d);
    const a = normalForms(g);
    const b = normalForms(p);
    if (!a || !b || a.length !== b.length) return false;
    if (a.length === 1) return this.sameRelation(a[0], b[0]);
    const used = new Array<boolean>(b.length).fill(false);
    for (const r of a) {
      const j = b.findIndex((s, k) => !used[k] && this.sameRelation(r, s));
      if (j < 0) return false;
      used[j] = true;
    }
    return true;
  }

  /** `e1 op 0` vs `e2 op 0`: same operator and e1 = c·e2 with c ≠ 0 (c > 0 for inequalities). */
  private sameRelation(a: Ineq, b: Ineq): boolean {
    if (a.op !== b.op) return false;
    const vars = this.variables(a.expr, b.expr);
    if (vars === null) return false;
    const positive = a.op === '>' || a.op === '>=';
    for (const mapping of vars) {
      if (proportional(a.expr, b.expr, mapping, positive)) return true;
    }
    return false;
  }

  /** An inequality chain in one variable against an interval (or union of intervals). */
  private relationVsSet(rel: Node, set: Node, d: number): boolean {
    const iv = toInterval(rel);
    if (!iv) return false;
    return this.eq(set, iv, d);
  }

  // ── scalars ──────────────────────────────────────────────────────────────────────────────

  private scalar(g: Node, p: Node): boolean {
    if (hasImaginary(g) || hasImaginary(p)) {
      const c = complexEqual(g, p);
      if (c !== null) return c;
    }
    const vars = this.variables(g, p);
    if (vars === null) return false;
    if (vars.length === 1 && vars[0].size === 0) return this.constants(g, p);
    // decimals inside expressions are coefficients (0.5x), not approximations: no extra tolerance
    for (const mapping of vars) if (atPoints(g, p, mapping, this.o.tolerance)) return true;
    return false;
  }

  /**
   * Variable bindings to try: one (identity) in strict mode, else every renaming of pred's
   * variables onto gold's (≤ 4 variables). `null` when the variable sets cannot match.
   */
  private variables(g: Node, p: Node): Map<string, string>[] | null {
    const gs = [...freeSymbols(g)].sort();
    const ps = [...freeSymbols(p)].sort();
    if (gs.length !== ps.length) return null;
    const same = gs.every((v, i) => v === ps[i]);
    if (same) return [new Map(gs.map((v) => [v, v]))];
    if (this.o.strict) return renamedConstants(gs, ps);
    if (gs.length > 4) return null;
    const out: Map<string, string>[] = [];
    for (const perm of permutations(ps)) out.push(new Map(gs.map((v, i) => [v, perm[i]])));
    return out;
  }

  private constants(g: Node, p: Node): boolean {
    const eg = exact(g);
    const ep = exact(p);
    if (eg && ep && ratEq(eg, ep)) return true;
    const anyDecimal = decimals(g) !== null || decimals(p) !== null;
    if (eg && ep && !anyDecimal) return false;
    takeOverflow();
    const vg = eg ? ratToNumber(eg) : approx(g, NO_ENV);
    const vp = ep ? ratToNumber(ep) : approx(p, NO_ENV);
    // a double that overflowed on the way (`1/3001!` → 0) decides nothing: not equal
    if (takeOverflow()) return false;
    if (Number.isNaN(vg) || Number.isNaN(vp)) return false;
    if (!Number.isFinite(vg) || !Number.isFinite(vp)) {
      // only a written infinity equals infinity; an overflowing tower is undecided → not equal
      return vg === vp && hasInfinity(g) && hasInfinity(p);
    }
    // beyond what a double resolves (1/2006! underflows to 0) and not exact: undecided → not equal
    if ((!eg || !ep) && (outOfRange(vg) || outOfRange(vp))) return false;
    if (this.o.floatRounding !== null && anyDecimal) {
      return relClose(roundTo(vg, this.o.floatRounding), roundTo(vp, this.o.floatRounding), 1e-12);
    }
    const dp = written(p);
    // a prediction whose exact value no short decimal can write (100/3, \sqrt2, a 15-digit float
    // dump): a decimal reference that it rounds to must be that value rounded
    const unwritable = dp ? dp.sig >= 10 : ep === null || !terminating(ep);
    return closeNumbers(vg, vp, written(g), dp, this.o, unwritable);
  }
}

/**
 * The precision of an answer that is a written decimal (`0.29`, `-1.5`, `4.5 \times 10^{33}`,
 * `4.5e33`); null for anything else, including decimals inside expressions (`0.5x`, `3 - \sin 0.5`),
 * which are coefficients, not a stated precision.
 */
function written(n: Node): { places: number; sig: number } | null {
  if (n.t === 'neg') return written(n.arg);
  if (n.t === 'num') return n.sig > 0 ? { places: n.places, sig: n.sig } : null;
  if (n.t === 'mul' && n.args.length === 2) {
    const [m, p] = n.args;
    const tenPower =
      p.t === 'pow' && p.base.t === 'num' && p.base.n === '10' && p.base.d === '1' && exact(p.exp)?.d === 1n;
    if (m.t === 'num' && tenPower) return m.sig > 0 ? { places: 0, sig: m.sig } : null;
  }
  return null;
}

/**
 * Whether an equality chain states something false: two constant members joined only by `=`
 * (no `\approx`, no inequality between them) have different values. `3 = 4`, `x = 3 = 4`,
 * `5+5+1 = 7 = 11`, `1 = x = 0` are false (Math-Verify takes the last member and accepts them);
 * `\frac12 \cdot 20 = 10`, `x = 5+5+1 = 11` are true. A member with a written decimal stands for
 * its rounding (`x = \frac13 = 0.33`, `\pi = 3.14` hold, `x = 3 = 3.1` does not): it may differ by
 * half a unit in its last digit ({@link halfUnit}). A member that cannot be evaluated decides nothing.
 */
function falseChain(r: Node & { t: 'rel' }): boolean {
  let first: { v: number; e: Rational | null; half: number } | null = null;
  for (let i = 0; i < r.args.length; i++) {
    if (i > 0 && r.ops[i - 1] !== '=') first = null;
    const a = r.args[i];
    if (freeSymbols(a).size > 0 || hasImaginary(a)) continue;
    const e = exact(a);
    takeOverflow();
    const v = e ? ratToNumber(e) : approx(a, NO_ENV);
    if (takeOverflow() || !Number.isFinite(v)) continue;
    const cur = { v, e, half: halfUnit(a, v) };
    if (first === null) {
      first = cur;
      continue;
    }
    if (first.e && e && ratEq(first.e, e)) continue;
    if (first.e && e && first.half === 0 && cur.half === 0) return true;
    const slack = first.half + cur.half + 1e-9 * Math.max(Math.abs(first.v), Math.abs(v));
    if (Math.abs(first.v - v) > slack) return true;
  }
  return false;
}

/**
 * Half a unit in the last written digit of a decimal member (`0.33` → 0.005, `4.5 \times 10^{33}`
 * → 0.05·10^{33}; a decimal inside an expression, relative to its fewest significant digits);
 * 0 for a member without decimals.
 */
function halfUnit(a: Node, v: number): number {
  const w = written(a);
  if (w && w.places > 0) return 0.5 * 10 ** -w.places;
  const sig = w?.sig ?? decimals(a)?.sig ?? 0;
  return sig > 0 ? 0.5 * 10 ** (1 - sig) * Math.abs(v) : 0;
}

/** The digits of a numeral in a base (`204_5` → `204`, an atom from parse.ts); null for anything else. */
function baseDigits(n: Node): string | null {
  if (n.t !== 'sym') return null;
  const m = /^(\d+)_(\d+)$/.exec(n.name);
  return m ? m[1] : null;
}

/**
 * Numerals in a base: two of them are equal only when written alike (digits and base: `204_5` ≠
 * `204_6`, same tree earlier); a bare integer matches a numeral with the same digits (`52` for
 * `52_8`: the question named the base). A base numeral is never its base-10 value or an expression.
 */
function sameDigits(g: string | Node, p: string | Node): boolean {
  if (typeof g === 'string' && typeof p === 'string') return false;
  const digits = (typeof g === 'string' ? g : p) as string;
  const other = (typeof g === 'string' ? p : g) as Node;
  if (other.t !== 'num' || other.d !== '1' || other.sig > 0) return false;
  return other.n === digits.replace(/^0+(?=\d)/, '');
}

const PCT: Node = { t: 'num', n: '1', d: '100', places: 0, sig: 0 };
const NO_ENV: ReadonlyMap<string, number> = new Map();

/**
 * Two finite numbers, the gold one first, with the decimals each was written with:
 * - neither written with decimals: relative tolerance `tolerance`;
 * - `floatRounding` set: both rounded to that many places (Math-Verify);
 * - gold decimal with fewer places than pred: pred rounded to gold's places must give gold;
 * - pred decimal (≥ `approxSigDigits` significant digits): gold rounded or truncated to pred's places.
 */
export function closeNumbers(
  vg: number,
  vp: number,
  dg: { places: number; sig: number } | null,
  dp: { places: number; sig: number } | null,
  o: CompareOptions,
  predUnwritable = false,
): boolean {
  if (vg === vp) return true;
  if (relClose(vg, vp, o.tolerance)) return true;
  if (!dg && !dp) return false;
  // the reference's precision: a more precise prediction that rounds to it (33.3 ← 100/3,
  // 0.29 ← 0.290243…); a short decimal prediction only within 1e-3 relative (a reference 2.5 is as
  // likely exact as rounded: 2.54 is not 2.5)
  if (
    dg &&
    (!dp || dp.sig >= dg.sig) &&
    relClose(roundSig(vp, dg.sig), vg, 1e-12) &&
    (predUnwritable || relClose(vp, vg, 1e-3))
  )
    return true;
  // an exact reference approximated: rounded or truncated in the last written digit, with enough digits
  if (dp && !dg && dp.sig >= o.approxSigDigits) {
    if (relClose(roundSig(vg, dp.sig), vp, 1e-12)) return true;
    if (relClose(truncSig(vg, dp.sig), vp, 1e-12)) return true;
  }
  return false;
}

function outOfRange(v: number): boolean {
  const a = Math.abs(v);
  return a !== 0 ? a < 1e-290 || a > 1e290 : false;
}

function relClose(a: number, b: number, tol: number): boolean {
  return Math.abs(a - b) <= tol * Math.max(Math.abs(a), Math.abs(b));
}

/** Whether a rational has a terminating decimal expansion (denominator 2^a·5^b). */
function terminating(r: Rational): boolean {
  let d = r.d < 0n ? -r.d : r.d;
  while (d % 2n === 0n) d /= 2n;
  while (d % 5n === 0n) d /= 5n;
  return d === 1n;
}

/** `x` rounded to `sig` significant digits (`4.52e33` → `4.5e33` at 2). */
function roundSig(x: number, sig: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(Math.min(Math.max(sig, 1), 100)));
}

/** `x` truncated to `sig` significant digits (`2.66666…` → `2.6666` at 5). */
function truncSig(x: number, sig: number): number {
  if (x === 0) return 0;
  const unit = 10 ** (Math.floor(Math.log10(Math.abs(x))) - sig + 1);
  return Math.trunc(x / unit) * unit;
}

function roundTo(x: number, places: number): number {
  if (places > 15) return x;
  const f = 10 ** places;
  return Math.round(x * f) / f;
}

function hasInfinity(n: Node): boolean {
  return show(n).includes('infty');
}

/** Expand every `\pm`/`\mp` into its alternatives; null if there are too many. */
export function expandPm(n: Node): Node[] | null {
  if (!show(n).includes('±') && !show(n).includes('∓')) return [n]; // show() is cached per node
  const out: Node[] = [];
  const go = (x: Node): Node[] | null => {
    if (x.t === 'pm') {
      const bs = go(x.b);
      const as = x.a ? go(x.a) : [null];
      if (!bs || !as) return null;
      const r: Node[] = [];
      for (const a of as)
        for (const b of bs)
          for (const s of [x.sign, -x.sign]) {
            const term: Node = s > 0 ? b : { t: 'neg', arg: b };
            r.push(a ? { t: 'add', args: [a, term] } : term);
          }
      return r.length > MAX_PM ? null : r;
    }
    if (x.t === 'list' || x.t === 'seq' || x.t === 'rel' || x.t === 'matrix') return [x]; // expanded per item by eq()
    const kids = kidsOf(x);
    if (kids.length === 0) return [x];
    let combos: Node[][] = [[]];
    for (const k of kids) {
      const alts = go(k);
      if (!alts) return null;
      const next: Node[][] = [];
      for (const c of combos) for (const a of alts) next.push([...c, a]);
      if (next.length > MAX_PM) return null;
      combos = next;
    }
    return combos.map((c) => rebuild(x, c));
  };
  const r = go(n);
  if (!r) return null;
  out.push(...r);
  return out;
}

function kidsOf(x: Node): Node[] {
  switch (x.t) {
    case 'add':
    case 'mul':
    case 'fn':
      return x.args;
    case 'neg':
    case 'percent':
      return [x.arg];
    case 'pow':
      return [x.base, x.exp];
    default:
      return [];
  }
}

function rebuild(x: Node, c: Node[]): Node {
  switch (x.t) {
    case 'add':
    case 'mul':
      return { t: x.t, args: c };
    case 'fn':
      return { t: 'fn', name: x.name, args: c };
    case 'neg':
      return { t: 'neg', arg: c[0] };
    case 'percent':
      return { t: 'percent', arg: c[0] };
    case 'pow':
      return { t: 'pow', base: c[0], exp: c[1] };
    default:
      return x;
  }
}

const REAL_LINE: Node = {
  t: 'seq',
  open: '(',
  close: ')',
  items: [
    { t: 'neg', arg: { t: 'sym', name: 'infty' } },
    { t: 'sym', name: 'infty' },
  ],
};

/** `\mathbb{R}` and "all real numbers" are the interval `(-\infty, \infty)`; null otherwise. */
function reals(n: Node): Node | null {
  if (n.t === 'sym' && n.name === 'reals') return REAL_LINE;
  if (
    n.t === 'text' &&
    /^(?:all real(?: numbers?| values?| x)?|all reals|real numbers|every real number)$/.test(n.s)
  )
    return REAL_LINE;
  return null;
}

/** Inequalities (each in one variable, the same one) as a union of intervals; null otherwise. */
function unionOf(items: Node[]): Node | null {
  if (items.length < 2 || items.length > 16 || items.some((x) => x.t !== 'rel')) return null;
  const names = new Set(items.map((x) => [...freeSymbols(x)].join(',')));
  if (names.size !== 1) return null;
  const ivs = items.map(toInterval);
  if (ivs.some((x) => x === null)) return null;
  return { t: 'setop', op: 'cup', args: ivs as Node[] };
}

/** Members of an unordered answer with every `±` member split in two. */
function withPm(items: Node[]): Node[] {
  return items.flatMap((x) => expandPm(x) ?? [x]);
}

/** The parts of a several-part answer (list items, set members), else the answer itself. */
function parts(n: Node): Node[] {
  if (n.t === 'list') return n.items;
  if (n.t === 'seq' && n.open === '\\{') return n.items;
  return [n];
}

/**
 * `y = 2, x = 1` read as a point: parts that each name a different variable are put in variable
 * order (as normalize.ts does for plain text), so `x = 1, y = 2` ↔ `(1, 2)`.
 */
function byName(items: Node[]): Node[] {
  const names = items.map((x) => (x.t === 'rel' ? named(x) : null));
  if (names.some((n) => n === null || n.name.t !== 'sym')) return items;
  const keyed = items.map((x, i) => ({ x, k: (names[i]!.name as { name: string }).name }));
  if (new Set(keyed.map((e) => e.k)).size !== keyed.length) return items;
  return keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0)).map((e) => e.x);
}

function dedupe(items: Node[]): Node[] {
  const seen = new Set<string>();
  return items.filter((x) => {
    const k = show(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Matrix arithmetic written out (`A + B`, `A B`, `\frac{t}{6} A`, `-A`) as one matrix whose entries
 * are trees; null when `n` is not such an expression or the sizes clash.
 */
function matrixValue(n: Node, depth = 0): Node | null {
  if (n.t === 'matrix') return n;
  if (depth > 8 || !hasMatrix(n)) return null;
  if (n.t === 'neg') {
    const m = matrixValue(n.arg, depth + 1);
    return m && m.t === 'matrix'
      ? { t: 'matrix', rows: m.rows.map((r) => r.map((x) => ({ t: 'neg', arg: x }) as Node)) }
      : null;
  }
  if (n.t === 'add') {
    const ms = n.args.map((a) => matrixValue(a, depth + 1));
    if (ms.some((m) => m === null || m.t !== 'matrix')) return null;
    const rows = (ms as (Node & { t: 'matrix' })[]).map((m) => m.rows);
    const [r0] = rows;
    if (rows.some((r) => r.length !== r0.length || r.some((row, i) => row.length !== r0[i].length)))
      return null;
    return {
      t: 'matrix',
      rows: r0.map((row, i) => row.map((_, j) => ({ t: 'add', args: rows.map((r) => r[i][j]) }) as Node)),
    };
  }
  if (n.t === 'mul') {
    const scalars = n.args.filter((a) => !hasMatrix(a));
    const mats = n.args.filter(hasMatrix).map((a) => matrixValue(a, depth + 1));
    if (mats.length === 0 || mats.some((m) => m === null || m.t !== 'matrix')) return null;
    const prod = mats.length === 1 ? mats[0]! : matrixProduct({ t: 'mul', args: mats as Node[] });
    if (prod.t !== 'matrix') return null;
    if (scalars.length === 0) return prod;
    return {
      t: 'matrix',
      rows: prod.rows.map((r) => r.map((x) => ({ t: 'mul', args: [...scalars, x] }) as Node)),
    };
  }
  return null;
}

function hasMatrix(n: Node): boolean {
  return (
    n.t === 'matrix' ||
    ((n.t === 'add' || n.t === 'mul') && n.args.some(hasMatrix)) ||
    (n.t === 'neg' && hasMatrix(n.arg))
  );
}

/** `A B` of matrices written side by side: the matrix product, entries as trees; unchanged if sizes clash. */
function matrixProduct(n: Node & { t: 'mul' }): Node {
  let acc = (n.args[0] as Node & { t: 'matrix' }).rows;
  for (const m of n.args.slice(1)) {
    const b = (m as Node & { t: 'matrix' }).rows;
    const inner = b.length;
    if (acc.some((r) => r.length !== inner) || b.some((r) => r.length !== b[0].length)) return n;
    if (acc.length * b[0].length * inner > 400) return n;
    acc = acc.map((row) =>
      b[0].map(
        (_, j) => ({ t: 'add', args: row.map((x, k) => ({ t: 'mul', args: [x, b[k][j]] }) as Node) }) as Node,
      ),
    );
  }
  return { t: 'matrix', rows: acc };
}

function asGrid(n: Node): Node[][] | null {
  if (n.t === 'matrix') return n.rows;
  if (n.t === 'seq' && n.open === '(') return [n.items];
  return null;
}

/** Whether a left-hand side names the answer rather than computing it: `x`, `x_1`, `f(x)`, `|AB|`, `(p, q)`. */
function isName(n: Node): boolean {
  switch (n.t) {
    case 'sym':
      return n.name !== 'pi' && n.name !== 'e' && n.name !== 'infty';
    case 'fn':
      return (
        (n.name.startsWith('apply:') || n.name === 'abs') && n.args.every((a) => isName(a) || a.t === 'num')
      );
    case 'mul':
      // `AB`, `V_1` … juxtaposed letters naming a segment or quantity
      return n.args.length <= 3 && n.args.every((a) => a.t === 'sym');
    case 'seq':
      return n.items.every(isName);
    default:
      return false;
  }
}

/**
 * The value side of a naming relation: `x = 3` → 3, `x = 5+5+1 = 11` → 11 (the last member of an
 * equality chain, Math-Verify), `x = 1/3 \approx 0.33` → 1/3, `x \approx 11` → 11, `x \in S` → S.
 */
function named(r: Node & { t: 'rel' }): { name: Node; value: Node; kind: 'eq' | 'in' | 'calc' } | null {
  if (r.ops.every((o) => o === '=') && r.args.every((a) => freeSymbols(a).size === 0)) {
    // a computation written out: `\frac{1}{2} \cdot 20 = 10` → its result (Math-Verify: last member)
    return { name: r.args[0], value: r.args[r.args.length - 1], kind: 'calc' };
  }
  if (!isName(r.args[0])) {
    const k = r.args.length;
    if (k < 3 || !r.ops.every((o) => o === '=')) return null;
    // `1 = \zzz = x = 0`: a chain whose last equation names its value (Math-Verify: last member)
    if (isName(r.args[k - 2])) return { name: r.args[k - 2], value: r.args[k - 1], kind: 'eq' };
    // `m+n = 256+37 = 293`: an expression worked out to a number (but `a + 3z = 0` stays an equation)
    if (r.args.slice(1).every((a) => freeSymbols(a).size === 0))
      return { name: r.args[0], value: r.args[k - 1], kind: 'calc' };
    return null;
  }
  if (r.ops.length === 1 && r.ops[0] === 'in') return { name: r.args[0], value: r.args[1], kind: 'in' };
  if (!r.ops.every((o) => o === '=' || o === '~')) return null;
  const firstApprox = r.ops.indexOf('~');
  const lastEq = firstApprox < 0 ? r.ops.length - 1 : firstApprox === 0 ? 0 : firstApprox - 1;
  return { name: r.args[0], value: r.args[lastEq + 1], kind: 'eq' };
}

/** A relation chain as `expr op 0` parts with op in {>, >=, =, !=}. */
function normalForms(r: Node): Ineq[] | null {
  if (r.t !== 'rel') return null;
  const out: Ineq[] = [];
  for (let i = 0; i < r.ops.length; i++) {
    const op = r.ops[i];
    const a = r.args[i];
    const b = r.args[i + 1];
    const diff = (x: Node, y: Node): Node => ({ t: 'add', args: [x, { t: 'neg', arg: y }] });
    if (op === '=' || op === '!=') out.push({ op, expr: diff(a, b) });
    else if (op === '>' || op === '>=') out.push({ op, expr: diff(a, b) });
    else if (op === '<') out.push({ op: '>', expr: diff(b, a) });
    else if (op === '<=') out.push({ op: '>=', expr: diff(b, a) });
    else return null;
  }
  return out;
}

/**
 * `a < x \le b`, `x > 5`, `5 \le x` → the interval (`x` alone on one side, constants elsewhere);
 * `x \ne 3`, two-sided chains through `|x|` and the like: null.
 */
function toInterval(r: Node): Node | null {
  if (r.t !== 'rel') return null;
  const INF: Node = { t: 'sym', name: 'infty' };
  const NEG_INF: Node = { t: 'neg', arg: INF };
  const constant = (n: Node) => freeSymbols(n).size === 0;
  const strictOf = (op: RelOp) => op === '<' || op === '>';
  if (r.ops.length === 1) {
    const [a, b] = r.args;
    const op = r.ops[0];
    let v: Node;
    let bound: Node;
    let dir: 'upper' | 'lower';
    if (isName(a) && constant(b)) {
      v = a;
      bound = b;
      dir = op === '<' || op === '<=' ? 'upper' : 'lower';
    } else if (isName(b) && constant(a)) {
      v = b;
      bound = a;
      dir = op === '<' || op === '<=' ? 'lower' : 'upper';
    } else return null;
    void v;
    if (!['<', '<=', '>', '>='].includes(op)) return null;
    const s = strictOf(op);
    return dir === 'upper'
      ? { t: 'seq', open: '(', close: s ? ')' : ']', items: [NEG_INF, bound] }
      : { t: 'seq', open: s ? '(' : '[', close: ')', items: [bound, INF] };
  }
  if (r.ops.length === 2 && isName(r.args[1]) && constant(r.args[0]) && constant(r.args[2])) {
    const [o1, o2] = r.ops;
    const up = (o: RelOp) => o === '<' || o === '<=';
    const mid = r.args[1];
    if (mid.t === 'fn' && mid.name === 'abs' && up(o1) && up(o2)) {
      // a ≤ |x| ≤ b with 0 < a: [-b, -a] ∪ [a, b]
      const lo = exact(r.args[0]);
      if (!lo || lo.n <= 0n) return null;
      const neg = (x: Node): Node => ({ t: 'neg', arg: x });
      return {
        t: 'setop',
        op: 'cup',
        args: [
          {
            t: 'seq',
            open: strictOf(o2) ? '(' : '[',
            close: strictOf(o1) ? ')' : ']',
            items: [neg(r.args[2]), neg(r.args[0])],
          },
          {
            t: 'seq',
            open: strictOf(o1) ? '(' : '[',
            close: strictOf(o2) ? ')' : ']',
            items: [r.args[0], r.args[2]],
          },
        ],
      };
    }
    if (up(o1) && up(o2))
      return {
        t: 'seq',
        open: strictOf(o1) ? '(' : '[',
        close: strictOf(o2) ? ')' : ']',
        items: [r.args[0], r.args[2]],
      };
    const down = (o: RelOp) => o === '>' || o === '>=';
    if (down(o1) && down(o2))
      return {
        t: 'seq',
        open: strictOf(o2) ? '(' : '[',
        close: strictOf(o1) ? ')' : ']',
        items: [r.args[2], r.args[0]],
      };
  }
  return null;
}

/** Names of arbitrary constants in general solutions: `A`–`D`, `K`, `C_1`, `c_2`. */
const CONSTANT_NAME = /^(?:[A-DK]|[Cc]_?\{?\d+\}?)$/;

/**
 * Strict mode still lets arbitrary constants be renamed (`-x + C + D/x` ↔ `A + B/x - x`) when the
 * other variables are the same and there is at least one (so choice letters `A` vs `B` never match).
 */
function renamedConstants(gs: string[], ps: string[]): Map<string, string>[] | null {
  const gc = gs.filter((v) => CONSTANT_NAME.test(v));
  const pc = ps.filter((v) => CONSTANT_NAME.test(v));
  const go = gs.filter((v) => !CONSTANT_NAME.test(v));
  const po = ps.filter((v) => !CONSTANT_NAME.test(v));
  if (go.length === 0 || go.length !== po.length || go.some((v, i) => v !== po[i])) return null;
  if (gc.length !== pc.length || gc.length === 0 || gc.length > 4) return null;
  const out: Map<string, string>[] = [];
  for (const perm of permutations(pc))
    out.push(
      new Map([
        ...go.map((v) => [v, v] as [string, string]),
        ...gc.map((v, i) => [v, perm[i]] as [string, string]),
      ]),
    );
  return out;
}

function* permutations<T>(xs: T[]): Generator<T[]> {
  if (xs.length <= 1) {
    yield xs;
    return;
  }
  for (let i = 0; i < xs.length; i++) {
    const rest = [...xs.slice(0, i), ...xs.slice(i + 1)];
    for (const p of permutations(rest)) yield [xs[i], ...p];
  }
}

// ── seeded evaluation ──────────────────────────────────────────────────────────────────────

/** mulberry32: a tiny deterministic PRNG; the seed is fixed so verdicts never vary. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = 0x5eed;
const POINTS = 6;
const TRIES = 20;

/**
 * Points at which to evaluate: first positive values in [0.3, 2.3] (roots and logs defined),
 * then wider ranges with negatives. `mapping` maps gold variable → pred variable.
 */
function* points(mapping: Map<string, string>): Generator<[Map<string, number>, Map<string, number>]> {
  const rnd = prng(SEED);
  for (let k = 0; k < TRIES; k++) {
    const lo = k < 12 ? 0.3 : -3;
    const span = k < 12 ? 2 : 2.7;
    const envG = new Map<string, number>();
    const envP = new Map<string, number>();
    for (const [gv, pv] of mapping) {
      const x = lo + span * rnd();
      envG.set(gv, x);
      envP.set(pv, x);
    }
    yield [envG, envP];
  }
}

/**
 * Rational functions (polynomials, quotients, integer powers) are compared exactly at seeded
 * rational points: two different rational functions agree at a random point with negligible
 * probability (Schwartz–Zippel), and exact arithmetic sees `x + 10^{-12}` ≠ `x`. Returns null when
 * either side is not rational there.
 */
function exactAtPoints(g: Node, p: Node, mapping: Map<string, string>): boolean | null {
  const rnd = prng(SEED ^ 0x9e37);
  let agreed = 0;
  for (let k = 0; k < 8 && agreed < 6; k++) {
    const envG = new Map<string, Rational>();
    const envP = new Map<string, Rational>();
    for (const [gv, pv] of mapping) {
      // every other point negative: |x| and x agree only on positives
      const n = BigInt(1 + Math.floor(rnd() * 89));
      const x = { n: k % 2 === 1 ? -n : n, d: BigInt(1 + Math.floor(rnd() * 11)) };
      envG.set(gv, x);
      envP.set(pv, x);
    }
    const a = exact(g, envG);
    const b = exact(p, envP);
    if (a === null || b === null) return agreed > 0 ? null : null;
    if (!ratEq(a, b)) return false;
    agreed++;
  }
  if (agreed < 4) return null;
  // far from the origin, both signs: `\max(x, -100)`, `\min(x, 1000)` agree with `x` on every small
  // point (red-team finding); a point too large to compute exactly decides nothing
  for (const x of WIDE) {
    const envG = new Map<string, Rational>();
    const envP = new Map<string, Rational>();
    let k = 0;
    for (const [gv, pv] of mapping) {
      const v = WIDE[(WIDE.indexOf(x) + 3 * k++) % WIDE.length];
      envG.set(gv, v);
      envP.set(pv, v);
    }
    const a = exact(g, envG);
    const b = exact(p, envP);
    if (a !== null && b !== null && !ratEq(a, b)) return false;
  }
  return true;
}

/**
 * Points far from the small sampling window, both signs and a spread of magnitudes (10^3 … 10^12,
 * and 10^-7 near zero), with odd mantissas so that no two variables coincide: a piecewise function
 * that agrees with the reference only on a window (`\max(x, -100)`, `\min(x, 1000)`,
 * `\max(x, -10^6)`) is caught. Fixed, so the verdict is deterministic.
 */
const WIDE: readonly Rational[] = [
  [1237n, 1n],
  [-1523n, 1n],
  [-733n, 1n],
  [98765n, 7n],
  [-314159n, 3n],
  [7654321n, 1n],
  [-9876543n, 1n],
  [123456789013n, 1n],
  [-987654321011n, 1n],
  [3n, 10000000n],
  [-7n, 10000000n],
  [1000003n, 1n],
].map(([n, d]) => ({ n, d }));

/**
 * With `i` read as the imaginary unit, both sides evaluated exactly in ℚ(i) (other variables at
 * seeded rational points): `(1+i)^2` = `2i`, `\frac{1}{i}` = `-i`, `i^2` = `-1`. Null when either
 * side is not computable that way (then `i` is compared as an ordinary symbol).
 */
function complexEqual(g: Node, p: Node): boolean | null {
  const gs = [...freeSymbols(g)].filter((v) => v !== 'i').sort();
  const ps = [...freeSymbols(p)].filter((v) => v !== 'i').sort();
  if (gs.length !== ps.length || gs.some((v, k) => v !== ps[k])) return null;
  const rnd = prng(SEED ^ 0x1234);
  for (let k = 0; k < (gs.length === 0 ? 1 : 4); k++) {
    const env = new Map<string, Rational>();
    for (const v of gs) {
      const n = BigInt(1 + Math.floor(rnd() * 89));
      env.set(v, { n: k % 2 === 1 ? -n : n, d: BigInt(1 + Math.floor(rnd() * 11)) });
    }
    const a = exactComplex(g, env);
    const b = exactComplex(p, env);
    if (a === null || b === null) return null;
    if (!ratEq(a.re, b.re) || !ratEq(a.im, b.im)) return false;
  }
  return true;
}

/** Equal as functions of their free variables, at seeded points, within relative `tol`. */
function atPoints(g: Node, p: Node, mapping: Map<string, string>, tol: number): boolean {
  const rational = exactAtPoints(g, p, mapping);
  if (rational !== null) return rational;
  let valid = 0;
  let oneSided = 0;
  for (const [eg, ep] of points(mapping)) {
    takeOverflow();
    const a = approx(g, eg);
    const b = approx(p, ep);
    if (takeOverflow()) continue; // an overflow on the way (x^{10000}) makes this point meaningless
    const fa = Number.isFinite(a);
    const fb = Number.isFinite(b);
    if (!fa && !fb) continue;
    if (fa !== fb) {
      oneSided++;
      continue;
    }
    const scale = Math.max(Math.abs(a), Math.abs(b));
    if (Math.abs(a - b) > tol * scale && scale > 1e-12) return false;
    valid++; // every point is tried, the negative ones too: \sqrt{x^2} and x agree only on positives
  }
  if (valid < 3 || oneSided > valid) return false;
  // far points (`\max(x, -100)` ≠ `x`): in doubles, where cancellation at large |x| can cost digits
  // (`\sqrt{x^2+1} - x`), only a gross difference ({@link FAR_TOL} relative, values above 1e-6) counts,
  // only where both sides are defined, and not when the difference is within rounding of the terms
  // summed (`x^4\sin^2 x + x^4\cos^2 x - x^4 + x`); magnitudes stay ≤ 10^5 for the same reason
  for (const [eg, ep] of widePoints(mapping)) {
    takeOverflow();
    const a = approx(g, eg);
    const b = approx(p, ep);
    if (takeOverflow() || !Number.isFinite(a) || !Number.isFinite(b)) continue;
    if (relClose(a, b, Math.max(tol, FAR_TOL)) || Math.max(Math.abs(a), Math.abs(b)) <= 1e-6) continue;
    const terms = Math.max(termSize(g, eg), termSize(p, ep));
    if (!(Math.abs(a - b) <= 1e-9 * terms)) return false;
  }
  return true;
}

/**
 * The largest term summed anywhere in `n` at `env` (|value| of each addend, nested sums included):
 * a double sum is only exact to about 1e-16 of it, so a difference below ~1e-9 of it is rounding.
 */
function termSize(n: Node, env: ReadonlyMap<string, number>, depth = 0): number {
  if (depth > 12) return 0;
  let best = Math.abs(approx(n, env));
  if (n.t === 'add') for (const a of n.args) best = Math.max(best, termSize(a, env, depth + 1));
  else if (n.t === 'neg') best = Math.max(best, termSize(n.arg, env, depth + 1));
  else if (n.t === 'mul')
    for (const a of n.args) if (a.t === 'add') best = Math.max(best, termSize(a, env, depth + 1));
  return Number.isFinite(best) ? best : 0;
}

/**
 * Relative difference that counts at far points in doubles. Piecewise answers that agree only on a
 * window differ there by O(1) (`\max(x, -100)` is -100 at x = -733); cancellation at |x| ≤ 10^5
 * costs up to ~1e-5 (`x^2\sin^2 x + x^2\cos^2 x - x^2 + 1` = 1), so 1e-4 keeps equal answers equal.
 */
const FAR_TOL = 1e-4;

/** {@link WIDE} points up to 10^5 in magnitude as doubles (several variables get different ones). */
function* widePoints(mapping: Map<string, string>): Generator<[Map<string, number>, Map<string, number>]> {
  const small = WIDE.map(ratToNumber).filter((x) => Math.abs(x) <= 1e5);
  for (let i = 0; i < small.length; i++) {
    const envG = new Map<string, number>();
    const envP = new Map<string, number>();
    let k = 0;
    for (const [gv, pv] of mapping) {
      const x = small[(i + 3 * k++) % small.length];
      envG.set(gv, x);
      envP.set(pv, x);
    }
    yield [envG, envP];
  }
}

/** e1 = c·e2 for one constant c ≠ 0 (c > 0 when `positive`), at seeded points. */
function proportional(e1: Node, e2: Node, mapping: Map<string, string>, positive: boolean): boolean {
  let ratio: number | null = null;
  let valid = 0;
  for (const [eg, ep] of points(mapping)) {
    const a = approx(e1, eg);
    const b = approx(e2, ep);
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    const tiny = (x: number) => Math.abs(x) < 1e-12;
    if (tiny(a) && tiny(b)) continue;
    if (tiny(a) || tiny(b)) return false;
    const r = a / b;
    if (ratio === null) {
      if (positive && r <= 0) return false;
      ratio = r;
    } else if (!relClose(r, ratio, 1e-8)) return false;
    if (++valid >= POINTS) break;
  }
  if (valid < 2 || ratio === null) return false;
  // far points too (`y = \max(x, -100)` is not `y = x`): gross differences only, as in atPoints
  for (const [eg, ep] of widePoints(mapping)) {
    takeOverflow();
    const a = approx(e1, eg);
    const b = approx(e2, ep);
    if (takeOverflow() || !Number.isFinite(a) || !Number.isFinite(b)) continue;
    if (!relClose(a, ratio * b, FAR_TOL) && Math.max(Math.abs(a), Math.abs(ratio * b)) > 1e-6) return false;
  }
  return true;
}
