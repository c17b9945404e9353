/**
 * Majority voting wired to the math grader: the code behind `POST /vote` and `rlvr grade`'s maj@k.
 *
 * - Answers are extracted with the math grader's own extraction (`graders/math/extract.ts`); a
 *   hedge (`2 or 3`) or a completion without a final answer abstains.
 * - Two answers are equivalent when the math grader, given `\boxed{candidate}` as the completion
 *   and the representative as the reference, returns `correct`. The comparison runs through the
 *   engine, so it has the same killable deadline as any graded item: a comparison that times out
 *   or fails counts as *not* equivalent (a separate cluster), never as a hang.
 * - When a reference is given, the vote is correct iff the winning cluster's representative
 *   completion (its lowest-index member) is graded `correct` against the reference.
 */
import { extractAnswer } from '../../graders/math/extract.ts';
import type { ItemResult, RewardItem } from '../schemas/reward.ts';
import type { GradeBackend } from './backend.ts';
import { type EquivalenceOracle, representative, type VoteResult, vote } from './vote.ts';

/** The answer a completion votes for, or null (no answer, or a hedge). */
export function voteAnswer(completion: string): string | null {
  const e = extractAnswer(completion);
  if (e.hedge || e.answer === null) return null;
  const a = e.answer.trim();
  return a === '' ? null : a;
}

/**
 * An equivalence oracle backed by the math grader through `backend`. Requests made in the same
 * tick are sent as one batch (many concurrent votes → one grading call), and verdicts are cached
 * by (candidate, representative): the same pair always gets the same answer.
 */
export function gradingOracle(backend: Pick<GradeBackend, 'grade'>, task = 'math'): EquivalenceOracle {
  const cache = new Map<string, Promise<boolean>>();
  let queue: { key: string; pair: readonly [string, string]; resolve: (v: boolean) => void }[] = [];
  let scheduled = false;
  const flush = async () => {
    scheduled = false;
    const batch = queue;
    queue = [];
    const items: RewardItem[] = batch.map((q, i) => ({
      id: `eq${i}`,
      task,
      completion: `\\boxed{${q.pair[0]}}`,
      reference: q.pair[1],
    }));
    let results: ItemResult[] | null = null;
    try {
      results = await backend.grade(items, { weights: { accuracy: 1 } });
    } catch {
      results = null; // a failed comparison is "not equivalent": a separate cluster
    }
    batch.forEach((q, i) => {
      q.resolve(results?.[i]?.verdict === 'correct');
    });
  };
  return (pairs) =>
    Promise.all(
      pairs.map(([a, b]) => {
        const key = `${a}\u0000${b}`;
        let p = cache.get(key);
        if (!p) {
          p = new Promise<boolean>((resolve) => {
            queue.push({ key, pair: [a, b], resolve });
          });
          cache.set(key, p);
          if (!scheduled) {
            scheduled = true;
            setImmediate(flush);
          }
        }
        return p;
      }),
    );
}

export interface MajorityResult extends VoteResult {
  /**
   * Present when a reference was given: whether the winning answer is graded correct; null when
   * our side could not grade it (e.g. an unparseable reference: never a silent false).
   */
  correct?: boolean | null;
  /** Why `correct` is null. */
  error?: { code: string; message: string };
}

/**
 * Self-consistency vote over one problem's completions (the body of `POST /vote`).
 *
 * @param completions the sampled completions, in order (indices in the result refer to them)
 * @param backend where verdicts come from (the server's engine, or the CLI's)
 * @param reference optional gold answer; adds `correct`
 */
export async function majorityVote(
  completions: readonly string[],
  backend: Pick<GradeBackend, 'grade'>,
  reference?: string,
  oracle: EquivalenceOracle = gradingOracle(backend),
): Promise<MajorityResult> {
  const result: MajorityResult = await vote(completions.map(voteAnswer), oracle);
  if (reference !== undefined) {
    const rep = representative(result);
    if (rep === null) result.correct = false;
    else {
      const [r] = await backend.grade(
        [{ id: 'vote', task: 'math', completion: completions[rep], reference }],
        {
          weights: { accuracy: 1 },
        },
      );
      if (r.reward === null) {
        result.correct = null;
        if (r.error) result.error = r.error;
      } else result.correct = r.verdict === 'correct';
    }
  }
  return result;
}
