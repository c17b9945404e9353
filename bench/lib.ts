/**
 * Shared bench helpers. A bench module default-exports a {@link Bench}; bench/run.ts runs the list.
 * Every figure is reported next to a baseline measured in the same run, so machines and load
 * (2 shared cores here) cancel out in the ratio.
 */

export interface BenchRow {
  /** What was measured, e.g. "math comparisons, pool (2 workers)". */
  name: string;
  value: number;
  /** Unit, e.g. "items/s", "ms". */
  unit: string;
  /** Name of the baseline row this one is compared with (same bench). */
  baseline?: string;
  /** Extra context (sizes, counts). */
  note?: string;
}

export interface Bench {
  name: string;
  run(): Promise<BenchRow[]>;
}

/** The p-th percentile (0–100) of `xs`, nearest-rank. */
export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
