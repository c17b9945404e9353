/**
 * Stage 3 of the math grader: parse one normalised answer (LaTeX or plain text) into a {@link Node}
 * tree (graders/math/ast.ts).
 *
 * Why our own parser: measured on shared/data/math/cases/latex_parse_cases.jsonl (the 505 rows
 * with a numeric value, sums/products/factorials left out because the libraries hang on them),
 * `@cortex-js/compute-engine` 0.27 parsed 254/505 (50%) to the right value at 0.38 ms per case and
 * never returned on `\sum_{n=0}^\infty 1/n!`; nerdamer 1.1's `convertFromLaTeX` 203/505 (40%) at
 * 0.30 ms; mathjs has no LaTeX reader. This parser: see test/graders/math/parse.test.ts (share of
 * rows parsed to the value latex2sympy2_extended gives) at a few µs per answer. Commands and
 * conventions follow latex2sympy2_extended (huggingface), re-implemented.
 *
 * Safety by design (issue 2, hostile inputs): one linear tokenizer pass; recursive descent with an
 * explicit depth cap ({@link MAX_DEPTH}; 10,000 nested braces fail in microseconds) and a length
 * cap ({@link MAX_CHARS}). Parsing never evaluates anything, so `5^{5^{5^{5^5}}}` or `1000000!`
 * cost nothing here (evaluate.ts caps the arithmetic).
 *
 * Grammar, loosest first: list (`;` then `,`, `and`, `or`) → relation chain (`=`, `<`, `\le`,
 * `\in`, `\approx`…) → ratio `a:b` → set operations (`\cup`, `\cap`, `\setminus`) → sum (`+`, `-`,
 * `\pm`) → product (`*`, `\cdot`, `\times`, `/`, `\div`, `\mod`, juxtaposition) → unary sign →
 * power (`^`, postfix `!`, `'`, `\%`) → primary (numbers, symbols, `\frac`, `\sqrt[n]{}`,
 * `\binom`, functions with or without parentheses and with `^2`/`_b` (`\sin^2 x`, `\log_2 8`),
 * brackets (`( )`, `[ ]`, `\{ \}`, `\langle \rangle`, `| |`, floor/ceil), matrices, `\text{}`).
 */
import { int, MINUS_ONE, type Node, type RelOp } from './ast.ts';
import { matchBrace } from './braces.ts';

/** Deepest nesting accepted (brackets, fractions, exponents…); deeper is a parse error. */
export const MAX_DEPTH = 200;
/** Longest answer parsed, characters (a final answer, not a completion). */
export const MAX_CHARS = 5_000;

export class ParseError extends Error {
  override name = 'ParseError';
}

type Tok =
  | { k: 'num'; s: string; sp: boolean }
  | { k: 'id'; s: string; sp: boolean }
  | { k: 'cmd'; s: string; sp: boolean }
  | { k: 'op'; s: string; sp: boolean }
  | { k: 'text'; s: string; sp: boolean }
  | { k: 'begin'; s: string; sp: boolean }
  | { k: 'end'; s: string; sp: boolean }
  | { k: 'eof'; s: ''; sp: boolean };

/** Plain-text words that are one token (functions and constants); other letter runs split. */
const WORDS = new Set([
  'sqrt', 'cbrt', 'sin', 'cos', 'tan', 'sec', 'csc', 'cot', 'arcsin', 'arccos', 'arctan', 'asin',
  'acos', 'atan', 'sinh', 'cosh', 'tanh', 'ln', 'log', 'exp', 'pi', 'infty', 'inf', 'infinity',
  'oo', 'abs', 'floor', 'ceil', 'ceiling', 'gcd', 'lcm', 'max', 'min', 'mod', 'and', 'or',
  'binom', 'binomial', 'factorial', 'Abs', 'Max', 'Min', 'Mod', 'Eq', 'Interval', 'FiniteSet',
  'asinh', 'acosh', 'atanh',
]); // biome-ignore format: a word list

/** Function names (command or plain word) → canonical evaluator names. */
const FUNCS: Record<string, string> = {
  sin: 'sin', cos: 'cos', tan: 'tan', sec: 'sec', csc: 'csc', cot: 'cot', cosec: 'csc',
  arcsin: 'asin', arccos: 'acos', arctan: 'atan', asin: 'asin', acos: 'acos', atan: 'atan',
  arcsec: 'asec', arccsc: 'acsc', arccot: 'acot', sinh: 'sinh', cosh: 'cosh', tanh: 'tanh',
  ln: 'ln', log: 'log', lg: 'log10', exp: 'exp', sqrt: 'sqrt', cbrt: 'cbrt', abs: 'abs', Abs: 'abs',
  floor: 'floor', ceil: 'ceil', ceiling: 'ceil', gcd: 'gcd', lcm: 'lcm', max: 'max', min: 'min',
  Max: 'max', Min: 'min', Mod: 'mod', mod: 'mod', binomial: 'binom', binom: 'binom',
  factorial: 'fact', det: 'det', arg: 'arg', arcsinh: 'asinh', arccosh: 'acosh', arctanh: 'atanh',
  asinh: 'asinh', acosh: 'acosh', atanh: 'atanh', sign: 'sign', sgn: 'sign', arsinh: 'asinh',
  arcosh: 'acosh', artanh: 'atanh',
}; // biome-ignore format: a table

const GREEK = new Set(
  (
    'alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi ' +
    'omicron rho varrho sigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi ' +
    'Sigma Upsilon Phi Psi Omega ell'
  ).split(' '),
);

const REL_CMDS: Record<string, RelOp> = {
  le: '<=', leq: '<=', leqslant: '<=', ge: '>=', geq: '>=', geqslant: '>=', ne: '!=', neq: '!=',
  lt: '<', gt: '>', approx: '~', simeq: '~', equiv: '=', in: 'in', notin: 'notin',
}; // biome-ignore format: a table

/** Commands that wrap math without changing it. */
const TRANSPARENT = new Set([
  'mathrm', 'mathbf', 'mathit', 'mathsf', 'mathtt', 'boldsymbol', 'bm', 'mathcal', 'mathscr',
  'boxed', 'fbox', 'displaystyle', 'textstyle', 'left', 'right', 'mleft', 'mright', 'big', 'Big',
  'bigl', 'bigr', 'Bigl', 'Bigr', 'bigg', 'Bigg', 'limits', 'nolimits', 'middle',
]); // biome-ignore format: a word list

/** Commands whose braced argument is prose (read raw). */
const TEXTS = new Set([
  'text',
  'textbf',
  'textit',
  'textrm',
  'textnormal',
  'mbox',
  'textsf',
  'texttt',
  'hbox',
  'operatorname',
]);

/** Spacing and decoration commands: dropped. */
const SKIP = new Set([
  ',', ';', ':', '!', ' ', 'quad', 'qquad', 'enspace', 'thinspace', 'medspace', 'thickspace',
  'negthinspace', 'circ', 'degree', 'nonumber', 'notag', 'hfill', 'phantom', 'cr',
]); // biome-ignore format: a word list

/** Known command names used to split run-on commands such as `\sqrta` or `\fracab` (Minerva). */
const SPLITTABLE = [
  'frac',
  'sqrt',
  'lvert',
  'rvert',
  'vert',
  'cdot',
  'times',
  'infty',
  'theta',
  'pi',
  'sin',
  'cos',
  'tan',
  'ln',
  'log',
];

function isLetter(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** Read a balanced `{…}` starting at `s[i] === '{'`; returns [content, index after]. Linear. */
function readBraced(s: string, i: number): [string, number] {
  const j = matchBrace(s, i);
  if (j < 0) throw new ParseError('unbalanced braces');
  return [s.slice(i + 1, j), j + 1];
}

/** One linear pass: characters → tokens. */
export function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  const s = src;
  let i = 0;
  let sp = false;
  const push = (k: Tok['k'], v: string) => {
    out.push({ k, s: v, sp } as Tok);
    sp = false;
  };
  while (i < s.length) {
    const c = s[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') {
      sp = true;
      i++;
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(s[i + 1] ?? ''))) {
      let j = i;
      while (j < s.length && isDigit(s[j])) j++;
      if (s[j] === '.' && isDigit(s[j + 1] ?? '')) {
        j++;
        while (j < s.length && isDigit(s[j])) j++;
      } else if (s[j] === '.' && !isLetter(s[j + 1] ?? '') && s[j + 1] !== '.') {
        j++; // `5.` is 5
      }
      // scientific notation: 21E-12, 1e6 (not 2e alone, which is 2·e)
      const m = /^[eE][+-]?\d+/.exec(s.slice(j, j + 12));
      if (m && (s[j] === 'E' || /\d$/.test(m[0]))) {
        push('num', s.slice(i, j + m[0].length));
        i = j + m[0].length;
      } else {
        push('num', s.slice(i, j));
        i = j;
      }
      continue;
    }
    if (isLetter(c)) {
      let j = i;
      while (j < s.length && isLetter(s[j])) j++;
      const word = s.slice(i, j);
      if (WORDS.has(word)) push('id', word);
      else {
        // `sinx` → sin x; otherwise every letter is its own symbol (LaTeX: `ab` = a·b)
        const fn = ['arcsin', 'arccos', 'arctan', 'sqrt', 'sin', 'cos', 'tan', 'log', 'ln'].find(
          (f) => word.startsWith(f) && word.length > f.length,
        );
        let rest = word;
        if (fn) {
          push('id', fn);
          rest = word.slice(fn.length);
        }
        // a run of 4+ letters that is no name we know is a word, kept whole: the parser rejects it
        // as prose outside subscripts (`the solution is $m \in …$` must not become a product of
        // letters), and `x_{good}` keeps it as a name
        if (rest.length >= 4 || GREEK.has(rest)) {
          push('id', rest);
          i = j;
          continue;
        }
        for (const ch of rest) push('id', ch);
      }
      i = j;
      continue;
    }
    if (c === '\\') {
      const n = s[i + 1];
      if (n === undefined) throw new ParseError('trailing backslash');
      if (!isLetter(n)) {
        i += 2;
        if (n === '\\') push('op', '\\\\');
        else if (n === '{' || n === '}' || n === '|' || n === '%' || n === '$' || n === '#' || n === '&')
          push('op', `\\${n}`);
        else if (SKIP.has(n)) sp = true;
        else throw new ParseError(`unknown command \\${n}`);
        continue;
      }
      let j = i + 1;
      while (j < s.length && isLetter(s[j])) j++;
      let name = s.slice(i + 1, j);
      i = j;
      if (name === 'begin' || name === 'end') {
        while (s[i] === ' ') i++;
        if (s[i] !== '{') throw new ParseError(`\\${name} without environment`);
        const [env, k] = readBraced(s, i);
        i = k;
        push(name, env.replace(/\*$/, ''));
        continue;
      }
      if (TEXTS.has(name)) {
        while (s[i] === ' ') i++;
        if (s[i] !== '{') throw new ParseError(`\\${name} without argument`);
        const [body, k] = readBraced(s, i);
        i = k;
        push('text', name === 'operatorname' ? `\\op:${body.trim()}` : body);
        continue;
      }
      if (TRANSPARENT.has(name) || SKIP.has(name)) {
        if (name === 'phantom' && s[i] === '{') i = readBraced(s, i)[1];
        sp = true;
        continue;
      }
      if (!(name in REL_CMDS) && !(name in FUNCS) && !KNOWN_CMDS.has(name) && !GREEK.has(name)) {
        const pre = SPLITTABLE.find((p) => name.startsWith(p) && name.length > p.length);
        if (pre) {
          // `\sqrta` = `\sqrt a`, `\fracabc` = `\frac a b c` (Minerva's normalisation tests)
          i -= name.length - pre.length;
          name = pre;
        }
      }
      push('cmd', name);
      continue;
    }
    if (c === '*' && s[i + 1] === '*') {
      push('op', '^');
      i += 2;
      continue;
    }
    if ((c === '<' || c === '>' || c === '!' || c === '=') && s[i + 1] === '=') {
      push('op', c === '=' ? '=' : `${c}=`);
      i += 2;
      continue;
    }
    if (c === '$') {
      sp = true;
      i++;
      continue;
    }
    if ("+-*/^_()[]{}|,;:=<>!'&%".includes(c)) {
      push('op', c);
      i++;
      continue;
    }
    if (c === '−') {
      push('op', '-');
      i++;
      continue;
    }
    if (c === '…') {
      push('cmd', 'ldots');
      i++;
      continue;
    }
    if (c === '.') {
      // a stray full stop (sentence end) is punctuation, not math
      sp = true;
      i++;
      continue;
    }
    if (c.charCodeAt(0) > 127) {
      // other scripts: a Greek letter or a word in prose; one symbol per code point
      const cp = String.fromCodePoint(s.codePointAt(i)!);
      push('id', cp);
      i += cp.length;
      continue;
    }
    throw new ParseError(`unexpected character ${JSON.stringify(c)}`);
  }
  out.push({ k: 'eof', s: '', sp });
  return out;
}

const KNOWN_CMDS = new Set([
  'frac', 'dfrac', 'tfrac', 'cfrac', 'sqrt', 'binom', 'dbinom', 'tbinom', 'choose', 'pi', 'infty',
  'infin', 'emptyset', 'varnothing', 'cdot', 'times', 'div', 'pm', 'mp', 'cup', 'cap', 'setminus',
  'lfloor', 'rfloor', 'lceil', 'rceil', 'llcorner', 'lrcorner', 'ulcorner', 'urcorner', 'lvert',
  'rvert', 'vert', 'Vert', 'lVert', 'rVert', 'langle', 'rangle', 'lbrack', 'rbrack', 'lbrace',
  'rbrace', 'mod', 'bmod', 'pmod', 'ldots', 'cdots', 'dots', 'overline', 'bar', 'hat', 'vec',
  'tilde', 'dot', 'ddot', 'widehat', 'widetilde', 'overrightarrow', 'mathbb', 'prime', 'sum',
  'prod', 'int', 'lim', 'partial', 'to', 'rightarrow', 'Rightarrow', 'implies', 'land', 'lor',
  'wedge', 'vee', 'neg', 'lnot', 'exp', 'variable', 'operatorname', 'imath', 'mathrm', 'percent',
  'lgroup', 'rgroup', 'exponentialE', 'hline',
]); // biome-ignore format: a word list

/** Parse an answer into a tree; throws {@link ParseError} for what is not math we understand. */
export function parse(src: string): Node {
  if (typeof src !== 'string') throw new ParseError('not a string');
  if (src.length > MAX_CHARS) throw new ParseError(`answer longer than ${MAX_CHARS} characters`);
  const text = src.trim();
  if (text === '') throw new ParseError('empty answer');
  const words = proseWords(text);
  if (words !== null) return { t: 'text', s: words };
  const mixed = /^(-?)(\d+)\s+(\d+)\s*\/\s*(\d+)$/.exec(text);
  if (mixed) {
    // `7 3/4` is a mixed number (PRM800K grade_answer)
    const [, sign, w, a, b] = mixed;
    const v: Node = { t: 'add', args: [int(BigInt(w)), frac(int(BigInt(a)), int(BigInt(b)))] };
    return sign ? { t: 'neg', arg: v } : v;
  }
  return new Parser(tokenize(text)).top();
}

/**
 * Pure prose (`odd`, `Evelyn`, `The midpoints form a regular hexagon`): a lower-cased, single-spaced
 * text answer instead of a product of letters. Letter runs of one or two (`x`, `xy`, `A`) and
 * function names stay math.
 */
function proseWords(s: string): string | null {
  const t = s.replace(/^\\text\w*\{(.*)\}$/, '$1');
  if (!/^[A-Za-z][A-Za-z\s'-]*$/.test(t)) return null;
  const ws = t.trim().split(/\s+/);
  if (!ws.some((w) => w.length >= 3 && !WORDS.has(w))) return null;
  return ws.join(' ').toLowerCase();
}

function frac(a: Node, b: Node): Node {
  return { t: 'mul', args: [a, { t: 'pow', base: b, exp: MINUS_ONE }] };
}

function numberNode(s: string): Node {
  let mant = s;
  let exp = 0;
  const e = /[eE]([+-]?\d+)$/.exec(s);
  if (e) {
    mant = s.slice(0, e.index);
    exp = Number(e[1]);
    if (Math.abs(exp) > 400) throw new ParseError('exponent too large');
  }
  if (mant.endsWith('.')) mant = mant.slice(0, -1);
  const dot = mant.indexOf('.');
  const places = dot < 0 ? 0 : mant.length - dot - 1;
  const digits = mant.replace('.', '');
  // an integer in float notation (`27.0`: AMC 23 answers, program output) is exact, not a
  // measurement with one decimal: `27.04` must not round to it
  const integral = !e && dot >= 0 && /^0*$/.test(mant.slice(dot + 1));
  const sig = (dot < 0 && !e) || integral ? 0 : digits.replace(/^0+/, '').length || 1;
  let n = BigInt(digits);
  let d = 10n ** BigInt(places);
  if (exp > 0) n *= 10n ** BigInt(exp);
  else if (exp < 0) d *= 10n ** BigInt(-exp);
  const g = gcd(n, d);
  return {
    t: 'num',
    n: String(n / g),
    d: String(d / g),
    places: integral ? 0 : e ? Math.max(0, places - exp) : places,
    sig,
  };
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  while (b) [a, b] = [b, a % b];
  return a || 1n;
}

const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '\\{': '\\}', langle: 'rangle', '{': '}' };

class Parser {
  private i = 0;
  private depth = 0;
  /** Inside `|…|`: a `|` closes instead of opening (so `|x||y|` reads as two absolute values). */
  private absDepth = 0;
  /** Stop tokens of enclosing constructs (matrix cells stop at `&` and `\\`). */
  private stops: string[] = [];
  private readonly toks: Tok[];

  constructor(toks: Tok[]) {
    this.toks = toks;
  }

  private peek(o = 0): Tok {
    return this.toks[Math.min(this.i + o, this.toks.length - 1)];
  }
  private next(): Tok {
    return this.toks[this.i++ < this.toks.length ? this.i - 1 : this.toks.length - 1];
  }
  private isOp(s: string, o = 0): boolean {
    const t = this.peek(o);
    return t.k === 'op' && t.s === s;
  }
  private isCmd(s: string, o = 0): boolean {
    const t = this.peek(o);
    return t.k === 'cmd' && t.s === s;
  }
  private expectOp(s: string): void {
    if (!this.isOp(s)) throw new ParseError(`expected ${s} at token ${this.i}`);
    this.i++;
  }
  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw new ParseError(`nesting deeper than ${MAX_DEPTH}`);
  }
  private leave(): void {
    this.depth--;
  }

  top(): Node {
    const node = this.list(['eof']);
    if (this.peek().k !== 'eof') throw new ParseError(`unexpected ${this.peek().s} at token ${this.i}`);
    return node;
  }

  /** `;`-separated groups of `,`/and/or-separated items; one item is just that item. */
  private list(until: string[]): Node {
    const groups: Node[][] = [[]];
    let sawSemicolon = false;
    for (;;) {
      const t = this.peek();
      if (t.k === 'eof' || until.includes(t.s)) break;
      if (this.isSep()) {
        if (t.s === ';') {
          sawSemicolon = true;
          groups.push([]);
        }
        this.i++;
        continue;
      }
      groups[groups.length - 1].push(this.relation());
    }
    const parts = groups
      .filter((g) => g.length > 0)
      .map((g) => (g.length === 1 ? g[0] : ({ t: 'list', items: g } as Node)));
    if (parts.length === 0) throw new ParseError('empty');
    if (parts.length === 1) return parts[0];
    return sawSemicolon ? { t: 'list', items: parts } : { t: 'list', items: parts };
  }

  private isSep(): boolean {
    const t = this.peek();
    if (t.k === 'op') return t.s === ',' || t.s === ';';
    if (t.k === 'id') return t.s === 'and' || t.s === 'or';
    if (t.k === 'text') return /^\s*(and|or|,)\s*$/i.test(t.s);
    if (t.k === 'cmd') return t.s === 'lor' || t.s === 'vee' || t.s === 'land' || t.s === 'wedge';
    return false;
  }

  private relOp(): RelOp | null {
    const t = this.peek();
    if (t.k === 'op') {
      if (t.s === '=') return '=';
      if (t.s === '<') return '<';
      if (t.s === '>') return '>';
      if (t.s === '<=') return '<=';
      if (t.s === '>=') return '>=';
      if (t.s === '!=') return '!=';
    } else if (t.k === 'cmd') return REL_CMDS[t.s] ?? null;
    return null;
  }

  private relation(): Node {
    const args = [this.ratio()];
    const ops: RelOp[] = [];
    for (let op = this.relOp(); op; op = this.relOp()) {
      this.i++;
      ops.push(op);
      args.push(this.ratio());
    }
    return ops.length === 0 ? args[0] : { t: 'rel', ops, args };
  }

  private ratio(): Node {
    const first = this.setExpr();
    if (!this.isOp(':')) return first;
    const items = [first];
    while (this.isOp(':')) {
      this.i++;
      items.push(this.setExpr());
    }
    return { t: 'seq', open: ':', close: '', items };
  }

  private setExpr(): Node {
    let left = this.sum();
    for (;;) {
      const t = this.peek();
      const op =
        t.k === 'cmd' ? ({ cup: 'cup', cap: 'cap', setminus: 'minus' } as const)[t.s as 'cup'] : undefined;
      if (!op) return left;
      this.i++;
      const right = this.sum();
      if (left.t === 'setop' && left.op === op) left = { t: 'setop', op, args: [...left.args, right] };
      else left = { t: 'setop', op, args: [left, right] };
    }
  }

  private sum(): Node {
    const terms: Node[] = [];
    terms.push(this.term());
    for (;;) {
      const t = this.peek();
      if (t.k === 'op' && (t.s === '+' || t.s === '-')) {
        this.i++;
        const rhs = this.term();
        terms.push(t.s === '-' ? { t: 'neg', arg: rhs } : rhs);
      } else if (t.k === 'cmd' && (t.s === 'pm' || t.s === 'mp')) {
        this.i++;
        const rhs = this.term();
        const a: Node = terms.length === 1 ? terms[0] : { t: 'add', args: terms.splice(0) };
        terms.length = 0;
        terms.push({ t: 'pm', a, b: rhs, sign: t.s === 'pm' ? 1 : -1 });
      } else break;
    }
    return terms.length === 1 ? terms[0] : { t: 'add', args: terms };
  }

  private term(): Node {
    this.enter();
    const factors: Node[] = [this.unary()];
    for (;;) {
      const t = this.peek();
      if (
        (t.k === 'op' && (t.s === '*' || t.s === '/')) ||
        (t.k === 'cmd' && (t.s === 'cdot' || t.s === 'times' || t.s === 'div'))
      ) {
        this.i++;
        const rhs = this.unary();
        factors.push(t.s === '/' || t.s === 'div' ? { t: 'pow', base: rhs, exp: MINUS_ONE } : rhs);
      } else if (t.k === 'cmd' && (t.s === 'mod' || t.s === 'bmod')) {
        this.i++;
        const lhs: Node = factors.length === 1 ? factors[0] : { t: 'mul', args: factors.splice(0) };
        factors.length = 0;
        factors.push({ t: 'fn', name: 'mod', args: [lhs, this.unary()] });
      } else if (this.startsFactor()) {
        factors.push(this.power());
      } else break;
    }
    this.leave();
    const kept = factors.filter((f) => f.t !== 'text');
    // `5 \text{ apples}`: prose next to a value is a unit and is dropped
    if (kept.length === 0)
      return factors.length === 1
        ? factors[0]
        : { t: 'text', s: factors.map((f) => (f as { s: string }).s).join(' ') };
    return kept.length === 1 ? kept[0] : { t: 'mul', args: kept };
  }

  /** Whether the next token can begin an implicitly multiplied factor. */
  private startsFactor(): boolean {
    const t = this.peek();
    if (this.stops.includes(t.s) && (t.k === 'op' || t.k === 'cmd')) return false;
    switch (t.k) {
      case 'num':
      case 'begin':
        return true;
      case 'id':
        return t.s !== 'and' && t.s !== 'or' && t.s !== 'mod';
      case 'text':
        return !/^\s*(and|or|,)\s*$/i.test(t.s);
      case 'op':
        if (t.s === '(' || t.s === '[' || t.s === '{' || t.s === '\\{') return true;
        return t.s === '|' && this.absDepth === 0;
      case 'cmd':
        return !(t.s in REL_CMDS) && !NOT_FACTOR.has(t.s);
      default:
        return false;
    }
  }

  private unary(): Node {
    const t = this.peek();
    if (t.k === 'op' && (t.s === '-' || t.s === '+')) {
      this.i++;
      this.enter();
      const arg = this.unary();
      this.leave();
      return t.s === '-' ? { t: 'neg', arg } : arg;
    }
    if (t.k === 'cmd' && (t.s === 'pm' || t.s === 'mp')) {
      this.i++;
      this.enter();
      const b = this.unary();
      this.leave();
      return { t: 'pm', a: null, b, sign: t.s === 'pm' ? 1 : -1 };
    }
    return this.power();
  }

  private power(): Node {
    this.enter();
    let base = this.postfix(this.primary());
    if (
      this.isOp('^') &&
      base.t === 'sym' &&
      (this.isCmd('prime', 1) || (this.isOp('{', 1) && this.isCmd('prime', 2) && this.isOp('}', 3)))
    ) {
      // `y^{\prime}` is y'
      this.i += this.isCmd('prime', 1) ? 2 : 4;
      base = this.postfix({ t: 'sym', name: `${base.name}'` });
    }
    if (this.isOp('^')) {
      this.i++;
      const exp = this.exponent();
      if (this.isOp('_') && base.t === 'sym') {
        // `x^2_1`: the subscript belongs to the symbol (x_1)^2
        this.i++;
        base = { t: 'sym', name: `${base.name}_${this.subscript()}` };
      }
      base = this.postfix({ t: 'pow', base, exp });
    }
    this.leave();
    return base;
  }

  /** Postfix `!`, `'`, `\%`/`%` and subscripts on what is already parsed. */
  private postfix(node: Node): Node {
    for (;;) {
      if (this.isOp('!') && !this.isOp('=', 1)) {
        this.i++;
        node = { t: 'fn', name: 'fact', args: [node] };
      } else if (this.isOp("'") || this.isCmd('prime')) {
        this.i++;
        if (node.t !== 'sym') throw new ParseError('prime on a non-symbol');
        node = { t: 'sym', name: `${node.name}'` };
      } else if (this.isOp('\\%') || this.isOp('%') || this.isCmd('percent')) {
        this.i++;
        node = { t: 'percent', arg: node };
      } else if (this.isOp('_')) {
        this.i++;
        if (node.t === 'num' && node.d === '1' && node.sig === 0) {
          // a numeral in base b (`204_5`, `1112112_3`): an atom, equal only to itself
          node = { t: 'sym', name: `${node.n}_${this.subscript()}` };
          continue;
        }
        if (node.t !== 'sym') throw new ParseError('subscript on a non-symbol');
        node = { t: 'sym', name: `${node.name}_${this.subscript()}` };
      } else return node;
    }
  }

  /** A subscript as a name: `_1`, `_{ij}`, `_{\max}`, `_{n+1}` (raw tokens, never evaluated). */
  private subscript(): string {
    if (!this.isOp('{')) return subName(this.atomArg());
    this.i++;
    let depth = 1;
    const parts: string[] = [];
    for (;;) {
      const t = this.next();
      if (t.k === 'eof') throw new ParseError('unclosed subscript');
      if (t.k === 'op' && t.s === '{') depth++;
      else if (t.k === 'op' && t.s === '}' && --depth === 0) break;
      parts.push(t.k === 'cmd' ? `\\${t.s}` : t.s);
      if (parts.length > 64) throw new ParseError('subscript too long');
    }
    if (parts.length === 0) throw new ParseError('empty subscript');
    return parts.join('');
  }

  /** An exponent: a braced group or one signed atom (`x^2`, `x^{-1}`, `2^-3`, `e^{i\pi}`). */
  private exponent(): Node {
    const t = this.peek();
    if (t.k === 'op' && (t.s === '-' || t.s === '+')) {
      this.i++;
      const e = this.exponent();
      return t.s === '-' ? { t: 'neg', arg: e } : e;
    }
    if (this.isOp('{')) return this.atomArg();
    // one atom, possibly itself raised: 2^3^2 = 2^(3^2); a following `_` belongs to the base
    this.enter();
    let e = this.primary();
    if (this.isOp('^')) {
      this.i++;
      e = { t: 'pow', base: e, exp: this.exponent() };
    }
    this.leave();
    return e;
  }

  /**
   * A command argument: `{…}` group, or a single character/command (`\frac12`, `\sqrt3`).
   * A multi-digit number token gives up only its first digit (`\frac12` = 1/2).
   */
  private atomArg(): Node {
    const t = this.peek();
    if (t.k === 'op' && t.s === '{') {
      this.i++;
      this.enter();
      const inner = this.list(['}']);
      this.leave();
      this.expectOp('}');
      return inner;
    }
    if (t.k === 'num' && t.s.length > 1 && /^\d/.test(t.s)) {
      const rest = t.s.slice(1);
      this.toks[this.i] = { k: 'num', s: rest, sp: false };
      return numberNode(t.s[0]);
    }
    if (t.k === 'eof' || (t.k === 'op' && t.s !== '(' && t.s !== '\\{'))
      throw new ParseError('missing argument');
    this.enter();
    const p = this.primary();
    this.leave();
    return p;
  }

  private primary(): Node {
    const t = this.next();
    switch (t.k) {
      case 'num': {
        const rep = this.repeating(t.s);
        if (rep) return rep;
        const n = numberNode(t.s);
        // mixed number `1\frac{1}{2}` (latex2sympy2): an integer directly followed by \frac of integers
        if (/^\d+$/.test(t.s) && this.isCmd('frac')) {
          const save = this.i;
          this.i++;
          const a = this.atomArg();
          const b = this.atomArg();
          if (a.t === 'num' && b.t === 'num' && a.d === '1' && b.d === '1')
            return { t: 'add', args: [n, frac(a, b)] };
          this.i = save;
        }
        return n;
      }
      case 'id':
        return this.word(t.s);
      case 'text':
        return this.textNode(t.s);
      case 'begin':
        return this.environment(t.s);
      case 'op':
        return this.bracketed(t.s);
      case 'cmd':
        return this.command(t.s);
      default:
        throw new ParseError(`unexpected ${t.k === 'eof' ? 'end' : t.s}`);
    }
  }

  /**
   * A repeating decimal `0.1\overline{6}` (also `\bar`, `\dot`) just after the number token `s`:
   * the exact rational (1/6), or null. The repetend is read from the raw digits (`\overline{03}`).
   */
  private repeating(s: string): Node | null {
    if (!/^\d*\.\d*$/.test(s) || !(this.isCmd('overline') || this.isCmd('bar') || this.isCmd('dot')))
      return null;
    let rep: string | null = null;
    let skip = 0;
    const a = this.peek(1);
    if (
      a.k === 'op' &&
      a.s === '{' &&
      this.peek(2).k === 'num' &&
      /^\d+$/.test(this.peek(2).s) &&
      this.isOp('}', 3)
    ) {
      rep = this.peek(2).s;
      skip = 4;
    } else if (a.k === 'num' && /^\d$/.test(a.s)) {
      rep = a.s;
      skip = 2;
    }
    if (rep === null || rep.length > 50) return null;
    this.i += skip;
    const [whole, dec] = s.split('.');
    const head = BigInt((whole || '0') + dec);
    const all = BigInt((whole || '0') + dec + rep);
    const num = all - head;
    const den = 10n ** BigInt(dec.length) * (10n ** BigInt(rep.length) - 1n);
    const g = gcd(num, den);
    return { t: 'num', n: String(num / g), d: String(den / g), places: 0, sig: 0 };
  }

  private word(w: string): Node {
    if (w === 'pi') return { t: 'sym', name: 'pi' };
    if (w === 'infty' || w === 'inf' || w === 'infinity' || w === 'oo') return { t: 'sym', name: 'infty' };
    if (w === 'Eq') {
      const args = this.callArgs();
      if (args.length !== 2) throw new ParseError('Eq needs two arguments');
      return { t: 'rel', ops: ['='], args };
    }
    if (w === 'FiniteSet') return { t: 'seq', open: '\\{', close: '\\}', items: this.callArgs() };
    if (w === 'Interval') {
      const args = this.callArgs();
      return { t: 'seq', open: '[', close: ']', items: args.slice(0, 2) };
    }
    if (w in FUNCS) return this.func(FUNCS[w]);
    if (GREEK.has(w)) return { t: 'sym', name: w };
    // an all-capitals run is a name (`SRMC`, `ABCD`), one symbol; other 4+ letter runs are prose
    if (w.length >= 4 && /^[A-Z]+$/.test(w)) return { t: 'sym', name: w };
    if (w.length >= 4) throw new ParseError(`prose word "${w.slice(0, 20)}"`);
    if (w.length === 1 && 'fghFGH'.includes(w) && this.isOp('(') && !this.peek().sp) {
      return { t: 'fn', name: `apply:${w}`, args: this.callArgs() };
    }
    return { t: 'sym', name: w };
  }

  private textNode(body: string): Node {
    if (body.startsWith('\\op:')) {
      const name = body.slice(4);
      if (name in FUNCS) return this.func(FUNCS[name]);
      return { t: 'fn', name: `apply:${name}`, args: this.callArgs() };
    }
    const s = body.trim();
    const choice = /^\(?([A-Za-z])\)?$/.exec(s);
    if (choice) return { t: 'sym', name: choice[1] };
    if (/^-?\d+(\.\d+)?$/.test(s)) return numberNode(s.replace(/^-/, ''));
    if (s === '') return { t: 'text', s: '' };
    return { t: 'text', s: s.toLowerCase().replace(/\s+/g, ' ') };
  }

  /** `f(a, b)` style arguments. */
  private callArgs(): Node[] {
    this.expectOp('(');
    this.enter();
    const args: Node[] = [];
    while (!this.isOp(')')) {
      if (this.peek().k === 'eof') throw new ParseError('unclosed (');
      if (this.isOp(',')) {
        this.i++;
        continue;
      }
      args.push(this.relation());
    }
    this.i++;
    this.leave();
    return args;
  }

  /**
   * A function application: `\sin x`, `\sin(x)`, `\sin^2 x` (= (sin x)^2), `\sin^{-1} x` (= asin),
   * `\log_2 8`, `\max(a, b, c)`.
   */
  private func(name: string): Node {
    let power: Node | null = null;
    let base: Node | null = null;
    for (;;) {
      if (this.isOp('^') && power === null) {
        this.i++;
        power = this.exponent();
      } else if (this.isOp('_') && base === null) {
        this.i++;
        base = this.atomArg();
      } else break;
    }
    let args: Node[];
    if (this.isOp('(') || (this.isOp('[') && name !== 'sqrt')) {
      const open = this.next().s;
      this.enter();
      args = [];
      while (!this.isOp(CLOSERS[open])) {
        if (this.peek().k === 'eof') throw new ParseError(`unclosed ${open}`);
        if (this.isOp(',')) {
          this.i++;
          continue;
        }
        args.push(this.relation());
      }
      this.i++;
      this.leave();
      if (args.length === 0) throw new ParseError(`${name}() without argument`);
    } else if (this.isOp('{')) {
      args = [this.atomArg()];
    } else if (this.isOp('\\{')) {
      // `\sin\{\theta\}`: braces as grouping
      this.i++;
      this.enter();
      args = [this.list(['\\}'])];
      this.leave();
      this.expectOp('\\}');
    } else {
      // no parentheses: the argument runs over juxtaposed factors (`\sin 2x`) but stops at the
      // next function (`2\sin b \cos a`) or operator
      this.enter();
      const fs: Node[] = [];
      if (this.peek().k === 'eof' || !this.startsFactor()) throw new ParseError(`${name} without argument`);
      do {
        fs.push(this.power());
      } while (this.startsFactor() && !this.startsFunction());
      this.leave();
      args = [fs.length === 1 ? fs[0] : { t: 'mul', args: fs }];
    }
    if (args.length !== 1 && !MULTI_ARG.has(name)) throw new ParseError(`${name} takes one argument`);
    if ((name === 'log' || name === 'log10') && base) {
      name = 'log';
      args = [args[0], base];
    }
    const isInverse =
      power && power.t === 'neg' && power.arg.t === 'num' && power.arg.n === '1' && power.arg.d === '1';
    if (isInverse && ['sin', 'cos', 'tan', 'sec', 'csc', 'cot', 'sinh', 'cosh', 'tanh'].includes(name)) {
      return { t: 'fn', name: `a${name}`, args };
    }
    const call: Node = { t: 'fn', name, args };
    return power ? { t: 'pow', base: call, exp: power } : call;
  }

  private startsFunction(): boolean {
    const t = this.peek();
    if (t.k === 'cmd') return t.s in FUNCS || t.s === 'sqrt' || t.s === 'frac';
    if (t.k === 'id') return t.s in FUNCS;
    if (t.k === 'text') return t.s.startsWith('\\op:');
    return false;
  }

  private command(name: string): Node {
    switch (name) {
      case 'frac':
      case 'dfrac':
      case 'tfrac':
      case 'cfrac': {
        const a = this.atomArg();
        const b = this.atomArg();
        return frac(a, b);
      }
      case 'binom':
      case 'dbinom':
      case 'tbinom':
        return { t: 'fn', name: 'binom', args: [this.atomArg(), this.atomArg()] };
      case 'sqrt': {
        let index: Node | null = null;
        if (this.isOp('[')) {
          this.i++;
          this.enter();
          index = this.list([']']);
          this.leave();
          this.expectOp(']');
        }
        const arg = this.atomArg();
        return index ? { t: 'fn', name: 'root', args: [arg, index] } : { t: 'fn', name: 'sqrt', args: [arg] };
      }
      case 'pi':
        return { t: 'sym', name: 'pi' };
      case 'infty':
      case 'infin':
        return { t: 'sym', name: 'infty' };
      case 'imath':
        return { t: 'sym', name: 'i' };
      case 'emptyset':
      case 'varnothing':
        return { t: 'seq', open: '\\{', close: '\\}', items: [] };
      case 'mathbb': {
        const arg = this.atomArg();
        if (arg.t === 'sym' && arg.name === 'R') return { t: 'sym', name: 'reals' };
        return { t: 'sym', name: `bb_${subName(arg)}` };
      }
      case 'lbrack':
        return this.bracketed('[');
      case 'lgroup':
        return this.bracketed('(');
      case 'exponentialE':
        return { t: 'sym', name: 'e' };
      case 'lbrace':
        return this.bracketed('\\{');
      case 'langle':
        return this.bracketed('langle');
      case 'lfloor':
        return this.delimited('floor', 'rfloor');
      case 'lceil':
        return this.delimited('ceil', 'rceil');
      case 'llcorner':
        return this.delimited('floor', 'lrcorner');
      case 'ulcorner':
        return this.delimited('ceil', 'urcorner');
      case 'lvert':
        return this.delimited('abs', 'rvert');
      case 'vert':
        return this.delimited('abs', 'vert');
      case 'lVert':
        return this.delimited('norm', 'rVert');
      case 'Vert':
        return this.delimited('norm', 'Vert');
      case 'ldots':
      case 'cdots':
      case 'dots':
        return { t: 'sym', name: '...' };
      case 'overline':
      case 'bar':
      case 'hat':
      case 'vec':
      case 'tilde':
      case 'dot':
      case 'ddot':
      case 'widehat':
      case 'widetilde':
      case 'overrightarrow':
        // \overline and \bar are one accent (latex2sympy2 prints both as bar)
        return { t: 'sym', name: `${name === 'overline' ? 'bar' : name}(${subName(this.atomArg())})` };
      case 'variable':
        return { t: 'sym', name: subName(this.atomArg()) };
      case 'exp':
        return this.func('exp');
      case 'pmod': {
        const m = this.atomArg();
        return { t: 'fn', name: 'pmod', args: [m] };
      }
      case 'sum':
      case 'prod':
        return this.bigOperator(name);
      case 'int':
      case 'lim':
      case 'partial':
        throw new ParseError(`\\${name} is not supported`);
      case 'log':
        // `\log x` without a base is log base 10 (latex2sympy2_extended, AMC usage); plain `log(x)` is ln
        return this.func('log10');
      default:
        if (name in FUNCS) return this.func(FUNCS[name]);
        if (GREEK.has(name)) return { t: 'sym', name };
        if (NOT_FACTOR.has(name) || name in REL_CMDS) throw new ParseError(`unexpected \\${name}`);
        return { t: 'sym', name: `\\${name}` };
    }
  }

  /**
   * `\sum_{k=1}^{n} body` / `\prod…` (limits in either order): `fn sum(body, k, lo, hi)`. The body
   * runs over juxtaposed factors (`\sum_k a_k b_k`), not past `+`/`-`. The index is bound.
   */
  private bigOperator(name: 'sum' | 'prod'): Node {
    let lower: Node | null = null;
    let upper: Node | null = null;
    for (let k = 0; k < 2; k++) {
      if (this.isOp('_') && lower === null) {
        this.i++;
        lower = this.atomArg();
      } else if (this.isOp('^') && upper === null) {
        this.i++;
        upper = this.exponent();
      }
    }
    if (
      !lower ||
      !upper ||
      lower.t !== 'rel' ||
      lower.ops.length !== 1 ||
      lower.ops[0] !== '=' ||
      lower.args[0].t !== 'sym'
    )
      throw new ParseError(`\\${name} needs _{k=a}^{b}`);
    this.enter();
    const body = this.term();
    this.leave();
    return { t: 'fn', name, args: [body, lower.args[0], lower.args[1], upper] };
  }

  /** `\lfloor x \rfloor`-style delimiters around one expression. */
  private delimited(fn: string, close: string): Node {
    this.enter();
    const inner = this.withStops([close], () => this.list([close]));
    this.leave();
    if (!this.isCmd(close)) throw new ParseError(`expected \\${close}`);
    this.i++;
    return { t: 'fn', name: fn, args: [inner] };
  }

  private withStops<T>(stops: string[], f: () => T): T {
    const saved = this.stops;
    this.stops = stops;
    try {
      return f();
    } finally {
      this.stops = saved;
    }
  }

  /** What follows an opening bracket token `open` (already consumed). */
  private bracketed(open: string): Node {
    if (open === '|') {
      this.absDepth++;
      this.enter();
      const inner = this.withStops(['|'], () => this.sum());
      this.leave();
      this.absDepth--;
      this.expectOp('|');
      return { t: 'fn', name: 'abs', args: [inner] };
    }
    if (open === '\\|') {
      const inner = this.withStops(['\\|'], () => this.sum());
      this.expectOp('\\|');
      return { t: 'fn', name: 'norm', args: [inner] };
    }
    if (!(open in CLOSERS)) throw new ParseError(`unexpected ${open}`);
    this.enter();
    const savedAbs = this.absDepth;
    this.absDepth = 0;
    const items: Node[] = [];
    let commas = 0;
    const ends =
      open === '(' || open === '['
        ? [')', ']', 'rbrack', 'rgroup']
        : open === 'langle'
          ? ['rangle']
          : open === '\\{'
            ? ['\\}', 'rbrace']
            : [CLOSERS[open]];
    let close = '';
    let chooseAt = -1;
    this.withStops([], () => {
      for (;;) {
        const t = this.peek();
        if (t.k === 'eof') throw new ParseError(`unclosed ${open}`);
        if ((t.k === 'op' || t.k === 'cmd') && ends.includes(t.s)) {
          close = t.s;
          this.i++;
          break;
        }
        if (this.isOp(',') || this.isOp(';')) {
          commas++;
          this.i++;
          continue;
        }
        if (open === '{' && this.isCmd('choose') && items.length === 1) {
          this.i++;
          chooseAt = 1;
          continue;
        }
        items.push(this.relation());
      }
    });
    this.absDepth = savedAbs;
    this.leave();
    if (open === '{' && chooseAt >= 0) {
      return { t: 'fn', name: 'binom', args: [items[chooseAt - 1], items[chooseAt]] };
    }
    if (open === '{') {
      // a TeX group; with commas inside it is a set as written in prose (`{1,3}`)
      if (commas === 0 && items.length === 1) return items[0];
      if (items.length === 0) throw new ParseError('empty group');
      return { t: 'seq', open: '\\{', close: '\\}', items };
    }
    if (open === '\\{') return { t: 'seq', open: '\\{', close: '\\}', items };
    if (open === 'langle') return { t: 'seq', open: '(', close: ')', items };
    if (items.length === 0) throw new ParseError('empty brackets');
    if (commas === 0 && items.length === 1) {
      if (open === '(' && (close === ')' || close === 'rgroup')) return items[0];
      if (open === '[' && (close === ']' || close === 'rbrack')) return items[0];
      throw new ParseError('mismatched brackets');
    }
    if (commas === 0) throw new ParseError('juxtaposed items in brackets');
    return { t: 'seq', open, close, items };
  }

  /** `\begin{pmatrix} a & b \\ c & d \end{pmatrix}` and friends; other environments: their content. */
  private environment(env: string): Node {
    if (env === 'array' && this.isOp('{')) {
      // column spec `{cc|c}`
      let depth = 0;
      do {
        const t = this.next();
        if (t.k === 'eof') throw new ParseError('unclosed array spec');
        if (t.k === 'op' && t.s === '{') depth++;
        if (t.k === 'op' && t.s === '}') depth--;
      } while (depth > 0);
    }
    const rows: Node[][] = [[]];
    this.enter();
    this.withStops(['&', '\\\\'], () => {
      for (;;) {
        const t = this.peek();
        if (t.k === 'eof') throw new ParseError(`unclosed ${env}`);
        if (t.k === 'end') {
          this.i++;
          break;
        }
        if (t.k === 'op' && t.s === '&') {
          this.i++;
          if (rows[rows.length - 1].length === 0) rows[rows.length - 1].push(int(0)); // `& x` never happens in answers
          continue;
        }
        if (t.k === 'op' && t.s === '\\\\') {
          this.i++;
          rows.push([]);
          continue;
        }
        if (this.isCmd('hline')) {
          this.i++;
          continue;
        }
        rows[rows.length - 1].push(this.relation());
      }
    });
    this.leave();
    while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
    if (rows.length === 0) throw new ParseError(`empty ${env}`);
    if (/matrix$|^array$/.test(env)) {
      const node: Node = { t: 'matrix', rows };
      return env === 'vmatrix' ? { t: 'fn', name: 'det', args: [node] } : node;
    }
    // cases/align/gathered: the rows are the parts of the answer
    const parts = rows.map((r) => (r.length === 1 ? r[0] : ({ t: 'list', items: r } as Node)));
    return parts.length === 1 ? parts[0] : { t: 'list', items: parts };
  }
}

/** Functions that take several arguments. */
const MULTI_ARG = new Set(['gcd', 'lcm', 'max', 'min', 'log', 'mod', 'binom']);

/** Commands that never start a factor (operators, closers, separators). */
const NOT_FACTOR = new Set([
  'cdot', 'times', 'div', 'pm', 'mp', 'cup', 'cap', 'setminus', 'rfloor', 'rceil', 'lrcorner',
  'urcorner', 'rvert', 'rVert', 'rangle', 'rbrack', 'rbrace', 'mod', 'bmod', 'to', 'rightarrow',
  'Rightarrow', 'implies', 'land', 'lor', 'wedge', 'vee', 'vert', 'Vert', 'prime', 'percent',
  'rgroup', 'choose', 'not',
]); // biome-ignore format: a word list (`not`: a negation, never a symbol: `\not< 4` is not 4)

/** A subscript as part of a symbol name: `x_1`, `x_{ij}`, `a_{n+1}`. */
function subName(n: Node): string {
  if (n.t === 'sym') return n.name;
  if (n.t === 'num') return n.d === '1' ? n.n : `${n.n}/${n.d}`;
  if (n.t === 'mul' && n.args.every((a) => a.t === 'sym' || a.t === 'num'))
    return n.args.map(subName).join('');
  return JSON.stringify(n).replace(/"/g, '');
}
