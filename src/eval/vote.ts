/**
 * Majority voting over sampled completions (self-consistency, Wang et al. 2022, "Self-Consistency
 * Improves Chain of Thought Reasoning in Language Models"): extract each completion's final answer,
 * cluster the answers by mathematical equivalence (not string equality: `\frac12`, `0.5` and `1/2`
 * are one vote), and return the largest cluster.
 *
 * Clustering is greedy and deterministic:
 * 1. Answers are trimmed; identical strings are one *distinct answer* (no comparison needed).
 * 2. Distinct answers are visited in order of first appearance. Each joins the first existing
 *    cluster (in creation order) whose *representative* — the cluster's first answer — it is
 *    equivalent to; otherwise it starts a new cluster. Equivalence is asked as
 *    `same(candidate, representative)`, the representative playing the reference, so an
 *    asymmetric checker is always used the same way round. (Equivalence checkers are not always
 *    transitive; comparing only to representatives keeps the result independent of that.)
 * 3. Clusters are ordered by size, larger first; **ties go to the cluster whose first member has
 *    the lowest completion index** (the answer that appeared first). The winner is the first
 *    cluster. Completions without an extractable answer vote for nothing (listed in `abstained`).
 *
 * The equivalence oracle is injected, so the server can route comparisons through the killable
 * worker pool (a runaway comparison becomes "not equivalent" instead of a hang) and tests can use a
 * plain function. Pure module: no I/O.
 */

/** One cluster of equivalent answers. */
export interface VoteCluster {
  /** The representative answer: the first member's extracted answer, as extracted. */
  answer: string;
  /** Number of completions in the cluster. */
  count: number;
  /** Completion indices (0-based, ascending). */
  members: number[];
}

export interface VoteResult {
  /** The winning answer, or `null` when no completion had an answer. */
  answer: string | null;
  /** Every cluster, winner first (size descending, then first member ascending). */
  clusters: VoteCluster[];
  /** Indices of completions without an extractable answer. */
  abstained: number[];
}

/**
 * Answers, for a list of (candidate, representative) pairs, whether each candidate is equivalent
 * to its representative. Must return one boolean per pair, in order. A comparison that fails or
 * times out should answer `false` (a separate cluster is the safe outcome).
 */
export type EquivalenceOracle = (pairs: readonly (readonly [string, string])[]) => Promise<boolean[]>;

/**
 * Cluster extracted answers and pick the majority.
 *
 * @param answers one entry per completion, in completion order: its extracted final answer, or
 *   `null`/empty when none was found
 * @param same equivalence oracle (see {@link EquivalenceOracle}); called once per distinct answer
 *   after the first, with that answer against every representative so far
 * @returns the vote; cost is at most d·(d−1)/2 comparisons for d distinct answers
 */
export async function vote(
  answers: readonly (string | null | undefined)[],
  same: EquivalenceOracle,
): Promise<VoteResult> {
  const abstained: number[] = [];
  // distinct answers in order of first appearance → member indices
  const distinct = new Map<string, number[]>();
  answers.forEach((raw, i) => {
    const a = typeof raw === 'string' ? raw.trim() : '';
    if (a === '') {
      abstained.push(i);
      return;
    }
    const members = distinct.get(a);
    if (members) members.push(i);
    else distinct.set(a, [i]);
  });

  const clusters: VoteCluster[] = [];
  for (const [answer, members] of distinct) {
    let joined = -1;
    if (clusters.length > 0) {
      const verdicts = await same(clusters.map((c) => [answer, c.answer] as const));
      if (verdicts.length !== clusters.length) {
        throw new Error(
          `equivalence oracle returned ${verdicts.length} verdicts for ${clusters.length} pairs`,
        );
      }
      joined = verdicts.indexOf(true);
    }
    if (joined >= 0) {
      const c = clusters[joined];
      c.members.push(...members);
      c.count += members.length;
    } else {
      clusters.push({ answer, count: members.length, members: [...members] });
    }
  }
  for (const c of clusters) c.members.sort((x, y) => x - y);
  clusters.sort((x, y) => y.count - x.count || x.members[0] - y.members[0]);
  return { answer: clusters[0]?.answer ?? null, clusters, abstained };
}

/** The completion index whose answer represents the winning cluster (its first member), or null. */
export function representative(result: VoteResult): number | null {
  const w = result.clusters[0];
  if (!w) return null;
  // Distinct answers are visited in order of first appearance, so the founding answer's first
  // occurrence is the cluster's lowest index.
  return w.members[0];
}

/**
 * maj@k of one problem (self-consistency accuracy over the first k samples): for each k, vote over
 * the first k answers and check whether the winning cluster's representative completion was graded
 * correct. No answer at all counts as not correct. `rlvr grade` and NeMo-Gym `/aggregate_metrics`
 * both compute maj@k here.
 *
 * @param answers extracted answers in completion order (`null` abstains)
 * @param isCorrect whether completion `i` was graded correct
 * @param ks the k values; those above `answers.length` are skipped
 * @returns k → whether the majority at k is correct
 */
export async function majorityCorrectAtK(
  answers: readonly (string | null | undefined)[],
  isCorrect: (index: number) => boolean,
  ks: readonly number[],
  same: EquivalenceOracle,
): Promise<Record<number, boolean>> {
  const out: Record<number, boolean> = {};
  for (const k of ks) {
    if (k > answers.length) continue;
    const rep = representative(await vote(answers.slice(0, k), same));
    out[k] = rep !== null && isCorrect(rep);
  }
  return out;
}
