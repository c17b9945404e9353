/**
 * Guarding the engine against graders: whatever a grader returns is checked before it can become
 * a reward. A malformed outcome (unknown verdict, score outside [0, 1], NaN) becomes verdict
 * `error` with reward null, never a number a policy could learn from.
 */
import { itemError } from '../core/errors.ts';
import type { GradeOutcome } from '../core/grader.ts';
import { isErrorVerdict, VERDICTS } from '../schemas/verdict.ts';

const VERDICT_SET = new Set<string>(VERDICTS);

/** Check a grader's answer; anything malformed becomes an `error` outcome (never a reward). */
export function sanitizeOutcome(graderId: string, o: unknown): GradeOutcome {
  const out = o as GradeOutcome | null;
  if (!out || typeof out !== 'object' || !VERDICT_SET.has(out.verdict as string)) {
    return {
      verdict: 'error',
      score: null,
      error: itemError('RLVR_ERR_GRADER_THREW', graderId, 'returned a malformed outcome'),
    };
  }
  if (isErrorVerdict(out.verdict)) {
    return {
      ...out,
      score: null,
      error: out.error ?? itemError('RLVR_ERR_GRADER_THREW', graderId, out.verdict),
    };
  }
  if (typeof out.score !== 'number' || !Number.isFinite(out.score) || out.score < 0 || out.score > 1) {
    return {
      verdict: 'error',
      score: null,
      error: itemError('RLVR_ERR_GRADER_THREW', graderId, `score ${String(out.score)} is not in [0, 1]`),
    };
  }
  return out;
}
