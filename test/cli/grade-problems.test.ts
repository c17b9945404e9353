/**
 * `rlvr grade` on code items that reference stored problems (`{"problem_id"}`): `--problems` (or
 * PROBLEMS) loads the problem set in-process as `rlvr serve` does. Real data: the first eight
 * HumanEval tasks, each with two samples, its canonical solution and a `pass` body.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pythonSandbox } from '../../sandboxes/python/index.ts';
import { type GradeFlags, runGrade } from '../../src/cli/grade.ts';
import { InputError } from '../../src/eval/evaluate.ts';
import { DATA, readRows } from '../graders/code/acceptance/helpers.ts';

const HUMANEVAL = `${DATA}/HumanEval.jsonl.gz`;
const ROOT = new URL('../../', import.meta.url).pathname;
const TASKS = readRows<{ task_id: string; canonical_solution: string }>('HumanEval.jsonl.gz').slice(0, 8);

/** A JSONL file of records {task_id, samples: [canonical, pass], reference: {problem_id}}. */
function samplesFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rlvr-grade-problems-'));
  const file = join(dir, 'humaneval.jsonl');
  const lines = TASKS.map((t) =>
    JSON.stringify({
      task_id: t.task_id,
      samples: [t.canonical_solution, '    pass\n'],
      reference: { problem_id: t.task_id },
    }),
  );
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const FLAGS: GradeFlags = {
  completionField: 'samples',
  referenceField: 'reference',
  idField: 'task_id',
  task: 'code',
  options: JSON.stringify({ code: { extract: 'none' } }),
  vote: false,
  progress: false,
  out: '-',
  batchSize: '512',
};

describe.skipIf(!(await pythonSandbox.available()).ok)('rlvr grade --problems', () => {
  it('grades problem_id items in-process: canonical Accepted, pass bodies rejected', async () => {
    const { samples, report } = await runGrade(samplesFile(), { ...FLAGS, problems: HUMANEVAL, k: '1,2' });
    expect(samples).toHaveLength(16);
    expect(samples.map((s) => [s.id, s.reward])).toEqual(
      TASKS.flatMap((t) => [
        [`${t.task_id}#0`, 1],
        [`${t.task_id}#1`, 0],
      ]),
    );
    expect(samples.filter((s) => s.sample === 0).every((s) => s.verdict === 'Accepted')).toBe(true);
    // A `pass` body returns None: a wrong value, or a TypeError where the check uses it.
    for (const s of samples.filter((s) => s.sample === 1)) {
      expect(['Wrong Answer', 'Runtime Error'], s.id).toContain(s.verdict);
    }
    expect(report.overall).toMatchObject({ problems: 8, samples: 16, correct: 8, errors: 0, accuracy: 0.5 });
    expect(report.overall.passAtK).toEqual({ 1: 0.5, 2: 1 });
  }, 120_000);

  it('without a problem set, problem_id items are invalid references (reward null), not wrong', async () => {
    const { samples, report } = await runGrade(samplesFile(), { ...FLAGS, problems: '', limit: '2' });
    expect(samples.map((s) => [s.verdict, s.reward])).toEqual(
      Array.from({ length: 4 }, () => ['invalid_reference', null]),
    );
    expect(samples[0].error?.message).toMatch(/no problem set is loaded/);
    expect(report.overall).toMatchObject({ samples: 4, correct: 0, errors: 4 });
  });

  it('refuses --problems with --server, and an unreadable problem set, as bad input', async () => {
    const file = samplesFile();
    await expect(
      runGrade(file, { ...FLAGS, problems: HUMANEVAL, server: 'http://127.0.0.1:9' }),
    ).rejects.toThrow(InputError);
    await expect(runGrade(file, { ...FLAGS, problems: '/nonexistent/problems.jsonl' })).rejects.toThrow(
      InputError,
    );
  });

  it('as a command, honours PROBLEMS from the environment', async () => {
    const file = samplesFile();
    const { code, stdout, stderr } = await new Promise<{
      code: number | null;
      stdout: string;
      stderr: string;
    }>((resolve) => {
      const p = spawn(
        join(ROOT, 'node_modules/.bin/node'),
        [
          join(ROOT, 'src/cli/main.ts'),
          'grade',
          file,
          '--completion-field',
          'samples',
          '--task',
          'code',
          '--options',
          '{"code":{"extract":"none"}}',
          '--no-vote',
          '--limit',
          '3',
          '--out',
          '-',
          '--json',
        ],
        { env: { ...process.env, PROBLEMS: HUMANEVAL, WORKERS: '1', LOG_LEVEL: 'silent' } },
      );
      let stdout = '';
      let stderr = '';
      p.stdout.on('data', (d) => {
        stdout += d;
      });
      p.stderr.on('data', (d) => {
        stderr += d;
      });
      p.on('close', (c) => resolve({ code: c, stdout, stderr }));
    });
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout) as { overall: { samples: number; correct: number; errors: number } };
    expect(report.overall).toMatchObject({ samples: 6, correct: 3, errors: 0 });
  }, 120_000);
});
