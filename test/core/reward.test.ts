import { describe, expect, it } from 'vitest';
import { activeComponents, combine, PRESETS } from '../../src/core/reward.ts';

describe('combine', () => {
  it('sums weighted components', () => {
    expect(combine(PRESETS.r1, { accuracy: 1, format: 0.5, consistency: 0.25 })).toBe(1.75);
  });
  it('is null when a weighted component failed', () => {
    expect(combine({ accuracy: 1, format: 1 }, { accuracy: null, format: 1 })).toBeNull();
  });
  it('ignores unweighted components, even failed ones', () => {
    expect(combine({ accuracy: 2 }, { accuracy: 1, format: null })).toBe(2);
  });
  it('lists active components in a fixed order', () => {
    expect(activeComponents({ consistency: 1, accuracy: 0.5 })).toEqual(['accuracy', 'consistency']);
  });
});
