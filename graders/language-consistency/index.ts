/**
 * The language-consistency grader (component `consistency`; DeepSeek-R1 §2.3.3): the share of the
 * reasoning's words that are in the target language, in [0, 1].
 *
 * Target language, first that applies: `options.language` (BCP 47 / ISO 639, e.g. `zh`, `zh-CN`,
 * `eng`); the language of the prompt, then of the reference, each only when confidently
 * identified; the usual language of the prompt's script; English (see {@link targetLanguage}). What "the reasoning" is: prepare.ts. How words are counted and judged:
 * consistency.ts. Docs: docs/graders-language-consistency.md.
 */
import Type, { type Static } from 'typebox';
import { defineGrader, type GradeOutcome } from '../../src/core/grader.ts';
import { detectLanguage, tallyWords } from './consistency.ts';
import { reasoningText } from './prepare.ts';
import { normalizeLanguage } from './scripts.ts';

export const ConsistencyOptionsSchema = Type.Object(
  {
    language: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$',
        description:
          'Target language, BCP 47 or ISO 639 (`en`, `zh-CN`, `ja`, `fra`). Default: the prompt’s language when confidently identified, else the reference’s (when confidently identified), else the usual language of the prompt’s script (Latin → `en`, Cyrillic → `ru`, …), else `en`.',
      }),
    ),
    scope: Type.Optional(
      Type.Union([Type.Literal('reasoning'), Type.Literal('completion')], {
        default: 'reasoning',
        description:
          '`reasoning` (default): inside the think tags when present, else the completion minus its <answer> block. `completion`: the whole completion.',
      }),
    ),
    no_words_score: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 1,
        default: 0,
        description:
          'Score when the reasoning has no words at all (empty, or only math/code), verdict `no_answer`. Default 0: R1 added this reward for readable reasoning, and wordless reasoning earns nothing. Set 1 for tasks whose reasoning is legitimately bare arithmetic (Countdown), where 0 would push the policy to add filler words.',
      }),
    ),
    think_tag: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z][A-Za-z0-9_.:-]{0,31}$',
        default: 'think',
        description: 'Think tag name.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ConsistencyOptions = Static<typeof ConsistencyOptionsSchema>;

/**
 * Which language to hold the reasoning to, and where that choice came from: `options.language`;
 * else the prompt's language (R1's "target language" is the query's), then the reference's, each
 * only when confidently identified (consistency.ts `detectLanguage`: eld reliable and clear of the
 * runner-up on ≥ 5 words); else the usual language of the prompt's script when it is not Latin
 * (Cyrillic → ru, …); else English. A GSM8K reference such as `The groomer gave a 100*.3=$<<…>>30
 * discount` is terse math, and was once identified as Dutch.
 */
export function targetLanguage(
  options: ConsistencyOptions,
  reference: unknown,
  prompt: string | undefined,
): { language: string | null; source: 'option' | 'reference' | 'prompt' | 'default' } {
  if (options.language !== undefined)
    return { language: normalizeLanguage(options.language), source: 'option' };
  const fromPrompt = prompt ? detectLanguage(prompt) : null;
  if (fromPrompt?.confident) return { language: fromPrompt.language, source: 'prompt' };
  const fromReference = typeof reference === 'string' ? detectLanguage(reference) : null;
  if (fromReference?.confident) return { language: fromReference.language, source: 'reference' };
  return { language: fromPrompt?.language ?? 'en', source: 'default' };
}

/** Grade one completion (synchronous, deterministic). */
export function gradeConsistency(
  completion: string,
  reference: unknown,
  prompt: string | undefined,
  options: ConsistencyOptions,
): GradeOutcome {
  const { language, source } = targetLanguage(options, reference, prompt);
  if (language === null) {
    return {
      verdict: 'error',
      score: null,
      error: {
        code: 'RLVR_ERR_ITEM_OPTIONS_INVALID',
        message: `language-consistency: no script data for language "${options.language}"`,
      },
    };
  }
  const scope = options.scope ?? 'reasoning';
  const text = scope === 'completion' ? completion : reasoningText(completion, options.think_tag ?? 'think');
  const t = tallyWords(text, language);
  const details = {
    language,
    language_source: source,
    scope,
    words: t.words,
    target_words: t.target,
    foreign: Object.fromEntries(
      Object.entries(t.foreign)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8),
    ),
    lid: t.lid,
    lid_calls: t.lidCalls,
    sampled: t.sampled,
  };
  if (t.words === 0)
    return { verdict: 'no_answer', score: options.no_words_score ?? 0, extracted: null, details };
  const score = t.target / t.words;
  return {
    verdict: score === 1 ? 'correct' : score === 0 ? 'wrong' : 'partial',
    score,
    extracted: null,
    details,
  };
}

export default defineGrader<ConsistencyOptions>({
  id: 'language-consistency',
  version: '2',
  kind: 'component',
  component: 'consistency',
  runs: 'pool',
  options: ConsistencyOptionsSchema,
  description:
    'DeepSeek-R1 language consistency: share of the reasoning’s words in the target language (Unicode scripts + eld language identification).',
  grade: ({ completion, reference, prompt, options }) =>
    gradeConsistency(completion, reference, prompt, options),
});
