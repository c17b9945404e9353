/**
 * HumanEval-X JavaScript (CodeGeeX) through the full grader and the real JS sandbox. The tests use
 * `console.assert`, which never throws in Node: a `return undefined` body "passes" all 164 under an
 * exit-code harness (SOURCES.md). Here canonical solutions are Accepted except the three tasks
 * SOURCES.md documents (112 and 155 fail their own asserts; 162 needs the npm module js-md5), and
 * `return undefined` bodies pass 0/164.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeSandboxes, gradeAll, graderOver, lookupOf, readRows, summary, usable } from './helpers.ts';

interface Row {
  task_id: string;
  prompt: string;
  canonical_solution: string;
}
const rows = readRows<Row>('humaneval_x_js.jsonl.gz');
const { lookup } = lookupOf(rows);
const grader = graderOver(lookup);
/** Documented in /work/shared/data/code/SOURCES.md. */
const KNOWN_BAD = ['JavaScript/112', 'JavaScript/155', 'JavaScript/162'];

describe.skipIf(!(await usable('javascript')))('HumanEval-X / JS sandbox', () => {
  afterAll(closeSandboxes);

  it('canonical solutions Accepted except the documented 112, 155, 162', { timeout: 300_000 }, async () => {
    const t = await gradeAll(
      grader,
      rows.map((r) => ({
        key: r.task_id,
        completion: r.canonical_solution,
        reference: { problem_id: r.task_id },
        options: { extract: 'none' },
      })),
    );
    console.log(summary('HumanEval-X canonical', t, rows.length));
    for (const [k, o] of t.failed)
      console.log(k, o.verdict, JSON.stringify(o.details ?? o.error).slice(0, 300));
    expect([...t.failed.keys()].sort()).toEqual(KNOWN_BAD);
    // The dataset bugs are wrong answers / runtime errors of the solution, not our failures.
    for (const o of t.failed.values()) expect(o.verdict).not.toBe('error');
    expect(t.accepted.size).toBe(161);
  });

  it('canonical solutions as fenced full functions (```js)', { timeout: 300_000 }, async () => {
    const t = await gradeAll(
      grader,
      rows.map((r) => ({
        key: r.task_id,
        completion: `\`\`\`js\n${r.prompt}${r.canonical_solution}\n\`\`\``,
        reference: { problem_id: r.task_id },
      })),
    );
    console.log(summary('HumanEval-X canonical (fenced)', t, rows.length));
    expect([...t.failed.keys()].sort()).toEqual(KNOWN_BAD);
  });

  it('`return undefined` bodies pass 0/164', { timeout: 300_000 }, async () => {
    const t = await gradeAll(
      grader,
      rows.map((r) => ({
        key: r.task_id,
        completion: '  return undefined;\n}\n',
        reference: { problem_id: r.task_id },
        options: { extract: 'none' },
      })),
    );
    console.log(summary('HumanEval-X return undefined', t, rows.length));
    expect(t.accepted.size).toBe(0);
    expect(t.byVerdict.error ?? 0).toBe(0);
  });
});
