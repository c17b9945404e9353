/**
 * MBPP (Austin et al. 2021) through the full grader and the real Python sandbox: 972/974 reference
 * solutions pass their `test_list`. The two failures are documented in SOURCES.md and are the
 * data set's: task 367's reference (`is_tree_balanced`) and task 927's (`max_height`) reference
 * code does not satisfy its own asserts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeSandboxes, gradeAll, graderOver, lookupOf, readRows, summary, usable } from './helpers.ts';

interface Row {
  task_id: number;
  code: string;
}
const rows = readRows<Row>('mbpp.jsonl');
const { lookup } = lookupOf(rows);
const grader = graderOver(lookup);

describe.skipIf(!(await usable('python')))('MBPP / Python sandbox', () => {
  afterAll(closeSandboxes);

  it('972/974 reference solutions Accepted (367 and 927 are known-bad references)', {
    timeout: 300_000,
  }, async () => {
    const t = await gradeAll(
      grader,
      rows.map((r) => ({
        key: String(r.task_id),
        completion: `\`\`\`python\n${r.code}\n\`\`\``,
        reference: { problem_id: `mbpp/${r.task_id}` },
        options: { reward: 'fraction' },
      })),
    );
    console.log(summary('MBPP reference', t, rows.length));
    for (const [k, o] of t.failed)
      console.log(k, o.verdict, JSON.stringify(o.details ?? o.error).slice(0, 300));
    expect([...t.failed.keys()].sort()).toEqual(['367', '927']);
    expect(t.accepted.size).toBe(972);
  });
});
