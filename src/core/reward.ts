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
