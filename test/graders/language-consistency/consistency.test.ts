/**
 * Language-consistency grader. Real completions: the 210 DeepScaleR `<think>` traces (English) and
 * the 800 Qwen2.5-Math math_cot_100 completions, 3 of which end in multilingual token salad after
 * their boxed answer (shared/data/math/SOURCES.md). No source has mixed-language reasoning, so
 * the mixed cases below are built from sentences composed for this test (math-reasoning style,
 * one idea per sentence, in each language).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAX_CHARS, MAX_LID_CALLS } from '../../../graders/language-consistency/consistency.ts';
import { type ConsistencyOptions, gradeConsistency } from '../../../graders/language-consistency/index.ts';
import { reasoningText, stripSpans } from '../../../graders/language-consistency/prepare.ts';
import { normalizeLanguage } from '../../../graders/language-consistency/scripts.ts';
import { CLOSE_SET, COMPOSED } from './composed.ts';

const DATA = new URL('../../../../shared/data/math/completions/', import.meta.url);
const grade = (
  completion: string,
  options: ConsistencyOptions = {},
  prompt?: string,
  reference: unknown = null,
) => gradeConsistency(completion, reference, prompt, options);

// Composed for this test.
const EN = [
  'Okay, so I need to find the number of ordered pairs that satisfy the equation.',
  'Let me check whether the remainder is correct by substituting back.',
  'Therefore the area of the triangle is half the product of the two legs.',
  'Wait, that does not seem right, maybe I made a mistake in the second step.',
  'Hmm, perhaps it is easier to consider the complement instead.',
  'Thus the answer should be the sum of all such integers.',
];
const FR = [
  "Attendez, cela ne semble pas juste, j'ai peut-être fait une erreur à la deuxième étape.",
  'La probabilité que les deux boules soient rouges est le nombre de cas favorables divisé par le total.',
];
const DE = [
  'Vielleicht ist es einfacher, das Gegenereignis zu betrachten und die Wahrscheinlichkeit abzuziehen.',
];
const ZH = ['首先，我们把方程两边同时乘以二。', '然后化简得到一个二次方程。', '所以答案是所有这些整数的和。'];
const JA = [
  'まず、方程式の両辺に二を掛けます。',
  '次に、式を整理して二次方程式を得ます。',
  'したがって、答えはこれらの整数の和です。',
];
const KO = [
  '먼저 방정식의 양변에 2를 곱합니다.',
  '그러면 이차방정식을 얻습니다.',
  '따라서 답은 이 정수들의 합입니다.',
];
const RU = [
  'Сначала умножим обе части уравнения на два.',
  'Затем упростим выражение и получим квадратное уравнение.',
  'Следовательно, ответ равен сумме всех таких целых чисел.',
];
const UK = [
  'Спочатку помножимо обидві частини рівняння на два.',
  'Потім спростимо вираз і отримаємо квадратне рівняння.',
  'Отже, відповідь дорівнює сумі всіх таких цілих чисел.',
];

const foreignOf = (r: { details?: Record<string, unknown> }): Record<string, number> =>
  (r.details?.foreign as Record<string, number> | undefined) ?? {};

/** Words of composed Latin-script sentences, counted naively (tokens of ≥ 2 letters). */
const naiveWords = (s: string) =>
  s.split(/[\s,.]+/).filter((w) => w.replace(/[^\p{L}]/gu, '').length >= 2).length;

describe('real completions', () => {
  const traces: string[] = [];
  for (const n of [128, 256, 512, 1024, 2048, 4096, 8192]) {
    const f = new URL(`bkubwimana_tegra_monitor/${n}t_test2024_qwen-instruct_t0.6_k1_s0_e30.jsonl`, DATA);
    for (const l of readFileSync(f, 'utf8').trim().split('\n'))
      traces.push(JSON.parse(l).generated_responses[0]);
  }
  it('DeepScaleR English <think> traces all score 1 (English by default)', () => {
    // Grader version 1 (eld extrasmall, no close-language rule): 209 of 210, a `perhaps perhaps …`
    // loop at 0.985 (named Romanian).
    const scores = traces.map((t) => grade(t).score as number);
    expect(scores.length).toBe(210);
    expect(scores.filter((s) => s === 1).length).toBe(210);
  });
  it('DeepScaleR traces judged against Chinese score ≈ 0', () => {
    for (const t of traces.slice(0, 20)) expect(grade(t, { language: 'zh' }).score).toBe(0);
  });

  const qwen = gunzipSync(readFileSync(new URL('QwenLM_Qwen2.5-Math/math_cot_100.jsonl.gz', DATA)))
    .toString()
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const SALAD = new Set(['25/1', '45/5', '48/3']);
  it('Qwen2.5-Math: the 3 completions ending in token salad score < 0.7, the other 797 ≥ 0.99', () => {
    const salad: number[] = [];
    const clean: number[] = [];
    for (const o of qwen) {
      o.code.forEach((c: string, k: number) => {
        const r = grade(c, {}, o.question, o.gt);
        expect(r.details?.language).toBe('en');
        (SALAD.has(`${o.idx}/${k}`) ? salad : clean).push(r.score as number);
      });
    }
    expect(salad.length).toBe(3);
    expect(clean.length).toBe(797);
    expect(Math.max(...salad)).toBeLessThan(0.7);
    expect(Math.min(...clean)).toBeGreaterThanOrEqual(0.99);
  });
  it('token salad: foreign words are named by script and by language', () => {
    const o = qwen.find((q) => q.idx === 25);
    const r = grade(o.code[1], {}, o.question);
    const foreign = r.details?.foreign as Record<string, number>;
    expect(foreign.Hani).toBeGreaterThan(100);
    for (const s of ['Cyrl', 'Hang', 'Arab', 'Kana']) expect(foreign[s]).toBeGreaterThan(0);
  });
});

describe('mixed languages (composed sentences)', () => {
  it('English with two French sentences: the French words are foreign', () => {
    const text = [EN[0], EN[1], FR[0], EN[2], EN[3], FR[1], EN[4], EN[5]].join(' ');
    const en = EN.reduce((a, s) => a + naiveWords(s), 0);
    const fr = FR.reduce((a, s) => a + naiveWords(s), 0);
    const r = grade(`<think>\n${text}\n</think>\n<answer>\n5\n</answer>`);
    expect(r.details?.foreign).toHaveProperty('fr');
    expect(r.score).toBeCloseTo(en / (en + fr), 1);
  });
  it('English with a German sentence', () => {
    const r = grade([EN[0], EN[1], EN[2], DE[0], EN[3]].join(' '));
    expect(Object.keys(r.details?.foreign as object)).toEqual(['de']);
    expect(r.score).toBeGreaterThan(0.6);
    expect(r.score).toBeLessThan(0.9);
  });
  it.each([
    ['zh', ZH.join('')],
    ['ja', JA.join('')],
    ['ko', KO.join(' ')],
    ['ru', RU.join(' ')],
    ['uk', UK.join(' ')],
    ['fr', FR.join(' ')],
    ['de', DE[0]],
    ['en', EN.join(' ')],
  ])('monolingual %s reasoning scores 1 against its language', (language, text) => {
    expect(grade(text, { language }).score).toBe(1);
  });
  it.each([
    ['Chinese reasoning, target English', ZH.join(''), 'en', 0],
    ['English reasoning, target Korean', EN.join(' '), 'ko', 0],
    ['Japanese reasoning, target Chinese (kana and Japanese kanji are foreign)', JA.join(''), 'zh', 0],
    ['Ukrainian reasoning, target Russian (same script, other language)', UK.join(' '), 'ru', 0],
  ])('%s', (_why, text, language, score) => {
    expect(grade(text, { language }).score).toBe(score);
  });
  it('Chinese reasoning with an English sentence, target Chinese: share in (0, 1)', () => {
    const r = grade(`<think>${ZH[0]}${ZH[1]} ${EN[1]} ${ZH[2]}</think>`, { language: 'zh' });
    expect(r.verdict).toBe('partial');
    expect(r.details?.foreign).toEqual({ Latn: naiveWords(EN[1]) });
    expect(r.score).toBeGreaterThan(0.5);
    expect(r.score).toBeLessThan(1);
  });
});

describe('GSM8K through the r1 preset (user report: prompt + solution text as reference)', () => {
  const gsm = readFileSync(
    new URL('../../../../shared/data/math/gold/openai_grade-school-math/test.jsonl', DATA),
    'utf8',
  )
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const sols = gunzipSync(
    readFileSync(new URL('openai_grade-school-math/example_model_solutions.jsonl.gz', DATA)),
  )
    .toString()
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const RUNS = ['6b_finetuning', '6b_verification', '175b_finetuning', '175b_verification'];
  it('the groomer reference (once named Dutch) no longer sets the target', () => {
    const i = gsm.findIndex((g) => g.answer.startsWith('The groomer gave a 100*.3='));
    const c = sols[i]['175b_verification'].solution;
    expect(grade(c, {}, gsm[i].question, gsm[i].answer)).toMatchObject({
      score: 1,
      details: { language: 'en', language_source: 'prompt' },
    });
    // Without a prompt the terse reference is not trusted either: English by default.
    expect(grade(c, {}, undefined, gsm[i].answer).details?.language).toBe('en');
  });
  it('all 1,319 GSM8K references alone give English', () => {
    const langs = new Set(gsm.map((g) => grade(EN[0], {}, undefined, g.answer).details?.language));
    expect([...langs]).toEqual(['en']);
  });
  it('5,276 GPT-3 solutions: target English for all, at most 5 below 1 (version 1: 56, 41 at 0)', () => {
    let below = 0;
    let zero = 0;
    const langs = new Set<unknown>();
    sols.forEach((s, i) => {
      for (const k of RUNS) {
        const r = grade(s[k].solution, {}, s.question, gsm[i].answer);
        langs.add(r.details?.language);
        if ((r.score as number) < 1) below++;
        if (r.score === 0) zero++;
      }
    });
    expect([...langs]).toEqual(['en']);
    // Measured: 4 name-heavy solutions (`Zoey spits 40 seeds`, named Dutch) and one that is only `25`.
    expect(below).toBeLessThanOrEqual(5);
    expect(zero).toBeLessThanOrEqual(1);
  });
});

describe('closely related languages (composed sentences)', () => {
  it('"hola amigo como estas" against Spanish scores 1 (eld says Portuguese; 4 words are no evidence)', () => {
    expect(grade('hola amigo como estas', { language: 'es' }).score).toBe(1);
  });
  it('each composed sentence alone, and each paragraph, scores 1 against its own language', () => {
    const all = { ...COMPOSED, ...CLOSE_SET };
    const misses: string[] = [];
    for (const [language, sentences] of Object.entries(all)) {
      expect(grade(sentences.join(' '), { language }).score).toBe(1);
      for (const s of sentences) if (grade(s, { language }).score !== 1) misses.push(`${language}: ${s}`);
    }
    // The one miss: a single Czech sentence that eld reliably calls Slovak, whole reasoning included.
    expect(misses).toEqual(['cs: Potom výraz zjednodušíme a dostaneme kvadratickou rovnici.']);
  });
  it.each([
    ['pt', 'es'],
    ['es', 'pt'],
    ['no', 'da'],
  ])(
    'a whole %s reasoning against %s still scores < 0.5 (the document decides close calls)',
    (text, language) => {
      const all: Record<string, string[]> = { ...COMPOSED, ...CLOSE_SET };
      expect(grade((all[text] as string[]).join(' '), { language }).score).toBeLessThan(0.5);
    },
  );
  it.each(['es', 'pt', 'fr', 'de'])(
    'a %s sentence in English reasoning is foreign (≥ 6 of 8)',
    (language) => {
      const found = (COMPOSED[language] as string[]).filter(
        (s) => (grade([EN[0], EN[1], s, EN[2], EN[3]].join(' ')).score as number) < 1,
      );
      // The misses are sentences under 40 letters, pooled with the next English sentence.
      expect(found.length).toBeGreaterThanOrEqual(6);
    },
  );
});

describe('target language', () => {
  it.each([
    ['option wins', { language: 'fr' }, ZH[0], null, 'fr', 'option'],
    ['BCP 47 tag', { language: 'zh-Hans-CN' }, undefined, null, 'zh', 'option'],
    ['ISO 639-2', { language: 'deu' }, undefined, null, 'de', 'option'],
    ['Chinese prompt', {}, `求所有满足条件的整数之和。${ZH[2]}`, null, 'zh', 'prompt'],
    ['French prompt', {}, FR[1], null, 'fr', 'prompt'],
    ['Japanese prompt', {}, JA.join(''), null, 'ja', 'prompt'],
    ['Russian prompt', {}, RU[0], null, 'ru', 'prompt'],
    ['the prompt (the query) beats the reference', {}, EN[0], DE[0], 'en', 'prompt'],
    ['a math-only prompt falls through to the reference', {}, '$x^2 + 1 = 0$', DE[0], 'de', 'reference'],
    [
      'a 4-word prompt is not trusted: the reference decides',
      {},
      'hola amigo como estas',
      FR[1],
      'fr',
      'reference',
    ],
    [
      'short prompt and terse reference → English',
      {},
      'hola amigo como estas',
      'Juice Box A plus B',
      'en',
      'default',
    ],
    ['a short Cyrillic prompt → Russian by its script', {}, 'Сколько будет два', null, 'ru', 'default'],
    ['numeric reference is skipped', {}, RU[1], '42', 'ru', 'prompt'],
    ['prompt of math only → English', {}, '$x^2 + 1 = 0$', null, 'en', 'default'],
    ['nothing → English', {}, undefined, null, 'en', 'default'],
  ])('%s', (_why, options, prompt, reference, language, source) => {
    const r = grade(EN[0], options as ConsistencyOptions, prompt, reference);
    expect(r.details).toMatchObject({ language, language_source: source });
  });
  it('an unknown language is our error (reward null), not a 0', () => {
    const r = grade(EN[0], { language: 'xx' });
    expect(r).toMatchObject({
      verdict: 'error',
      score: null,
      error: { code: 'RLVR_ERR_ITEM_OPTIONS_INVALID' },
    });
  });
  it.each([
    ['pt_BR', 'pt'],
    ['iw', 'he'],
    ['nb', 'no'],
    ['EN-us', 'en'],
    ['klingon', null],
  ])('normalizeLanguage(%s) = %s', (tag, code) => expect(normalizeLanguage(tag)).toBe(code));
});

describe('what counts as a word', () => {
  it.each([
    ['inline and display LaTeX', 'We have $\\frac{a}{b} = \\sqrt{2}$ and $$\\int_0^1 f(x)\\,dx$$ so done', 5],
    [
      '\\( \\) and \\[ \\] and environments',
      'Then \\(x\\) is \\[y\\] \\begin{align} a &= b \\end{align} fine',
      3,
    ],
    ['fenced and inline code', 'Run this:\n```python\nprint(sum(range(10)))\n```\nthen `x = 5` works', 4],
    [
      'URLs, e-mails, identifiers',
      'See https://example.com/a?b=c or mail me@example.com about np.arcsin and max_len now',
      6,
    ],
    ['tags and chat tokens', '<|im_start|>assistant <think> Good morning </think> <answer>5</answer>', 3],
    ['variables, points, math words', 'Let x be sqrt of AB plus sin theta', 4],
    ['apostrophes join Latin words', "Don't forget l'équation", 3],
    ['numbers are not words', '12345 67.8 9/10 = 1e5', 0],
  ])('%s', (_why, text, words) => {
    expect(grade(text, { language: 'en', scope: 'completion' }).details?.words).toBe(words);
  });
  it('foreign-script words hidden in math still count; Latin units in \\text do not', () => {
    const hidden = grade(`${EN[0]} $\\text{所以答案是} x = 5$`, { language: 'en' });
    expect(foreignOf(hidden).Hani).toBeGreaterThan(0);
    const units = grade(`${ZH[0]}$5\\,\\text{cm}$${ZH[1]}`, { language: 'zh' });
    expect(units.score).toBe(1);
  });
  it('unclosed delimiters are plain text', () => {
    expect(stripSpans('costs $5 and more')).toBe('costs $5 and more');
    expect(stripSpans('a \\begin{x} b')).toBe('a \\begin{x} b');
    expect(grade('costs $5 and more', { language: 'en' }).details?.words).toBe(3);
  });
  it('no words at all → no_answer, score 0', () => {
    expect(grade('$1+1=2$')).toMatchObject({ verdict: 'no_answer', score: 0 });
    expect(grade('')).toMatchObject({ verdict: 'no_answer', score: 0 });
    // Countdown reasoning is often bare arithmetic: a trainer may choose not to punish that.
    expect(grade('<think>\n44+19=63, 63+35=98\n</think>', { no_words_score: 1 })).toMatchObject({
      verdict: 'no_answer',
      score: 1,
    });
  });
});

describe('scope: the reasoning', () => {
  it.each([
    ['think block', '<think>inside</think>outside', 'inside'],
    ['prefilled <think> (only </think>)', 'inside</think>outside', 'inside'],
    ['cut off (only <think>)', 'before<think>inside', 'inside'],
    [
      'multi-turn: first <think> to last </think>',
      '<think>a</think>tool<think>b</think>final',
      'a</think>tool<think>b',
    ],
    ['no tags: completion minus the answer block', 'work <answer>5</answer> tail', 'work  tail'],
    ['no tags at all', 'all of it', 'all of it'],
  ])('%s', (_why, completion, reasoning) => {
    expect(reasoningText(completion)).toBe(reasoning);
  });
  it('the answer is outside the reasoning; scope: completion includes it', () => {
    const c = `<think>${EN[0]}</think>\n<answer>${ZH[2]}</answer>`;
    expect(grade(c).score).toBe(1);
    expect(grade(c, { scope: 'completion' }).score).toBeLessThan(1);
  });
  it('custom think tag', () => {
    expect(grade(`<reasoning>${EN[0]}</reasoning>${ZH[0]}`, { think_tag: 'reasoning' }).score).toBe(1);
  });
});

describe('bounded', () => {
  it('a 1 MB English completion makes at most MAX_LID_CALLS eld calls', () => {
    const big = EN.join(' ').repeat(Math.ceil((1 << 20) / EN.join(' ').length));
    const r = grade(big);
    expect(r.score).toBe(1);
    expect(r.details?.sampled).toBe(true);
    expect(r.details?.lid_calls as number).toBeLessThanOrEqual(MAX_LID_CALLS + 8);
  });
  it('a long reasoning is read in windows that include its end (token salad after a runaway)', () => {
    const long = `${EN.join(' ')}\n`.repeat(Math.ceil((2 * MAX_CHARS) / EN.join(' ').length));
    const r = grade(`${long}${ZH.join('').repeat(40)}`);
    expect(r.details?.sampled).toBe(true);
    expect(foreignOf(r).Hani).toBeGreaterThan(0);
    expect(grade(EN.join(' ')).details?.sampled).toBe(false);
  });
  it.each([
    ['100,000 unclosed $', '$ a'.repeat(100_000)],
    ['100,000 unclosed \\begin', '\\begin{x} a'.repeat(100_000)],
    ['100,000 unclosed ```', '``` a'.repeat(100_000)],
    ['100,000 \\begin{ without }', '\\begin{ a'.repeat(100_000)],
    ['1 MB single word', 'a'.repeat(1 << 20)],
    ['1 MB of e-mail-like text', 'a.b+c-'.repeat(170_000)],
    ['1 MB of Han', '的'.repeat(1 << 20)],
    ['1 MB alternating scripts', 'aβ的ш'.repeat(1 << 18)],
  ])('%s', (_why, text) => {
    const r = grade(text, { language: 'en' });
    expect(r.score).toBeGreaterThanOrEqual(0);
    expect(r.score).toBeLessThanOrEqual(1);
  });
});
