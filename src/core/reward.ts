/**
 * Combining component scores into one reward.
 *
 * reward = Σ weight[c] · score[c] over the components with a non-zero weight. If any weighted
 * component could not be graded (score `null`: our side failed), the reward is `null`: an
 * infrastructure failure must never be scored as 0 (SandboxFusion's Success/Failed/SandboxError
 * split; see docs/rewards.md).
 */
import { COMPONENTS, type Component } from './grader.ts';

export type Weights = Partial<Record<Component, number>>;

/**
 * Named weight presets.
 * - `accuracy` (the default): accuracy only.
 * - `r1`: DeepSeek-R1 (Guo et al. 2025, §2.2.2 and §2.3.3): accuracy + format + language
 *   consistency, summed with weight 1 each.
 * - `r1_zero`: DeepSeek-R1-Zero: accuracy + format.
 */
export const PRESETS: Readonly<Record<string, Readonly<Weights>>> = Object.freeze({
  accuracy: Object.freeze({ accuracy: 1 }),
  r1: Object.freeze({ accuracy: 1, format: 1, consistency: 1 }),
  r1_zero: Object.freeze({ accuracy: 1, format: 1 }),
});

export const DEFAULT_WEIGHTS: Readonly<Weights> = PRESETS.accuracy;

/**
 * Largest weight a component may have. Each component scores in [0, 1], so a reward is at most
 * 3 × MAX_WEIGHT: always finite (1e308 + 1e308 overflowed to Infinity and lost the batch, security
 * review #12). Presets use 1; TRL `reward_weights` and verl reward managers use weights of order 1.
 */
export const MAX_WEIGHT = 1000;

/**
 * Why weights are unusable, or `null` when they are valid: every weight is a finite number in
 * [0, {@link MAX_WEIGHT}], and at least one is non-zero. Negative weights are refused: a weight
 * of −1 turned a correct answer into reward −1 (security review #13); components are rewards,
 * not penalties.
 */
export function weightsProblem(weights: Weights): string | null {
  for (const [k, v] of Object.entries(weights)) {
    if (typeof v !== 'number' || !Number.isFinite(v)) return `weight "${k}" must be a finite number`;
    if (v < 0) return `weight "${k}" is ${v}; weights must be >= 0`;
    if (v > MAX_WEIGHT) return `weight "${k}" is ${v}; weights must be <= ${MAX_WEIGHT}`;
  }
  if (activeComponents(weights).length === 0) return 'every weight is 0';
  return null;
}

/** Components with a non-zero weight, in the fixed order of COMPONENTS. */
export function activeComponents(weights: Weights): Component[] {
  return COMPONENTS.filter((c) => (weights[c] ?? 0) !== 0);
}

/** Weighted sum; `null` if a weighted component is `null` or missing. */
export function combine(weights: Weights, scores: Partial<Record<Component, number | null>>): number | null {
  let total = 0;
  for (const c of activeComponents(weights)) {
    const s = scores[c];
    if (s === null || s === undefined) return null;
    total += (weights[c] as number) * s;
  }
  return total;
}
