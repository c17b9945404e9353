/**
 * HumanEval (Chen et al. 2021) through the full grader and the real Python sandbox:
 * 164/164 canonical solutions Accepted (as continuations of the prompt, the data set's own
 * protocol, and as full fenced functions), and 0/164 with the body replaced by `pass`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeSandboxes, gradeAll, graderOver, lookupOf, readRows, summary, usable } from './helpers.ts';

interface Row {
  task_id: string;
  prompt: string;
  canonical_solution: string;
}
const rows = readRows<Row>('HumanEval.jsonl.gz');
const { lookup } = lookupOf(rows);
const grader = graderOver(lookup);

describe.skipIf(!(await usable('python')))('HumanEval / Python sandbox', () => {
  afterAll(closeSandboxes);

  it('164/164 canonical solutions Accepted as continuations', { timeout: 300_000 }, async () => {
    const t = await gradeAll(
      grader,
      rows.map((r) => ({
        key: r.task_id,
        completion: r.canonical_solution,
        reference: { problem_id: r.task_id },
        options: { extract: 'none' },
      })),
    );
    console.log(summary('HumanEval canonical (continuation)', t, rows.length));
    expect([...t.failed.keys()]).toEqual([]);
    expect(t.accepted.size).toBe(164);
  });

  it('164/164 canonical solutions Accepted as a fenced full function', { timeout: 300_000 }, async () => {
    const t = await gradeAll(
      grader,
      rows.map((r) => ({
        key: r.task_id,
        completion: `Here is the solution.\n\n\`\`\`python\n${r.prompt}${r.canonical_solution}\n\`\`\`\n`,
        reference: JSON.stringify({ problem_id: r.task_id }),
      })),
    );
    console.log(summary('HumanEval canonical (fenced)', t, rows.length));
    expect([...t.failed.keys()]).toEqual([]);
  });

  it('0/164 with the body replaced by `pass`', { timeout: 300_000 }, async () => {
    const t = await gradeAll(
      grader,
      rows.map((r) => ({
        key: r.task_id,
        completion: '    pass\n',
        reference: { problem_id: r.task_id },
        options: { extract: 'none' },
      })),
    );
    console.log(summary('HumanEval pass bodies', t, rows.length));
    expect(t.accepted.size).toBe(0);
    expect(t.byVerdict.error ?? 0).toBe(0);
  });
});
