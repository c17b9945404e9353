import { normalizeAnswer } from './normalize.ts';

/**
 * Stage 1 of the math grader: find the final answer in a completion (and in a reference).
 *
 * Pure and linear-time: every scan is a single left-to-right pass with an explicit depth counter
 * (no recursion, no backtracking regex), so a 1 MB completion or 10,000 nested braces cost O(n).
 *
 * What counts as a *final* answer (the policy; see docs/math-extraction.md):
 * 1. Reasoning is not an answer. When the completion contains `</think>` only the text after the
 *    last `</think>` is searched; a completion that opens `<think>` and never closes it was cut off
 *    and has no answer (DeepSeek-R1 template; DeepScaleR traces in shared/data agree: none of the
 *    184 cut-off traces is labelled correct).
 * 2. An `<answer>…</answer>` block (R1/TinyZero template) narrows the search to its content.
 * 3. Explicit final markers, in this order: `\boxed{}`/`\fbox{}` (every non-placeholder box is a
 *    candidate: models restate the boxed answer, and a second *different* box is a second final
 *    answer); then the last phrase anchor (`final answer is`, `the answer is`, `Answer:`, GSM8K's
 *    `####` and `A:` lines); then the last `$…$`/`\(…\)`/`\[…\]` span; then a short completion
 *    that is nothing but an answer. Math-Verify orders the same sources by priority
 *    (huggingface/Math-Verify `parser.py`, boxed priority 50 vs. anchors 0); we let boxes win by
 *    default because RL prompts ask for `\boxed{}`, and expose the order as `boxed`.
 * 4. Boxes with empty or `\phantom{}` content are placeholders (Qwen2.5-Math completions copy
 *    "the number in the box" as `\boxed{\phantom{2}}`), never candidates.
 */

/** Options of {@link extractAnswer}. All optional; defaults in {@link EXTRACT_DEFAULTS}. */
export interface ExtractOptions {
  /**
   * How `\boxed{}` ranks against phrase anchors: `prefer` (default) boxes win; `fallback` boxes are
   * used only when no anchor phrase is found; `off` boxes are ignored (Math-Verify's
   * `boxed_match_priority` 50 / 100 / -1).
   */
  boxed?: 'prefer' | 'fallback' | 'off';
  /**
   * Multiple-choice letters (e.g. `['A','B','C','D']`). When set, the answer is the choice letter
   * found (anchored, then at the start, then the last standalone letter), as in Math-Verify's
   * `StringExtractionConfig`.
   */
  choices?: readonly string[];
  /** Lower-case the extracted choice letter (Math-Verify `lowercase`). Default false. */
  lowercase?: boolean;
  /** Accept a short completion that is only an answer (`1/2`, `x = 5`). Default true. */
  bare?: boolean;
  /**
   * When nothing better exists, accept the value written last: the last `$…$`/`\(…\)`/`\[…\]`
   * span or plain number, whichever comes later. Default true.
   */
  lastMath?: boolean;
  /**
   * Tool-integrated rollouts (ToRA): when nothing else is found, the content of the last
   * `` ```output `` block is the answer (microsoft/ToRA `extract_program_output`). Default false: a
   * program's printout is not an answer the model stated.
   */
  programOutput?: boolean;
  /** Reasoning tag name whose content is skipped (`think` → `<think>…</think>`). Default `think`. */
  thinkTag?: string;
  /** Answer tag name (`answer` → `<answer>…</answer>`). Default `answer`. */
  answerTag?: string;
}

export const EXTRACT_DEFAULTS = Object.freeze({
  boxed: 'prefer',
  choices: undefined,
  lowercase: false,
  bare: true,
  lastMath: true,
  programOutput: false,
  thinkTag: 'think',
  answerTag: 'answer',
} satisfies ExtractOptions);

/** How the answer was found. `none` when `answer` is null. */
export type ExtractMethod =
  | 'boxed'
  | 'anchor'
  | 'hash'
  | 'answer_line'
  | 'math'
  | 'bare'
  | 'choice'
  | 'program_output'
  | 'reference'
  | 'none'
  | 'unterminated_think';

/**
 * The result of extraction.
 * - `answer`: raw text of the final answer (LaTeX or plain; delimiters and `\boxed{}` removed),
 *   or null when there is none.
 * - `candidates`: every final-answer candidate found by the same method, in order of appearance;
 *   `answer` is the last. If two candidates are not mathematically equal the completion gave
 *   several final answers and the grader must say `wrong` (issue 2).
 * - `method`: which rule found it ({@link ExtractMethod}).
 * - `hedge`: the answer offers alternatives (`A or B or C`, `2 \text{ or } 3`); the grader must not
 *   reward it unless the reference itself is that multi-part answer.
 */
export interface Extraction {
  answer: string | null;
  candidates: string[];
  method: ExtractMethod | string;
  hedge: boolean;
}

const NONE: Extraction = Object.freeze({
  answer: null,
  candidates: [],
  method: 'none',
  hedge: false,
}) as Extraction;

/** Upper bound (characters) on a bare whole-completion answer. */
const BARE_MAX_CHARS = 120;
/** At most this many phrase anchors (the last ones) are read per completion. */
const MAX_ANCHORS = 64;
/** Upper bound (characters) on an anchored answer line. */
const ANCHOR_MAX_CHARS = 400;

/**
 * Extract the final answer from a model completion.
 *
 * @param completion the model output, exactly as generated (any length; linear time).
 * @param opts see {@link ExtractOptions}.
 * @returns an {@link Extraction}; `answer` null means `no_answer`.
 */
export function extractAnswer(completion: string, opts: ExtractOptions = {}): Extraction {
  if (typeof completion !== 'string') return NONE;
  const o = { ...EXTRACT_DEFAULTS, ...opts };
  const region = answerRegion(completion, o.thinkTag, o.answerTag);
  if (region === null) return { ...NONE, method: 'unterminated_think' };
  if (o.choices && o.choices.length > 0) return extractChoice(region, o.choices, o.lowercase);
  return extractFromRegion(region, o);
}

/**
 * Extract the gold answer from a reference. A reference may be bare (`18`, `\frac{1}{2}`),
 * `$…$`/`\(…\)`/`\[…\]`-wrapped, `\boxed{}`-wrapped, or a full solution: a MATH solution (last
 * `\boxed{}`), a GSM8K solution (after the last `####`), or one with an `A:`/`Answer:` line.
 *
 * @returns an {@link Extraction} with method `reference` for a bare reference; `answer` null (→
 * `invalid_reference`) for an empty one or a bare prose sentence (see {@link isProse}).
 */
export function extractReference(reference: string): Extraction {
  if (typeof reference !== 'string') return NONE;
  const text = reference.trim();
  if (text === '') return NONE;
  const hash = lastHashAnswer(text);
  if (hash !== null) return single(hash, 'hash');
  const boxes = groupBoxes(text, scanBoxes(text));
  if (boxes.length > 0) {
    // "the answers are $\boxed{-2}$ and $\boxed{1}$" is one answer `-2, 1`; a solution that boxes
    // the same answer twice in two forms gives both as candidates; `answer` is the last
    const refs = finish(
      boxes.map((b) => b.inner.replace(/\s+or\s+/g, ', ')),
      'boxed',
    );
    return { ...refs, hedge: false };
  }
  const whole = unwrapWholeMath(text);
  if (whole !== null) return single(whole, 'reference');
  // OlympiadBench final answers: `$69$,$84$`, `$(0,1,1),…$,$\left(…\right)$`: all parts
  const spans = mathSpans(text);
  if (spans.length > 1 && isOnlySpans(text, spans)) {
    // joined with ", " so `$100$,$200$` can never read as the number 100,200
    return single(spans.map((s) => s.inner.trim()).join(', '), 'reference');
  }
  if (text.length <= BARE_MAX_CHARS && !text.includes('\n')) {
    // MR-GSM8K reversed items carry the literal "Let's think step by step." as ground truth
    return isProse(text) ? { ...NONE, method: 'invalid_reference' } : single(text, 'reference');
  }
  const anchored = findAnchor(text);
  if (anchored) return single(anchored.text, anchored.method);
  const last = lastMathSpan(text);
  if (last !== null) return single(last, 'math');
  return single(text, 'reference');
}

// ---------------------------------------------------------------------------------------------
// Regions

/**
 * The part of the completion that may hold the final answer: after the last `</think>`, inside the
 * last `<answer>` block. Null when a `<think>` block is opened and never closed (truncated trace).
 */
function answerRegion(text: string, thinkTag: string, answerTag: string): string | null {
  let region = text;
  if (thinkTag) {
    const close = `</${thinkTag}>`;
    const end = region.lastIndexOf(close);
    if (end >= 0) region = region.slice(end + close.length);
    else if (region.includes(`<${thinkTag}>`)) return null;
  }
  if (answerTag) {
    const open = `<${answerTag}>`;
    const start = region.lastIndexOf(open);
    if (start >= 0) {
      const stop = region.indexOf(`</${answerTag}>`, start + open.length);
      region = region.slice(start + open.length, stop >= 0 ? stop : region.length);
    }
  }
  return region;
}

function extractFromRegion(region: string, o: Required<Omit<ExtractOptions, 'choices'>>): Extraction {
  const boxes = o.boxed === 'off' ? [] : groupBoxes(region, scanBoxes(region));
  const anchored = findAnchors(region);
  if (boxes.length > 0 && o.boxed === 'prefer') {
    // "…\boxed{200}…\boxed{255}… Final Answer: The final answer is $10,455$": a "final answer"
    // statement after the last box is the last word; the boxes before it were intermediate
    const lastStrong = anchored.findLast((a) => a.strong);
    if (lastStrong && lastStrong.at > boxes[boxes.length - 1].at) return single(lastStrong.text, 'anchor');
    return finish(
      boxes.map((b) => b.inner),
      'boxed',
    );
  }
  if (anchored.length > 0) {
    const method = anchored[anchored.length - 1].method;
    return finish(
      anchored.filter((a) => a.method === method).map((a) => a.text),
      method,
    );
  }
  if (boxes.length > 0)
    return finish(
      boxes.map((b) => b.inner),
      'boxed',
    );
  const trimmed = region.trim();
  if (trimmed === '') return NONE;
  if (o.programOutput) {
    const out = lastOutputBlock(region);
    if (out !== null) return single(out, 'program_output');
  }
  if (o.bare && isBare(trimmed, o.boxed === 'off')) {
    const whole = unwrapWholeMath(trimmed);
    return single(whole ?? trimmed, 'bare');
  }
  if (o.lastMath) {
    // With boxes switched off their content is not a fallback either.
    const text = o.boxed === 'off' ? maskBoxes(region) : region;
    // The value written last on the last line: a math span or a plain number, whichever comes
    // later (Math-Verify without anchors; lm-eval GSM8K "flexible-extract" takes the last number).
    // Only the last line: numbers inside code or earlier steps are not answers (MR-GSM8K
    // program-of-thought solutions end in `print(x)`, whose constants once matched the gold).
    const lastLine = lastNonEmptyLine(text)?.replace(/^(?:step\s*\d+\s*[:.)]|\d+[.)]\s)\s*/i, '') ?? null;
    const value = lastLine === null || CODE_LINE.test(lastLine) ? null : lastValue(lastLine);
    if (value !== null) return single(value, 'math');
    const span = lastMathSpan(text);
    if (span !== null) return single(span, 'math');
  }
  return NONE;
}

/** A line of program text: its numbers are constants, not answers. */
const CODE_LINE = /\bprint\s*\(|\breturn\b|^\s*(?:def|import|from|for|while|```)\b|[A-Za-z]_[A-Za-z]|^\s*```/;

function lastNonEmptyLine(text: string): string | null {
  let end = text.length;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).trim();
    if (line !== '') return line;
    end = start - 1;
  }
  return null;
}

/** The text with every box (command and argument) blanked out. */
function maskBoxes(text: string): string {
  let out = '';
  let last = 0;
  for (const b of scanBoxes(text)) {
    out += text.slice(last, b.at);
    last = b.at + 1; // drop the backslash: `boxed{…}` is no longer a box and has no math delimiters
  }
  return (out + text.slice(last)).replace(/boxed\s*\{[^{}]*\}/g, ' ');
}

/** Content of the last `` ```output … ``` `` block (one line of output only), or null. */
function lastOutputBlock(text: string): string | null {
  const open = text.lastIndexOf('```output');
  if (open < 0) return null;
  const start = open + '```output'.length;
  const close = text.indexOf('```', start);
  const body = text.slice(start, close < 0 ? text.length : close).trim();
  return body === '' || body.includes('\n') ? null : body;
}

function single(answer: string, method: string): Extraction {
  return finish([answer], method);
}

function finish(raw: string[], method: string): Extraction {
  const candidates = raw.map((c) => c.trim()).filter((c) => c !== '');
  if (candidates.length === 0) return NONE;
  const answer = candidates[candidates.length - 1];
  return { answer, candidates, method, hedge: isHedge(answer) };
}

// ---------------------------------------------------------------------------------------------
// \boxed{} and \fbox{}

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
function groupBoxes(
  text: string,
  boxes: { inner: string; at: number; end: number }[],
): { inner: string; at: number }[] {
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
    if (g.parts.length === 1) return { inner: g.inner, at: g.at };
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
    return { inner: parts.join(parts.length > 1 && g.or ? ' or ' : ', '), at: g.at };
  });
}

/** {@link findBoxes} with the position of each box command and the end of its argument. */
function scanBoxes(text: string): { inner: string; at: number; end: number }[] {
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
      const inner = stripTrailingPunct(text.slice(j, k));
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

function isPlaceholder(inner: string): boolean {
  const t = inner
    .replace(/\\(?:phantom|hphantom|vphantom)\s*\{[^{}]*\}/g, '')
    .replace(/\\(?:quad|qquad|[,;:! ])/g, '')
    .replace(/~/g, '')
    .trim();
  return t === '' || t === '?' || /^_+$/.test(t);
}

// ---------------------------------------------------------------------------------------------
// Phrase anchors

interface Anchored {
  text: string;
  method: string;
  at: number;
  /** "final answer": a stronger statement than a box that precedes it. */
  strong: boolean;
}

/**
 * Phrase anchors, each a linear regex: no nested quantifiers and no two adjacent optional
 * whitespace runs (`\s*(?:x)?\s*` backtracks quadratically on a long blank run). `anchor`: "final answer is",
 * "the answer is" (Minerva's "Final Answer: The final answer is X. I hope it is correct.",
 * MR-GSM8K "The answer is:"); `answer_line`: a line starting `Answer:` (bold allowed) or GSM8K's
 * `A:`; `hash`: GSM8K's `#### n`.
 */
const ANCHORS: readonly { re: RegExp; method: string; strong?: boolean }[] = [
  { re: /final\s+answer(?:\s*(?:is|:|=))?(?:\s*\*\*)?(?:\s*[:：])?/gi, method: 'anchor', strong: true },
  { re: /\banswer\s+(?:is|would\s+be|will\s+be)(?:\s*\*\*)?(?:\s*[:：])?/gi, method: 'anchor' },
  { re: /\b(?:option|choice)\s+is(?:\s*\*\*)?(?:\s*[:：])?/gi, method: 'anchor' },
  { re: /(?:^|\n)[ \t>*#]*answer(?:\s*\*\*)?\s*[:：]/gi, method: 'answer_line' },
  { re: /(?:^|\n)[ \t]*A[ \t]*:/g, method: 'answer_line' },
  { re: /####/g, method: 'hash' },
  { re: /最终答案(?:是|为|：|:)?/g, method: 'anchor', strong: true },
  { re: /答案(?:是|为|：|:)/g, method: 'anchor' },
];

/** Every anchored answer in order of position (an anchor inside a longer one is dropped). */
function findAnchors(text: string): Anchored[] {
  const hits: { at: number; end: number; method: string; strong: boolean }[] = [];
  for (const { re, method, strong } of ANCHORS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const lead = m[0].startsWith('\n') ? 1 : 0;
      hits.push({ at: m.index + lead, end: m.index + m[0].length, method, strong: strong === true });
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  hits.sort((a, b) => a.at - b.at || b.end - a.end);
  const out: Anchored[] = [];
  let coveredTo = -1;
  let strongHeading = false;
  // Only the last MAX_ANCHORS anchors are read: a completion with more is degenerate, and reading
  // every one would cost O(anchors × line length) on a 1 MB run of "the answer is".
  const from = Math.max(0, hits.length - MAX_ANCHORS);
  for (let i = from; i < hits.length; i++) {
    const h = hits[i];
    if (h.end <= coveredTo) continue; // nested in a previous anchor ("final answer is" ⊃ "answer is")
    coveredTo = h.end;
    const strong: boolean = h.strong || strongHeading;
    strongHeading = false;
    // "Final Answer: The final answer is 5": an anchor followed, on the same line and with only
    // words in between, by another anchor is a heading; the later one holds the answer
    let superseded = false;
    for (let j = i + 1; j < hits.length && hits[j].at - h.end < 40; j++) {
      if (hits[j].end > h.end && /^[A-Za-z*:\s]*$/.test(text.slice(h.end, hits[j].at))) {
        superseded = !text.slice(h.end, hits[j].at).includes('\n');
        break;
      }
    }
    if (superseded) {
      strongHeading = strong;
      continue;
    }
    const body = anchorBody(text, h.end);
    if (body !== null) out.push({ text: body, method: h.method, at: h.at, strong });
  }
  return out;
}

function findAnchor(text: string): Anchored | null {
  const all = findAnchors(text);
  return all.length > 0 ? all[all.length - 1] : null;
}

function lastHashAnswer(text: string): string | null {
  const k = text.lastIndexOf('####');
  if (k < 0) return null;
  return anchorBody(text, k + 4);
}

/**
 * The answer text after an anchor: the rest of the line (the next line if the anchor ends its
 * line), cut at the first sentence end, with a leading math span preferred over prose.
 */
function anchorBody(text: string, from: number): string | null {
  let start = from;
  // skip blanks and markdown bold (`**Answer:** 42`); an anchor ending its line takes the next line
  while (start < text.length && (text[start] === ' ' || text[start] === '\t' || text[start] === '*')) start++;
  if (text[start] === '\n' || text[start] === '\r') {
    while (start < text.length && (/\s/.test(text[start]) || text[start] === '*')) start++;
  }
  let end = start;
  const limit = Math.min(text.length, start + ANCHOR_MAX_CHARS);
  // display math may span lines: `\[ … \]` and `$$ … $$`
  const displayClose = text.startsWith('\\[', start) ? '\\]' : text.startsWith('$$', start) ? '$$' : null;
  if (displayClose) {
    const close = text.slice(start + 2, start + 4 * ANCHOR_MAX_CHARS).indexOf(displayClose);
    if (close >= 0) end = start + 2 + close + 2;
  }
  if (end === start) {
    while (end < limit && text[end] !== '\n') end++;
  }
  let line = text.slice(start, end).trim();
  // "The final answer is $\boxed{5}$": a box right after the anchor is the anchored answer; a box
  // later on the line is not (Math-Verify test_boxed_match_priority: "final answer is $9999$, \boxed{1}")
  if (/^(?:\$+|\\[([])?\s*\\(?:boxed|fbox)(?![A-Za-z])/.test(line)) {
    const boxed = findBoxes(line);
    if (boxed.length > 0) return boxed[0];
  }
  line = cutSentence(line);
  const spans = mathSpans(line);
  if (spans.length > 0 && spans[0].start <= 2) {
    // "$\frac12$ cups" → the span; "$2$ or $3$", "$x=1$ and $y=2$" keep every part (and the hedge)
    const rest = line.slice(spans[0].end).trim();
    if (/^(?:,|and\b|or\b)/i.test(rest) && spans.length > 1) return stripDelimiters(line);
    return spans[0].inner.trim() || null;
  }
  line = stripTrailingPunct(line.replace(/^\*\*|\*\*$/g, '').trim());
  // "The volume of $ABCDEFGH$ is 120": a sentence after the anchor; its last value is the answer
  if (isSentence(line)) return lastValue(line);
  // "18 because she had …", "$15 in total": a leading number followed by prose is the number
  // (lm-eval's GSM8K rule reads `The answer is (-?[0-9.,]+)`)
  const lead = /^([-+]?\\?\$?\s?\d[\d,]*(?:\.\d+)?(?:\s*(?:\\?%|percent\b))?)\s+([A-Za-z]{2,})/.exec(line);
  if (lead && !PROSE_KEEPS.has(lead[2].toLowerCase())) return lead[1];
  return line === '' ? null : line;
}

/** Prose: two or more words of 3+ letters outside math spans, before any value. */
function isSentence(line: string): boolean {
  const spans = mathSpans(line);
  let plain = '';
  let last = 0;
  for (const sp of spans) {
    plain += `${line.slice(last, sp.start)} `;
    last = sp.end;
  }
  plain += line.slice(last);
  const firstDigit = plain.search(/\d/);
  const head = firstDigit < 0 ? plain : plain.slice(0, firstDigit);
  return (head.replace(/\\[A-Za-z]+/g, ' ').match(/[A-Za-z]{3,}/g) ?? []).length >= 2;
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
  const num = /(?<![\w.])-?\d[\d,]*(?:\.\d+)?(?:\s*%)?/g;
  let spanIdx = 0;
  for (let m = num.exec(text); m !== null; m = num.exec(text)) {
    while (spanIdx < spans.length && spans[spanIdx].end <= m.index) spanIdx++;
    const inside = spanIdx < spans.length && spans[spanIdx].start <= m.index;
    if (!inside && (best === null || m.index > best.at))
      best = { at: m.index, value: m[0].replace(/,$/, '') };
  }
  return best === null ? null : stripTrailingPunct(best.value);
}

/** Words after a leading number that continue the answer rather than start prose. */
const PROSE_KEEPS = new Set([
  'and',
  'or',
  'pi',
  'sqrt',
  'times',
  'plus',
  'minus',
  'over',
  'divided',
  'mod',
  'log',
  'ln',
]);

/** Cut at the first sentence end outside math and braces: `.`, `!`, `?` or `;` followed by a blank or the end. */
function cutSentence(line: string): string {
  let depth = 0;
  let inMath = false;
  // an odd number of `$` means one is a currency sign ("$15. Next she"): then `$` delimits nothing
  const dollars = (line.match(/(?<!\\)\$/g) ?? []).length;
  const toggles = dollars % 2 === 0;
  for (let k = 0; k < line.length; k++) {
    const c = line[k];
    if (c === '\\') {
      k++;
      continue;
    }
    if (c === '$') inMath = toggles ? !inMath : false;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (!inMath && depth <= 0 && c === '。') return line.slice(0, k);
    else if (!inMath && depth <= 0 && (c === '.' || c === '!' || c === '?' || c === ';')) {
      const next = line[k + 1];
      if (next === undefined) return line.slice(0, k);
      if (next === ' ' || next === '\t') return line.slice(0, k);
    }
  }
  return line;
}

/** Drop trailing `.`, `,`, `;`, `:`, `!`, `?` (not an escaped `\,` or `\!`). One backward pass. */
function stripTrailingPunct(s: string): string {
  let end = s.length;
  while (end > 0) {
    const c = s[end - 1];
    if (/\s/.test(c)) end--;
    else if ('.,;:!?。'.includes(c) && s[end - 2] !== '\\') end--;
    else break;
  }
  return s.slice(0, end).trim();
}

// ---------------------------------------------------------------------------------------------
// Math spans: $…$, $$…$$, \(…\), \[…\]

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

function lastMathSpan(text: string): string | null {
  const spans = mathSpans(text);
  for (let i = spans.length - 1; i >= 0; i--) {
    const inner = spans[i].inner.trim();
    if (inner !== '') return inner;
  }
  return null;
}

/** The content if the whole string is one math span, else null. */
function unwrapWholeMath(text: string): string | null {
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
function isOnlySpans(text: string, spans: Span[]): boolean {
  let last = 0;
  for (const s of spans) {
    if (!/^[\s,;]*(?:and)?[\s,;]*$/.test(text.slice(last, s.start))) return false;
    last = s.end;
  }
  return /^[\s,;.]*$/.test(text.slice(last));
}

function stripDelimiters(text: string): string {
  let out = '';
  let last = 0;
  for (const s of mathSpans(text)) {
    out += text.slice(last, s.start) + s.inner;
    last = s.end;
  }
  return stripTrailingPunct(out + text.slice(last));
}

// ---------------------------------------------------------------------------------------------
// Bare answers and hedges

/**
 * A completion that is only an answer: short, one line, at most one math span covering all of it,
 * and not prose (at most 2 words of 2+ letters outside LaTeX commands, e.g. `5 apples`, `x = 5`,
 * `\frac{1}{2}`, `no solution`; not `not it's not 10 it's 1,000.99m²`).
 */
function isBare(text: string, boxedOff: boolean): boolean {
  if (text.length > BARE_MAX_CHARS || text.includes('\n')) return false;
  if (boxedOff && /\\(?:boxed|fbox)/.test(text)) return false;
  const spans = mathSpans(text);
  if (spans.length > 1 || (spans.length === 1 && unwrapWholeMath(text) === null)) return false;
  const words = text.replace(/\\[A-Za-z]+/g, ' ').match(/[A-Za-z]{2,}/g) ?? [];
  return words.length <= 2;
}

/**
 * A sentence, not an answer: 4+ words of 2+ letters, no digit, no LaTeX command, no `=`. Word
 * answers (`Devon`, `\text{even}`, `no solution`) stay answers.
 */
export function isProse(text: string): boolean {
  if (/[\d\\=^_{}]/.test(text)) return false;
  return (text.match(/[A-Za-z']{2,}/g) ?? []).length >= 4;
}

/**
 * `A or B`, `2 \text{ or } 3`, `x=1 \; \text{or} \; x=2`, `5 \lor 6`: the answer offers
 * alternatives joined by "or".
 */
export function isHedge(answer: string): boolean {
  const t = answer.replace(/\\(?:text|textbf|textrm|mathrm|mbox)\s*\{([^{}]*)\}/g, ' $1 ');
  return /\S[\s~]*\bor\b[\s~]*\S/i.test(t) || /\S\s*\\(?:lor|vee)(?![A-Za-z])\s*\S/.test(t);
}

// ---------------------------------------------------------------------------------------------
// Multiple choice

function extractChoice(region: string, choices: readonly string[], lowercase: boolean): Extraction {
  const set = new Set(choices.map((c) => c.toUpperCase()));
  const alt = [...set].map(escapeRe).join('|');
  const letter = `(?:\\(\\s*)?(?:\\\\text\\{\\s*\\(?)?(${alt})(?:\\)?\\s*\\})?(?:\\s*\\))?`;
  const out = (c: string | undefined, method: string): Extraction | null => {
    if (!c) return null;
    const v = lowercase ? c.toLowerCase() : c.toUpperCase();
    return { answer: v, candidates: [v], method, hedge: false };
  };
  const boxes = findBoxes(region);
  for (let i = boxes.length - 1; i >= 0; i--) {
    const m = new RegExp(`^\\s*${letter}\\s*$`).exec(boxes[i]);
    if (m) return out(m[1], 'boxed')!;
  }
  const anchored = new RegExp(`answer\\s*(?:is|:)(?:\\s*\\*\\*)?\\s*\\$?${letter}(?![A-Za-z])`, 'gi');
  let last: string | undefined;
  for (let m = anchored.exec(region); m !== null; m = anchored.exec(region)) last = m[1];
  if (last && set.has(last.toUpperCase())) return out(last, 'choice')!;
  const start = new RegExp(`^\\s*${letter}(?![A-Za-z])`).exec(region);
  if (start) return out(start[1], 'choice')!;
  const any = new RegExp(`(?<![A-Za-z])(${alt})(?![A-Za-z])`, 'g');
  let lastAny: string | undefined;
  for (let m = any.exec(region); m !== null; m = any.exec(region)) lastAny = m[1];
  return out(lastAny, 'choice') ?? NONE;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
