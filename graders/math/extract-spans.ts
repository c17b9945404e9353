/**
 * Math spans, braces and values in completion text, for extract.ts. Every scan is one linear pass.
 */

export function lastNonEmptyLine(text: string): string | null {
  let end = text.length;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).trim();
    if (line !== '') return line;
    end = start - 1;
  }
  return null;
}

/**
 * The value written last in `text`: the last math span or the last number outside spans, whichever
 * comes later (`… is 120` → `120`; `… is $\frac12$` → `\frac12`). Null when there is none.
 *
 * Alternatives stay together: when the last value is the end of a run of values joined by "or"
 * (`It is 3 or 4.`, `$x=1$ or $x=2$`, `3, 4, or 5`), the whole run is returned (`3 or 4`), so the
 * caller's hedge test sees the alternatives instead of a lucky last one (see {@link orRun}).
 */
export function lastValue(text: string): string | null {
  const values = valuesIn(text);
  if (values.length === 0) return null;
  const last = values[values.length - 1];
  return stripTrailingPunct(orRun(text, values) ?? last.value, last.math);
}

/** Every value in `text` (non-empty math spans, plain numbers outside spans), sorted by position. */
function valuesIn(text: string): Value[] {
  const spans = mathSpans(text);
  const values: Value[] = [];
  for (const sp of spans) {
    const inner = dropAnswerLabel(sp.inner).trim();
    if (inner !== '') values.push({ start: sp.start, end: sp.end, value: inner, math: true });
  }
  // a number: plain, decimal, a fraction `4/9` or a mixed number `4 4/9`, then an optional `%`
  const num = /(?<![\w./])-?(?:\d+ \d+\/\d+(?![\d/])|\d[\d,]*(?:\.\d+)?(?:\/\d+(?![\d/]))?)(?:\s*%)?/g;
  let spanIdx = 0;
  for (let m = num.exec(text); m !== null; m = num.exec(text)) {
    while (spanIdx < spans.length && spans[spanIdx].end <= m.index) spanIdx++;
    const inside = spanIdx < spans.length && spans[spanIdx].start <= m.index;
    if (!inside) {
      const value = m[0].replace(/,$/, '');
      values.push({ start: m.index, end: m.index + value.length, value, math: false });
    }
  }
  return values.sort((a, b) => a.start - b.start);
}

/** `\(\text{Answer: } 009\)`, `\[Answer: 009\]`: the label inside a math span is not the answer. */
export function dropAnswerLabel(inner: string): string {
  return inner.replace(/^\s*(?:\\text(?:bf)?\{\s*)?(?:final\s+)?answer\s*[:：]\s*\}?/i, '');
}

interface Value {
  start: number;
  end: number;
  value: string;
  /** Whether the value is a math span's body (so a trailing `!` is a factorial). */
  math: boolean;
}

/**
 * Text between two values of one list: separators (`,`, `;`, `/`, brackets, bold `**`, math
 * delimiters), "and", "either", "or" (plain, `\text{or}`, `\lor`, `\vee`, `或`), a hedging
 * adverb (`maybe`, `possibly`, `perhaps`), and a name with a relation (`x =`, `x >`, `x \geq`).
 * Only gaps under 80 characters, on one line, are tested.
 */
const ALT_GAP =
  /^(?:\s|[,;/$()[\]]|\*\*|\\[()]|\\text\s*\{\s*or\s*\}|\\(?:lor|vee)(?![A-Za-z])|或者?|\b(?:or|and|either|else|maybe|possibly|perhaps|even)\b|[A-Za-z](?:_\{?\w+\}?)?\s*(?:=|<|>|≤|≥|\\[lg]eq?(?![A-Za-z])))*$/i;
/**
 * A gap that starts with "or" may also hold a few words of a hedge ("3, or it could be 4", "3 or
 * it might also be 4", "3. Or maybe 4"); these words never join values without an "or".
 */
const OR_CLAUSE_GAP =
  /^(?:[\s,;.!?()]|\*\*)*(?:\bor\b|或者?)(?:\s|[,()$]|\*\*|\\[()]|\b(?:it|it's|its|could|might|may|would|will|be|is|maybe|possibly|perhaps|even|else|rather|just|also|the|answer|alternatively|again|either)\b|[A-Za-z](?:_\{?\w+\}?)?\s*(?:=|<|>|≤|≥|\\[lg]eq?(?![A-Za-z])))*$/i;
/** A name and a relation right before a value: `x <`, `y_1 =`, `x \geq`. */
const NAME_RELATION =
  /(?<![A-Za-z\\])[A-Za-z](?:_\{?\w+\}?)?[ \t]*(?:=|<|>|≤|≥|\\[lg]eq?(?![A-Za-z]))[ \t]*$/;
/** A gap that offers an alternative: "or" in any of its spellings. */
const OR_WORD = /\bor\b|或|\\(?:lor|vee)(?![A-Za-z])/i;

/**
 * When the last of `values` (sorted by position) ends a run of values joined by {@link ALT_GAP}
 * gaps with at least one "or" among them, the run's text with math delimiters removed (`3 or 4`);
 * else null. "It is 3 or 4." is a hedge whichever of the two a fallback would have picked: the
 * same rule as an anchored `The answer is 3 or 4` (issue: last-value hedges).
 */
function orRun(text: string, values: Value[]): string | null {
  let k = values.length - 1;
  let sawOr = false;
  // at most 64 values back: a longer run of alternatives is degenerate (and a hedge already)
  while (k > 0 && values.length - k < 64) {
    const gap = text.slice(values[k - 1].end, values[k].start);
    if (gap.length > 80 || gap.includes('\n') || !(ALT_GAP.test(gap) || OR_CLAUSE_GAP.test(gap))) break;
    sawOr ||= OR_WORD.test(gap);
    k--;
  }
  if (!sawOr) return null;
  // the first alternative's own `x <` / `x =` belongs to it: `x < -1 or x > 2`
  const head = NAME_RELATION.exec(text.slice(Math.max(0, values[k].start - 40), values[k].start));
  const start = values[k].start - (head ? head[0].length : 0);
  return stripDelimiters(text.slice(start, values[values.length - 1].end)).replace(/\*\*/g, '');
}

/**
 * Drop trailing `.`, `,`, `;`, `:`, `!`, `?` (not an escaped `\,` or `\!`, not an ellipsis `...`).
 * One backward pass. `math`: the text is math (a box or `$…$` body), where a `!` right after an
 * operand (`4!`, `n!`, `(2n)!`, `5!!`) is a factorial, not sentence punctuation (red-team finding:
 * `\boxed{4!}` was read as 4).
 */
export function stripTrailingPunct(s: string, math = false): string {
  let end = s.length;
  while (end > 0) {
    const c = s[end - 1];
    if (/\s/.test(c)) end--;
    // an ellipsis (`1, 2, 3, ...`) is part of the answer, not sentence punctuation
    else if (c === '.' && s[end - 2] === '.') break;
    else if (math && c === '!' && FACTORIAL_OPERAND.test(s.slice(Math.max(0, end - 40), end - 1).trimEnd()))
      break;
    else if ('.,;:!?。'.includes(c) && s[end - 2] !== '\\') end--;
    else break;
  }
  return s.slice(0, end).trim();
}

/**
 * What a factorial `!` follows (the last characters before it): a digit, a closing bracket, another
 * `!`, or a lone letter (`n!`, but not the word in `\text{Yes!}`).
 */
export const FACTORIAL_OPERAND = /(?:[\d)}\]!]|(?<![A-Za-z\\])[A-Za-z])$/;

interface Span {
  start: number;
  end: number;
  inner: string;
}

/**
 * Math spans in order, one linear pass. A `$` preceded by a backslash is a literal dollar; an
 * unclosed `$` is treated as a currency sign, not a delimiter.
 */
export function mathSpans(text: string): Span[] {
  const out: Span[] = [];
  // once a closer is known to be absent from the rest of the text, later openers skip the search
  // (otherwise `\(\(\(…` or `$$ $$ …` would rescan the tail for every opener: quadratic)
  const noClose: Record<string, boolean> = {};
  let k = 0;
  while (k < text.length) {
    const c = text[k];
    if (c === '\\' && (text[k + 1] === '(' || text[k + 1] === '[')) {
      const close = text[k + 1] === '(' ? '\\)' : '\\]';
      const e = noClose[close] ? -1 : text.indexOf(close, k + 2);
      if (e < 0) {
        noClose[close] = true;
        k += 2;
        continue;
      }
      out.push({ start: k, end: e + 2, inner: text.slice(k + 2, e) });
      k = e + 2;
    } else if (c === '\\') {
      k += 2;
    } else if (c === '$') {
      const dbl = text[k + 1] === '$';
      const open = dbl ? 2 : 1;
      const e = dbl && noClose.$$ ? -1 : findDollarClose(text, k + open, dbl);
      if (e < 0) {
        if (dbl) noClose.$$ = true;
        k += open;
        continue;
      }
      out.push({ start: k, end: e + open, inner: text.slice(k + open, e) });
      k = e + open;
    } else {
      k++;
    }
  }
  return out;
}

function findDollarClose(text: string, from: number, dbl: boolean): number {
  for (let k = from; k < text.length; k++) {
    const c = text[k];
    if (c === '\\') {
      k++;
      continue;
    }
    if (c === '$') {
      if (!dbl) return k;
      if (text[k + 1] === '$') return k;
    }
    // an inline $ span never crosses a blank line
    if (!dbl && c === '\n' && text[k + 1] === '\n') return -1;
  }
  return -1;
}

/**
 * The last non-empty math span anywhere in `text`, or null; spans joined by "or" (`$x=1$ or $x=2$`)
 * come back together as one hedged answer (`x=1 or x=2`), as in {@link lastValue}.
 */
export function lastMathSpan(text: string): string | null {
  const spans = mathSpans(text)
    .filter((s) => s.inner.trim() !== '')
    .map((s) => ({ start: s.start, end: s.end, value: s.inner.trim(), math: true }));
  if (spans.length === 0) return null;
  return orRun(text, spans) ?? spans[spans.length - 1].value;
}

/** The content if the whole string is one math span, else null. */
export function unwrapWholeMath(text: string): string | null {
  const t = text.trim();
  const spans = mathSpans(t);
  if (spans.length === 1 && spans[0].start === 0 && spans[0].end === t.length) {
    return stripTrailingPunct(spans[0].inner.trim(), true);
  }
  if (spans.length === 1 && spans[0].start === 0 && /^[.,;\s]*$/.test(t.slice(spans[0].end))) {
    return stripTrailingPunct(spans[0].inner.trim(), true);
  }
  return null;
}

/** True when nothing but separators (`,`, `;`, `and`, blanks) lies between and around the spans. */
export function isOnlySpans(text: string, spans: Span[]): boolean {
  let last = 0;
  for (const s of spans) {
    if (!/^[\s,;]*(?:and)?[\s,;]*$/.test(text.slice(last, s.start))) return false;
    last = s.end;
  }
  return /^[\s,;.]*$/.test(text.slice(last));
}

export function stripDelimiters(text: string): string {
  let out = '';
  let last = 0;
  for (const s of mathSpans(text)) {
    out += text.slice(last, s.start) + s.inner;
    last = s.end;
  }
  // text after the last span is prose; a last span that ends the text is math (`$x = 5!$`)
  const tail = text.slice(last);
  return stripTrailingPunct(out + tail, last > 0 && tail.trim() === '');
}
