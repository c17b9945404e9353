/**
 * Countdown grader, as parametrised tables. shared/data has no Countdown rollouts, so the puzzles
 * are real rows quoted in peers' tests: `{numbers: [44, 19, 35], target: 98}` (a puzzle of
 * Jiayi-Pan/Countdown-Tasks-3to4, used in a verl countdown test) and a Qwen rollout for
 * `{numbers: [93, 43, 1], target: 51}` (Yifu93/LLM-Reinforcement-Learning scripts/debug_c.py).
 * The other rows are composed here to pin one rule each.
 */
import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, normalizeOperators, parseExpr, scanExpr } from '../../../graders/countdown/expr.ts';
import { type CountdownOptions, gradeCountdown } from '../../../graders/countdown/index.ts';

const REF = { numbers: [44, 19, 35], target: 98 };
const ROLLOUT_51 =
  "<|im_start|>assistant<think>\nLet me analyze this step by step:\n\n1. First, let's try to get close to 51 using two numbers:\n- 93 - 43 = 50 (very close to 51!)\n- 93/3 would give us exactly 31\n\n2. Since we need to reach exactly 51, and we found that 93-43=50 is very close, let's see if we can incorporate 1 somehow.\n\n3. Looking at 93-43=50, we could try to add 1 to it:\n- 50+1=51\nThis works! We can write this as (93-43)+1\n\n4. Let's verify:\n93-43 = 50\n50+1 = 51\n\nThis solution uses all numbers exactly once and reaches our target of 51.\n</think>\n\n<answer>(93-43)+1</answer>";

const grade = (completion: string, reference: unknown = REF, options: CountdownOptions = {}) =>
  gradeCountdown(completion, reference, options);

describe('verdicts and TinyZero default scores', () => {
  // [why, completion, options, verdict, score, reason substring]
  const rows: [string, string, CountdownOptions, string, number, string?][] = [
    ['correct, all numbers', 'some text <answer>(44 + 19) + 35</answer>', {}, 'correct', 1],
    ['correct without parentheses', '<answer>44+19+35</answer>', {}, 'correct', 1],
    [
      'correct, last answer block wins',
      '<answer>44*19</answer> no wait <answer>35 + 44 + 19</answer>',
      {},
      'correct',
      1,
    ],
    ['wrong value', '<answer>44 + 19 - 35</answer>', {}, 'wrong', 0.1, 'value differs'],
    ['number not offered', '<answer>44 + 19 + 36</answer>', {}, 'wrong', 0.1, '36 is not offered'],
    [
      'number used twice',
      '<answer>44 + 44 + 10</answer>',
      {},
      'wrong',
      0.1,
      '44 used more often than offered',
    ],
    [
      'same number twice',
      '<answer>35 + 35 + 28</answer>',
      {},
      'wrong',
      0.1,
      '35 used more often than offered',
    ],
    [
      '`= target` is not an expression (TinyZero: 0.1)',
      '<answer>(44 + 19) + 35 = 98</answer>',
      {},
      'parse_error',
      0,
    ],
    ['letters', '<answer>forty-four plus 54</answer>', {}, 'parse_error', 0],
    ['unary minus', '<answer>-44 + 19</answer>', {}, 'parse_error', 0],
    ['decimal literal', '<answer>44.0 + 19 + 35</answer>', {}, 'parse_error', 0],
    ['implicit multiplication', '<answer>2(44 + 5)</answer>', {}, 'parse_error', 0],
    ['unbalanced parenthesis', '<answer>(44 + 19 + 35</answer>', {}, 'parse_error', 0],
    ['empty answer block', '<answer></answer>', {}, 'parse_error', 0],
    ['no answer at all', 'I could not solve it.', {}, 'no_answer', 0],
    ['unclosed think, no answer: cut off', '<think>\n44 + 19 + 35', {}, 'no_answer', 0],
  ];
  it.each(rows)('%s', (_why, completion, options, verdict, score, reason) => {
    const r = grade(completion, REF, options);
    expect(r.verdict).toBe(verdict);
    expect(r.score).toBe(score);
    if (reason) expect(String(r.details?.reason)).toContain(reason);
  });

  it('division by zero is wrong, not a crash', () => {
    const r = grade('<answer>4 / (2 - 2)</answer>', { target: 1, numbers: [4, 2, 2] });
    expect(r).toMatchObject({ verdict: 'wrong', score: 0.1, details: { reason: 'division by zero' } });
  });

  it('real rollout: (93-43)+1 = 51', () => {
    const r = grade(ROLLOUT_51, { target: 51, numbers: [93, 43, 1] });
    expect(r).toMatchObject({ verdict: 'correct', score: 1, extracted: '(93-43)+1' });
    expect(r.details).toMatchObject({ value: '51', used: ['93', '43', '1'], source: 'answer_tag' });
  });
});

describe('division is exact (TinyZero: float eval, |x - target| < 1e-5)', () => {
  it.each([
    ['(1/3)*3 is exactly 1', { target: 1, numbers: [1, 3, 3] }, '<answer>(1/3)*3</answer>', 'correct', '1'],
    ['7/2 is not 3 or 4', { target: 3, numbers: [7, 2] }, '<answer>7/2</answer>', 'wrong', '7/2'],
    [
      'a float near-miss is wrong',
      { target: 1, numbers: [100000001, 100000000] },
      '<answer>100000001/100000000</answer>',
      'wrong',
      '100000001/100000000',
    ],
    [
      '6/(1-3/4) = 24 (a classic fractional route)',
      { target: 24, numbers: [6, 1, 3, 4] },
      '<answer>6/(1-3/4)</answer>',
      'correct',
      '24',
    ],
  ])('%s', (_why, ref, c, verdict, value) => {
    const r = grade(c, ref);
    expect(r.verdict).toBe(verdict);
    expect(r.details?.value).toBe(value);
  });
});

describe('use_all (TinyZero requires every number exactly once)', () => {
  it.each([
    [false, '<answer>44 + 54</answer>', 'wrong'],
    [false, '<answer>(44 + 19) + 35</answer>', 'correct'],
    [true, '<answer>(44 + 19) + 35</answer>', 'correct'],
  ])('use_all=%s %s → %s', (use_all, c, verdict) => {
    expect(grade(c, REF, { use_all }).verdict).toBe(verdict);
  });
  it('a subset reaching the target is correct by default, wrong under use_all', () => {
    const ref = { target: 63, numbers: [44, 19, 35] };
    expect(grade('<answer>44 + 19</answer>', ref).verdict).toBe('correct');
    const r = grade('<answer>44 + 19</answer>', ref, { use_all: true });
    expect(r.verdict).toBe('wrong');
    expect(r.details?.reason).toBe('35 not used (use_all)');
  });
});

describe('extraction', () => {
  it.each([
    [
      'bare expression as the last line',
      'Let me try.\n44 + 19 = 63\n63 + 35 = 98\n(44 + 19) + 35',
      'correct',
      'bare',
    ],
    ['bare expression after </think>', '<think>\n44+19=63\n</think>\n\n44 + 19 + 35', 'correct', 'bare'],
    ['boxed bare expression', 'So the answer is\n$\\boxed{(44 + 19) + 35}$', 'correct', 'bare'],
    ['unicode operators', '<answer>(44 × 19) ÷ 19 + 19 + 35</answer>', 'wrong', 'answer_tag'],
    ['LaTeX operators', '<answer>\\left(44 + 19\\right) + 35</answer>', 'correct', 'answer_tag'],
    ['multi-line answer block', '<answer>\n(44 + 19)\n+ 35\n</answer>', 'correct', 'answer_tag'],
  ])('%s', (_why, c, verdict, source) => {
    const r = grade(c);
    expect(r.verdict).toBe(verdict);
    expect(r.details?.source).toBe(source);
  });
  it.each([
    ['a working step with `=` is not a bare answer', 'Let me try.\n44 + 19 + 35 = 98'],
    ['a lone number is not a bare answer', 'The answer is\n98'],
    ['prose last line', '44 + 19 + 35\nThat is my answer.'],
    ['bare extraction off', '44 + 19 + 35'],
  ])('%s → no_answer', (why, c) => {
    const r = grade(c, REF, why.includes('off') ? { bare: false } : {});
    expect(r.verdict).toBe('no_answer');
    expect(r.score).toBe(0);
  });
});

describe('references', () => {
  it.each([
    ['JSON string', JSON.stringify(REF)],
    ['dataset field name nums', { nums: [44, 19, 35], target: 98 }],
    ['numbers as digit strings', { numbers: ['44', '19', '35'], target: '98' }],
  ])('accepts %s', (_why, ref) => {
    expect(grade('<answer>44+19+35</answer>', ref).verdict).toBe('correct');
  });
  it.each([
    ['a plain string', '98'],
    ['not JSON', '{target: 98'],
    ['no numbers', { target: 98 }],
    ['empty numbers', { target: 98, numbers: [] }],
    ['fractional target', { target: 9.5, numbers: [19, 2] }],
    ['negative number', { target: 9, numbers: [-1, 10] }],
    ['null', null],
    ['an array', [98, 44, 19, 35]],
  ])('rejects %s: invalid_reference with reward null', (_why, ref) => {
    const r = grade('<answer>44+19+35</answer>', ref);
    expect(r.verdict).toBe('invalid_reference');
    expect(r.score).toBeNull();
    expect(r.error?.code).toBe('RLVR_ERR_ITEM_REFERENCE_INVALID');
  });
});

describe('scores are configurable per item', () => {
  it.each([
    ['<answer>44+19+35</answer>', 0.8],
    ['<answer>44+19</answer>', 0],
    ['<answer>x</answer>', 0.05],
    ['nothing', 0.01],
  ])('%s', (c, score) => {
    const scores = { correct: 0.8, wrong: 0, parse_error: 0.05, no_answer: 0.01 };
    expect(grade(c, REF, { scores }).score).toBe(score);
  });
});

describe('hostile expressions are bounded', () => {
  const HUGE = '99999999999999999999';
  const rows: [string, () => string, unknown, string][] = [
    [
      '100,000 nested parentheses → parse_error',
      () => `<answer>${'('.repeat(100_000)}44${')'.repeat(100_000)}</answer>`,
      REF,
      'parse_error',
    ],
    [
      'nesting at the limit → correct',
      () => `<answer>${'('.repeat(MAX_DEPTH)}44+19+35${')'.repeat(MAX_DEPTH)}</answer>`,
      REF,
      'correct',
    ],
    ['1 MB chain of additions → wrong', () => `<answer>${'44+'.repeat(350_000)}19</answer>`, REF, 'wrong'],
    ['1 MB of digits → wrong', () => `<answer>${'9'.repeat(1 << 20)}</answer>`, REF, 'wrong'],
    ['1 MB completion without an answer → no_answer', () => 'x'.repeat(1 << 20), REF, 'no_answer'],
    ['1 MB of opening tags → no_answer', () => '<answer>'.repeat(1 << 17), REF, 'no_answer'],
    [
      'huge but legal numbers → correct',
      () => `<answer>${HUGE} * ${HUGE}</answer>`,
      { target: (BigInt(HUGE) ** 2n).toString(), numbers: [HUGE, HUGE] },
      'correct',
    ],
  ];
  it.each(rows)('%s', (_why, make, ref, verdict) => {
    expect(grade(make(), ref).verdict).toBe(verdict);
  });
});

describe('the one-pass scan agrees with the parser', () => {
  it.each([
    '1+2',
    '(1+2)*3',
    '((4))',
    '1 + (2 * (3 - 4)) / 5',
    '1+',
    '+1',
    '1 2',
    '(1+2',
    '1+2)',
    '()',
    '',
    '2(3)',
    '(2)3',
    '1*/2',
    '1--2',
    'a',
    '1.5',
    '  7  ',
    '3 × 4 ÷ 2',
    '\\left(1+2\\right)',
    `${'('.repeat(MAX_DEPTH + 1)}1${')'.repeat(MAX_DEPTH + 1)}`,
  ])('%j', (src) => {
    const text = normalizeOperators(src);
    const scanned = scanExpr(text).ok;
    let parsed = true;
    try {
      parseExpr(text);
    } catch {
      parsed = false;
    }
    expect(scanned).toBe(parsed);
  });
  it('clips huge literals in details', () => {
    const r = grade(`<answer>${'9'.repeat(1 << 20)}</answer>`);
    expect(String(r.details?.reason).length).toBeLessThan(60);
  });
});
