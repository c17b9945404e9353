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

/** Index of the `}` matching the `{` at `open` (escaped `\{`/`\}` ignored), or -1. */
export function matchBrace(text: string, open: number): number {
  let depth = 0;
  for (let k = open; k < text.length; k++) {
    const c = text[k];
    if (c === '\\') {
      k++;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return k;
    }
  }
  return -1;
}

/**
 * The value written last in `text`: the last math span or the last number outside spans, whichever
 * comes later (`… is 120` → `120`; `… is $\frac12$` → `\frac12`). Null when there is none.
 */
export function lastValue(text: string): string | null {
  const spans = mathSpans(text);
  let best: { at: number; value: string } | null = null;
  for (const sp of spans) {
    const inner = sp.inner.trim();
    if (inner !== '') best = { at: sp.start, value: inner };
  }
  // a number: plain, decimal, a fraction `4/9` or a mixed number `4 4/9`, then an optional `%`
  const num = /(?<![\w./])-?(?:\d+ \d+\/\d+(?![\d/])|\d[\d,]*(?:\.\d+)?(?:\/\d+(?![\d/]))?)(?:\s*%)?/g;
  let spanIdx = 0;
  for (let m = num.exec(text); m !== null; m = num.exec(text)) {
    while (spanIdx < spans.length && spans[spanIdx].end <= m.index) spanIdx++;
    const inside = spanIdx < spans.length && spans[spanIdx].start <= m.index;
    if (!inside && (best === null || m.index > best.at))
      best = { at: m.index, value: m[0].replace(/,$/, '') };
  }
  return best === null ? null : stripTrailingPunct(best.value);
}

/**
 * Drop trailing `.`, `,`, `;`, `:`, `!`, `?` (not an escaped `\,` or `\!`, not an ellipsis `...`).
 * One backward pass.
 */
export function stripTrailingPunct(s: string): string {
  let end = s.length;
  while (end > 0) {
    const c = s[end - 1];
    if (/\s/.test(c)) end--;
    // an ellipsis (`1, 2, 3, ...`) is part of the answer, not sentence punctuation
    else if (c === '.' && s[end - 2] === '.') break;
    else if ('.,;:!?。'.includes(c) && s[end - 2] !== '\\') end--;
    else break;
  }
  return s.slice(0, end).trim();
}

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

export function lastMathSpan(text: string): string | null {
  const spans = mathSpans(text);
  for (let i = spans.length - 1; i >= 0; i--) {
    const inner = spans[i].inner.trim();
    if (inner !== '') return inner;
  }
  return null;
}

/** The content if the whole string is one math span, else null. */
export function unwrapWholeMath(text: string): string | null {
  const t = text.trim();
  const spans = mathSpans(t);
  if (spans.length === 1 && spans[0].start === 0 && spans[0].end === t.length) {
    return stripTrailingPunct(spans[0].inner.trim());
  }
  if (spans.length === 1 && spans[0].start === 0 && /^[.,;\s]*$/.test(t.slice(spans[0].end))) {
    return stripTrailingPunct(spans[0].inner.trim());
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
  return stripTrailingPunct(out + text.slice(last));
}
