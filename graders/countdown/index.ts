/**
 * The Countdown grader (task `countdown`): the number puzzle of TinyZero (Pan et al. 2025,
 * github.com/Jiayi-Pan/TinyZero, `verl/utils/reward_score/countdown.py`), the usual R1-Zero
 * replication task. Reach `target` with an arithmetic expression over `numbers`, each used at most
 * once (exactly once with `use_all`), `+ - * /` and parentheses, evaluated exactly.
 *
 * Verdicts and default scores (TinyZero's `score=1`, `format_score=0.1`, 0 without an answer):
 * - `correct` (1): well-formed, numbers allowed, value equals the target exactly;
 * - `wrong` (0.1): well-formed but a number not offered, used too often, not all used under
 *   `use_all`, a division by zero, or another value;
 * - `parse_error` (0): an answer was found but is not such an expression (`=`, letters, decimals,
 *   unary minus…); TinyZero gives these 0.1, we do not reward malformed answers;
 * - `no_answer` (0): no answer found;
 * - `invalid_reference` (null): the reference is not `{target, numbers}` (graders/countdown/reference.ts).
 * Where we differ from TinyZero and why: docs/graders-countdown.md.
 */
import Type, { type Static } from 'typebox';
import { defineGrader, type GradeOutcome } from '../../src/core/grader.ts';
import {
  canonicalDigits,
  DivisionByZero,
  evaluate,
  formatRational,
  literals,
  normalizeOperators,
  parseExpr,
  scanExpr,
} from './expr.ts';
import { extractCountdownAnswer } from './extract.ts';
import { parseReference } from './reference.ts';

const Score = (dflt: number, what: string) =>
  Type.Optional(
    Type.Number({ minimum: 0, maximum: 1, default: dflt, description: `${what} (default ${dflt}).` }),
  );

export const CountdownOptionsSchema = Type.Object(
  {
    use_all: Type.Optional(
      Type.Boolean({
        default: false,
        description:
          'Every number must be used exactly once (TinyZero’s check). Default false: each at most once (the TV-show rule).',
      }),
    ),
    bare: Type.Optional(
      Type.Boolean({
        default: true,
        description:
          'Without <answer> tags, accept the last line of the final response when it is a bare expression (no `=`). Default true.',
      }),
    ),
    scores: Type.Optional(
      Type.Object(
        {
          correct: Score(1, 'Score of a correct expression (TinyZero `score`)'),
          wrong: Score(0.1, 'Score of a well-formed but wrong expression (TinyZero `format_score`)'),
          parse_error: Score(0, 'Score of an answer that is not an expression'),
          no_answer: Score(0, 'Score when no answer is found'),
        },
        { additionalProperties: false, description: 'Score per verdict, in [0, 1].' },
      ),
    ),
  },
  { additionalProperties: false },
);
export type CountdownOptions = Static<typeof CountdownOptionsSchema>;

const clip = (d: string): string => (d.length > 24 ? `${d.slice(0, 12)}…(${d.length} digits)` : d);

/**
 * Is `used` a sub-multiset of `offered` (equal multiset when `all`)? Both are canonical digit
 * strings. Returns the first offence, or null.
 */
export function checkNumbers(used: string[], offered: string[], all: boolean): string | null {
  const left = new Map<string, number>();
  for (const n of offered) left.set(n, (left.get(n) ?? 0) + 1);
  for (const n of used) {
    const k = left.get(n) ?? 0;
    if (k === 0)
      return offered.includes(n) ? `${n} used more often than offered` : `${clip(n)} is not offered`;
    left.set(n, k - 1);
  }
  if (all) {
    for (const [n, k] of left) if (k > 0) return `${n} not used (use_all)`;
  }
  return null;
}

/** Grade one Countdown completion (synchronous; see the module docs for the verdicts). */
export function gradeCountdown(
  completion: string,
  reference: unknown,
  options: CountdownOptions,
): GradeOutcome {
  const s = { correct: 1, wrong: 0.1, parse_error: 0, no_answer: 0, ...options.scores };
  const ref = parseReference(reference);
  if (!ref.ok) {
    return {
      verdict: 'invalid_reference',
      score: null,
      extracted: null,
      error: { code: 'RLVR_ERR_ITEM_REFERENCE_INVALID', message: `countdown: ${ref.message}` },
    };
  }
  const { target, numbers } = ref.ref;
  const base = { target: target.toString(), numbers: numbers.map(String) };
  const ans = extractCountdownAnswer(completion, options.bare ?? true);
  if (!ans) return { verdict: 'no_answer', score: s.no_answer, extracted: null, details: base };

  const details: Record<string, unknown> = { ...base, source: ans.source };
  const text = normalizeOperators(ans.text);
  const scan = scanExpr(text);
  if (!scan.ok) {
    return {
      verdict: 'parse_error',
      score: s.parse_error,
      extracted: ans.text,
      details: { ...details, reason: scan.message },
    };
  }
  if (scan.literals > numbers.length) {
    const reason = `uses ${scan.literals} numbers, ${numbers.length} offered`;
    return { verdict: 'wrong', score: s.wrong, extracted: ans.text, details: { ...details, reason } };
  }
  const expr = parseExpr(text);
  const used = literals(expr);
  details.used = used.map(clip);
  const offence = checkNumbers(
    used,
    numbers.map((n) => canonicalDigits(n.toString())),
    options.use_all ?? false,
  );
  if (offence)
    return {
      verdict: 'wrong',
      score: s.wrong,
      extracted: ans.text,
      details: { ...details, reason: offence },
    };
  let value: ReturnType<typeof evaluate>;
  try {
    value = evaluate(expr);
  } catch (e) {
    if (!(e instanceof DivisionByZero)) throw e;
    return {
      verdict: 'wrong',
      score: s.wrong,
      extracted: ans.text,
      details: { ...details, reason: e.message },
    };
  }
  details.value = formatRational(value);
  const ok = value.d === 1n && value.n === target;
  return ok
    ? { verdict: 'correct', score: s.correct, extracted: ans.text, details }
    : {
        verdict: 'wrong',
        score: s.wrong,
        extracted: ans.text,
        details: { ...details, reason: 'value differs from target' },
      };
}

export default defineGrader<CountdownOptions>({
  id: 'countdown',
  version: '1',
  kind: 'task',
  runs: 'pool',
  options: CountdownOptionsSchema,
  description:
    'TinyZero Countdown: reach target with + - * / over the given numbers (each at most once, or exactly once with use_all), exact rationals.',
  grade: ({ completion, reference, options }) => gradeCountdown(completion, reference, options),
});
