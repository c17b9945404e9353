import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type ExtractOptions,
  extractAnswer,
  extractReference,
  findBoxes,
} from '../../../graders/math/extract.ts';

const CASES = '/work/shared/data/math/cases/mathverify_public.jsonl';

interface Row {
  id: string;
  kind: string;
  pred: string;
  expected_extracted: string | null;
  config: { extraction: string };
}

/**
 * Translate the Python config string of a Math-Verify `kind: extract` row into our options:
 * `boxed_match_priority` 50 → boxes first (our default), 100 → after anchors, -1 → off;
 * `StringExtractionConfig(strings=(…), lowercase=…)` → `choices` / `lowercase`.
 */
function optionsFor(config: string): ExtractOptions {
  const o: ExtractOptions = {};
  const prio = /boxed_match_priority=(-?\d+)/.exec(config);
  if (prio) {
    const p = Number(prio[1]);
    o.boxed = p < 0 ? 'off' : p > 50 ? 'fallback' : 'prefer';
  }
  const strings = /strings=\(([^)]*)\)/.exec(config);
  if (strings) o.choices = [...strings[1].matchAll(/'([^']*)'/g)].map((m) => m[1]);
  if (/lowercase=True/.test(config)) o.lowercase = true;
  return o;
}

describe('Math-Verify extract rows (shared/data/math/cases/mathverify_public.jsonl)', () => {
  const rows = readFileSync(CASES, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Row)
    .filter((r) => r.kind === 'extract');

  it('has the extract rows (8 in the public file)', () => {
    expect(rows.length).toBeGreaterThanOrEqual(8);
  });
  it.each(rows.map((r) => [r.id, r] as const))('%s', (_id, r) => {
    expect(extractAnswer(r.pred, optionsFor(r.config.extraction)).answer).toBe(r.expected_extracted);
  });
});

describe('extractAnswer: multiple choice (choices option, Math-Verify StringExtractionConfig)', () => {
  const o = { choices: ['A', 'B', 'C', 'D'], lowercase: true } as const;
  it.each([
    ['Final answer is B', 'b'],
    ['No valid answer here', null],
    ['The answer is (D).', 'd'],
    ['**Answer: C**', 'c'],
    ['\\boxed{C}', 'c'],
    ['Answer: $\\text{(B)}$', 'b'],
  ])('%j → %j', (completion, letter) => {
    expect(extractAnswer(completion, o).answer).toBe(letter);
  });
});

describe('extractAnswer: sources of a final answer', () => {
  const table: [string, string, string | null, string][] = [
    ['last \\boxed wins', 'First \\boxed{2}, so \\boxed{3}', '3', 'boxed'],
    ['nested braces', 'Thus \\(\\boxed{\\frac{\\sqrt{3}}{2}}\\).', '\\frac{\\sqrt{3}}{2}', 'boxed'],
    ['\\boxed 5 without braces', 'so the answer is $\\boxed 5$.', '5', 'boxed'],
    ['\\fbox', 'Result: \\fbox{12}', '12', 'boxed'],
    [
      'Minerva final answer',
      'Final Answer: The final answer is $\\frac{3}{4}$. I hope it is correct.',
      '\\frac{3}{4}',
      'anchor',
    ],
    ['the answer is, plain', 'So 3 + 4 = 7.\nThe answer is 7.', '7', 'anchor'],
    ['MR-GSM8K answer is:', 'Step 6: #### 4\nStep 7: The answer is: 4', '4', 'anchor'],
    ['GSM8K ####', 'She makes 9 * 2 = $<<9*2=18>>18 every day.\n#### 18', '18', 'hash'],
    ['GSM8K A: line', 'so 2 * 9 = $<<2*9=18>>18 per day\nA: 18', '18', 'answer_line'],
    ['Answer: line', 'Work...\n**Answer:** $42$', '42', 'answer_line'],
    ['<answer> tag', '<think>\nlong\n</think>\n<answer>\n1/2\n</answer>', '1/2', 'bare'],
    ['boxed inside <answer>', '<think>a</think><answer>The result is \\boxed{7}.</answer>', '7', 'boxed'],
    ['last display math', 'We compute\n\\[ x = 1 + 1 \\]\nand finally\n\\[ 2 \\]', '2', 'math'],
    ['inline \\( \\)', 'Hence the value is \\(\\sqrt{2}\\)', '\\sqrt{2}', 'math'],
    ['bare completion', '\\frac{1}{2}', '\\frac{1}{2}', 'bare'],
    ['bare with $', '$x = 5$', 'x = 5', 'bare'],
    ['bare list with an ellipsis', '$1, 2, 3, ...$', '1, 2, 3, ...', 'bare'],
    ['punctuation inside the delimiters', 'The answer is $\\frac{1}{3}.$', '\\frac{1}{3}', 'anchor'],
    ['bare with unit', '18 dollars', '18 dollars', 'bare'],
    ['currency dollar, then prose', 'The answer is $15. Next she went home.', '$15', 'anchor'],
    [
      'leading number, then prose (lm-eval GSM8K rule)',
      'The answer is 18 because she had 3.',
      '18',
      'anchor',
    ],
    ['several math parts joined by and', 'The answer is $x = 2$ and $y = 3$.', 'x = 2 and y = 3', 'anchor'],
    ['plain parts joined by and', 'The answer is 3 and 4.', '3 and 4', 'anchor'],
    ['math span then a unit word', 'The answer is $\\frac{1}{2}$ cups.', '\\frac{1}{2}', 'anchor'],
    [
      'quoted anchored answer',
      'The final answer is "$12$ and $13$". I hope it is correct.',
      '12 and 13',
      'anchor',
    ],
    ['Chinese anchor', '所以答案是 5', '5', 'anchor'],
    ['Chinese full stop ends the answer', '所以答案是 5。因为……', '5', 'anchor'],
    ['correct option is', 'The correct option is (B).', '(B)', 'anchor'],
    ['prose is not an answer', 'I am not sure how to solve this problem at all.', null, 'none'],
    ['empty', '   ', null, 'none'],
  ];
  it.each(table)('%s', (_name, completion, answer, method) => {
    const e = extractAnswer(completion);
    expect(e.answer).toBe(answer);
    expect(e.method).toBe(method);
  });
});

describe('extractAnswer: final vs intermediate answers', () => {
  it('skips the reasoning before </think> (NeMo-Gym ns_tools: no opening tag)', () => {
    const e = extractAnswer('Try \\boxed{5}... no.\n</think>\nThe answer is \\boxed{6}.');
    expect(e.candidates).toEqual(['6']);
  });
  it('a trace cut off inside <think> has no answer (DeepScaleR truncated traces)', () => {
    const e = extractAnswer('<think>\nSo far \\boxed{5} maybe');
    expect(e.answer).toBeNull();
    expect(e.method).toBe('unterminated_think');
  });
  it('two <answer> blocks with different answers are two candidates', () => {
    expect(extractAnswer('<think>r</think><answer>5</answer><answer>6</answer>').candidates).toEqual([
      '5',
      '6',
    ]);
    expect(extractAnswer('<think>r</think><answer>\\boxed{5}</answer> <answer>5</answer>').answer).toBe('5');
  });
  it('with thinkOpen (the prompt opened <think>), no </think> means cut off', () => {
    expect(extractAnswer('reasoning… \\boxed{5}', { thinkOpen: true }).method).toBe('unterminated_think');
    expect(extractAnswer('reasoning…</think> \\boxed{5}', { thinkOpen: true }).answer).toBe('5');
  });
  it('every box is a candidate, so a second different box is visible to the grader', () => {
    expect(extractAnswer('\\boxed{3} ... actually \\boxed{4}').candidates).toEqual(['3', '4']);
  });
  it('a restated box is two equal candidates (Qwen2.5-Math idx 19)', () => {
    expect(
      extractAnswer('So \\(\\boxed{\\frac{1}{2}}\\). Therefore \\(\\boxed{\\frac{1}{2}}\\)').candidates,
    ).toEqual(['\\frac{1}{2}', '\\frac{1}{2}']);
  });
  it('placeholder boxes are not answers (Qwen2.5-Math idx 13: \\boxed{\\phantom{2}})', () => {
    const c = '\\[-3 = -7 + \\boxed{\\phantom{2}}.\\]\nSo the number is \\(\\boxed{4}\\).';
    expect(extractAnswer(c).candidates).toEqual(['4']);
  });
  it('outermost box only: \\boxed{\\boxed{1}} is one candidate', () => {
    expect(findBoxes('\\boxed{\\boxed{1}} and \\boxed{2}')).toEqual(['\\boxed{1}', '2']);
  });
  it('repeated anchors are all candidates', () => {
    expect(extractAnswer('The answer is 5.\nWait. The answer is 6.').candidates).toEqual(['5', '6']);
  });
  it('adjacent boxes joined by and/commas are one multi-part answer (Math-Verify multiple boxed)', () => {
    expect(extractAnswer('\\(\\boxed{1}\\) and \\(\\boxed{-2}\\).').candidates).toEqual(['1, -2']);
    expect(extractAnswer('$$\\boxed{2}, \\boxed{3}, \\boxed{13}$$').answer).toBe('2, 3, 13');
    expect(extractAnswer('$\\boxed{a} \\quad \\text{and} \\quad \\boxed{b}$').answer).toBe('a, b');
    expect(extractAnswer('\\( y_1 = \\boxed{5} \\) and \\( y_2 = \\boxed{6} \\)').answer).toBe('5, 6');
  });
  it('boxes joined by or are one hedged answer', () => {
    const e = extractAnswer('so $x$ must be $\\boxed{3}$ or $\\boxed{\\frac{2}{5}}$.');
    expect(e.answer).toBe('3 or \\frac{2}{5}');
    expect(e.hedge).toBe(true);
  });
  it('one answer boxed twice in two forms is one part (MATH-500 number_theory/459)', () => {
    expect(extractAnswer('$\\boxed{15\\frac{39}{40}}$, or $\\boxed{\\frac{639}{40}}$').answer).toBe(
      '15\\frac{39}{40}',
    );
  });
  it('a "final answer" statement after the last box wins over intermediate boxes (Math-Verify)', () => {
    const c =
      'so $\\boxed{200}$ here.\nThen $\\boxed{255}$.\nFinal Answer: The final answer is $10,455$. I hope it is correct.';
    expect(extractAnswer(c).candidates).toEqual(['10,455']);
    expect(extractAnswer('The final answer is $\\boxed{5}$.').method).toBe('boxed');
  });
  it('an anchored sentence gives its last value', () => {
    expect(extractAnswer('Final Answer: The volume of $ABCDEFGH$ is 120. I hope it is correct.').answer).toBe(
      '120',
    );
  });
  it('a last line of pure math is the expression, not its last number (NeMo-Gym sympy answers)', () => {
    const e = extractAnswer('so we get\n(-(1 - sqrt(3))**4033 + (1 + sqrt(3))**4033)/((2**2017*sqrt(3)))');
    expect(e.answer).toBe('(-(1 - sqrt(3))**4033 + (1 + sqrt(3))**4033)/((2**2017*sqrt(3)))');
    expect(extractAnswer('We compute\n\\[\n x = 5\n\\]').answer).toBe('x = 5');
  });
  it('the last value may be a fraction or a mixed number (Math-Verify mixed-number tests)', () => {
    expect(extractAnswer('There are 4 objects and 4/9 remain.').answer).toBe('4/9');
    expect(extractAnswer('The answer is 4 4/9.').answer).toBe('4 4/9');
    expect(extractAnswer('so we keep 4 4/9 of it').answer).toBe('4 4/9');
  });
  it('without markers, the last value on the last line; never a constant in program text', () => {
    expect(extractAnswer('the number is not 10 which is 1,000.99€').answer).toBe('1,000.99');
    expect(
      extractAnswer('Step 1: photos = 210\nStep 2: days = 6\nStep 5: print(total_days)').answer,
    ).toBeNull();
  });
  it('text after an end-of-turn token is the next turn, not the answer (Math-Verify row mv-0141)', () => {
    expect(
      extractAnswer('… so there are 12 sequences. I hope it is correct. <|im_start|>user 7').answer,
    ).toBe('12');
    expect(extractAnswer('\\boxed{3}<|im_end|>\n<|im_start|>user\n\\boxed{4}').candidates).toEqual(['3']);
  });
  it('boxes outrank anchors by default and are the only candidates then', () => {
    expect(extractAnswer('final answer is $9999$, \\boxed{1}').candidates).toEqual(['1']);
  });
});

describe('extractAnswer: hedges', () => {
  it.each([
    ['The answer is A or B or C.', true],
    ['\\boxed{2 \\text{ or } 3}', true],
    ['\\boxed{x = 1 \\text{ or } x = -1}', true],
    ['\\boxed{\\text{color}}', false],
    ['\\boxed{5 \\lor 6}', true],
    ['W(x)=1orW(x)=-1', true],
    ['\\boxed{(1, 2)}', false],
    ['\\boxed{\\text{for all } x}', false],
  ])('%s → hedge %s', (completion, hedge) => {
    expect(extractAnswer(completion).hedge).toBe(hedge);
  });
});

describe('extractReference: gold forms', () => {
  it.each([
    ['18', '18'],
    ['The answer is 5', '5'], // a short reference with an anchor
    ['A: 18', '18'],
    ['\\(\\frac{333}{1997}\\)', '\\frac{333}{1997}'],
    ['$\\sqrt{2}$', '\\sqrt{2}'],
    ['\\boxed{10}', '10'],
    ['Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 duck eggs a day.\n#### 18', '18'],
    ['so the total is $\\boxed{\\text{(C)}}$, as shown.', '\\text{(C)}'],
    ['   ', null],
    ["Let's think step by step.", null], // MR-GSM8K reversed items: not a reference
    ['$69$,$84$', '69, 84'], // OlympiadBench final_answer: every span is a part
    ['$100$,$200$', '100, 200'], // joined with ", " so it never reads as 100,200
    ['no solution', 'no solution'],
    ['\\text{Devon}', '\\text{Devon}'],
  ])('%j → %j', (reference, answer) => {
    expect(extractReference(reference).answer).toBe(answer);
  });
  it('a MATH solution boxing one answer in two forms gives one candidate', () => {
    const r = extractReference('So it is $\\boxed{15\\frac{39}{40}}$.\nThat is, $\\boxed{\\frac{639}{40}}$.');
    expect(r.candidates).toEqual(['15\\frac{39}{40}']);
  });
  it('a MATH solution with two different boxed parts keeps both (test/algebra: -2 and 1)', () => {
    const r = extractReference('Therefore, the answers are $\\boxed{-2}$ and $\\boxed{1}$.');
    expect(r.answer).toBe('-2, 1');
  });
});

/**
 * Hostile inputs (issue 2): every scan is linear, so these finish in milliseconds; a quadratic scan
 * would take hours on 1 MB and trip the test timeout. No timing is asserted, only the results.
 */
describe('extractAnswer: linear time on hostile completions', () => {
  const MB = 1 << 20;
  it('10,000 nested braces, closed and unclosed', () => {
    const deep = `\\boxed{${'{'.repeat(10_000)}1${'}'.repeat(10_000)}}`;
    expect(extractAnswer(deep).answer).toBe(`${'{'.repeat(10_000)}1${'}'.repeat(10_000)}`);
    expect(extractAnswer(`\\boxed{${'{'.repeat(10_000)}1`).method).toBe('boxed');
  });
  it('1 MB completions of repeated openers and anchors', () => {
    expect(extractAnswer('\\boxed{'.repeat(MB / 7)).candidates.length).toBe(1);
    // adjacent boxes form one answer; identical parts collapse
    expect(extractAnswer('\\boxed{1}'.repeat(MB / 9)).candidates).toEqual(['1']);
    expect(extractAnswer('\\boxed{1}\\boxed{2}'.repeat(MB / 18)).answer).toBe('1, 2');
    expect(extractAnswer('\\('.repeat(MB / 2)).answer).toBeNull();
    expect(extractAnswer('$$ '.repeat(MB / 3)).answer).toBeNull();
    expect(extractAnswer(`answer${' '.repeat(MB)}`).answer).toBe('answer');
    expect(extractAnswer('A: 1\n'.repeat(MB / 5)).answer).toBe('1');
    expect(extractAnswer(`\\boxed ${'.'.repeat(MB)}`).answer).toBeNull();
    expect(extractAnswer(`${'word '.repeat(MB / 5)}\\boxed{7}`).answer).toBe('7');
    expect(extractAnswer('<answer>'.repeat(MB / 8)).answer).toBeNull();
    expect(extractAnswer('<answer>1</answer>'.repeat(MB / 18)).candidates.length).toBe(16);
  });
});
