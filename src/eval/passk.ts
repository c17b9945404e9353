/**
 * Sampling metrics for evaluation jobs: pass@k and maj@k.
 *
 * pass@k is the unbiased estimator of Chen et al. 2021 ("Evaluating Large Language Models Trained
 * on Code", §2.1): with n samples of which c are correct,
 *
 *   pass@k = 1 − C(n − c, k) / C(n, k)
 *
 * computed as the numerically stable product 1 − Π_{i=n−c+1}^{n} (1 − k / i) (the paper's
 * Figure 3), so no binomial coefficient is ever formed. maj@k (self-consistency, Wang et al. 2022)
 * is computed by `src/eval/vote.ts`; this module only averages per-problem outcomes.
 *
 * Pure module: no I/O.
 */

/**
 * Unbiased pass@k for one problem.
 *
 * @param n number of samples drawn for the problem (n ≥ 1)
 * @param c number of those samples graded correct (0 ≤ c ≤ n)
 * @param k budget (1 ≤ k ≤ n)
 * @returns probability in [0, 1] that at least one of k samples drawn without replacement from
 *   the n is correct
 * @throws RangeError when the arguments are not integers with 0 ≤ c ≤ n and 1 ≤ k ≤ n
 */
export function passAtK(n: number, c: number, k: number): number {
  if (![n, c, k].every(Number.isInteger) || n < 1 || c < 0 || c > n || k < 1 || k > n) {
    throw new RangeError(`pass@k needs integers 0 ≤ c ≤ n, 1 ≤ k ≤ n (got n=${n}, c=${c}, k=${k})`);
  }
  if (n - c < k) return 1;
  let prodFail = 1;
  for (let i = n - c + 1; i <= n; i++) prodFail *= 1 - k / i;
  return 1 - prodFail;
}

/**
 * Mean pass@k over problems. Problems with fewer than k samples are skipped (pass@k is undefined
 * for them), and so is the whole metric when no problem has k samples.
 *
 * @param problems per problem, `n` samples and `c` correct
 * @returns `{value, problems}`: the mean in [0, 1] and how many problems it averages, or `null`
 */
export function meanPassAtK(
  problems: readonly { n: number; c: number }[],
  k: number,
): { value: number; problems: number } | null {
  let sum = 0;
  let count = 0;
  for (const p of problems) {
    if (p.n < k) continue;
    sum += passAtK(p.n, p.c, k);
    count++;
  }
  return count === 0 ? null : { value: sum / count, problems: count };
}

/**
 * The k values worth reporting for problems with up to `maxN` samples: powers of two up to maxN,
 * plus maxN itself (e.g. 8 → [1, 2, 4, 8]; 5 → [1, 2, 4, 5]). Explicit ks are filtered to ≤ maxN.
 */
export function defaultKs(maxN: number, requested?: readonly number[]): number[] {
  if (requested && requested.length > 0) {
    return [...new Set(requested.filter((k) => Number.isInteger(k) && k >= 1 && k <= maxN))].sort(
      (a, b) => a - b,
    );
  }
  const ks: number[] = [];
  for (let k = 1; k <= maxN; k *= 2) ks.push(k);
  if (maxN >= 1 && ks[ks.length - 1] !== maxN) ks.push(maxN);
  return ks;
}
