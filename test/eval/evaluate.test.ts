import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { getPath, InputError, readRecords, toLabel, toProblems } from '../../src/eval/evaluate.ts';

const GSM8K = '/work/shared/data/math/completions/openai_grade-school-math/example_model_solutions.jsonl.gz';

describe('record mapping', () => {
  it('reads dotted paths and dataset labels', () => {
    expect(getPath({ a: { b: [10, { c: 'x' }] } }, 'a.b.1.c')).toBe('x');
    expect(getPath({ a: 1 }, 'a.b')).toBeUndefined();
    expect([true, 1, 'True', 'false', 0, 'maybe', null].map(toLabel)).toEqual([
      true,
      true,
      true,
      false,
      false,
      null,
      null,
    ]);
  });

  it('maps the wide GSM8K file to one problem per model', async () => {
    const records = (await readRecords(GSM8K)) as Record<string, { is_correct: boolean }>[];
    expect(records).toHaveLength(1319);
    const problems = toProblems(records.slice(0, 2), {
      completionField: 'solution',
      referenceField: 'ground_truth',
      labelField: 'is_correct',
      models: ['6b_finetuning', '175b_verification'],
    });
    expect(problems.map((p) => [p.index, p.groups.model, p.completions.length, p.labels])).toEqual([
      [0, '6b_finetuning', 1, [false]],
      [1, '175b_verification', 1, [records[0]['175b_verification'].is_correct]],
      [2, '6b_finetuning', 1, [records[1]['6b_finetuning'].is_correct]],
      [3, '175b_verification', 1, [records[1]['175b_verification'].is_correct]],
    ]);
    expect(problems[0].reference).toContain('A: 18');
  });

  it('maps array fields to samples with aligned labels and groups', () => {
    const [p] = toProblems([{ code: ['a', 'b'], gt: 7, score: [true, false], level: 'Level 2' }], {
      completionField: 'code',
      referenceField: 'gt',
      labelField: 'score',
      groupBy: ['level', 'missing'],
    });
    expect(p).toMatchObject({
      reference: '7',
      completions: ['a', 'b'],
      labels: [true, false],
      groups: { level: 'Level 2', missing: '(none)' },
    });
  });

  it('joins step arrays into one completion with --join (MR-GSM8K model_output_steps)', async () => {
    const records = await readRecords(
      '/work/shared/data/math/completions/dvlab-research_MR-GSM8K/GPT3_5_eval_results.json',
    );
    const [p] = toProblems(records.slice(0, 1), {
      completionField: 'model_output_steps',
      referenceField: 'ground_truth_answer',
      labelField: 'model_output_answer_correctness',
      joinCompletion: '\n',
    });
    expect(p.completions).toHaveLength(1);
    expect(p.completions[0].split('\n')[0]).toMatch(/^Step 1:/);
    expect(p.completions[0].endsWith('#### 2.8')).toBe(true);
    expect(p.reference).toBe('5');
    expect(p.labels).toEqual([false]);
  });

  it('names the record when a field is missing', () => {
    expect(() =>
      toProblems(
        [
          { completion: 'x', reference: '1' },
          { completion: 3, reference: '1' },
        ],
        { completionField: 'completion', referenceField: 'reference' },
      ),
    ).toThrow(new InputError('record 1: field "completion" is not a string or an array of strings'));
    expect(() =>
      toProblems([{ completion: 'x' }], { completionField: 'completion', referenceField: 'answer' }),
    ).toThrow(/record 0: no reference/);
  });

  it('reads JSONL, JSON arrays and gzip', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rlvr-read-'));
    writeFileSync(join(dir, 'a.jsonl'), '{"x":1}\n\n{"x":2}\n');
    writeFileSync(join(dir, 'b.json'), '[{"x":1},{"x":2}]');
    writeFileSync(join(dir, 'c.jsonl.gz'), gzipSync('{"x":1}\n{"x":2}'));
    writeFileSync(join(dir, 'd.jsonl'), '{"x":1}\n{oops\n');
    for (const f of ['a.jsonl', 'b.json', 'c.jsonl.gz'])
      expect(await readRecords(join(dir, f))).toEqual([{ x: 1 }, { x: 2 }]);
    await expect(readRecords(join(dir, 'd.jsonl'))).rejects.toThrow(/d\.jsonl:2: not JSON/);
    await expect(readRecords(join(dir, 'nope.jsonl'))).rejects.toBeInstanceOf(InputError);
  });
});
