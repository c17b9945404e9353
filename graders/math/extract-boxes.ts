/**
 * `\boxed{}` / `\fbox{}` scanning and grouping, for extract.ts. Linear: each box command is
 * searched once, braces are matched with an explicit depth counter.
 */

import { matchBrace } from './braces.ts';
import { stripTrailingPunct } from './extract-spans.ts';
import { normalizeAnswer } from './normalize.ts';

/** The text with every box (command and argument) blanked out. */
export function maskBoxes(text: string): string {
  let out = '';
  let last = 0;
  for (const b of scanBoxes(text)) {
    out += text.slice(last, b.at);
    last = b.at + 1; // drop the backslash: `boxed{…}` is no longer a box and has no math delimiters
  }
  return (out + text.slice(last)).replace(/boxed\s*\{[^{}]*\}/g, ' ');
}

const BOX_COMMANDS = ['\\boxed', '\\fbox'] as const;

/**
 * Contents of every `\boxed{…}`, `\boxed 5` and `\fbox{…}` in order, outermost only, placeholders
 * dropped. One pass: after a box is read the scan resumes after its closing brace; an unclosed box
 * takes the rest of the text and ends the scan (so unbalanced input stays linear).
 */
export function findBoxes(text: string): string[] {
  return scanBoxes(text).map((b) => b.inner);
}

/**
 * Text allowed between boxes of one multi-part answer: blanks, `$`, `\(`/`\)`, `,`, `;`, `&`,
 * spacing commands, `and`/`or` (plain or in `\text{}`), and a name being assigned (`y_2 =`).
 * `$\boxed{1}$ and $\boxed{-2}$`, `\boxed{2}, \boxed{3}`, `\boxed{a} \quad \text{and} \quad
 * \boxed{b}` are each one answer (Math-Verify test_multiple_boxed).
 */
const BOX_JOINER =
  /^(?:\s|\$|,|;|&|~|\\[()[\]]|\\q?quad\b|\\[,;: !]|\\text\s*\{\s*(?:and|or|,)?\s*\}|\band\b|\bor\b|[A-Za-z](?:_\{?\w+\}?)?\s*=)*$/;

/**
 * Boxes grouped into answers: adjacent boxes joined only by {@link BOX_JOINER} text form one
 * multi-part answer, written `a, b` (or `a or b` when an "or" joins them: a hedge).
 */
export function groupBoxes(
  text: string,
  boxes: { inner: string; at: number; end: number }[],
): { inner: string; at: number; end: number }[] {
  const out: { inner: string; at: number; end: number; or: boolean; parts: string[] }[] = [];
  for (const b of boxes) {
    const prev = out[out.length - 1];
    const between = prev ? text.slice(prev.end, b.at) : '';
    if (prev && between.length < 200 && BOX_JOINER.test(between)) {
      prev.parts.push(b.inner);
      prev.end = b.end;
      prev.or ||= /\bor\b/.test(between);
    } else {
      out.push({ inner: b.inner, at: b.at, end: b.end, or: false, parts: [b.inner] });
    }
  }
  return out.map((g) => {
    if (g.parts.length === 1) return { inner: g.inner, at: g.at, end: g.end };
    // one answer restated in two forms (`$\boxed{15\frac{39}{40}}$, or $\boxed{\frac{639}{40}}$`)
    // or boxed twice in a row is one part; parts are compared after normalisation
    // exact repeats first; then, for a few distinct parts (normalising costs ~10 µs each), repeats
    // after normalisation
    let parts = [...new Set(g.parts.map((p) => p.trim()))];
    if (parts.length > 1 && parts.length <= 16) {
      const seen = new Set<string>();
      parts = parts.filter((p) => {
        const key = normalizeAnswer(p).replace(/\s+/g, '');
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    }
    return { inner: parts.join(parts.length > 1 && g.or ? ' or ' : ', '), at: g.at, end: g.end };
  });
}

/** {@link findBoxes} with the position of each box command and the end of its argument. */
export function scanBoxes(text: string): { inner: string; at: number; end: number }[] {
  const out: { inner: string; at: number; end: number }[] = [];
  const cache = BOX_COMMANDS.map(() => -2);
  let i = 0;
  while (i < text.length) {
    const at = nextBox(text, i, cache);
    if (at === null) break;
    let j = at.end;
    while (j < text.length && (text[j] === ' ' || text[j] === '\t')) j++;
    if (text[j] === '{') {
      const close = matchBrace(text, j);
      const inner = text.slice(j + 1, close < 0 ? text.length : close);
      if (!isPlaceholder(inner)) out.push({ inner, at: at.start, end: close < 0 ? text.length : close + 1 });
      if (close < 0) break;
      i = close + 1;
    } else if (at.end < text.length && /\s/.test(text[at.end])) {
      // `\boxed 5`: the argument runs to the next whitespace, `$` or end.
      let k = j;
      while (k < text.length && !/[\s$]/.test(text[k])) k++;
      const inner = stripTrailingPunct(text.slice(j, k), true);
      if (inner !== '' && !isPlaceholder(inner)) out.push({ inner, at: at.start, end: k });
      i = k;
    } else {
      i = at.end;
    }
  }
  return out;
}

/**
 * Next box command at or after `from`. `cache[c]` keeps the last found position of command `c`
 * (-1: none left, -2: not searched), so each command's occurrences are scanned once in total.
 */
function nextBox(text: string, from: number, cache: number[]): { start: number; end: number } | null {
  let best = -1;
  let len = 0;
  for (let c = 0; c < BOX_COMMANDS.length; c++) {
    const cmd = BOX_COMMANDS[c];
    let k = cache[c];
    if (k === -2 || (k >= 0 && k < from)) {
      k = text.indexOf(cmd, from);
      // skip longer command names such as \boxedsomething
      while (k >= 0 && /[A-Za-z]/.test(text[k + cmd.length] ?? '')) k = text.indexOf(cmd, k + cmd.length);
      cache[c] = k;
    }
    if (k >= 0 && (best < 0 || k < best)) {
      best = k;
      len = cmd.length;
    }
  }
  return best < 0 ? null : { start: best, end: best + len };
}

function isPlaceholder(inner: string): boolean {
  const t = inner
    .replace(/\\(?:phantom|hphantom|vphantom)\s*\{[^{}]*\}/g, '')
    .replace(/\\(?:quad|qquad|[,;:! ])/g, '')
    .replace(/~/g, '')
    .trim();
  return t === '' || t === '?' || /^_+$/.test(t) || /^(?:\.|\\[lc]?dots)+$/.test(t.replace(/\s+/g, ''));
}
