/**
 * The format grader (component `format`): the DeepSeek-R1 template
 * `<think>\n…\n</think>\n<answer>\n…\n</answer>` checked on the whole completion, a tag-count
 * partial score (open-r1's `tag_count_reward`), and the variant for chat templates that put
 * `<think>` in the prompt. Rules and peer comparison: graders/format/check.ts and
 * docs/graders-format.md.
 */
import Type, { type Static } from 'typebox';
import { defineGrader } from '../../src/core/grader.ts';
import { checkFormat, type FormatOptions } from './check.ts';

const TagName = (dflt: string) =>
  Type.String({
    pattern: '^[A-Za-z][A-Za-z0-9_.:-]{0,31}$',
    default: dflt,
    description: `Tag name without angle brackets (default \`${dflt}\`).`,
  });

export const FormatOptionsSchema = Type.Object(
  {
    mode: Type.Optional(
      Type.Union([Type.Literal('strict'), Type.Literal('tag_count')], {
        default: 'strict',
        description:
          '`strict` (default): 1 if the whole completion follows the template, else 0. `tag_count`: share of the template tags present exactly once (open-r1 tag_count_reward: 0.25 per tag).',
      }),
    ),
    think_in_prompt: Type.Optional(
      Type.Union([Type.Boolean(), Type.Literal('auto')], {
        default: 'auto',
        description:
          'The chat template put the opening think tag in the prompt, so the completion starts inside the reasoning and must contain only the closing tag. `auto` (default): true iff the item’s prompt ends with the opening think tag (ignoring trailing whitespace).',
      }),
    ),
    answer_tags: Type.Optional(
      Type.Boolean({
        default: true,
        description:
          'true (default): the answer must be wrapped in answer tags (R1 template). false: the answer is the non-empty text after the closing think tag (R1-distill, Qwen3, Nemotron templates).',
      }),
    ),
    whitespace: Type.Optional(
      Type.Union([Type.Literal('template'), Type.Literal('any')], {
        default: 'template',
        description:
          '`template` (default): the newlines of the R1 template around each tag, as open-r1’s regex. `any`: any whitespace (or none) around tags.',
      }),
    ),
    trailing_whitespace: Type.Optional(
      Type.Boolean({
        default: true,
        description: 'Tolerate whitespace after the last closing tag (default true). Any other text fails.',
      }),
    ),
    think_tag: Type.Optional(TagName('think')),
    answer_tag: Type.Optional(TagName('answer')),
  },
  { additionalProperties: false },
);
export type FormatGraderOptions = Static<typeof FormatOptionsSchema>;

/** Fill defaults; `auto` think_in_prompt looks at the end of the prompt. */
export function resolveFormatOptions(opts: FormatGraderOptions, prompt?: string): FormatOptions {
  const thinkTag = opts.think_tag ?? 'think';
  const tip = opts.think_in_prompt ?? 'auto';
  return {
    mode: opts.mode ?? 'strict',
    thinkInPrompt: tip === 'auto' ? (prompt ?? '').trimEnd().endsWith(`<${thinkTag}>`) : tip,
    answerTags: opts.answer_tags ?? true,
    whitespace: opts.whitespace ?? 'template',
    trailingWhitespace: opts.trailing_whitespace ?? true,
    thinkTag,
    answerTag: opts.answer_tag ?? 'answer',
  };
}

export default defineGrader<FormatGraderOptions>({
  id: 'format',
  version: '1',
  kind: 'component',
  component: 'format',
  runs: 'pool',
  options: FormatOptionsSchema,
  description:
    'R1 template <think>…</think><answer>…</answer> on the whole completion (1/0), or open-r1 tag_count partial score; prefilled-<think> variant.',
  grade({ completion, prompt, options }) {
    const o = resolveFormatOptions(options, prompt);
    const r = checkFormat(completion, o);
    return {
      verdict: r.score === 1 ? 'correct' : r.score === 0 ? 'wrong' : 'partial',
      score: r.score,
      extracted: r.answer,
      details: {
        mode: o.mode,
        think_in_prompt: o.thinkInPrompt,
        answer_tags: o.answerTags,
        failures: r.failures,
        tag_counts: r.tagCounts,
      },
    };
  },
});
