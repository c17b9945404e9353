/**
 * Schemas of `POST /reward`: the request (items, weights, preset, options) and the response
 * (rewards and one result per item, in request order).
 *
 * Per-item options are keyed by grader id (`{"math": {...}, "format": {...}}`), so two graders can
 * never collide on an option name; each value is validated against that grader's `options` schema.
 * The item schema is therefore built from the grader list ({@link buildRewardSchemas}): validation,
 * openapi.yaml and docs follow the registry.
 */
import Type, { type Static, type TSchema } from 'typebox';
import type { GraderDefinition } from '../core/grader.ts';
import { MAX_WEIGHT, PRESETS } from '../core/reward.ts';
import { VERDICTS } from './verdict.ts';

const Score = Type.Union([Type.Number(), Type.Null()]);

export const WeightsSchema = Type.Object(
  {
    accuracy: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: MAX_WEIGHT,
        description: 'Weight of the task grader (math, countdown, code).',
      }),
    ),
    format: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: MAX_WEIGHT,
        description: 'Weight of the format grader (R1 think/answer template).',
      }),
    ),
    consistency: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: MAX_WEIGHT,
        description: 'Weight of the language-consistency grader (DeepSeek-R1).',
      }),
    ),
  },
  {
    additionalProperties: false,
    description: `Weight per reward component, each in [0, ${MAX_WEIGHT}]; reward = Σ weight·score. Components with weight 0 or absent are not computed; at least one weight must be non-zero. Merged over \`preset\` when both are given. Out-of-range weights are refused with RLVR_ERR_REQUEST_WEIGHTS_INVALID.`,
  },
);

export const PresetSchema = Type.Enum(Object.keys(PRESETS), {
  description:
    'Named weights: `accuracy` (default) = {accuracy: 1}; `r1` = {accuracy, format, consistency: 1 each} (DeepSeek-R1); `r1_zero` = {accuracy: 1, format: 1}. See docs/rewards.md.',
});

export const ComponentsSchema = Type.Object(
  { accuracy: Type.Optional(Score), format: Type.Optional(Score), consistency: Type.Optional(Score) },
  { description: 'Score in [0, 1] of each weighted component; null when our side could not grade it.' },
);

/** The verdict enum, inlined (fast-json-stringify and swagger both accept it without a $ref). */
export const VerdictEnum = Type.Enum([...VERDICTS], {
  description: 'Outcome of grading one item. See docs/rewards.md.',
});

export const ItemErrorSchema = Type.Object(
  {
    code: Type.String({ description: 'A stable RLVR_ERR_* code (docs/api.md).' }),
    message: Type.String(),
  },
  { description: 'Set when our side could not grade the item; its reward is then null.' },
);

export const ItemResultSchema = Type.Object({
  id: Type.String({ description: 'The item id, echoed.' }),
  reward: Type.Union([Type.Number(), Type.Null()], {
    description: 'Weighted sum of components; null when a weighted component could not be graded.',
  }),
  components: ComponentsSchema,
  verdict: VerdictEnum,
  extracted: Type.Union([Type.String(), Type.Null()], {
    description: 'The answer the task grader extracted from the completion, if any.',
  }),
  error: Type.Optional(ItemErrorSchema),
  details: Type.Optional(
    Type.Record(Type.String(), Type.Unknown(), { description: 'Grader-specific details (JSON).' }),
  ),
});
export type ItemResult = Static<typeof ItemResultSchema>;

export const RewardResponseSchema = Type.Object({
  rewards: Type.Array(Type.Union([Type.Number(), Type.Null()]), {
    description: 'results[i].reward, in request order.',
  }),
  results: Type.Array(ItemResultSchema, { description: 'One result per item, in request order.' }),
  versions: Type.Optional(
    Type.Record(Type.String(), Type.String(), {
      description:
        'Version of each grader used, by grader id. A version changes whenever a verdict can change for the same input: cache rewards per version.',
    }),
  ),
});
export type RewardResponse = Static<typeof RewardResponseSchema>;

/** Options keyed by grader id; each value is that grader's options object. */
export type ItemOptions = Record<string, Record<string, unknown>>;

/** One item to grade, as the engine sees it. */
export interface RewardItem {
  id: string;
  task: string;
  completion: string;
  reference: unknown;
  prompt?: string;
  options?: ItemOptions;
}

/** Deep copy of a schema without `$id` keys, to embed a second copy of a named schema. */
export function withoutIds<T extends TSchema>(schema: T): T {
  return JSON.parse(JSON.stringify(schema), (k, v) => (k === '$id' ? undefined : v));
}

/** Build the `options` object schema from the graders' option schemas (keyed by grader id). */
export function buildOptionsSchema(graders: readonly GraderDefinition[]): TSchema {
  const props: Record<string, TSchema> = {};
  for (const g of graders) props[g.id] = Type.Optional(g.options);
  return Type.Object(props, {
    additionalProperties: false,
    description: 'Options keyed by grader id, e.g. {"math": {...}, "format": {...}}. See each grader’s docs.',
  });
}

/** Request and response schemas of `POST /reward` for a given grader list. */
export function buildRewardSchemas(graders: readonly GraderDefinition[]) {
  const tasks = graders.filter((g) => g.kind === 'task').map((g) => g.id);
  const Options = buildOptionsSchema(graders);
  const Item = Type.Object(
    {
      id: Type.String({ description: 'Caller’s id, echoed in the result.' }),
      task: Type.String({
        description: `Task grader computing accuracy. Registered: ${tasks.join(', ') || '(none)'}.`,
      }),
      completion: Type.String({ description: 'The model output, exactly as generated.' }),
      reference: Type.Unknown({
        description:
          'Ground truth, checked by the task grader (an unusable one gives that item `invalid_reference`, reward null): a string for math; `{target, numbers}` for countdown; a `CodeReference` object for code (`{language, tests}` or `{problem_id}`, see components).',
      }),
      prompt: Type.Optional(
        Type.String({ description: 'The prompt (used e.g. to pick the target language).' }),
      ),
      options: Type.Optional(Options),
    },
    { additionalProperties: false },
  );
  const Request = Type.Object(
    {
      items: Type.Array(Item, { description: 'Items to grade; results come back in this order.' }),
      weights: Type.Optional(WeightsSchema),
      preset: Type.Optional(PresetSchema),
      // Same shape as an item's options; a copy without `$id`s (a schema id may appear only once).
      options: Type.Optional(withoutIds(Options)),
    },
    { additionalProperties: false },
  );
  return { Item, Request, Options, Response: RewardResponseSchema };
}
