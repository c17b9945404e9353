/**
 * Stage 2 of the math grader: turn a raw extracted answer into canonical text the parser accepts.
 *
 * Pure string rewriting; every rule is a linear regex (no nested quantifiers) or a single pass, so
 * the cost is O(n) per rule on any input. Rules follow the answer normalisations of
 * hendrycks/math `is_equiv` (`_strip_string`), Qwen2.5-Math `strip_string`, Minerva's
 * `normalize_final_answer` (lm-eval `minerva_math`) and Math-Verify's `NormalizationConfig`
 * (`basic_latex`, `units`, `malformed_operators`, `nits`, `boxed`), re-implemented here; cases
 * from shared/data (MATH-500 answers, GSM8K, Qwen2.5-Math completions) are in the tests.
 *
 * OUTPUT CONTRACT of {@link normalizeAnswer} (what `parse.ts` may rely on):
 * - no math delimiters (`$`, `$$`, `\(`, `\)`, `\[`, `\]`) and no `\boxed{}`/`\fbox{}` wrapper;
 * - `\frac` only (`\dfrac`, `\tfrac`, `\cfrac` rewritten), `\binom` only (`\dbinom`, `\tbinom`);
 *   `\frac12` → `\frac{1}{2}`, `\sqrt2` → `\sqrt{2}`; integer mixed numbers `2\frac{1}{2}` →
 *   `\frac{5}{2}` (MATH convention);
 * - no `\left`/`\right`/`\big…`, no `\displaystyle`, no spacing (`\!`, `\,`, `\;`, `\:`, `\ `,
 *   `~`, `\quad`, `\qquad`); runs of whitespace are one space; no leading/trailing space;
 * - no `\text{}`, `\textbf{}`, `\mbox{}`, `\mathrm{}`, `\textrm{}`, `\textit{}`: unit words after a
 *   value are dropped (`5.4 \text{ cents}` → `5.4`, `10\text{ cm}^2` → `10`), other text is
 *   unwrapped to plain words (`\text{Devon}` → `Devon`);
 * - thousands separators removed (`1,000`, `1{,}000`, `1,\!000`, `1\!000`, `1\,000` → `1000`),
 *   but only between a digit and exactly three digits, and for plain commas only when the whole
 *   answer is one such number (`1,2` and `4, 10, -2` stay tuples/lists);
 * - no currency (`\$`, `$`, `€`, `£`, `¥`, `dollars`, `USD`), percent (`\%`, `%`, `percent`) or
 *   degree marks (`^\circ`, `^{\circ}`, `°`, `\degree`, `degrees`) unless the options keep them;
 * - a leading `x =` / `f(x) =` / `x \in` (short identifier on the left, one `=`) is removed, also
 *   per part in `x = 1, y = 2` → `1, 2`;
 * - no trailing `.`, `,`, `;`, `!`; `.5` → `0.5`;
 * - a choice letter `(B)`, `B)`, `\text{(B)}`, `\textbf{(B)}`, `(C) 12`, `E: option text` → the
 *   letter (see choiceParts);
 * - `a and b` / `a \text{ and } b` → `a, b`; `or` is kept as ` or ` (a hedge; see extract.ts);
 * - Unicode math (`−`, `×`, `·`, `÷`, `π`, `∞`, `√`, `≤`, `≥`, `≠`) → LaTeX; `oo`/`infinity` →
 *   `\infty`.
 * Anything else is passed through unchanged (plain text like `sqrt(3)/2` or `pi/2` included).
 * The empty string means nothing answer-like remained.
 */
import { matchBrace } from './braces.ts';

/** Options of {@link normalizeAnswer}. All optional; defaults in {@link NORMALIZE_DEFAULTS}. */
export interface NormalizeOptions {
  /** Drop unit words after a value (`5 cm`, `\text{ dollars}`). Default true. */
  units?: boolean;
  /** Drop `%` / `\%` / `percent` (`25\%` → `25`, the hendrycks/Qwen convention). Default true. */
  percent?: boolean;
  /** Drop degree marks (`90^\circ` → `90`). Default true. */
  degrees?: boolean;
  /** Drop a leading `x =` / `x \in` with a short identifier on the left. Default true. */
  stripLhs?: boolean;
  /** Rewrite integer mixed numbers `2\frac{1}{2}` as `\frac{5}{2}`. Default true. */
  mixedNumbers?: boolean;
  /** Read `0,111` / `1000,99` (whole answer) as a decimal comma. Default true; off, it stays a list. */
  decimalComma?: boolean;
}

export const NORMALIZE_DEFAULTS = Object.freeze({
  units: true,
  percent: true,
  degrees: true,
  stripLhs: true,
  mixedNumbers: true,
  decimalComma: true,
} satisfies Required<NormalizeOptions>);

/** Longest input normalised; longer answers are not answers (and would only cost time). */
export const NORMALIZE_MAX_CHARS = 10_000;

const UNICODE: readonly [RegExp, string][] = [
  [/[\u2212\u2012\u2013\u2014\uFE63\uFF0D]/g, '-'],
  [/\u00D7/g, '\\times '],
  [/[\u00B7\u22C5]/g, '\\cdot '],
  [/\u00F7/g, '\\div '],
  [/\u03C0/g, '\\pi '],
  [/\u221E/g, '\\infty '],
  [/\u221A/g, '\\sqrt'],
  [/\u2264/g, '\\le '],
  [/\u2265/g, '\\ge '],
  [/\u2260/g, '\\ne '],
  [/\u2248/g, '\\approx '],
  [/[\u00A0\u2009\u202F\u3000]/g, ' '],
  [/\uFF0C/g, ','],
  [/\u00B2/g, '^{2}'],
  [/\u00B3/g, '^{3}'],
  [/\u00BD/g, '\\frac{1}{2}'],
  [/\u00BC/g, '\\frac{1}{4}'],
  [/\u00BE/g, '\\frac{3}{4}'],
  [/\u2153/g, '\\frac{1}{3}'],
  [/\u2154/g, '\\frac{2}{3}'],
  [/\uFF08/g, '('],
  [/\uFF09/g, ')'],
];

/** Text-like wrappers whose argument is prose or a unit. */
const TEXT_CMDS =
  'text|textbf|textit|textrm|textnormal|textup|mbox|mathrm|mathit|mathbf|mathsf|mathtt|boldsymbol|bm|operatorname\\*?';

/** Words that are mathematics, never units. */
const MATH_WORDS = new Set([
  'pi',
  'sqrt',
  'inf',
  'infty',
  'infinity',
  'oo',
  'sin',
  'cos',
  'tan',
  'cot',
  'sec',
  'csc',
  'log',
  'ln',
  'exp',
  'arcsin',
  'arccos',
  'arctan',
  'and',
  'or',
  'i',
  'e',
  'none',
  'undefined',
  'true',
  'false',
  'yes',
  'no',
]);

/**
 * Normalise one extracted answer (see the output contract above).
 *
 * @param raw extracted answer text (LaTeX or plain), e.g. `\dfrac{1}{2}`, `\$1,000`, `x = 5.`
 * @param opts {@link NormalizeOptions}
 * @returns canonical text, e.g. `\frac{1}{2}`, `1000`, `5`; `''` for an empty answer.
 */
export function normalizeAnswer(raw: string, opts: NormalizeOptions = {}): string {
  if (typeof raw !== 'string') return '';
  const o = { ...NORMALIZE_DEFAULTS, ...opts };
  let s = raw.length > NORMALIZE_MAX_CHARS ? raw.slice(0, NORMALIZE_MAX_CHARS) : raw;
  for (const [re, to] of UNICODE) s = s.replace(re, to);
  s = s.replace(/\r?\n/g, ' ').trim();
  // over-escaped commands from JSON/Python strings: \\dfrac → \dfrac, \\le → \le (a real `\\` row
  // break is followed by a blank, a digit, a sign or one letter, not by a command-length name)
  s = s.replace(/(?<!\\)\\\\(?=[A-Za-z]{2,})/g, '\\');
  s = s.replace(/^\*\*(?=\S)(.*\S)\*\*$/, '$1'); // markdown bold around the whole answer
  // quotes around the whole answer, escaped or not: `\"$12 $ and $13 $\"`, `“12”`, `'12'`, `` `12` ``
  s = s.replace(/^\\?(["“`'])(.*?)\\?(["”`'])$/, (m, a: string, body: string, b: string) =>
    (a === '"' && b === '"') ||
    (a === '“' && b === '”') ||
    (a === '`' && b === '`') ||
    (a === "'" && b === "'")
      ? body.trim()
      : m,
  );
  s = unwrapOuter(s);
  s = s.replace(/(?<=[\w)}\]])\s*\*\*\s*(?=[\w({\\-])/g, '^'); // Python/sympy power: 2**3

  // layout-only commands
  s = s.replace(/\\displaystyle|\\textstyle|\\scriptstyle/g, '');
  s = s.replace(
    /\\(?:left|right|bigl|bigr|Bigl|Bigr|biggl|biggr|Biggl|Biggr|big|Big|bigg|Bigg)\s*(\\[{}|]|\\[lr](?:angle|vert|Vert|brace|floor|ceil)|[()[\]|.])/g,
    (_m, d: string) => (d === '.' ? '' : d),
  );
  s = s.replace(/\\[dtc]frac(?![A-Za-z])/g, '\\frac').replace(/\\[dt]binom(?![A-Za-z])/g, '\\binom');
  s = s.replace(/\\lbrace(?![A-Za-z])/g, '\\{').replace(/\\rbrace(?![A-Za-z])/g, '\\}');
  // one spelling per relation and for the empty set
  s = s.replace(/\\(le|ge)(?:qslant)?(?![A-Za-z])/g, '\\$1q').replace(/\\ne(?![A-Za-z])/g, '\\neq');
  s = s.replace(/>=/g, '\\geq ').replace(/<=/g, '\\leq ').replace(/!=/g, '\\neq ');
  // a negated relation is not the relation (`\not= 4` is not 4): `\not=` is `\neq`, `\not\in` is
  // `\notin`; any other `\not` stays and makes the answer unreadable
  s = s.replace(/\\not\s*(?:=|\\eq(?![A-Za-z]))/g, '\\neq ').replace(/\\not\s*\\in(?![A-Za-z])/g, '\\notin ');
  s = s.replace(/\\gt(?![A-Za-z])/g, '>').replace(/\\lt(?![A-Za-z])/g, '<');
  s = s.replace(/\\varnothing(?![A-Za-z])/g, '\\emptyset');

  // thousands separators written with LaTeX spacing: 1{,}000  1,\!000  1\!000  1\,000
  s = s.replace(/(\d)(?:\{,\}|,\s*\\!|\\!|\\,|,\\,|\\ )\s*(?=\d{3}(?!\d))/g, '$1');

  // spacing
  s = s.replace(/\\(?:quad|qquad|enspace|thinspace|medspace|thickspace|hfill)(?![A-Za-z])/g, ' ');
  s = s.replace(/\\\\|\\!|\\[,;: ]/g, (m) => (m === '\\\\' ? m : m === '\\!' ? '' : ' ')).replace(/~/g, ' ');

  // hedges and conjunctions written as text
  s = s.replace(new RegExp(`\\\\(?:${TEXT_CMDS})\\s*\\{\\s*(and|or)\\s*\\}`, 'gi'), (_m, w: string) =>
    w.toLowerCase() === 'and' ? ', ' : ' or ',
  );

  if (o.degrees && /\\(?:sin|cos|tan|cot|sec|csc)(?![A-Za-z])/.test(s)) {
    // inside trigonometry a degree is a unit of angle, not decoration: \cos 58^\circ → \cos \frac{58\pi}{180}
    s = s.replace(
      /(\d+(?:\.\d+)?)\s*(?:\^\s*\{\s*\\circ\s*\}|\^\s*\\circ(?![A-Za-z])|°)/g,
      '\\frac{$1\\pi}{180}',
    );
  }
  if (o.degrees) {
    // the mark and a following Celsius/Fahrenheit letter: 3^{\circ}\text{C}, 212^\circ F
    s = s.replace(
      /(?:\^\s*\{\s*\\circ\s*\}|\^\s*\\circ(?![A-Za-z])|\\degree(?![A-Za-z])|°)(?:\s*(?:\\(?:text|mathrm)\s*\{\s*[CF]\s*\}|[CF](?![A-Za-z])))?/g,
      ' ',
    );
    s = s.replace(new RegExp(`\\\\(?:${TEXT_CMDS})\\s*\\{\\s*(?:degrees?|deg)\\s*\\}`, 'g'), ' ');
  }
  if (o.percent) {
    s = s.replace(/\\%|%/g, ' ');
    s = s.replace(new RegExp(`\\\\(?:${TEXT_CMDS})\\s*\\{\\s*percent\\s*\\}`, 'g'), ' ');
  }
  // currency
  s = s.replace(/\\\$|\$|€|£|¥|\\euro(?![A-Za-z])|\\pounds(?![A-Za-z])/g, ' ');

  // clock times: `9\text{ a.m.}` keeps its am/pm (never a unit to drop)
  s = s.replace(
    new RegExp(`\\\\(?:${TEXT_CMDS})\\s*\\{\\s*([ap])\\.?\\s*m\\.?\\s*\\}`, 'gi'),
    (_m, ap: string) => ` ${ap.toLowerCase()}m`,
  );
  s = rewriteText(s, o.units);
  s = s.replace(/\s+/g, ' ').trim();

  s = choiceLetter(s);
  // "approximately 18", "\approx 18", "about 18": the value (an exact question's answer written
  // with a hedge word is still that value; "nearly"/"almost" are not stripped: they mean less)
  s = s.replace(
    /^(?:approximately|approx\.?|about|around|roughly|exactly|only|\\approx|\\sim)\s*(?=[-+\d.\\(])/i,
    '',
  );
  // "18 (eighteen)", "18 (dollars)": a parenthetical of words after a value
  // (a space before it and 3+ letters: `\sec^2(y)` and `2(x)` are function arguments and products)
  s = s.replace(/([\d})])\s+\([A-Za-z][A-Za-z\s-]{2,}\)$/, '$1');
  if (o.percent) s = s.replace(/\s*\bpercent\b\s*$/i, '');
  if (o.degrees) s = s.replace(/\s*\b(?:degrees?|deg)\b\s*$/i, '');
  // `\frac{\sqrt{3}}{3} \approx 0.577`: the exact value before a trailing approximation (but
  // `x \approx 11` is the value 11: stripLhs below)
  const approx = s.lastIndexOf('\\approx');
  if (approx > 0 && /^\\approx\s*-?\d*\.?\d+\s*$/.test(s.slice(approx))) {
    const lhs = s.slice(0, approx).trim();
    // a plain number needs no approximation: `2 \approx 3` stays a relation (never the value 2)
    if (lhs !== '' && !new RegExp(`^${LHS}$`).test(lhs) && !/^-?\d*\.?\d+$/.test(lhs)) s = lhs;
  }
  s = s.replace(/\\begin\{bmatrix\}/g, '\\begin{pmatrix}').replace(/\\end\{bmatrix\}/g, '\\end{pmatrix}');
  // a trailing row break before \end{…}, and parentheses around a lone matrix
  s = s.replace(/\\\\\s*(?=\\end\{)/g, '');
  s = s.replace(/^\(\s*(\\begin\{pmatrix\}.*\\end\{pmatrix\})\s*\)$/, '$1');
  // scale words are numbers, not units: 5 million → 5\cdot 10^{6} (never dropped as a unit)
  s = s.replace(/(\d)\s*(thousand|million|billion|trillion)\b/gi, (_m, d: string, w: string) => {
    const exp = { thousand: 3, million: 6, billion: 9, trillion: 12 }[w.toLowerCase() as 'thousand'];
    return `${d}\\cdot 10^{${exp}}`;
  });
  // `W(x)=1orW(x)=-1`: an `or` glued between a value and the next part
  s = s.replace(/([\d)}])or(?=[A-Z(\\\d-]|[a-z]\()/g, '$1 or ');
  // plain `and` between parts
  s = s
    .replace(/\s+and\s+/gi, ', ')
    .replace(/\s+,/g, ',')
    .replace(/,(?:\s*,)+/g, ',');
  if (o.units) {
    // per part of a list: `35 cm, 4` → `35, 4`
    // (only parts that change are rewritten, so `58,500` keeps its form for the thousands rule)
    const parts = splitTopLevel(s);
    if (parts.length > 1) {
      const stripped = parts.map((p) => {
        const t = stripTrailingUnits(p.trim());
        return t === p.trim() ? p : p.slice(0, p.length - p.trimStart().length) + t;
      });
      s = stripped.join(',');
    } else s = stripTrailingUnits(s);
  }
  s = s.replace(/^(?:US\s*)?(?:USD|Rs\.?|INR)\s*/, '');
  if (o.units) s = s.replace(/\s*(?:USD|dollars?|cents?)$/i, '');

  // clock times keep am/pm (4:30 a.m. and 4:30 p.m. differ)
  s = s.replace(/(\d)\s*([ap])\.?\s*m\.?$/i, (_m, d: string, ap: string) => `${d} ${ap.toLowerCase()}m`);
  s = semicolons(s);
  if (o.stripLhs) s = stripLhs(s);

  s = braceArguments(s);

  if (o.mixedNumbers) {
    s = s.replace(
      /(^|[\s,(\-+=])(\d+)\s*\\frac\{(\d+)\}\{(\d+)\}/g,
      (m, pre: string, w: string, n: string, d: string) => {
        const whole = BigInt(w);
        const num = BigInt(n);
        const den = BigInt(d);
        if (den === 0n || num >= den) return m;
        return `${pre}\\frac{${whole * den + num}}{${den}}`;
      },
    );
  }

  // plain-text mixed number, whole answer only: `7 3/4` → \frac{31}{4} (PRM800K grade_answer)
  // (a sign, and a whole part with space-separated thousands, as Math-Verify: `+11 5/6`, `1 000 4/9`)
  const mixed = /^([-+]?)([1-9]\d{0,2}(?: \d{3})+|\d+) (\d+)\/(\d+)$/.exec(s);
  if (o.mixedNumbers && mixed && BigInt(mixed[3]) < BigInt(mixed[4])) {
    const den = BigInt(mixed[4]);
    const whole = BigInt(mixed[2].replace(/ /g, ''));
    s = `${mixed[1] === '-' ? '-' : ''}\\frac{${whole * den + BigInt(mixed[3])}}{${den}}`;
  }
  s = baseNumber(s);
  s = numberWord(s);
  // word answers compare case-blind (`Evelyn` = `evelyn`); single letters (choices, points) keep case
  if (/^[A-Za-z][A-Za-z '-]*$/.test(s) && /[A-Za-z]{3}/.test(s)) s = s.toLowerCase();
  // thin-space thousands written as plain spaces, whole answer only: `1 000 000`
  if (/^[-+]?[1-9]\d{0,2}(?: \d{3})+(?:\.\d+)?$/.test(s)) s = s.replace(/ /g, '');
  // plain-comma thousands: only when the whole answer is one such number
  const plain = /^([-+]?)([1-9]\d{0,2}(?:,\d{3})+)(\.\d+)?$/.exec(s);
  if (plain) s = plain[1] + plain[2].replace(/,/g, '') + (plain[3] ?? '');
  // decimal comma, whole answer only, when it cannot be a thousands group: `0,111`, `1000,99`
  // (`1,2` stays a pair; Math-Verify test_decimal_comma)
  const dec = /^([-+]?)(\d+),(\d+)$/.exec(s);
  if (o.decimalComma && dec && (dec[2] === '0' || dec[2].length > 3)) s = `${dec[1]}${dec[2]}.${dec[3]}`;

  s = s.replace(/(^|[^\w}.])\.(\d)/g, '$10.$2'); // `.5` → `0.5`, not inside `x.5` or `1..5`
  // two plain numbers side by side are two parts, never a product: `2 30` → `2, 30`, `11 6/6` →
  // `11, 6/6` (Math-Verify: such text gains no implicit operation)
  s = s.replace(/(^|[^\w.\\}^_{])(\d+(?:\.\d+)?) +(?=\d)/g, '$1$2, ');
  s = s.replace(/^(?:infinity|oo)$/i, '\\infty').replace(/^-\s*(?:infinity|oo)$/i, '-\\infty');
  s = stripTrailing(s);
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * Malformed operators (Math-Verify `malformed_operators`): give `\frac` and `\sqrt` braced
 * arguments with TeX's own rule, one token per argument: `\frac12` → `\frac{1}{2}`,
 * `\fracabc` → `\frac{a}{b}c`, `\frac\pi2` → `\frac{\pi}{2}`, `\sqrt2` → `\sqrt{2}`, `\sqrtab` →
 * `\sqrt{a}b` (so `\sqrt12` is √1·2, as TeX renders it). One pass; brace groups are copied as is.
 */
function braceArguments(s: string, depth = 0): string {
  let out = '';
  let k = 0;
  while (k < s.length) {
    const m = /\\(frac|sqrt)/y;
    m.lastIndex = k;
    const hit = s[k] === '\\' ? m.exec(s) : null;
    if (!hit) {
      out += s[k];
      if (s[k] === '\\' && k + 1 < s.length) out += s[++k];
      k++;
      continue;
    }
    // no standard command starts with frac/sqrt, so `\fracab` is \frac with arguments a, b
    k += hit[0].length;
    out += hit[0];
    if (hit[1] === 'sqrt' && s[k] === '[') {
      const close = s.indexOf(']', k);
      if (close < 0) continue;
      out += s.slice(k, close + 1);
      k = close + 1;
    }
    const nargs = hit[1] === 'frac' ? 2 : 1;
    for (let a = 0; a < nargs; a++) {
      while (s[k] === ' ') k++;
      if (k >= s.length) break;
      if (s[k] === '{') {
        const close = matchBrace(s, k);
        if (close < 0) break;
        const inner = s.slice(k + 1, close);
        // nested operators (`\frac{\sqrt6}3`); past depth 50 the group is copied as is
        out += `{${depth < 50 ? braceArguments(inner, depth + 1) : inner}}`;
        k = close + 1;
      } else if (s[k] === '\\') {
        const cmd = /\\[A-Za-z]+|\\./y;
        cmd.lastIndex = k;
        const c = cmd.exec(s);
        if (!c) break;
        out += `{${c[0]}}`;
        k += c[0].length;
      } else if (/[0-9A-Za-z]/.test(s[k])) {
        out += `{${s[k]}}`;
        k++;
      } else break;
    }
  }
  return out;
}

const UNITS_WORDS = (
  'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen ' +
  'sixteen seventeen eighteen nineteen'
).split(' ');
const TENS_WORDS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/**
 * A whole answer written as an English number word below 100: `five` → `5`, `Twenty-five` → `25`,
 * `negative three` → `-3` (GSM8K-style completions end "The answer is five.").
 */
function numberWord(s: string): string {
  const m = /^(negative |minus )?([a-z]+)(?:[- ]([a-z]+))?$/i.exec(s.trim());
  if (!m) return s;
  const a = m[2].toLowerCase();
  const b = m[3]?.toLowerCase();
  let n = -1;
  if (b === undefined) {
    n = UNITS_WORDS.indexOf(a);
    if (n < 0 && TENS_WORDS.indexOf(a) >= 2) n = TENS_WORDS.indexOf(a) * 10;
  } else if (TENS_WORDS.indexOf(a) >= 2) {
    const u = UNITS_WORDS.indexOf(b);
    if (u >= 1 && u <= 9) n = TENS_WORDS.indexOf(a) * 10 + u;
  }
  if (n < 0) return s;
  return `${m[1] ? '-' : ''}${n}`;
}

/**
 * A number written in another base, whole answer only: `52_8`, `4210_{5}`, `2516_{(8)}`, `101_{10}`
 * → one canonical spelling `4210_{5}`, which the parser reads as a numeral in a base (an atom). The base
 * is kept: `204_5` and `204_6` are different numbers (red-team finding; Math-Verify row mv-0174
 * reads only the digits). compare.ts lets a bare `52` match `52_8` (the base the question asked
 * for). The digits must be valid in the base (2–36), so `x_1`, `a_{10}` or `9_8` are untouched;
 * numerals with letter digits (`1A_{16}`) stay as written.
 */
function baseNumber(s: string): string {
  const m = /^([0-9A-Z]+)_(?:(\d)|\{\(?(\d{1,2})\)?\})$/.exec(s);
  if (!m || !/^\d+$/.test(m[1])) return s;
  const base = Number(m[2] ?? m[3]);
  if (base < 2 || base > 36) return s;
  for (const c of m[1]) if (Number.parseInt(c, 36) >= base) return s;
  return `${m[1]}_{${base}}`;
}

/** Remove wrappers around the whole answer: `$…$`, `\(…\)`, `\[…\]`, `\boxed{…}`, `{…}`. */
function unwrapOuter(s: string): string {
  for (let guard = 0; guard < 8; guard++) {
    const t = /\.\.$/.test(s.trim()) ? s.trim() : s.trim().replace(/[.,;]+$/, ''); // keep an ellipsis
    let next: string | null = null;
    if (t.startsWith('$$') && t.endsWith('$$') && t.length >= 4) next = t.slice(2, -2);
    else if (t.startsWith('$') && t.endsWith('$') && t.length >= 2) next = t.slice(1, -1);
    else if ((t.startsWith('\\(') && t.endsWith('\\)')) || (t.startsWith('\\[') && t.endsWith('\\]')))
      next = t.slice(2, -2);
    else {
      const m = /^\\(?:boxed|fbox)\s*\{/.exec(t);
      if (m && matchBrace(t, m[0].length - 1) === t.length - 1) next = t.slice(m[0].length, -1);
      else if (t.startsWith('{') && matchBrace(t, 0) === t.length - 1) next = t.slice(1, -1);
    }
    if (next === null) return t;
    s = next;
  }
  return s.trim();
}

/**
 * `\text{…}` and friends: a unit after a value is dropped (with a following `^2`), anything else is
 * unwrapped. Single letters in `\mathrm{}`/`\mathbf{}` are symbols (`\mathrm{i}`), never units.
 */
function rewriteText(s: string, units: boolean): string {
  const re = new RegExp(`\\\\(${TEXT_CMDS})\\s*\\{([^{}]*)\\}(\\s*\\^\\s*(?:\\{\\s*\\d\\s*\\}|\\d))?`, 'g');
  for (let guard = 0; guard < 4 && re.test(s); guard++) {
    re.lastIndex = 0;
    s = s.replace(re, (_m, cmd: string, body: string, pow: string | undefined, at: number, all: string) => {
      const inner = body.trim();
      const before = all.slice(0, at).trim();
      // one letter is a unit only in text mode (`3\text{ m}`) or set off by a space (`\mathrm{~s}`);
      // `2\mathrm{i}` is the imaginary unit
      const letterUnit =
        /^[A-Za-z]$/.test(inner) &&
        (/^(?:text|mbox|textrm|textnormal|textup)$/.test(cmd) || /^\s/.test(body));
      const isUnit =
        units &&
        before !== '' &&
        /[\d})\]a-zA-Z]$/.test(before) &&
        (/^[A-Za-z][A-Za-z ./]*[A-Za-z.]$/.test(inner) || letterUnit) &&
        !/\b(?:and|or)\b/i.test(inner) && // `2 \text{ hours and } 30`: a conjunction, not a unit
        !MATH_WORDS.has(inner.toLowerCase()) &&
        !/^\(?[A-J]\)?$/.test(inner);
      // a unit between two values separates them: `3 \text{ feet } 4 \text{ inches}` → `3, 4`, never
      // the juxtaposition `3 4` a parser would read as 12
      if (isUnit) return /^\s*[-\d.]/.test(all.slice(at + _m.length)) ? ', ' : ' ';
      // a space only where the unwrapped word would otherwise run into a neighbouring letter
      const end = at + _m.length;
      const left = /[A-Za-z]$/.test(all.slice(0, at)) && /^[A-Za-z]/.test(inner) ? ' ' : '';
      const right = /^[A-Za-z]/.test(all.slice(end, end + 1)) && /[A-Za-z]$/.test(inner) ? ' ' : '';
      return `${left}${inner}${pow ?? ''}${right}`;
    });
  }
  return s;
}

/** `(B)`, `B)`, `(B) 12` → the letter. */
function choiceLetter(s: string): string {
  const lone = /^\(?\s*([A-J])\s*\)$|^\(\s*([A-J])\s*\)?$/.exec(s);
  if (lone) return lone[1] ?? lone[2];
  const lower = /^\(\s*([a-j])\s*\)$/.exec(s); // `\text{(b)}`: a lower-case choice label
  if (lower) return lower[1];
  // `\textbf{(C)}\ 12`: the letter. MATH gives letter references for its multiple-choice problems
  // (38 of the 5,000 test answers); a grader holding a numeric reference can use choiceParts()
  const withValue = /^\(([A-J])\)\s*(\S.*)$/.exec(s);
  if (withValue) return withValue[1];
  // `E: A polygenic risk score…`, `E) …`, `E. …`: a letter labelling its option text (NeMo-Gym
  // #1844). Only when the rest has a word (3+ letters), so `A: (1, 2)` stays a point
  const labelled = /^([A-J])\s*[:.)]\s+(\S.*)$/.exec(s);
  if (labelled && /[A-Za-z]{3,}/.test(labelled[2])) return labelled[1];
  return s;
}

/**
 * The letter and the value of a choice answer written with both (`\textbf{(C)}\ 12` →
 * `{letter: 'C', value: '12'}`), for a grader whose reference is the value rather than the letter
 * ({@link normalizeAnswer} keeps the letter). Null for anything else.
 */
export function choiceParts(raw: string): { letter: string; value: string } | null {
  const s = normalizeAnswer(raw, { stripLhs: false });
  if (!/^[A-J]$/.test(s)) return null;
  const t = raw
    .replace(/\\(?:text|textbf|mathbf|mathrm)\s*\{\s*(\([A-J]\))\s*\}/, '$1')
    .replace(/\\[ ,;!]|~/g, ' ');
  const m = /\(([A-J])\)\s*(.+)$/.exec(t.replace(/^\$+|\$+$/g, '').trim());
  if (!m || m[1] !== s) return null;
  const value = normalizeAnswer(m[2]);
  return value === '' ? null : { letter: s, value };
}

/**
 * Unit words that may be glued to a value (`1cm`, `\frac{1}{2}cm`; latex2sympy2_extended
 * `test_units_normalization`) or be only two letters long. One-letter units (`3s`, `5m`) are not
 * stripped: `2m` is as likely the expression 2·m, and stripping it on both sides would equate
 * `2m` with `2`.
 */
const UNITS = new Set(
  (
    'cm mm km nm um dm kg mg ml mL cl dl hr hrs h min mins sec secs ms ft yd mi in mph kph kmh lb lbs ' +
    'oz pt qt gal cents cent dollars dollar units unit inches inch feet foot meters meter metres metre ' +
    'liters liter litres litre grams gram degrees degree hours hour minutes minute seconds second days ' +
    'day weeks week months month years year sq cu square cubic per km/h m/s cm/s ft/s mi/h'
  ).split(' '),
);

/**
 * `18 dollars`, `5 cm^2`, `3 square units`, `12 m/s`, `1cm` → the value. Up to 3 trailing words
 * (then an optional `^2`) after text that ends in a digit, `}`, `)` or `]` and contains a digit. A
 * word glued to the value must be a known unit ({@link UNITS}); a spaced word must be a known unit
 * or have 3+ letters (`5 apples`); math words (`pi`, `sqrt`, …) and LaTeX commands (`2\alpha`)
 * are never units. Scanned backwards by hand: a regex with repeated optional words backtracks
 * badly.
 */
function stripTrailingUnits(s: string): string {
  let end = s.length;
  const pow = /\^\s*\{?\d\}?$/.exec(s);
  if (pow) end = pow.index;
  let words = 0;
  let k = end;
  for (;;) {
    let j = k;
    while (j > 0 && s[j - 1] === ' ') j--;
    if (j > 0 && s[j - 1] === '.') j--;
    let w = j;
    while (w > 0 && /[A-Za-z/]/.test(s[w - 1])) w--;
    const word = s.slice(w, j);
    if (word === '' || s[w - 1] === '\\' || MATH_WORDS.has(word.toLowerCase().split('/')[0])) break;
    const glued = w > 0 && s[w - 1] !== ' ';
    const known = UNITS.has(word) || UNITS.has(word.toLowerCase());
    if (glued ? !known : !known && !/^[A-Za-z]{3,}$/.test(word)) break;
    words++;
    k = w;
    if (words === 3 || glued) break;
  }
  if (words === 0) return s;
  const value = s.slice(0, k).trimEnd();
  return /(?:[\d})\]]|\\[A-Za-z]+)$/.test(value) && /\d/.test(value) ? value : s;
}

/**
 * `x = 5` → `5`; `x = 1, y = 2` → `1, 2` (parts sorted by variable name); `x = 2 or x = 3` →
 * `2 or 3`; `x \in [0, 1]` → `[0, 1]`; `f(x) = 2x` → `2x`. Only a short identifier (1–3 letters
 * or one command, optional subscript and argument list) counts as a left-hand side.
 */
function stripLhs(s: string): string {
  const lhs = LHS;
  const inRe = new RegExp(`^${lhs}\\s*\\\\in\\s*`);
  if (inRe.test(s)) return s.replace(inRe, '');
  // `x \approx 11` → `11`
  const approx = new RegExp(`^${lhs}\\s*\\\\approx\\s*`);
  if (approx.test(s)) return s.replace(approx, '');
  const eqCount = (s.match(/=/g) ?? []).length;
  if (eqCount === 0) return s;
  const one = new RegExp(`^(${lhs})\\s*=\\s*(?!=)`);
  // a chain `x = 5+5+1 = 11` or `\frac{1}{2}+\frac{1}{2} = 1`: the value is the last member, when
  // the first member is a name or a constant and the last a constant (Math-Verify test_equations)
  if (splitTopLevel(s).length === 1 && !/\b(?:or|and)\b/.test(s)) {
    const members = s.split('=').map((m) => m.trim());
    const first = members[0];
    const last = members[members.length - 1];
    if (
      members.length >= 2 &&
      last !== '' &&
      isConstant(last) &&
      (isConstant(first) || new RegExp(`^${lhs}$`).test(first))
    ) {
      return last;
    }
  }
  if (eqCount === 1) return one.test(s) ? s.replace(one, '') : s;
  // `x = 2 or x = 3` → `2 or 3` (the hedge stays visible)
  const alts = s.split(/\s+or\s+/);
  if (alts.length === eqCount && alts.every((p) => one.test(p.trim()))) {
    return alts.map((p) => p.trim().replace(one, '')).join(' or ');
  }
  // `y = 2, x = 1` → `1, 2`: parts sorted by variable name, so that swapped values never match
  const parts = splitTopLevel(s);
  if (parts.length === eqCount && parts.every((p) => one.test(p.trim()))) {
    return parts
      .map((p) => {
        const t = p.trim();
        const name = one.exec(t)![1];
        return { name, value: t.replace(one, '') };
      })
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((p) => p.value)
      .join(', ');
  }
  return s;
}

/**
 * A left-hand side that names the answer: 1–3 letters or one command, an optional subscript and
 * argument list (`x`, `AB`, `x_{1}`, `f(x)`, `\theta`), a tuple of such names (`(p,q,r)`) or a
 * ratio of them (`V_{1}:V_{2}`).
 */
const NAME = '(?:[A-Za-z]{1,24}|\\\\[A-Za-z]+)(?:_\\{?[A-Za-z0-9]+\\}?)?';
const LHS = `(?:${NAME}(?:\\([A-Za-z, ]*\\))?|\\(\\s*${NAME}(?:\\s*,\\s*${NAME})+\\s*\\)|${NAME}(?:\\s*:\\s*${NAME})+)`;

/** No letters outside LaTeX command names: `5+5+1`, `\frac{\sqrt{3}}{2}`, `2\pi`. */
function isConstant(s: string): boolean {
  return /\d/.test(s) && !/[A-Za-z]/.test(s.replace(/\\[A-Za-z]+/g, ''));
}

/**
 * Semicolons as separators: `-12;-11;-10` → `-12,-11,-10`; `(0;0;0),(0;-2;0)` → `(0,0,0),(0,-2,0)`
 * (semicolons only inside brackets when commas are also used).
 */
function semicolons(s: string): string {
  if (!s.includes(';')) return s;
  if (!s.includes(',')) return s.replace(/;/g, ',');
  let out = '';
  let depth = 0;
  for (const c of s) {
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    out += c === ';' && depth > 0 ? ',' : c;
  }
  return out;
}

/**
 * The parts of a multi-assignment answer in written order, for a grader that matches by name:
 * `x = -5, p = \frac{14}{3}` → `[{name: 'x', value: '-5'}, {name: 'p', value: '\frac{14}{3}'}]`.
 * {@link normalizeAnswer} sorts such parts by name and drops the names (so swapped values never
 * match); with this, a grader can instead match names when both sides are labelled and positions
 * when one side is not. Null unless every top-level part (2 or more) is `name = value`.
 */
export function splitAssignments(
  raw: string,
  opts: NormalizeOptions = {},
): { name: string; value: string }[] | null {
  const whole = normalizeAnswer(raw, { ...opts, stripLhs: false });
  const parts = splitTopLevel(whole).map((p) => p.trim());
  if (parts.length < 2) return null;
  const one = new RegExp(`^(${LHS})\\s*=\\s*(?!=)(.+)$`);
  const out: { name: string; value: string }[] = [];
  for (const p of parts) {
    const m = one.exec(p);
    if (!m || m[2].includes('=')) return null;
    out.push({ name: m[1].replace(/\s+/g, ''), value: m[2].trim() });
  }
  return out;
}

/** Split at commas that are not inside (), [], {}. Linear. */
export function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let last = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (c === '\\') {
      // `\{ … \}` is a set: its commas are inside
      if (s[k + 1] === '{') depth++;
      else if (s[k + 1] === '}') depth--;
      k++;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(s.slice(last, k));
      last = k + 1;
    }
  }
  out.push(s.slice(last));
  return out;
}

function stripTrailing(s: string): string {
  let t = s.trim();
  for (let guard = 0; guard < 8; guard++) {
    if (/\.\.$|\\[lc]?dots$/.test(t)) break; // an ellipsis is part of the answer (`1, 2, 3, ...`)
    const next = t
      .replace(/\\\.$/, '')
      .replace(/(?<!\\)[.,;]$/, '')
      // a `!` after an operand is a factorial (`4!`, `n!`, `(2n)!`); after anything else, punctuation
      .replace(/(?<![\d)}\]!\\]\s*|(?<![A-Za-z\\])[A-Za-z]\s*)!$/, '')
      .replace(/(?<!\\)\\$/, '')
      .trim();
    if (next === t) break;
    t = next;
  }
  return t;
}
