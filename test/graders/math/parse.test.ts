/**
 * The parser (graders/math/parse.ts): a table per construct, hostile inputs, and the share of
 * latex2sympy2_extended's own test inputs (shared/data/math/cases/latex_parse_cases.jsonl) that we
 * read to the same value.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { show } from '../../../graders/math/ast.ts';
import { same } from '../../../graders/math/compare.ts';
import { approx, exact, ratToNumber } from '../../../graders/math/evaluate.ts';
import { MAX_CHARS, ParseError, parse } from '../../../graders/math/parse.ts';

const value = (s: string): number => {
  const node = parse(s);
  const e = exact(node);
  return e ? ratToNumber(e) : approx(node, new Map());
};

describe('LaTeX and plain text read to one tree', () => {
  it.each([
    ['\\frac{1}{2}', '1/2'],
    ['\\frac12', '1/2'],
    ['\\dfrac{\\pi}{2}', 'pi/2'],
    ['\\sqrt{3}/2', 'sqrt(3)/2'],
    ['2x^2', '2*x^2'],
    ['2 \\cdot x^{2}', '2*x**2'],
    ['3 \\times 4', '3*4'],
    ['\\sin^2 x', '(sin(x))^2'],
    ['\\sqrt[3]{x}', 'x^(1/3)'],
    ['\\left( x+1 \\right)^2', '(x+1)^2'],
    ['\\infty', 'oo'],
    ['-\\infty', '-infinity'],
    ['\\sqrt2', 'sqrt(2)'],
    ['x_{1}', 'x_1'],
  ])('%s  ≡  %s', (latex, plain) => {
    expect(same(parse(latex), parse(plain))).toBe(true);
  });
});

describe('values', () => {
  it.each<[string, number]>([
    ['1 \\frac{1}{2} + 3', 4.5],
    ['\\binom{16}{2}', 120],
    ['{16 \\choose 2}', 120],
    ['\\log_2 8', 3],
    ['\\log 100', 2], // \log without a base is base 10 (latex2sympy2_extended)
    ['\\ln e^2', 2],
    ['\\lfloor 3.7 \\rfloor', 3],
    ['\\lceil 3.2 \\rceil', 4],
    ['|{-3}|', 3],
    ['\\gcd(12, 18)', 6],
    ['\\max(2, 9, 4)', 9],
    ['-1 \\mod 2', 1],
    ['2^3^2', 512],
    ['2^{-1}', 0.5],
    ['21E-12', 21e-12],
    ['\\sin\\frac{\\pi}{2}', 1],
    ['e^{0}', 1],
    ['5!', 120],
  ])('%s = %d', (s, v) => {
    expect(value(s)).toBeCloseTo(v, 12);
  });
});

describe('structure', () => {
  it.each([
    ['(1, 2]', '(1,2]'],
    ['[0, 1)', '[0,1)'],
    ['\\{1, 2\\}', '\\{1,2\\}'],
    ['1, 2; 3', '1; 2; 3'],
    ['x \\le 3', 'x <= 3'],
    ['a \\neq b', 'a != b'],
    ['x \\in [0, 1]', 'x in [0,1]'],
    ['\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}', '[1 & 2 \\\\ 3 & 4]'],
    ['1 \\pm \\sqrt{2}', '1±sqrt(2)'],
    ['\\text{(B)}', 'B'],
    ['\\text{Evelyn}', '"evelyn"'],
    ['25\\%', '25%'],
  ])('%s  →  %s', (latex, shown) => {
    const s = show(parse(latex));
    expect(s.replace(/\s+/g, '')).toBe(shown.replace(/\s+/g, ''));
  });
});

describe('what is not math is a ParseError, fast', () => {
  it.each([
    '(',
    '\\frac{}{2}',
    '\\sqrt',
    '{',
    '\\lfloor x',
    '()',
    '\\sin^x',
    '@',
    '{'.repeat(10_000),
    `${'{'.repeat(10_000)}1${'}'.repeat(10_000)}`,
    `${'('.repeat(5_000)}1${')'.repeat(5_000)}`,
    'x'.repeat(MAX_CHARS + 1),
  ])('%#', (s) => {
    const t0 = performance.now();
    expect(() => parse(s)).toThrow(ParseError);
    expect(performance.now() - t0).toBeLessThan(1_000); // generous: bail out by design, not by deadline
  });
  it('parses a tower without evaluating it', () => {
    expect(show(parse('5^{5^{5^{5^{5}}}}'))).toBe('5^5^5^5^5');
    expect(exact(parse('5^{5^{5^{5^{5}}}}'))).toBeNull();
    expect(exact(parse('1000000!'))).toBeNull();
  });
});

interface ParseRow {
  id: string;
  kind: string;
  latex: string;
  category: string;
  expected_sympy?: string;
  expected_numeric?: string;
}

const rows = readFileSync('/work/shared/data/math/cases/latex_parse_cases.jsonl', 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as ParseRow);

const GREEK =
  'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi rho sigma tau phi chi psi omega';

/** sympy's printed form as plain text our parser reads (`theta` → `\theta`, `log(x, 10)` → `\log(x)`). */
function fromSympy(s: string): string {
  for (const g of GREEK.split(' '))
    s = s.replace(new RegExp(`(?<![\\\\A-Za-z])${g}(?![A-Za-z])`, 'g'), `\\${g} `);
  return s
    .replace(/\bbar\{/g, '\\bar{')
    .replace(/\blog\(([^,()]*(?:\([^()]*\))?[^,()]*), 10\)/g, '\\log($1)')
    .replace(/\blog\(([^,()]*(?:\([^()]*\))?[^,()]*), E\)/g, 'ln($1)')
    .replace(/\bE\b/g, 'e')
    .replace(/\bceiling\b/g, 'ceil');
}

/**
 * latex2sympy2 results we do not compare here: calculus, sympy's gcd/lcm of symbols, the complex
 * unit, and sympy's printed set/matrix objects (covered by compare.test.ts in our own notation).
 */
const UNMODELLED =
  /Integral|Derivative|Limit|Sum\(|Product\(|Matrix|\bI\b|\bNe\(|gcd|lcm|Mod\(|Union|Intersection|Complement|Interval|Complexes|Naturals|EmptySet|None|~/;

describe('latex2sympy2_extended test inputs (latex_parse_cases.jsonl)', () => {
  it('reads ≥ 84% of the numeric rows to the same value', () => {
    const numeric = rows.filter((r) => r.kind === 'parse' && r.expected_numeric != null);
    let ok = 0;
    for (const r of numeric) {
      try {
        const want = Number(r.expected_numeric);
        if (Math.abs(value(r.latex) - want) <= 1e-6 * Math.max(1, Math.abs(want))) ok++;
      } catch {}
    }
    expect(numeric.length).toBe(512);
    expect(ok / numeric.length).toBeGreaterThanOrEqual(0.84);
  });
  it('reads ≥ 90% of the symbolic rows to an equal expression', () => {
    const symbolic = rows.filter(
      (r) =>
        r.kind === 'parse' &&
        r.expected_numeric == null &&
        !UNMODELLED.test(r.expected_sympy ?? '') &&
        !/gcd|lcm/.test(r.latex),
    );
    let ok = 0;
    for (const r of symbolic) {
      try {
        if (same(parse(fromSympy(r.expected_sympy!)), parse(r.latex))) ok++;
      } catch {}
    }
    expect(ok / symbolic.length).toBeGreaterThanOrEqual(0.9);
  });
  it('rejects ≥ 85% of the inputs latex2sympy2 rejects', () => {
    const bad = rows.filter((r) => r.kind === 'parse_error');
    let rejected = 0;
    for (const r of bad) {
      try {
        parse(r.latex);
      } catch (e) {
        if (e instanceof ParseError) rejected++;
      }
    }
    expect(bad.length).toBe(37);
    expect(rejected / bad.length).toBeGreaterThanOrEqual(0.85);
  });
});

describe('reference answers of the evaluation sets in shared/data all parse', () => {
  it.each([
    ['y^{\\prime}+r y-r x(t)=0', "y'"],
    ['m_{\\max }=n^{2}-n-1', 'm_\\max'],
    ['MR=SRMC', 'SRMC'], // OCW economics answers: capitals are names
  ])('%s', (s, part) => {
    expect(show(parse(s))).toContain(part);
  });
});
