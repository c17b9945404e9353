/**
 * Guarding the engine against graders: whatever a grader returns is checked before it can become
 * a reward. A malformed outcome (unknown verdict, score outside [0, 1], NaN) becomes verdict
 * `error` with reward null, never a number a policy could learn from.
 */
import { itemError } from '../core/errors.ts';
import type { GradeOutcome } from '../core/grader.ts';
import { isErrorVerdict, VERDICTS } from '../schemas/verdict.ts';

const VERDICT_SET = new Set<string>(VERDICTS);

/**
 * `details` as plain JSON: BigInts become strings, non-JSON values are dropped, so one grader's
 * exotic detail can never make the whole batch's reply fail to serialize.
 */
function plainJson(details: Record<string, unknown>): Record<string, unknown> {
  try {
    return JSON.parse(JSON.stringify(details, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
  } catch {
    return { unserializable: true };
  }
}

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
  // Shape of the fields that go into the reply: `extracted` a string or null, `details` an object.
  const shaped: GradeOutcome = { ...out };
  if (shaped.extracted !== undefined && shaped.extracted !== null && typeof shaped.extracted !== 'string') {
    shaped.extracted = String(shaped.extracted);
  }
  if (shaped.details !== undefined) {
    if (typeof shaped.details !== 'object' || shaped.details === null) delete shaped.details;
    else shaped.details = plainJson(shaped.details);
  }
  if (isErrorVerdict(out.verdict)) {
    return {
      ...shaped,
      score: null,
      error:
        out.error ??
        (out.verdict === 'invalid_reference'
          ? itemError('RLVR_ERR_ITEM_REFERENCE_INVALID', `${graderId}: no reason given`)
          : itemError('RLVR_ERR_GRADER_THREW', graderId, out.verdict)),
    };
  }
  if (typeof out.score !== 'number' || !Number.isFinite(out.score) || out.score < 0 || out.score > 1) {
    return {
      verdict: 'error',
      score: null,
      error: itemError('RLVR_ERR_GRADER_THREW', graderId, `score ${String(out.score)} is not in [0, 1]`),
    };
  }
  return shaped;
}
