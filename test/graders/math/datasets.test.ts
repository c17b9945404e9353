/**
 * Dataset-level checks of the math grader on real data (issue 2, done-when items), through the
 * registered grader (`gradeMath`: extract → normalize → parse → compare). Every disagreement with
 * the source's label is listed here with its cause, and in docs/math-datasets.md; the tests assert
 * the rate AND that the disagreements are exactly those.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { extractAnswer } from '../../../graders/math/extract.ts';
import { gradeMath, verify } from '../../../graders/math/index.ts';

const DATA = '/work/shared/data/math/';

function readText(path: string): string {
  const buf = readFileSync(DATA + path);
  return (path.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8');
}
function jsonl<T>(path: string): T[] {
  return readText(path)
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

/** Verdict as the tallies need it: true = correct; false = any other score-0 verdict; null = invalid_reference. */
function verdict(completion: string, reference: string): boolean | null {
  const g = gradeMath(completion, reference, undefined);
  if (g.verdict === 'invalid_reference') return null;
  return g.verdict === 'correct';
}

interface Tally {
  n: number;
  /** Items whose reference is unusable (verdict `invalid_reference`, reward null): not scored. */
  invalid: string[];
  agree: number;
  disagreements: string[];
}
function tally(items: { id: string; ours: boolean | null; label: boolean }[]): Tally {
  const invalid = items.filter((i) => i.ours === null).map((i) => i.id);
  const disagreements = items.filter((i) => i.ours !== null && i.ours !== i.label).map((i) => i.id);
  return {
    n: items.length,
    invalid,
    agree: items.length - invalid.length - disagreements.length,
    disagreements,
  };
}

describe('MATH-500: answer extracted from the reference solution equals `answer`', () => {
  const rows = jsonl<{ solution: string; answer: string; unique_id: string }>(
    'gold/hkust-nlp_simpleRL-reason/math500_test.jsonl',
  );
  it('≥ 99% of 500 rows (measured 500/500)', () => {
    const t = tally(rows.map((r) => ({ id: r.unique_id, ours: verdict(r.solution, r.answer), label: true })));
    expect(t.n).toBe(500);
    expect(t.agree / t.n).toBeGreaterThanOrEqual(0.99);
    expect(t.disagreements).toEqual([]);
  });
});

describe("GSM8K: GPT-3 example solutions vs OpenAI's is_correct", () => {
  const gold = jsonl<{ answer: string }>('gold/openai_grade-school-math/test.jsonl');
  const rows = jsonl<Record<string, { is_correct: boolean; solution: string }>>(
    'completions/openai_grade-school-math/example_model_solutions.jsonl.gz',
  );
  const runs = ['6b_finetuning', '6b_verification', '175b_finetuning', '175b_verification'];
  it('≥ 99.5% of 5,276 solutions agree (measured 5276/5276)', () => {
    const items = rows.flatMap((r, i) =>
      runs.map((k) => ({
        id: `${i}:${k}`,
        ours: verdict(r[k].solution, gold[i].answer),
        label: r[k].is_correct,
      })),
    );
    const t = tally(items);
    expect(t.n).toBe(5276);
    expect(t.agree / t.n).toBeGreaterThanOrEqual(0.995);
    expect(t.disagreements).toEqual([]);
  });
});

describe('Qwen2.5-Math math_cot_100: 800 completions vs the harness score', () => {
  const rows = jsonl<{ idx: number; answer: string; code: string[]; score: boolean[] }>(
    'completions/QwenLM_Qwen2.5-Math/math_cot_100.jsonl.gz',
  );
  it('≥ 98% agree (measured 791/800); the disagreements are the two known label slips', () => {
    const items = rows.flatMap((r) =>
      r.code.map((c, j) => ({ id: `${r.idx}:${j}`, ours: verdict(c, r.answer), label: r.score[j] })),
    );
    const t = tally(items);
    expect(t.n).toBe(800);
    expect(t.agree / t.n).toBeGreaterThanOrEqual(0.98);
    // idx 3: all eight answer 4:30 p.m. = gold \text{4:30 p.m.}, which the harness normalised to
    // `4:30p..` and so scored False; idx 72 sample 7: boxes 10000, gold 10{,}000, scored False
    // (SOURCES.md: both label_suspect)
    expect(t.disagreements).toEqual([...[0, 1, 2, 3, 4, 5, 6, 7].map((j) => `3:${j}`), '72:7']);
  });
});

interface MrRow {
  uuid: string;
  ground_truth_answer: string | number;
  model_output_steps: string[];
  model_output_answer_correctness: string;
}

describe('MR-GSM8K (extra): model step solutions vs human answer-correctness labels', () => {
  const files = [
    'Claude_eval_results.json.gz',
    'GPT3_5_eval_results.json',
    'llama2_70b_eval_results.json.gz',
    'mammoth_70B_eval_results.json',
    'metamath_70B_eval_results.json',
    'wizardmath_70B_eval_results.json',
  ];
  const items = files.flatMap((f) =>
    (JSON.parse(readText(`completions/dvlab-research_MR-GSM8K/${f}`)) as MrRow[]).map((r) => ({
      id: `${f.split('_')[0]}:${r.uuid}`,
      ours: verdict(r.model_output_steps.join('\n'), String(r.ground_truth_answer)),
      label: r.model_output_answer_correctness === 'correct',
    })),
  );
  it('756 of the 761 with a usable reference agree; the 5 others are program-of-thought or label issues', () => {
    const t = tally(items);
    expect(t.n).toBe(851);
    // 89 reversed items carry the literal "Let's think step by step." as ground_truth_answer and one
    // the sentence "Mr. Jackson wants to give each student 2 glue sticks.": no reference, so
    // invalid_reference (reward null), never a 0 or 1 (issue 2)
    expect(t.invalid.length).toBe(90);
    expect(t.agree).toBe(756);
    expect(t.disagreements).toEqual([
      // program of thought: the answer exists only as print(...) output, nothing to extract
      'Claude:33191670-5d82-40f6-b702-4d1b42116d5a',
      // original item: both annotations label the answer wrong although the #### 4 equals
      // ground_truth_answer 4 (label issue; the same solution text under GPT3_5 and llama2)
      'GPT3:8df91126-490d-47d1-850f-22642d38ba19',
      'GPT3:30de21de-a4ec-422d-8d11-8bf86407554f', // program of thought
      // reversed item labelled correct with #### 8 while ground_truth_answer is 20 (SOURCES.md)
      'llama2:b183157e-5399-4d90-a4e3-b23bb4ba940e',
      'llama2:8df91126-490d-47d1-850f-22642d38ba19', // the juggling item again
    ]);
  });
});

describe('DeepScaleR-1.5B on AIME 2024 (extra): <think> traces vs the tegra_monitor harness', () => {
  const dir = 'completions/bkubwimana_tegra_monitor/';
  const items = readdirSync(DATA + dir).flatMap((f) =>
    jsonl<{ id: number; gold_answer: string; generated_responses: string[]; is_correct: boolean }>(
      dir + f,
    ).map((r) => ({
      id: `${f.split('_')[0]}:${r.id}`,
      ours: verdict(r.generated_responses[0], String(r.gold_answer)),
      label: r.is_correct,
    })),
  );
  it('206 of 210 agree; the 4 others were cut off after </think> before stating an answer', () => {
    const t = tally(items);
    expect(t.n).toBe(210);
    // The harness took the last \boxed{} from inside <think>; our policy reads only the answer
    // after </think> (as DeepScaleR's own training reward does), which here never got to a box.
    expect(t.disagreements.sort()).toEqual(['4096t:69', '4096t:71', '4096t:72', '4096t:84']);
  });
});

describe('microsoft/ToRA GSM8K (extra): aggregate accuracy vs the authors’ .metrics', () => {
  const cases: [string, number, number][] = [
    // [file, authors' mean score, our correct count]
    ['tora-70b-v1.0_gsm8k_test_tora_-1_seed0_t0.0_s0_e1319.jsonl.gz', 84.3, 1112],
    // 80.7 = 1064/1319: their math_equal also accepts pred×100 = gold (idx 191: 0.05 vs 5; idx 806:
    // 0.7 vs 70), which we do not (a percent written as a fraction of one is a different number)
    ['tora-code-34b-v1.0_gsm8k_test_tora_-1_seed0_t0.0_s0_e1319.jsonl.gz', 80.7, 1062],
  ];
  it.each(cases)('%s', (file, authors, expected) => {
    const rows = jsonl<{ gt: string; code: string[] }>(`completions/microsoft_ToRA/${file}`);
    // programOutput is an extraction option (ToRA's rule), not a per-item grader option: extract
    // with it, then compare with the grader's verify()
    const correct = rows.filter((r) => {
      const ex = extractAnswer(r.code[0], { programOutput: true });
      return ex.answer !== null && verify(String(r.gt), ex.answer);
    }).length;
    expect(correct).toBe(expected);
    expect(Math.abs((100 * correct) / rows.length - authors)).toBeLessThan(0.2);
  });
});

interface NemoRow {
  reward: number;
  expected_answer?: string;
  response: {
    expected_answer?: string;
    output: { type: string; content?: { type: string; text?: string }[] }[];
  };
}

describe('NeMo-Gym rollouts (extra): final message vs reward', () => {
  const files = [
    'math_with_judge_example_rollouts.jsonl',
    'math_with_code_example_rollouts.jsonl',
    'ns_tools_example_rollouts.jsonl',
    'claude_code_agent_example_math_rollouts.jsonl',
  ];
  const items = files.flatMap((f) =>
    jsonl<NemoRow>(`completions/NVIDIA-NeMo_Gym/${f}`).map((r, i) => {
      const messages = r.response.output.filter((o) => o.type === 'message');
      const last = messages[messages.length - 1];
      const text = (last?.content ?? [])
        .filter((c) => c.type === 'output_text')
        .map((c) => c.text ?? '')
        .join('');
      const reference = String(r.expected_answer ?? r.response.expected_answer);
      return {
        id: `${f.split('_example')[0]}:${i + 1}`,
        ours: verdict(text, reference),
        label: r.reward === 1,
      };
    }),
  );
  it('18 of 20 agree', () => {
    const t = tally(items);
    expect(t.n).toBe(20);
    // math_with_judge 2: a symbolically equal closed form (needs the real grader's symbolic step);
    // math_with_code 5: boxes \sqrt{2} = gold but reward 0 from their truncated extraction `\sqrt{2`
    // (SOURCES.md: label_suspect)
    expect(t.disagreements).toEqual(['math_with_judge:2', 'math_with_code:5']);
  });
});

describe('hedges on real completions (the hedge rule must not fire on ordinary writing)', () => {
  it('MATH-500 solutions 0, GSM8K solutions 0, Qwen 1 of 800 (idx 72:6 boxes two forms joined by "or")', () => {
    const hedged = (texts: { id: string; text: string }[]) =>
      texts.filter((t) => extractAnswer(t.text).hedge).map((t) => t.id);
    const math500 = jsonl<{ solution: string; unique_id: string }>(
      'gold/hkust-nlp_simpleRL-reason/math500_test.jsonl',
    );
    expect(hedged(math500.map((r) => ({ id: r.unique_id, text: r.solution })))).toEqual([]);
    const gsm = jsonl<Record<string, { solution: string }>>(
      'completions/openai_grade-school-math/example_model_solutions.jsonl.gz',
    ).flatMap((r, i) =>
      ['6b_finetuning', '6b_verification', '175b_finetuning', '175b_verification'].map((k) => ({
        id: `${i}:${k}`,
        text: r[k].solution,
      })),
    );
    expect(gsm.length).toBe(5276);
    expect(hedged(gsm)).toEqual([]);
    const qwen = jsonl<{ idx: number; code: string[] }>(
      'completions/QwenLM_Qwen2.5-Math/math_cot_100.jsonl.gz',
    ).flatMap((r) => r.code.map((c, j) => ({ id: `${r.idx}:${j}`, text: c })));
    // `\boxed{9999.857142857143}` or `\boxed{9999 \frac{6}{7}}`: one value in two forms joined by
    // "or", read as a hedge (docs/math-extraction.md, known gaps); gold 10{,}000, scored False anyway
    expect(hedged(qwen)).toEqual(['72:6']);
  });
});
