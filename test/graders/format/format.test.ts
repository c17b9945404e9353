/**
 * Format grader: parametrised tables. Real completions from shared/data (DeepScaleR `<think>`
 * traces, NeMo-Gym ns_tools traces whose `<think>` is in the chat template) and the peers' own
 * documented examples (open-r1 `format_reward`/`tag_count_reward`, TRL `think_format_reward`);
 * the remaining rows are composed here to pin one rule each (said so per row).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import grader, { type FormatGraderOptions } from '../../../graders/format/index.ts';
import type { GradeOutcome } from '../../../src/core/grader.ts';

const DATA = new URL('../../../../shared/data/math/completions/', import.meta.url);
const grade = (completion: string, options: FormatGraderOptions = {}, prompt?: string) =>
  grader.grade({ completion, reference: null, prompt, options }) as GradeOutcome;
const failures = (r: GradeOutcome): string[] => (r.details?.failures as string[] | undefined) ?? [];

const R1 = '<think>\nI add 2 and 3.\n</think>\n<answer>\n5\n</answer>';

describe('strict R1 template', () => {
  // [why, completion, options, expected score, expected failure substring]
  const rows: [string, string, FormatGraderOptions, number, string?][] = [
    ['the template itself', R1, {}, 1],
    ['trailing newline tolerated by default', `${R1}\n`, {}, 1],
    [
      'trailing newline refused when asked',
      `${R1}\n`,
      { trailing_whitespace: false },
      0,
      'text_after_answer',
    ],
    ['text after </answer>', `${R1}\nThe answer is 5.`, {}, 0, 'text_after_answer'],
    ['text before <think>', `Sure! ${R1}`, {}, 0, 'text_before_think'],
    ['empty reasoning', '<think>\n\n</think>\n<answer>\n5\n</answer>', {}, 0, 'empty:reasoning'],
    ['empty answer', '<think>\nI add.\n</think>\n<answer>\n \n</answer>', {}, 0, 'empty:answer'],
    ['two answers', `${R1}\n<answer>\n6\n</answer>`, {}, 0, 'count:<answer>=2'],
    ['answer nested in think', '<think>\nI add <answer>5</answer>\n</think>\n', {}, 0, 'order:answer'],
    [
      'think nested in think',
      '<think>\n<think>\nx\n</think>\n</think>\n<answer>\n5\n</answer>',
      {},
      0,
      'count:<think>=2',
    ],
    ['answer before think', '<answer>\n5\n</answer>\n<think>\nI add.\n</think>', {}, 0, 'order:answer'],
    ['missing newline (template whitespace)', '<think>I add.</think><answer>5</answer>', {}, 0, 'whitespace'],
    [
      'no newlines accepted with whitespace: any',
      '<think>I add.</think><answer>5</answer>',
      { whitespace: 'any' },
      1,
    ],
    [
      'blank line between sections refused (template)',
      '<think>\nI add.\n</think>\n\n<answer>\n5\n</answer>',
      {},
      0,
      'between',
    ],
    [
      'blank line between sections ok (any)',
      '<think>\nI add.\n</think>\n\n<answer>\n5\n</answer>',
      { whitespace: 'any' },
      1,
    ],
    [
      'custom tag names',
      '<reasoning>\nI add.\n</reasoning>\n<final>\n5\n</final>',
      { think_tag: 'reasoning', answer_tag: 'final' },
      1,
    ],
    [
      'default tags are not custom tags',
      '<reasoning>\nI add.\n</reasoning>\n<final>\n5\n</final>',
      {},
      0,
      'count',
    ],
    ['empty completion', '', {}, 0, 'count'],
  ];
  it.each(rows)('%s', (_why, completion, options, score, failure) => {
    const r = grade(completion, options);
    expect(r.score).toBe(score);
    expect(r.verdict).toBe(score === 1 ? 'correct' : 'wrong');
    if (failure) expect(failures(r).join(' ')).toContain(failure);
    else expect(failures(r)).toEqual([]);
  });

  it('extracts the answer section', () => {
    expect(grade(R1).extracted).toBe('5');
  });
});

describe('peer examples', () => {
  // open-r1 format_reward: `^<think>\n.*?\n</think>\n<answer>\n.*?\n</answer>$` (its README / tests)
  it.each([
    ['<think>\nSome reasoning\n</think>\n<answer>\nThe answer\n</answer>', 1],
    ['<think>\nSome reasoning\n</think>\nThe answer', 0],
    ['Only the answer', 0],
  ])('open-r1 format_reward on %j → %d', (c, s) => expect(grade(c).score).toBe(s));

  // TRL think_format_reward docstring: think block then free answer.
  it.each([
    ['<think>\nThis is my reasoning.\n</think>\nThis is my answer.', 1],
    ['<think>\nThis is my reasoning.\nThis is my answer.', 0],
  ])('TRL think_format_reward on %j → %d (answer_tags: false)', (c, s) =>
    expect(grade(c, { answer_tags: false }).score).toBe(s),
  );
});

describe('tag_count (open-r1 tag_count_reward)', () => {
  const rows: [string, string, FormatGraderOptions, number][] = [
    ['all four tags', R1, { mode: 'tag_count' }, 1],
    ['no tags', 'just text', { mode: 'tag_count' }, 0],
    ['think only, closed', '<think>\nI add.\n</think>\n5', { mode: 'tag_count' }, 0.5],
    ['cut off inside think', '<think>\nI add 2 and', { mode: 'tag_count' }, 0.25],
    ['answer tag twice', `${R1}\n<answer>\n6\n</answer>`, { mode: 'tag_count' }, 0.5],
    [
      'bare tags count with whitespace: any',
      '<think>a</think><answer>5</answer>',
      { mode: 'tag_count', whitespace: 'any' },
      1,
    ],
    ['bare tags do not count with template', '<think>a</think><answer>5</answer>', { mode: 'tag_count' }, 0],
    [
      'prefilled: <think> credited when absent',
      'I add.\n</think>\n<answer>\n5\n</answer>',
      { mode: 'tag_count', think_in_prompt: true },
      1,
    ],
    [
      'prefilled: <think> repeated loses its share',
      '<think>\nI add.\n</think>\n<answer>\n5\n</answer>',
      { mode: 'tag_count', think_in_prompt: true },
      0.75,
    ],
  ];
  it.each(rows)('%s', (_why, c, o, s) => {
    const r = grade(c, o);
    expect(r.score).toBe(s);
    expect(r.verdict).toBe(s === 1 ? 'correct' : s === 0 ? 'wrong' : 'partial');
  });
});

describe('think in the prompt', () => {
  it('auto-detects a prompt ending with <think>', () => {
    const c = 'I add 2 and 3.\n</think>\n<answer>\n5\n</answer>';
    expect(grade(c, {}, '<|im_start|>assistant\n<think>\n').score).toBe(1);
    expect(grade(c, {}, 'What is 2+3?').score).toBe(0);
    expect(grade(c, { think_in_prompt: true }).score).toBe(1);
  });
  it('refuses a completion that opens <think> again', () => {
    const r = grade(R1, { think_in_prompt: true });
    expect(r.score).toBe(0);
    expect(failures(r)[0]).toContain('count:<think>=1 (want 0)');
  });

  // NeMo-Gym ns_tools rollouts (Nemotron-3-Nano, AIME 2025): every assistant turn is reasoning
  // closed by `</think>` (the template opened it); the last turn then gives the final answer.
  const rollouts = readFileSync(new URL('NVIDIA-NeMo_Gym/ns_tools_example_rollouts.jsonl', DATA), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const lastTurns = rollouts.map((r) => {
    const msgs = r.response.output.filter((x: { type: string }) => x.type === 'message');
    return msgs
      .at(-1)
      .content.map((c: { text: string }) => c.text)
      .join('') as string;
  });
  it.each(lastTurns.map((t, i) => [i, t]))(
    'ns_tools rollout %i: final turn passes (answer_tags: false)',
    (_i, t) => {
      const r = grade(t as string, { think_in_prompt: true, answer_tags: false });
      expect(failures(r)).toEqual([]);
      expect(r.score).toBe(1);
      expect(r.extracted).toMatch(/\\boxed\{/);
    },
  );
  const midTurns = rollouts.flatMap((r) => {
    const msgs = r.response.output.filter((x: { type: string }) => x.type === 'message');
    return msgs
      .slice(0, -1)
      .map((m: { content: { text: string }[] }) => m.content.map((c) => c.text).join(''));
  });
  it('ns_tools turns that end in a tool call (reasoning, </think>, no answer) fail: empty answer', () => {
    expect(midTurns.length).toBe(21);
    for (const t of midTurns) {
      const r = grade(t, { think_in_prompt: true, answer_tags: false });
      expect(r.score).toBe(0);
      expect(failures(r)).toContain('empty:answer');
    }
  });
  it.each(lastTurns.map((t, i) => [i, t]))(
    'ns_tools rollout %i: fails the R1 template (no <answer>)',
    (_i, t) => {
      expect(grade(t as string, { think_in_prompt: true }).score).toBe(0);
    },
  );
});

describe('DeepScaleR traces (R1-distill: <think> in the completion, answer after </think>)', () => {
  const dir = new URL('bkubwimana_tegra_monitor/', DATA);
  const traces: { text: string; closed: boolean }[] = [];
  for (const n of [128, 256, 512, 1024, 2048, 4096, 8192]) {
    const f = new URL(`${n}t_test2024_qwen-instruct_t0.6_k1_s0_e30.jsonl`, dir);
    for (const l of readFileSync(f, 'utf8').trim().split('\n')) {
      const text = JSON.parse(l).generated_responses[0] as string;
      traces.push({ text, closed: text.includes('</think>') });
    }
  }
  it('has the 210 traces, 26 closed (shared/data/math/SOURCES.md)', () => {
    expect(traces.length).toBe(210);
    expect(traces.filter((t) => t.closed).length).toBe(26);
  });
  it('closed traces pass with answer_tags: false, cut-off ones fail', () => {
    const scores = traces.map((t) => grade(t.text, { answer_tags: false }).score);
    expect(scores).toEqual(traces.map((t) => (t.closed ? 1 : 0)));
  });
  it('no trace passes the R1 template (none has <answer>)', () => {
    expect(traces.every((t) => grade(t.text).score === 0)).toBe(true);
  });
  it('cut-off traces get 0.25 of tag_count (only "<think>\\n")', () => {
    const cut = traces.filter((t) => !t.closed);
    expect(cut.every((t) => grade(t.text, { mode: 'tag_count' }).score === 0.25)).toBe(true);
  });
});

describe('bounded', () => {
  it('grades a 1 MB completion quickly', () => {
    const big = `<think>\n${'a'.repeat(1 << 20)}\n</think>\n<answer>\n5\n</answer>`;
    const t0 = performance.now();
    expect(grade(big).score).toBe(1);
    expect(grade(`<think>${'<answer>'.repeat(100_000)}`).score).toBe(0);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
