/**
 * The math grader end to end (graders/math/index.ts): verdicts and scores, several final answers,
 * hedges, unreadable references and predictions, hostile completions, and agreement with the
 * Qwen2.5-Math evaluation grader on its 800 labelled completions.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import mathGrader, { boxRun, gradeMath } from '../../../graders/math/index.ts';
import type { GradeOutcome } from '../../../src/core/grader.ts';

describe('verdicts', () => {
  it.each([
    ['The answer is $\\boxed{\\frac{1}{2}}$.', '0.5', 'correct', 1],
    ['So we get \\boxed{3}.', '\\frac{1}{2}', 'wrong', 0],
    ['I am not sure.', '7', 'no_answer', 0],
    ['<think>let me think', '7', 'no_answer', 0],
    ['\\boxed{\\frac{}{}}', '7', 'parse_error', 0],
    ['The answer is \\boxed{5}', 'Solution: ... so the answer is $\\boxed{5}$.', 'correct', 1],
    ['#### 18', 'Janet sells 16 - 3 - 4 = 9 duck eggs.\n#### 18', 'correct', 1],
  ])('%s  /  %s  →  %s', (completion, reference, verdict, score) => {
    const out = gradeMath(completion, reference, {});
    expect(out.verdict).toBe(verdict);
    expect(out.score).toBe(score);
  });

  it('an unreadable or missing reference never rewards anything', () => {
    for (const ref of ['', '\\frac{', 'The quick brown fox jumps over the lazy dog']) {
      const out = gradeMath('\\boxed{1}', ref, {});
      expect(out.verdict).toBe('invalid_reference');
      expect(out.score).toBeNull();
      expect(out.error?.code).toBe('RLVR_ERR_ITEM_REFERENCE_INVALID');
    }
    expect(gradeMath('\\boxed{1}', { answer: 1 } as unknown as string, {}).verdict).toBe('invalid_reference');
    expect(gradeMath('\\boxed{1}', Number.NaN as unknown as string, {}).verdict).toBe('invalid_reference');
  });

  it('accepts a JSON number or a list of answers as the reference', () => {
    expect(gradeMath('\\boxed{42}', 42 as unknown as string, {}).verdict).toBe('correct');
    expect(gradeMath('\\boxed{1, 2}', ['$1$', '$2$'] as unknown as string, {}).verdict).toBe('correct');
  });

  it('is registered as the pool task grader `math` with a TypeBox options schema', () => {
    expect(mathGrader.id).toBe('math');
    expect(mathGrader.kind).toBe('task');
    expect(mathGrader.runs).toBe('pool');
    const out = mathGrader.grade({ completion: '\\boxed{2}', reference: '2', options: {} }) as GradeOutcome;
    expect(out.verdict).toBe('correct');
  });
});

// the red-team payloads (docs/security-review.md #4, #5, #7, #9; /tmp/redteam/math_*.json), end to end
describe('red-team false positives stay closed', () => {
  it.each([
    ['\\boxed{4!}', '4', 'wrong'], // math_hedge.json item 2
    ['\\boxed{4!}', '24', 'correct'],
    ['\\boxed{3!}', '3', 'wrong'],
    ['The answer is $5!$.', '120', 'correct'], // a factorial inside math, the period is punctuation
    ['<answer>4!</answer>', '24', 'correct'],
    ['Final answer: 4!', '4', 'correct'], // outside math, `!` ends the sentence
    ['\\boxed{204_5}', '204_6', 'wrong'],
    ['\\boxed{3 = 4}', '4', 'wrong'], // math_fp.json item 92
    ['\\boxed{x = 3 = 4}', '4', 'wrong'], // item 94
    ['\\boxed{\\not= 4}', '4', 'parse_error'], // item 97: `\\neq 4` is no value (score 0)
    ['\\boxed{2 \\equiv 3}', '3', 'wrong'],
    ['\\boxed{2 \\approx 3}', '2', 'wrong'],
    ['\\boxed{3, 3, 3}', '3', 'wrong'], // item 91
    ['\\boxed{3, 3, 3}', '(3,3,3)', 'correct'],
    ['\\boxed{3.1416}', '\\pi', 'wrong'], // item 23
    ['\\boxed{1.4142}', '\\sqrt{2}', 'wrong'], // item 24
    ['\\boxed{0.333}', '\\frac13', 'wrong'],
    ['\\boxed{3.1415927}', '\\pi', 'correct'],
    ['\\boxed{\\max(x, -100)}', 'x', 'wrong'], // math_symbolic_fp.json item 20
    ['\\boxed{\\min(x, 1000)}', 'x', 'wrong'], // item 21
    ['\\boxed{y = \\max(x, -100)}', 'y = x', 'wrong'],
    ['\\boxed{x > \\max(y, -100)}', 'x > y', 'wrong'],
  ])('%s  /  %s  →  %s', (completion, reference, verdict) => {
    expect(gradeMath(completion, reference, {}).verdict).toBe(verdict);
  });

  it('one answer boxed twice is one answer, unless the reference has several parts', () => {
    // Qwen2.5-Math math_cot_100 idx 48 sample 3 ends `\boxed{6}` twice; its label is correct
    const twice = 'Try \\boxed{6}. So \\boxed{6}, \\boxed{6}';
    expect(gradeMath(twice, '6', {}).verdict).toBe('correct');
    expect(gradeMath(twice, '(6, 6)', {}).verdict).toBe('correct');
    expect(gradeMath(twice, '6, 6', {}).verdict).toBe('correct');
    expect(gradeMath('Try \\boxed{6}. So \\boxed{6}, \\boxed{7}', '6', {}).verdict).toBe('wrong');
  });
});

describe('several final answers and hedges', () => {
  it.each([
    ['First \\boxed{3}. On reflection, \\boxed{4}.', '4', 'wrong'],
    ['\\boxed{4}, which is \\boxed{\\frac{8}{2}}', '4', 'correct'],
    ['\\boxed{1} and \\boxed{2} and \\boxed{3}', '\\{1,2,3\\}', 'correct'],
    ['\\boxed{1},\\boxed{2},\\boxed{3}', '1, 2, 3', 'correct'],
    ['The answer is 2 or 3.', '2', 'wrong'],
    ['The answer is 2 or 3.', '2, 3', 'correct'],
    ['The answer is $x < -1$ or $x > 2$.', '(-\\infty, -1) \\cup (2, \\infty)', 'correct'],
    ['$\\boxed{1,2}$', '\\boxed{1} no no no no no \\boxed{2}', 'wrong'],
  ])('%s  /  %s  →  %s', (completion, reference, verdict) => {
    expect(gradeMath(completion, reference, {}).verdict).toBe(verdict);
  });
  it('finds the last run of adjacent boxes', () => {
    expect(boxRun('x \\boxed{1} y, \\boxed{2}, \\boxed{3}', '3')).toEqual(['2', '3']);
    expect(boxRun('\\boxed{1} \\text{ and } \\boxed{2}', '2')).toEqual(['1', '2']);
    expect(boxRun('\\boxed{1}', '7')).toEqual(['7']);
  });
});

describe('per-item options', () => {
  it('multiple choice letters', () => {
    expect(gradeMath('The answer is (B).', 'B', { choices: ['A', 'B', 'C', 'D'] }).verdict).toBe('correct');
    expect(gradeMath('The answer is (C).', 'B', { choices: ['A', 'B', 'C', 'D'] }).verdict).toBe('wrong');
  });
  it('float_rounding and strict', () => {
    expect(gradeMath('\\boxed{0.33}', '\\frac{1}{3}', {}).verdict).toBe('wrong');
    expect(gradeMath('\\boxed{0.33}', '\\frac{1}{3}', { float_rounding: 2 }).verdict).toBe('correct');
    expect(gradeMath('\\boxed{f(y)}', 'f(x)', {}).verdict).toBe('wrong');
    expect(gradeMath('\\boxed{f(y)}', 'f(x)', { strict: false }).verdict).toBe('correct');
  });
});

describe('hostile completions are answered fast, by design', () => {
  it.each([
    ['\\boxed{5^{5^{5^{5^{5}}}}}', '5', 'wrong'],
    ['\\boxed{1000000!}', '1000000!', 'correct'],
    [`\\boxed{${'{'.repeat(10_000)}1${'}'.repeat(10_000)}}`, '1', 'parse_error'],
    [`${'x '.repeat(500_000)}\\boxed{42}`, '42', 'correct'],
  ])('%#', (completion, reference, verdict) => {
    const t0 = performance.now();
    expect(gradeMath(completion, reference, {}).verdict).toBe(verdict);
    expect(performance.now() - t0).toBeLessThan(2_000); // generous; the pool deadline is 5 s
  });
});

describe('Qwen2.5-Math math_cot_100: 800 completions labelled by its math_equal grader', () => {
  interface Row {
    idx: string;
    gt: string;
    code: string[];
    score: boolean[];
  }
  const rows = gunzipSync(
    readFileSync('/work/shared/data/math/completions/QwenLM_Qwen2.5-Math/math_cot_100.jsonl.gz'),
  )
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Row);
  it('agrees on all but the known label slip (gt `10{,}000` vs `10000` scored False, SOURCES.md)', () => {
    const disagree: string[] = [];
    let n = 0;
    for (const r of rows) {
      r.code.forEach((completion, i) => {
        n++;
        const ours = gradeMath(completion, r.gt, {}).verdict === 'correct';
        if (ours !== r.score[i]) disagree.push(`${r.idx}/${i}`);
      });
    }
    expect(n).toBe(800);
    expect(disagree).toEqual(['72/7']);
  });
});

describe('reference answers of the evaluation sets in shared/data are readable', () => {
  const DATA = '/work/shared/data/math/gold/';
  const load = (path: string): Record<string, unknown>[] => {
    const buf = readFileSync(DATA + path);
    return (path.endsWith('.gz') ? gunzipSync(buf) : buf)
      .toString('utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l));
  };
  const sets: [string, string][] = [
    ['hkust-nlp_simpleRL-reason/math500_test.jsonl', 'answer'],
    ['QwenLM_QwQ/aime24.jsonl', 'answer'],
    ['QwenLM_QwQ/aime25.jsonl', 'answer'],
    ['QwenLM_Qwen2.5-Math/aime24_test.jsonl', 'answer'],
    ['QwenLM_Qwen2.5-Math/amc23_test.jsonl', 'answer'],
    ['QwenLM_Qwen2.5-Math/minerva_math_test.jsonl', 'solution'],
    ['QwenLM_Qwen2.5-Math/olympiadbench_test.jsonl.gz', 'final_answer'],
    ['deepseek-ai_DeepSeek-Math/ocw_test.jsonl', 'answer'],
  ];
  // The two invalid ones are OlympiadBench answers written as sentences around the math
  // (`$f(x)=a x+b$, where $b$ is an arbitrary real number`): prose is not read as math (parse.ts),
  // and a sentence reference must never reward anything.
  it('at most two OlympiadBench sentence answers are invalid references (of 1,849)', () => {
    const invalid: string[] = [];
    let n = 0;
    for (const [file, field] of sets) {
      for (const row of load(file)) {
        n++;
        const v = row[field];
        const ref = Array.isArray(v) ? v.join(', ') : String(v);
        // a completion that can never be right: only the reference's readability is measured
        if (gradeMath('\\boxed{\\text{none}}', ref, {}).verdict === 'invalid_reference')
          invalid.push(ref.slice(0, 40));
      }
    }
    expect(n).toBe(1849);
    // which of the two extract.ts turns into a math span varies with its anchors; neither may be read as math
    expect(invalid.length).toBeLessThanOrEqual(2);
    for (const ref of invalid) expect(ref).toMatch(/arbitrary/);
  });
});
