import { describe, expect, it } from 'vitest';
import { atItem, errors } from '../../src/core/errors.ts';
import { type GradeBackend, gradeEach } from '../../src/eval/backend.ts';
import type { ItemResult, RewardItem } from '../../src/schemas/reward.ts';

/** A backend that refuses, like the engine, the first item of a batch whose task it does not know. */
function fakeEngine(calls: number[]): GradeBackend {
  return {
    async grade(items) {
      calls.push(items.length);
      const bad = items.findIndex((it) => it.task !== 'math');
      if (bad >= 0) throw atItem(new errors.RLVR_ERR_ITEM_TASK_UNKNOWN(items[bad].task, 'math'), bad);
      return items.map(
        (it): ItemResult => ({
          id: it.id,
          reward: 1,
          components: { accuracy: 1 },
          verdict: 'correct',
          extracted: '1',
        }),
      );
    },
    close: async () => {},
  };
}
const item = (id: string, task = 'math'): RewardItem => ({ id, task, completion: '1', reference: '1' });

describe('gradeEach', () => {
  it('marks a refused item as an error and grades the rest, in order', async () => {
    const calls: number[] = [];
    const res = await gradeEach(fakeEngine(calls), [
      item('a'),
      item('b', 'nope'),
      item('c'),
      item('d', 'nope'),
    ]);
    expect(res.map((r) => [r.id, r.verdict, r.reward])).toEqual([
      ['a', 'correct', 1],
      ['b', 'error', null],
      ['c', 'correct', 1],
      ['d', 'error', null],
    ]);
    expect(res[1].error?.code).toBe('RLVR_ERR_ITEM_TASK_UNKNOWN');
    expect(calls).toEqual([4, 3, 2]);
  });

  it('fails loudly when too many items of one batch are refused', async () => {
    const items = Array.from({ length: 20 }, (_, i) => item(String(i), 'nope'));
    await expect(gradeEach(fakeEngine([]), items, undefined, 3)).rejects.toMatchObject({
      code: 'RLVR_ERR_ITEM_TASK_UNKNOWN',
    });
  });

  it('rethrows errors that name no item', async () => {
    const broken: GradeBackend = {
      grade: async () => {
        throw new Error('pool is down');
      },
      close: async () => {},
    };
    await expect(gradeEach(broken, [item('a')])).rejects.toThrow('pool is down');
  });
});
