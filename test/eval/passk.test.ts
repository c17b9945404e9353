import { describe, expect, it } from 'vitest';
import { defaultKs, meanPassAtK, passAtK } from '../../src/eval/passk.ts';

/** C(n, k) exactly, for the independent check of the stable product form. */
function binom(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let r = 1n;
  for (let i = 1; i <= k; i++) r = (r * BigInt(n - k + i)) / BigInt(i);
  return r;
}
function exact(n: number, c: number, k: number): number {
  const num = binom(n - c, k);
  const den = binom(n, k);
  // 1 - num/den with 1e-15 precision, through scaled bigints
  const scale = 10n ** 18n;
  return 1 - Number((num * scale) / den) / 1e18;
}

describe('passAtK (Chen et al. 2021 unbiased estimator)', () => {
  it('matches hand-computed cases', () => {
    // n=5, c=2: k=1 → c/n; k=2 → 1 − C(3,2)/C(5,2) = 1 − 3/10; k=3 → 1 − 1/10; k=4 → 1 (n−c < k)
    expect(passAtK(5, 2, 1)).toBeCloseTo(0.4, 12);
    expect(passAtK(5, 2, 2)).toBeCloseTo(0.7, 12);
    expect(passAtK(5, 2, 3)).toBeCloseTo(0.9, 12);
    expect(passAtK(5, 2, 4)).toBe(1);
    // n=8, c=1, k=4: 1 − C(7,4)/C(8,4) = 1 − 35/70 = 0.5
    expect(passAtK(8, 1, 4)).toBeCloseTo(0.5, 12);
    expect(passAtK(10, 0, 5)).toBe(0);
    expect(passAtK(3, 3, 1)).toBe(1);
  });

  it('agrees with exact binomials for large n (Codex-style n=200)', () => {
    for (const [n, c, k] of [
      [200, 13, 1],
      [200, 13, 10],
      [200, 13, 100],
      [100, 1, 50],
      [64, 7, 32],
    ] as const) {
      expect(passAtK(n, c, k)).toBeCloseTo(exact(n, c, k), 12);
    }
  });

  it('pass@1 is the fraction correct', () => {
    expect(passAtK(7, 3, 1)).toBeCloseTo(3 / 7, 14);
  });

  it('rejects impossible arguments', () => {
    expect(() => passAtK(4, 5, 1)).toThrow(RangeError);
    expect(() => passAtK(4, 1, 5)).toThrow(RangeError);
    expect(() => passAtK(4, 1, 0)).toThrow(RangeError);
    expect(() => passAtK(4.5, 1, 1)).toThrow(RangeError);
  });
});

describe('meanPassAtK', () => {
  it('averages over problems with at least k samples', () => {
    const r = meanPassAtK(
      [
        { n: 4, c: 4 },
        { n: 4, c: 0 },
        { n: 1, c: 1 },
      ],
      2,
    );
    expect(r).toEqual({ value: 0.5, problems: 2 });
    expect(meanPassAtK([{ n: 1, c: 1 }], 2)).toBeNull();
  });
});

describe('defaultKs', () => {
  it('gives powers of two plus n', () => {
    expect(defaultKs(8)).toEqual([1, 2, 4, 8]);
    expect(defaultKs(5)).toEqual([1, 2, 4, 5]);
    expect(defaultKs(1)).toEqual([1]);
    expect(defaultKs(8, [16, 4, 1, 4])).toEqual([1, 4]);
  });
});
