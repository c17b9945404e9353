import { findAnchor, findAnchors, lastHashAnswer } from './extract-anchors.ts';
import { groupBoxes, maskBoxes, scanBoxes } from './extract-boxes.ts';
import {
  isOnlySpans,
  lastMathSpan,
  lastNonEmptyLine,
  lastValue,
  mathSpans,
  stripTrailingPunct,
  unwrapWholeMath,
} from './extract-spans.ts';
import { normalizeAnswer } from './normalize.ts';

export { matchBrace } from './braces.ts';
export { findBoxes } from './extract-boxes.ts';
export { lastValue, mathSpans } from './extract-spans.ts';

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
  /**
   * The prompt already opened the reasoning block (chat templates that end the prompt with
   * `<think>\n`, as the NeMo-Gym ns_tools rollouts show). Then a completion without the closing
   * tag was cut off inside its reasoning and has no answer. Default false.
   */
  thinkOpen?: boolean;
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
  thinkOpen: false,
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
  const regions = answerRegions(completion, o.thinkTag, o.answerTag, o.thinkOpen);
  if (regions === null) return { ...NONE, method: 'unterminated_think' };
  const one = (region: string): Extraction =>
    o.choices && o.choices.length > 0
      ? extractChoice(region, o.choices, o.lowercase)
      : extractFromRegion(region, o);
  if (regions.length === 1) return one(regions[0]);
  // several <answer> blocks: each block's answer is a candidate (two different blocks are two
  // final answers); the last block's answer is `answer`
  const parts = regions.map(one).filter((e) => e.answer !== null);
  if (parts.length === 0) return NONE;
  const last = parts[parts.length - 1];
  return {
    answer: last.answer,
    candidates: parts.flatMap((e) => e.candidates),
    method: last.method,
    hedge: parts.some((e) => e.hedge),
  };
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
    // the same answer boxed again later (after normalisation) is not a second part
    const seen = new Set<string>();
    const distinct = boxes
      .map((b) => b.inner.replace(/\s+or\s+/g, ', '))
      .filter((b) => {
        const key = boxes.length <= 16 ? normalizeAnswer(b).replace(/\s+/g, '') : b.trim();
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    return { ...finish(distinct, 'boxed'), hedge: false };
  }
  const whole = unwrapWholeMath(text);
  if (whole !== null) return single(whole, 'reference');
  // OlympiadBench final answers: `$69$,$84$`, `$(0,1,1),…$,$\left(…\right)$`: all parts
  const spans = mathSpans(text);
  if (spans.length > 1 && isOnlySpans(text, spans)) {
    // joined with ", " so `$100$,$200$` can never read as the number 100,200
    return single(spans.map((s) => s.inner.trim()).join(', '), 'reference');
  }
  const anchored = findAnchor(text);
  if (anchored) return single(anchored.text, anchored.method);
  // "the solution to the problem is $m \in [\sqrt{2}, +\infty)$" (Math-Verify #25): a one-line
  // sentence that ends in its only math span, with no number and no negation outside it, is that
  // span. ("$n$ is even" is not: there the words are the answer.)
  if (spans.length === 1 && text.length <= 400 && !text.includes('\n')) {
    const before = text.slice(0, spans[0].start);
    if (
      /^[\s.]*$/.test(text.slice(spans[0].end)) &&
      !/\d/.test(before) &&
      proseWords(before) >= 1 &&
      !/\b(?:not|no|never|except|isn't|aren't|cannot)\b/i.test(before) &&
      spans[0].inner.trim() !== ''
    )
      return single(stripTrailingPunct(spans[0].inner.trim(), true), 'reference');
  }
  if (text.length <= BARE_MAX_CHARS && !text.includes('\n')) {
    // MR-GSM8K reversed items carry the literal "Let's think step by step." as ground truth
    return isProse(text) ? { ...NONE, method: 'invalid_reference' } : single(text, 'reference');
  }
  const last = lastMathSpan(text);
  if (last !== null) return single(last, 'math');
  return single(text, 'reference');
}

/**
 * The parts of the completion that may hold the final answer: after the last `</think>`, the
 * content of each `<answer>` block (or the whole rest when there is none), before any end-of-turn
 * token ({@link END_OF_TURN}). Null when a `<think>` block is opened (in the completion, or by the prompt:
 * `thinkOpen`) and never closed (truncated trace).
 */
function answerRegions(
  text: string,
  thinkTag: string,
  answerTag: string,
  thinkOpen: boolean,
): string[] | null {
  const stop = END_OF_TURN.exec(text);
  let region = stop ? text.slice(0, stop.index) : text;
  if (thinkTag) {
    const close = `</${thinkTag}>`;
    const end = region.lastIndexOf(close);
    if (end >= 0) region = region.slice(end + close.length);
    else if (thinkOpen || region.includes(`<${thinkTag}>`)) return null;
  }
  if (!answerTag) return [region];
  // every <answer> block, in order (one pass; an unclosed block runs to the end); at most the last 16
  const open = `<${answerTag}>`;
  const closeTag = `</${answerTag}>`;
  const blocks: string[] = [];
  let noClose = false; // once no closing tag is left, later blocks need not look again (linear)
  for (let at = region.indexOf(open); at >= 0; ) {
    const from = at + open.length;
    const end = noClose ? -1 : region.indexOf(closeTag, from);
    if (end < 0) noClose = true;
    const next = region.indexOf(open, from);
    const stopAt = end >= 0 && (next < 0 || end < next) ? end : next >= 0 ? next : region.length;
    blocks.push(region.slice(from, stopAt));
    at = next;
  }
  return blocks.length === 0 ? [region] : blocks.slice(-16);
}

function extractFromRegion(region: string, o: Required<Omit<ExtractOptions, 'choices'>>): Extraction {
  const boxes = o.boxed === 'off' ? [] : groupBoxes(region, scanBoxes(region));
  const anchored = findAnchors(region);
  if (boxes.length > 0 && o.boxed === 'prefer') {
    // "…\boxed{200}…\boxed{255}… Final Answer: The final answer is $10,455$": a "final answer"
    // statement after the last box is the last word; the boxes before it were intermediate
    const lastStrong = anchored.findLast((a) => a.strong);
    if (lastStrong && lastStrong.at > boxes[boxes.length - 1].at) return single(lastStrong.text, 'anchor');
    return boxedAnswer(boxes);
  }
  if (anchored.length > 0) {
    const method = anchored[anchored.length - 1].method;
    return finish(
      anchored.filter((a) => a.method === method).map((a) => a.text),
      method,
    );
  }
  if (boxes.length > 0) return boxedAnswer(boxes);
  const trimmed = region.trim();
  if (trimmed === '') return NONE;
  if (o.programOutput) {
    const out = lastOutputBlock(region);
    if (out !== null) return single(out, 'program_output');
  }
  if (o.bare && isBare(trimmed)) {
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
    if (lastLine !== null && !CODE_LINE.test(lastLine)) {
      // a line of pure math (no prose word) is the expression itself, not its last number:
      // `(-(1 - sqrt(3))**4033 + (1 + sqrt(3))**4033)/(2**2017*sqrt(3))` is not `3`
      const spans = mathSpans(lastLine);
      if (isPureMath(lastLine, spans)) {
        const whole = spans.length === 1 ? unwrapWholeMath(lastLine) : stripTrailingPunct(lastLine, true);
        if (whole !== null && whole !== '') return single(whole, 'math');
      }
      const value = lastValue(lastLine);
      if (value !== null) return single(value, 'math');
    }
    const span = lastMathSpan(text);
    if (span !== null) return single(span, 'math');
  }
  return NONE;
}

/**
 * The boxed answer: every group is a candidate. Words around a box are not read for a hedge:
 * "$AB=\\frac54$, or $\\boxed{1.25}$" and "$360+2x=600$, or $x=\\boxed{120}$" are MATH's "that is"
 * (MATH-500 prealgebra/1558, geometry/465), and the box is the committed answer.
 */
function boxedAnswer(boxes: { inner: string }[]): Extraction {
  return finish(
    boxes.map((b) => b.inner),
    'boxed',
  );
}

/** A line of program text: its numbers are constants, not answers. */
const CODE_LINE =
  /\bprint\s*\(|\breturn\b|^\s*(?:def|import|from|for|while)\b|\b[a-z]+_[a-z_]+\s*[=(]|^\s*```/;

/**
 * End-of-turn tokens of common chat templates (ChatML, Llama 3, GPT-2/Qwen, SentencePiece). A
 * completion decoded past one holds the next turn, not the answer: the text is cut there, as a
 * generation stop sequence would have.
 */
const END_OF_TURN = /<\|(?:im_end|im_start|endoftext|eot_id|end_of_text|end)\|>|<\/s>/;

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
  // "I don't know.", "no idea": no answer, and no cluster in a vote. A non-answer beside a real
  // answer stays a candidate (the completion then gave two different answers).
  if (candidates.every(isNonAnswer)) return NONE;
  const answer = candidates[candidates.length - 1];
  return { answer, candidates, method, hedge: isHedge(answer) };
}

/** Function and constant names of plain-text math (sympy, Python, calculators): not prose. */
const MATH_NAMES = new Set(
  (
    'sqrt cbrt sin cos tan sec csc cot arcsin arccos arctan asin acos atan sinh cosh tanh log ln lg ' +
    'exp pi oo inf infty infinity abs floor ceil gcd lcm max min mod binom factorial Abs Max Min Mod ' +
    'Interval FiniteSet Union Eq Rational Matrix sympy math'
  ).split(' '),
);

/**
 * A line that is one expression: no prose word, at most one math span and no stray delimiter
 * (a display's closing `\]` alone is not an expression), a digit or a letter in it, and at most
 * 1,000 characters.
 */
function isPureMath(line: string, spans: { start: number; end: number }[]): boolean {
  if (line.length > 1000 || spans.length > 1 || proseWords(line) > 0) return false;
  const rest = spans.length === 1 ? line.slice(0, spans[0].start) + line.slice(spans[0].end) : line;
  if (/\\[()[\]]|\$/.test(rest)) return false;
  return /[\dA-Za-z]/.test(line.replace(/\\[A-Za-z]+/g, ''));
}

/** Words of 2+ letters outside LaTeX commands that are not math names: the prose in a line. */
function proseWords(text: string): number {
  const words = text.replace(/\\[A-Za-z]+/g, ' ').match(/[A-Za-z]{2,}/g) ?? [];
  return words.filter((w) => !MATH_NAMES.has(w)).length;
}

/**
 * A completion that is only an answer: short, one line, at most one math span covering all of it,
 * and not prose (at most 2 words of 2+ letters outside LaTeX commands and math names, e.g.
 * `5 apples`, `x = 5`, `\frac{1}{2}`, `no solution`, `(1 + sqrt(3))**4033/2**2017`; not
 * `not it's not 10 it's 1,000.99m²`).
 */
function isBare(text: string): boolean {
  if (text.length > BARE_MAX_CHARS || text.includes('\n')) return false;
  // a box still here is a placeholder (`\boxed{?}`) or switched off: not an answer
  if (/\\(?:boxed|fbox)(?![A-Za-z])/.test(text)) return false;
  const spans = mathSpans(text);
  if (spans.length > 1 || (spans.length === 1 && unwrapWholeMath(text) === null)) return false;
  return proseWords(text) <= 2;
}

/**
 * A statement that there is no answer: "I don't know.", "no idea", "not sure", "I give up",
 * "N/A" (NVIDIA-NeMo/RL #3635: a completion "I don't know." must be `no_answer`, not a wrong
 * answer or a vote). Whole-text match after `\text{}`, `$` and punctuation are removed; answers
 * such as `no solution`, `none` or `cannot be determined` are not in the list.
 */
export function isNonAnswer(text: string): boolean {
  if (text.length > 80) return false;
  const t = text
    .replace(/\\(?:text|textbf|textit|mathrm|mbox)\s*\{([^{}]*)\}/g, '$1')
    .replace(/[$*"“”]/g, '')
    .replace(/[’`]/g, "'")
    .trim()
    .replace(/[^\p{L}\p{N}'/]+$/u, '') // trailing punctuation, emoticons, emoji: `no idea :(`
    .replace(/\s+(?:lol|haha|sorry)$/i, '')
    .trim()
    .toLowerCase();
  // nothing left: only when nothing but punctuation was there (`?`, `...`); `∞` or `∅` are answers
  if (t === '') return /^[\s?.…!,;:*"'“”$_-]*$/.test(text);
  return NON_ANSWER.test(t);
}

const NON_ANSWER =
  /^(?:(?:(?:i'm\s+|i\s+am\s+)?sorry|unfortunately|honestly|hmm+)[,.!]?\s*(?:but\s+)?)?(?:(?:i|we)\s+)?(?:(?:really\s+)?(?:do\s*n[o']?t|dont|did\s*n[o']?t)\s+know(?:\s+(?:the\s+answer|it|this|that|how\s+to\s+solve\s+(?:it|this)))?|(?:have\s+)?no\s+(?:idea|clue)|(?:am\s+|i'm\s+|'m\s+)?(?:not\s+sure|unsure|uncertain)|dunno|idk|n\/a|no\s+answer|give\s+up|(?:can\s*n[o']?t|can't|could\s*n[o']?t|am\s+unable\s+to|unable\s+to)\s+(?:solve|answer|do|help\s+with)\s+(?:it|this|that)(?:\s+(?:problem|question))?)$/;

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
  return (
    /\S[\s~]*\bor\b[\s~]*\S/i.test(t) ||
    /\S\s*或\s*\S/.test(t) ||
    /\S\s*\\(?:lor|vee)(?![A-Za-z])\s*\S/.test(t) ||
    /[\d)}]or(?=[A-Z(\\\d-]|[a-z]\()/.test(t) // glued: `W(x)=1orW(x)=-1`
  );
}

/**
 * The multiple-choice letter (Math-Verify `StringExtractionConfig`): from the last box, then after
 * the last "answer is"/"answer:" anchor, then at the start, then the last standalone letter.
 * - A letter followed by `:`, `.` or `)` is the choice and the option text after it is ignored
 *   (`\boxed{E: A polygenic risk score…}` is E; NVIDIA-NeMo/Gym #1844).
 * - An article or pronoun is not a choice: `A`/`I` followed by a lower-case word that does not
 *   continue a choice (`A polygenic…`, `I think`; but `A is correct`, `A because`).
 * - Letters offered as alternatives (`A or B or C`, `(B), or maybe (D)`) are a hedge, whichever
 *   path found the letter (Liuziyu77/Visual-RFT #79: listing every option was rewarded).
 * - A box holding several different letters (`\boxed{A, C}`) gives each as a candidate.
 */
function extractChoice(region: string, choices: readonly string[], lowercase: boolean): Extraction {
  const set = new Set(choices.map((c) => c.toUpperCase()));
  const alt = [...set].map(escapeRe).join('|');
  const letter = `(?:\\(\\s*)?(?:\\\\text\\{\\s*\\(?)?(${alt})(?:\\)?\\s*\\})?(?:\\s*\\))?`;
  const hedged = choiceHedge([...set]);
  const out = (c: string, at: number, end: number, method: string, inner?: Hedged): Extraction => {
    const v = lowercase ? c.toLowerCase() : c.toUpperCase();
    const hedge =
      hedged(region, at, end) || (inner !== undefined && hedged(inner.text, inner.at, inner.at + 1));
    return { answer: v, candidates: [v], method, hedge };
  };
  const boxes = scanBoxes(region);
  const alone = new RegExp(`^\\s*${letter}\\s*$`);
  // `E: text`, `E. text`, `(E) text`, `E) text`: the letter, then its option text
  const labelled = new RegExp(`^\\s*${letter}(?:\\s*[:.](?:\\s|$)|(?<=\\))\\s)`);
  const standalone = new RegExp(`(?<![A-Za-z\\\\])(${alt})(?![A-Za-z])`, 'g');
  // every box that holds a letter is a candidate: `\boxed{A} … \boxed{B}` is two answers
  const boxed: Extraction[] = [];
  for (const b of boxes.slice(-16)) {
    const m = alone.exec(b.inner) ?? labelled.exec(b.inner);
    if (m) {
      // `\boxed{(A) or (B)}`: the letter's own neighbours inside the box count too
      boxed.push(out(m[1], b.at, b.end, 'boxed', { text: b.inner, at: m.index + m[0].indexOf(m[1]) }));
      continue;
    }
    const letters = [...b.inner.matchAll(standalone)]
      .filter((x) => !isArticle(b.inner, x.index, x[1]))
      .map((x) => (lowercase ? x[1].toLowerCase() : x[1]));
    const distinct = [...new Set(letters)];
    if (distinct.length > 1)
      boxed.push({
        answer: distinct[distinct.length - 1],
        candidates: distinct,
        method: 'boxed',
        hedge: true,
      });
  }
  if (boxed.length > 0) {
    const last = boxed[boxed.length - 1];
    return {
      answer: last.answer,
      candidates: [...new Set(boxed.flatMap((e) => e.candidates))],
      method: 'boxed',
      hedge: boxed.some((e) => e.hedge),
    };
  }
  const anchored = new RegExp(
    `(?:answer|option|choice)\\s*(?:is|:)(?:\\s*\\*\\*)?\\s*\\$?(${letter})(?![A-Za-z])`,
    'gi',
  );
  let last: { c: string; at: number; end: number } | undefined;
  for (let m = anchored.exec(region); m !== null; m = anchored.exec(region)) {
    const end = m.index + m[0].length;
    const at = end - m[1].length;
    if (!isArticle(region, at + m[1].lastIndexOf(m[2]), m[2])) last = { c: m[2], at, end };
  }
  if (last && set.has(last.c.toUpperCase())) return out(last.c, last.at, last.end, 'choice');
  const start = new RegExp(`^\\s*${letter}(?![A-Za-z])`).exec(region);
  if (start && !isArticle(region, start[0].lastIndexOf(start[1]), start[1]))
    return out(start[1], 0, start[0].length, 'choice');
  let lastAny: RegExpExecArray | undefined;
  for (let m = standalone.exec(region); m !== null; m = standalone.exec(region)) {
    if (!isArticle(region, m.index, m[1])) lastAny = m;
  }
  return lastAny ? out(lastAny[1], lastAny.index, lastAny.index + 1, 'choice') : NONE;
}

/** A letter's position inside a box's content, for {@link choiceHedge}. */
interface Hedged {
  text: string;
  at: number;
}

/** Words after `A`/`I` that continue a choice letter rather than make it an article or pronoun. */
const CHOICE_FOLLOWERS = new Set(
  'is was would will seems appears must should can could and or because since fits matches remains looks gives has best only alone'.split(
    ' ',
  ),
);

/**
 * The letter at `text[at]` is the English article `A` or pronoun `I`: a bare `A`/`I` (either
 * case) followed by a blank and a lower-case word not in {@link CHOICE_FOLLOWERS}.
 */
function isArticle(text: string, at: number, c: string): boolean {
  if (!/^[AaIi]$/.test(c)) return false;
  const next = /^[ \t]+([a-z]+)/.exec(text.slice(at + 1, at + 40));
  return next !== null && !CHOICE_FOLLOWERS.has(next[1]);
}

/**
 * `(text, at, end) → hedge` for a choice letter at `text[at, end)`: another choice letter joined to
 * it by "or" on either side (`A or B or C`, `A, B, or C`, `(B) or maybe (D)`, `**A** or **B**`,
 * `A (or B)`, `\text{(A)} or \text{(B)}`), within {@link HEDGE_WINDOW} characters.
 *
 * A token scan, not one regex: a regex with a repeated optional-bracket letter token backtracks
 * exponentially on `A (A (A (A …`. Tokens are words, `\text{`, `\text{or}`, `或` and single
 * characters; blanks are skipped. Separators (`,` `;` `/` `$` `*` brackets, `\text{`, `either`,
 * `maybe`, `possibly`, `perhaps`, `even`) are passed over; any other token ends the scan.
 */
function choiceHedge(letters: readonly string[]): (text: string, at: number, end: number) => boolean {
  const set = new Set(letters.map((c) => c.toUpperCase()));
  const kind = (text: string, tok: string, tokEnd: number): 'or' | 'letter' | 'sep' | 'stop' => {
    if (/^(?:or|或者?|\\text\{\s*or\s*\})$/i.test(tok)) return 'or';
    if (/^(?:[,;/$*()[\]{}\\]|\\text(?:bf|rm)?\{|either|maybe|possibly|perhaps|even)$/i.test(tok))
      return 'sep';
    if (tok.length === 1 && set.has(tok.toUpperCase())) {
      // a bare `a`/`I` before a lower-case word (other than "or"/"and") is an article or pronoun
      const next = /^[ \t]+([a-z]+)/.exec(text.slice(tokEnd, tokEnd + 40));
      const article = /^[AaIi]$/.test(tok) && next !== null && next[1] !== 'or' && next[1] !== 'and';
      return article ? 'stop' : 'letter';
    }
    return 'stop';
  };
  const tokens = (text: string, from: number, to: number): { tok: string; end: number }[] => {
    const out: { tok: string; end: number }[] = [];
    const re = /\\text\{\s*or\s*\}|\\text(?:bf|rm)?\{|[A-Za-z]+|或者?|\S/g;
    re.lastIndex = from;
    for (let m = re.exec(text); m !== null && m.index < to; m = re.exec(text)) {
      out.push({ tok: m[0], end: m.index + m[0].length });
    }
    return out;
  };
  /** Another letter joined by "or", reading the tokens in the given order. */
  const joined = (text: string, toks: { tok: string; end: number }[]): boolean => {
    let sawOr = false;
    for (const t of toks) {
      const k = kind(text, t.tok, t.end);
      if (k === 'or') sawOr = true;
      else if (k === 'letter') {
        if (sawOr) return true;
      } else if (k === 'stop') return false;
    }
    return false;
  };
  return (text, at, end) => {
    const right = tokens(text, end, Math.min(text.length, end + HEDGE_WINDOW));
    const from = Math.max(0, at - HEDGE_WINDOW);
    const left = tokens(text, from, at).filter((t) => t.end <= at);
    return joined(text, right) || joined(text, left.reverse());
  };
}

/** Characters read on each side of a choice letter by {@link choiceHedge}. */
const HEDGE_WINDOW = 120;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
