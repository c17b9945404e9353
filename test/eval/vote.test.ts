import { describe, expect, it } from 'vitest';
import { type EquivalenceOracle, majorityCorrectAtK, representative, vote } from '../../src/eval/vote.ts';

/** A toy oracle for the clustering logic alone: numbers equal when their values are equal. */
const numeric: EquivalenceOracle = async (pairs) =>
  pairs.map(([a, b]) => {
    const v = (s: string) => {
      const m = /^(-?\d+)\/(\d+)$/.exec(s);
      return m ? Number(m[1]) / Number(m[2]) : Number(s);
    };
    return Number.isFinite(v(a)) && v(a) === v(b);
  });

describe('vote (self-consistency clustering)', () => {
  it('clusters equivalent answers and picks the largest cluster', async () => {
    const r = await vote(['1/2', '2', '0.5', null, '2', '0.50', ''], numeric);
    expect(r.answer).toBe('1/2');
    expect(r.clusters).toEqual([
      { answer: '1/2', count: 3, members: [0, 2, 5] },
      { answer: '2', count: 2, members: [1, 4] },
    ]);
    expect(r.abstained).toEqual([3, 6]);
    expect(representative(r)).toBe(0);
  });

  it('breaks ties toward the answer that appeared first', async () => {
    const r = await vote(['7', '3', '3', '7'], numeric);
    expect(r.answer).toBe('7');
    expect(r.clusters.map((c) => c.count)).toEqual([2, 2]);
    const r2 = await vote(['3', '7', '7', '3'], numeric);
    expect(r2.answer).toBe('3');
  });

  it('returns null when nobody answered', async () => {
    const r = await vote([null, '  '], numeric);
    expect(r).toEqual({ answer: null, clusters: [], abstained: [0, 1] });
    expect(representative(r)).toBeNull();
  });

  it('asks only candidate-vs-representative, never compares identical strings', async () => {
    const asked: string[] = [];
    const spy: EquivalenceOracle = async (pairs) => {
      for (const [a, b] of pairs) asked.push(`${a}~${b}`);
      return numeric(pairs);
    };
    await vote(['4', '4', '8/2', '5', '4.0'], spy);
    expect(asked).toEqual(['8/2~4', '5~4', '4.0~4', '4.0~5']);
  });

  it('is deterministic: same input, same clusters', async () => {
    const input = ['2', '1/2', '0.5', '2', '3', '3', '3', '0.5'];
    const a = await vote(input, numeric);
    const b = await vote(input, numeric);
    expect(a).toEqual(b);
    // {1/2, 0.5, 0.5} and {3, 3, 3} tie at 3 votes; 1/2 (index 1) appeared before 3 (index 4)
    expect(a.answer).toBe('1/2');
    expect(a.clusters.map((c) => [c.answer, c.count])).toEqual([
      ['1/2', 3],
      ['3', 3],
      ['2', 2],
    ]);
  });
});

describe('majorityCorrectAtK (maj@k of one problem)', () => {
  it('votes over the first k answers and checks the representative completion', async () => {
    // completions 1 and 2 (answer 1/2) are graded correct; the majority moves from 3 to 1/2 at k = 4
    const answers = ['3', '1/2', '0.5', '1/2', null, '3'];
    const graded = [false, true, true, false, false, false];
    const m = await majorityCorrectAtK(answers, (i) => graded[i], [1, 2, 4, 6, 8], numeric);
    // k=1: 3 wins (wrong); k=2: tie 3 vs 1/2 goes to 3; k=4: 1/2 (×3) wins, representative 1 is
    // correct; k=6: 1/2 (×3) beats 3 (×2); k=8 exceeds the 6 completions and is skipped
    expect(m).toEqual({ 1: false, 2: false, 4: true, 6: true });
  });

  it('is false when no completion has an answer', async () => {
    expect(await majorityCorrectAtK([null, ''], () => true, [1, 2], numeric)).toEqual({ 1: false, 2: false });
  });
});
