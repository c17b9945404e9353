/**
 * Verdicts: the one list every grader, route and metric label draws from.
 *
 * Answer-checking graders (math, countdown) use the lower-case verdicts; code uses the judge
 * verdicts of competitive programming (Codeforces, Judge0, SandboxFusion), spelled as those judges
 * spell them. `error` and `invalid_reference` are *our* side's failures: their reward is `null`,
 * never a silent 0, so a trainer can mask or retry them instead of learning from them.
 */
import Type from 'typebox';

/** Verdicts of answer-checking graders (math, countdown, format, consistency). */
export const ANSWER_VERDICTS = [
  'correct',
  'wrong',
  'partial',
  'no_answer',
  'timeout',
  'parse_error',
] as const;

/** Verdicts of code execution (per test and overall), as judges name them. */
export const CODE_VERDICTS = [
  'Accepted',
  'Wrong Answer',
  'Time Limit Exceeded',
  'Memory Limit Exceeded',
  'Runtime Error',
  'Compile Error',
  'Output Limit Exceeded',
] as const;

/** Verdicts that mean our side could not grade the item: reward is null. */
export const ERROR_VERDICTS = ['invalid_reference', 'error'] as const;

/** Verdict given when the accuracy component was not requested (weights without `accuracy`). */
export const SCORED_VERDICT = 'scored' as const;

export const VERDICTS = [...ANSWER_VERDICTS, ...CODE_VERDICTS, ...ERROR_VERDICTS, SCORED_VERDICT] as const;

export const VerdictSchema = Type.Union(
  VERDICTS.map((v) => Type.Literal(v)),
  { $id: 'Verdict', description: 'Outcome of grading one item. See docs/verdicts.md.' },
);
export type Verdict = (typeof VERDICTS)[number];

export function isErrorVerdict(v: Verdict): boolean {
  return (ERROR_VERDICTS as readonly string[]).includes(v);
}

/** Verdicts that count as a solved item (pass@k, maj@k, trainers' `correct` logs). */
export const CORRECT_VERDICTS = ['correct', 'Accepted'] as const;

/**
 * Whether a verdict counts as correct: `correct` (answer graders) or `Accepted` (code). Takes any
 * value, so a client-sent verdict (NeMo-Gym aggregate) can be checked too.
 */
export function isCorrectVerdict(v: unknown): boolean {
  return (CORRECT_VERDICTS as readonly unknown[]).includes(v);
}
