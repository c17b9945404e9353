/**
 * MultiPL-E JavaScript rows (HumanEval and MBPP translations, from SandboxFusion's samples) run
 * through the full grader and the real JS sandbox: every row gets a judge verdict (never our
 * `error`), the model-written `gpt_solution`s pass exactly as often as under plain Node (SOURCES.md:
 * 138/161 and 286/397) except rows that need a Node module the isolate does not offer, and
 * `return undefined` bodies pass none (`assert.deepEqual` throws).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeSandboxes, gradeAll, graderOver, lookupOf, readRows, summary, usable } from './helpers.ts';

interface Row {
  name: string;
  gpt_solution: string;
}

describe.skipIf(!(await usable('javascript')))('MultiPL-E JS / JS sandbox', () => {
  afterAll(closeSandboxes);

  for (const [file, plainNode, needsNodeModules] of [
    // HumanEval_162's gpt_solution calls require('crypto'): Node has it, the isolate does not.
    ['multiple_humaneval_js.jsonl', 138, ['HumanEval_162_string_to_md5']],
    ['multiple_mbpp_js.jsonl', 286, []],
  ] as const) {
    const rows = readRows<Row>(file);
    const { lookup } = lookupOf(rows);
    const grader = graderOver(lookup);

    it(`${file}: gpt_solution rows all run, as under plain Node but for Node-only modules`, {
      timeout: 300_000,
    }, async () => {
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
      for (const name of needsNodeModules) {
        expect(JSON.stringify(t.failed.get(name)?.details)).toContain('Cannot find module');
      }
      expect(t.accepted.size).toBe(plainNode - needsNodeModules.length);
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
