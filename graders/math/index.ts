/**
 * The math grader (task `math`): extract → normalize → parse → compare, each stage its own file.
 *
 * Verdicts (score in brackets):
 * - `correct` (1): the final answer equals the reference (graders/math/compare.ts);
 * - `wrong` (0): another value; or several *different* final answers (two boxes that disagree);
 *   or a hedge (`2 or 3`) unless the reference itself has those parts;
 * - `parse_error` (0): an answer was found but is not math we can read (documented in
 *   docs/math-equivalence.md: a policy must not gain reward by writing unreadable answers);
 * - `no_answer` (0): nothing answer-like in the completion (or an unterminated `<think>`);
 * - `invalid_reference` (null): the reference has no answer or it cannot be parsed: never rewards.
 * Timeouts are the pool's: the grader is synchronous and runs in a killable worker.
 */
import { defineGrader, type GradeOutcome } from '../../src/core/grader.ts';
import type { Node } from './ast.ts';
import { COMPARE_DEFAULTS, type CompareOptions, same } from './compare.ts';
import { extractAnswer, extractReference } from './extract.ts';
import { normalizeAnswer } from './normalize.ts';
import { type MathOptions, MathOptionsSchema, resolveOptions } from './options.ts';
import { ParseError, parse } from './parse.ts';

export { COMPARE_DEFAULTS, type CompareOptions } from './compare.ts';
export { type MathOptions, MathOptionsSchema } from './options.ts';

const KEEP_LHS = Object.freeze({ stripLhs: false });
const KEEP_PERCENT = Object.freeze({ stripLhs: false, percent: false });

/** Bumped whenever a verdict can change for the same input. */
export const MATH_GRADER_VERSION = '1.2.0';

/**
 * Parse a raw (extracted, not yet normalised) answer; null when it is not readable math.
 * `reference`: a `%` is kept as a percent (so `28\%` accepts 28 and 0.28, compare.ts); a
 * prediction's `%` is dropped (hendrycks/Qwen), so `28\%` against a reference 28 is right too.
 */
export function parseAnswer(raw: string, side: 'reference' | 'prediction' = 'prediction'): Node | null {
  if (side === 'reference' && /%|percent/.test(raw)) {
    const kept = tryParse(normalizeAnswer(raw, KEEP_PERCENT));
    if (kept !== null) return kept;
  }
  // the left-hand side is kept: compare.ts strips `x =` itself and needs it for `y = …` vs `2x + 4y = 3`
  return tryParse(normalizeAnswer(raw, KEEP_LHS));
}

/**
 * The other reading of a reference written with an ambiguous comma: `0,1` is read as the decimal
 * 0.1 (Math-Verify `test_decimal_comma`: `0,111` = 0.111), but a bare MATH reference `0,1` is the
 * pair 0, 1 (lm-evaluation-harness PR 4039). A reference is the authority, so a prediction matching
 * either reading is right; a prediction gets one reading only (two would be a hedge). Null when
 * the reference has no such comma.
 */
export function referenceAlternative(raw: string): Node | null {
  const main = normalizeAnswer(raw, KEEP_LHS);
  const list = normalizeAnswer(raw, KEEP_LIST);
  return list === main ? null : tryParse(list);
}
const KEEP_LIST = Object.freeze({ stripLhs: false, decimalComma: false });

function tryParse(norm: string): Node | null {
  if (norm === '') return null;
  try {
    return parse(norm);
  } catch (e) {
    if (e instanceof ParseError) return null;
    throw e;
  }
}

/**
 * Whether `pred` is the same final answer as `gold`; both already extracted (raw text, LaTeX or
 * plain). Asymmetric in two documented ways (compare.ts): the gold's decimal precision rules, and
 * an inequality prediction matches an interval gold only with `setRelation`. An unreadable side
 * is equal only to the identical normalised text.
 */
export function verify(gold: string, pred: string, opts: CompareOptions = COMPARE_DEFAULTS): boolean {
  const g = parseAnswer(gold, 'reference');
  const p = parseAnswer(pred);
  if (g === null || p === null) {
    const a = normalizeAnswer(gold, KEEP_LHS).replace(/\s+/g, '');
    return a !== '' && a === normalizeAnswer(pred, KEEP_LHS).replace(/\s+/g, '');
  }
  if (same(g, p, opts)) return true;
  const alt = referenceAlternative(gold);
  return alt !== null && same(alt, p, opts);
}

/**
 * Whether two final answers are equivalent, for clustering answers in majority voting (maj@k):
 * `verify` both ways, so the relation is symmetric.
 */
export function equivalent(a: string, b: string, opts: CompareOptions = COMPARE_DEFAULTS): boolean {
  return verify(a, b, opts) && verify(b, a, opts);
}

function invalidReference(message: string): GradeOutcome {
  return {
    verdict: 'invalid_reference',
    score: null,
    extracted: null,
    error: { code: 'RLVR_ERR_ITEM_REFERENCE_INVALID', message: `math: ${message}` },
  };
}

/** Grade one completion against a reference (synchronous; runs in the pool). */
export function gradeMath(
  completion: string,
  reference: unknown,
  options: MathOptions | undefined,
): GradeOutcome {
  const o = resolveOptions(options);
  // a JSON number (`18`) or a list of answers (OlympiadBench `final_answer`) is accepted as its text
  if (typeof reference === 'number' && Number.isFinite(reference)) reference = String(reference);
  if (Array.isArray(reference) && reference.length > 0 && reference.every((x) => typeof x === 'string'))
    reference = reference.join(', ');
  if (typeof reference !== 'string') return invalidReference('reference must be a string');
  const ref = extractReference(reference);
  if (ref.answer === null) return invalidReference('no answer found in the reference');
  const goldText = ref.candidates.length > 1 ? finalBoxes(reference, ref.answer) : ref.answer;
  const gold = parseAnswer(goldText, 'reference');
  if (gold === null) return invalidReference(`reference answer is not readable math: ${clip(goldText)}`);

  const ex = extractAnswer(completion, o.extract);
  if (ex.answer === null)
    return { verdict: 'no_answer', score: 0, extracted: null, details: { method: ex.method } };
  const details: Record<string, unknown> = { method: ex.method, reference: clip(goldText) };
  // `\boxed{1}, \boxed{2}`: adjacent boxes are one answer with several parts
  let run = ex.method === 'boxed' && ex.candidates.length > 1 ? boxRun(completion, ex.answer) : [ex.answer];
  // `\boxed{6}, \boxed{6}`: one answer boxed twice is stated twice, not an answer with two parts
  // (Qwen2.5-Math math_cot_100 48/3, labelled correct), unless the reference has several parts
  if (run.length > 1 && run.every((b) => b.trim() === run[0].trim()) && gold.t !== 'list' && gold.t !== 'seq')
    run = [run[run.length - 1]];
  const predText = run.join(', ');
  const pred = parseAnswer(predText);
  if (pred === null) return { verdict: 'parse_error', score: 0, extracted: predText, details };

  // other boxes before the final run: each must be the same answer, else the completion answered twice
  const earlier = ex.candidates.slice(0, Math.max(0, ex.candidates.length - run.length));
  for (const c of [...new Set(earlier)].slice(-16)) {
    const other = parseAnswer(c);
    if (other === null || !same(pred, other, o.compare)) {
      return {
        verdict: 'wrong',
        score: 0,
        extracted: predText,
        details: { ...details, reason: 'several different final answers' },
      };
    }
  }
  const alt = referenceAlternative(goldText);
  const ok = same(gold, pred, o.compare) || (alt !== null && same(alt, pred, o.compare));
  // `x < -1 or x > 2` is the union the reference states, not a hedge
  if (ex.hedge && ok && gold.t !== 'list' && gold.t !== 'setop') {
    return {
      verdict: 'wrong',
      score: 0,
      extracted: predText,
      details: { ...details, reason: 'hedged answer' },
    };
  }
  return { verdict: ok ? 'correct' : 'wrong', score: ok ? 1 : 0, extracted: predText, details };
}

/** Text allowed between two boxes of one answer: separators, math delimiters, spacing, "and". */
const BOX_GAP = /^(?:\s|[,;.$&]|\\[()[\]]|\\(?:quad|qquad|text\{\s*(?:and|,)?\s*\})|\band\b|\\[,;!]|\\\\)*$/i;
/** Boxes looked at, from the end (a completion can hold thousands of boxes). */
const MAX_BOXES = 64;

/**
 * The last run of adjacent `\boxed{}`/`\fbox{}` contents in `text` (`\boxed{1}, \boxed{2}` →
 * `['1', '2']`), provided its last box is `last`; otherwise `[last]`. Linear scan.
 */
export function boxRun(text: string, last: string): string[] {
  const boxes: { start: number; end: number; body: string }[] = [];
  const re = /\\(?:boxed|fbox)\s*\{/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    let depth = 1;
    let j = m.index + m[0].length;
    for (; j < text.length && depth > 0; j++) {
      const c = text[j];
      if (c === '\\') j++;
      else if (c === '{') depth++;
      else if (c === '}') depth--;
    }
    if (depth !== 0) break;
    boxes.push({ start: m.index, end: j, body: text.slice(m.index + m[0].length, j - 1).trim() });
    if (boxes.length > MAX_BOXES) boxes.shift();
    re.lastIndex = j;
  }
  if (boxes.length === 0 || boxes[boxes.length - 1].body !== last.trim()) return [last];
  let k = boxes.length - 1;
  while (k > 0 && BOX_GAP.test(text.slice(boxes[k - 1].end, boxes[k].start))) k--;
  return boxes.slice(k).map((b) => b.body);
}

/** The reference's final answer when it has several boxes: the last run of adjacent boxes. */
function finalBoxes(reference: string, last: string): string {
  return boxRun(reference, last).join(', ');
}
const clip = (s: string): string => (s.length > 200 ? `${s.slice(0, 200)}…` : s);

export default defineGrader<MathOptions>({
  id: 'math',
  version: MATH_GRADER_VERSION,
  kind: 'task',
  runs: 'pool',
  options: MathOptionsSchema,
  description:
    'Math answers: extract the final answer (\\boxed{}, "the answer is", ####, <answer>), normalise, parse LaTeX/plain text, compare exactly, numerically, symbolically and structurally.',
  grade: ({ completion, reference, options }) => gradeMath(completion, reference, options),
});
