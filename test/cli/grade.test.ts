/**
 * `rlvr grade` on real data: OpenAI's GSM8K example solutions (accuracy per model against OpenAI's
 * own `is_correct` labels) and the Qwen2.5-Math 100×8 MATH completions (maj@8 against a count
 * done independently here), plus the command itself spawned as a user would run it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.ts';
import { type GradeBackend, inProcessBackend, serverBackend } from '../../src/eval/backend.ts';
import { evaluate, readRecords } from '../../src/eval/evaluate.ts';
import type { RewardItem } from '../../src/schemas/reward.ts';
import { buildApp } from '../../src/server/app.ts';

const DATA = '/work/shared/data/math/completions';
const GSM8K = `${DATA}/openai_grade-school-math/example_model_solutions.jsonl.gz`;
const QWEN = `${DATA}/QwenLM_Qwen2.5-Math/math_cot_100.jsonl.gz`;
const MODELS = ['6b_finetuning', '6b_verification', '175b_finetuning', '175b_verification'];
const ROOT = new URL('../../', import.meta.url).pathname;

describe('rlvr grade on real completions', () => {
  let backend: GradeBackend;
  beforeAll(async () => {
    backend = await inProcessBackend(defaultConfig());
  });
  afterAll(async () => {
    await backend?.close();
  });

  it("GSM8K: each model's accuracy is within 0.5 points of OpenAI's is_correct", async () => {
    const records = await readRecords(GSM8K);
    const { report, samples } = await evaluate(records, {
      task: 'math',
      backend,
      models: MODELS,
      completionField: 'solution',
      referenceField: 'ground_truth',
      labelField: 'is_correct',
      noVote: true,
    });
    expect(samples).toHaveLength(5276);
    const byModel = report.groups.find((g) => g.field === 'model');
    expect(byModel?.rows.map((r) => r.value).sort()).toEqual([...MODELS].sort());
    // The label counts of SOURCES.md (correct per model out of 1319), read back independently.
    const labelled: Record<string, number> = {
      '6b_finetuning': 286,
      '6b_verification': 515,
      '175b_finetuning': 458,
      '175b_verification': 742,
    };
    for (const row of byModel?.rows ?? []) {
      const m = row.metrics;
      expect(m.samples).toBe(1319);
      expect(Math.round((m.labelAccuracy ?? 0) * 1319)).toBe(labelled[row.value]);
      const gap = Math.abs(m.accuracy - (m.labelAccuracy ?? 0)) * 100;
      expect(gap, `${row.value}: ours ${m.accuracy}, OpenAI ${m.labelAccuracy}`).toBeLessThanOrEqual(0.5);
      expect(m.errors).toBe(0);
    }
    expect(report.overall.agreement).toBeGreaterThanOrEqual(0.995);
  });

  it('Qwen2.5-Math 100×8: maj@8 equals an independent count, pass@k is consistent', async () => {
    const records = (await readRecords(QWEN)) as { code: string[]; gt: string; score: boolean[] }[];
    const { report, samples } = await evaluate(records, {
      task: 'math',
      backend,
      completionField: 'code',
      referenceField: 'gt',
      labelField: 'score',
      groupBy: ['level'],
    });
    expect(report.ks).toEqual([1, 2, 4, 8]);
    expect(report.overall.samples).toBe(800);

    // Independent count: every pair of extracted answers compared by grading \boxed{a_j} against
    // a_i; each sample's support = samples equivalent to it; the winner has the most support
    // (ties: lowest index); maj@8 is correct when the winner's own verdict is correct.
    const pairs: { p: number; i: number; j: number }[] = [];
    const items: RewardItem[] = [];
    for (let p = 0; p < records.length; p++) {
      const own = samples.filter((s) => s.problem === p);
      for (const a of own)
        for (const b of own) {
          if (a.sample === b.sample || a.extracted === null || b.extracted === null) continue;
          if (a.extracted.trim() === b.extracted.trim()) continue;
          pairs.push({ p, i: a.sample, j: b.sample });
          items.push({
            id: String(items.length),
            task: 'math',
            completion: `\\boxed{${b.extracted}}`,
            reference: a.extracted,
          });
        }
    }
    const res = await backend.grade(items);
    const eq = new Set(
      pairs.filter((_, k) => res[k].verdict === 'correct').map((x) => `${x.p}:${x.i}:${x.j}`),
    );
    let majCorrect = 0;
    for (let p = 0; p < records.length; p++) {
      const own = samples.filter((s) => s.problem === p);
      let best = -1;
      let bestSupport = 0;
      for (const a of own) {
        if (a.extracted === null) continue;
        const support = own.filter(
          (b) =>
            b.extracted !== null &&
            (b.extracted.trim() === a.extracted?.trim() || eq.has(`${p}:${a.sample}:${b.sample}`)),
        ).length;
        if (support > bestSupport) {
          best = a.sample;
          bestSupport = support;
        }
      }
      if (best >= 0 && own[best].verdict === 'correct') majCorrect++;
    }
    expect(Math.round((report.overall.majAtK[8] ?? 0) * 100)).toBe(majCorrect);
    // The harness's own maj@8 (string-equal `pred`, its `score`) is 93/100 (computed from the file).
    expect(Math.abs(majCorrect - 93)).toBeLessThanOrEqual(2);
    // pass@8 = problems with at least one correct sample; pass@1 = accuracy.
    const anyCorrect = new Set(samples.filter((s) => s.verdict === 'correct').map((s) => s.problem)).size;
    expect(report.overall.passAtK[8]).toBeCloseTo(anyCorrect / 100, 12);
    expect(report.overall.passAtK[1]).toBeCloseTo(report.overall.accuracy, 12);
    expect(report.groups[0].rows.map((r) => r.value)).toEqual([
      'Level 1',
      'Level 2',
      'Level 3',
      'Level 4',
      'Level 5',
    ]);
  });

  it('never loses an item: one the engine refuses (over MAX_COMPLETION_CHARS) is an error, the rest are graded', async () => {
    const records = [
      { completion: 'The answer is \\boxed{18}', reference: '18' },
      { completion: `${'9'.repeat(3 * 1024 * 1024)} \\boxed{18}`, reference: '18' },
      { completion: 'So it is $\\frac{1}{2}$.', reference: '0.5' },
    ];
    const { samples, report } = await evaluate(records, {
      task: 'math',
      backend,
      completionField: 'completion',
      referenceField: 'reference',
    });
    expect(samples.map((s) => s.verdict)).toEqual(['correct', 'error', 'correct']);
    expect(samples[1].error?.code).toBe('RLVR_ERR_ITEM_COMPLETION_TOO_LONG');
    expect(report.overall).toMatchObject({ samples: 3, correct: 2, errors: 1 });
  });

  it('--server gives the same verdicts and report as in-process grading', async () => {
    const app = await buildApp({ config: defaultConfig({ WORKERS: 1 }), logger: false });
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const addr = app.server.address();
      if (addr === null || typeof addr === 'string') throw new Error('no port');
      const records = (await readRecords(QWEN)).slice(0, 25);
      const opts = {
        task: 'math',
        completionField: 'code',
        referenceField: 'gt',
        groupBy: ['level'],
        batchSize: 64,
      };
      const local = await evaluate(records, { ...opts, backend });
      const remote = await evaluate(records, {
        ...opts,
        backend: serverBackend(`http://127.0.0.1:${addr.port}`),
      });
      expect(remote.samples).toEqual(local.samples);
      expect(remote.report.overall).toEqual(local.report.overall);
      expect(remote.report.groups).toEqual(local.report.groups);
    } finally {
      await app.close();
    }
  });

  it('runs as a command: progress off, scored JSONL, text and HTML reports', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rlvr-grade-'));
    const out = join(dir, 'scored.jsonl');
    const html = join(dir, 'report.html');
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
          QWEN,
          '--completion-field',
          'code',
          '--reference-field',
          'gt',
          '--group-by',
          'level',
          '--limit',
          '10',
          '--out',
          out,
          '--report',
          html,
        ],
        { env: { ...process.env, WORKERS: '1', LOG_LEVEL: 'silent' } },
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
    expect(stdout).toMatch(/overall\s+10\s+80\s/);
    expect(stdout).toContain('maj@8 %');
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(80);
    expect(JSON.parse(lines[0])).toMatchObject({ problem: 0, sample: 0, groups: { level: 'Level 3' } });
    expect(existsSync(html)).toBe(true);
    expect(readFileSync(html, 'utf8')).toContain('<svg');
    // both files written are named, so a user finds them
    expect(stderr).toContain(`scored samples: ${out}\n`);
    expect(stderr).toContain(`report: ${html}\n`);
  }, 120_000);
});
