/**
 * MultiPL-E JavaScript rows (HumanEval and MBPP translations, from SandboxFusion's samples) run
 * through the full grader and the real JS sandbox: every row gets a judge verdict (never our
 * `error`), the model-written `gpt_solution`s pass about as often as under plain Node (SOURCES.md:
 * 138/161 and 286/397), and `return undefined` bodies pass none (`assert.deepEqual` throws).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeSandboxes, gradeAll, graderOver, lookupOf, readRows, summary, usable } from './helpers.ts';

interface Row {
  name: string;
  gpt_solution: string;
}

describe.skipIf(!(await usable('javascript')))('MultiPL-E JS / JS sandbox', () => {
  afterAll(closeSandboxes);

  for (const [file, plainNode] of [
    ['multiple_humaneval_js.jsonl', 138],
    ['multiple_mbpp_js.jsonl', 286],
  ] as const) {
    const rows = readRows<Row>(file);
    const { lookup } = lookupOf(rows);
    const grader = graderOver(lookup);

    it(`${file}: gpt_solution rows all run`, { timeout: 300_000 }, async () => {
      const t = await gradeAll(
        grader,
        rows.map((r) => ({
          key: r.name,
          completion: r.gpt_solution,
          reference: { problem_id: `multipl-e/js/${r.name}` },
        })),
      );
      console.log(summary(`${file} gpt_solution`, t, rows.length), `plain node: ${plainNode}`);
      expect(t.byVerdict.error ?? 0).toBe(0);
      expect(t.byVerdict.invalid_reference ?? 0).toBe(0);
      // Same programs, same asserts: the sandbox may differ from plain Node only where Node
      // offers modules the isolate does not (documented per row in docs/code-grading.md).
      expect(t.accepted.size).toBeGreaterThanOrEqual(plainNode - 5);
      expect(t.accepted.size).toBeLessThanOrEqual(plainNode);
    });

    it(`${file}: return undefined passes none`, { timeout: 300_000 }, async () => {
      const t = await gradeAll(
        grader,
        rows.map((r) => ({
          key: r.name,
          completion: '  return undefined;\n}\n',
          reference: { problem_id: `multipl-e/js/${r.name}` },
          options: { extract: 'none' },
        })),
      );
      expect(t.accepted.size).toBe(0);
      expect(t.byVerdict.error ?? 0).toBe(0);
    });
  }
});
