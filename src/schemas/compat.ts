/**
 * Schemas of the trainer-compatible routes (OpenRLHF, slime, NeMo-Gym) and of `POST /vote`.
 * Request shapes are the trainers' own, read from their source (see docs/trainers.md); they are
 * open objects (`additionalProperties: true`) because trainers add fields across versions.
 */
import Type, { type Static } from 'typebox';
import { PresetSchema } from './reward.ts';

/** Query string shared by the compat routes: how plain labels are graded. */
const compatQueryProps = {
  task: Type.Optional(
    Type.String({ description: 'Task for plain labels (a JSON label may name its own). Default `math`.' }),
  ),
  preset: Type.Optional(PresetSchema),
  weights: Type.Optional(
    Type.String({
      description: 'Component weights as JSON, e.g. `{"accuracy":1,"format":0.5}`; merged over `preset`.',
    }),
  ),
};
export const CompatQuerySchema = Type.Object(compatQueryProps, { additionalProperties: false });
export type CompatQuery = Static<typeof CompatQuerySchema>;

export const OpenRLHFRequestSchema = Type.Object(
  {
    query: Type.Array(Type.String(), {
      description: 'Prompt + response as decoded by OpenRLHF, special tokens and padding left in.',
    }),
    prompts: Type.Optional(
      Type.Array(Type.String(), { description: 'The prompts (chat template applied).' }),
    ),
    labels: Type.Array(Type.Unknown(), {
      description:
        'One per query: a plain answer, or a JSON object (or a string holding one) `{"task", "reference", "options"?}`.',
    }),
  },
  {
    additionalProperties: true,
    description: 'OpenRLHF remote reward request (`--reward.remote_url`, `--remote_rm_url`).',
  },
);

export const OpenRLHFResponseSchema = Type.Object({
  rewards: Type.Array(Type.Number(), {
    description: 'One per query; 0 where we could not grade (flagged in extra_logs.rlvr_error).',
  }),
  scores: Type.Array(Type.Number(), {
    description:
      'rewards rescaled to [0, 1] by the largest reward the weights allow (for dynamic filtering).',
  }),
  extra_logs: Type.Record(Type.String(), Type.Array(Type.Number()), {
    description:
      'Per-item logs: each weighted component, `rlvr_correct` (0/1) and `rlvr_error` (1 = not graded).',
  }),
});

export const SlimeRequestSchema = Type.Object(
  {
    prompt: Type.Optional(
      Type.Union([Type.String(), Type.Array(Type.Unknown())], {
        description: 'The prompt: text or chat messages.',
      }),
    ),
    response: Type.String({ description: 'The generated response.' }),
    label: Type.Unknown({
      description: 'Plain answer, or a JSON object `{"task", "reference", "options"?}`.',
    }),
  },
  {
    additionalProperties: true,
    description: 'slime remote reward request (`--rm-type remote_rm --rm-url`).',
  },
);

export const SlimeQuerySchema = Type.Object(
  {
    ...compatQueryProps,
    components: Type.Optional(
      Type.Union([Type.Literal('true'), Type.Literal('false'), Type.Literal('1'), Type.Literal('0')], {
        description:
          'true: reply with an object of named components (use with slime `--reward-key reward`) instead of a bare number.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type SlimeQuery = Static<typeof SlimeQuerySchema>;

export const SlimeResponseSchema = Type.Union(
  [
    Type.Number(),
    Type.Object(
      {
        reward: Type.Number(),
        verdict: Type.String(),
        correct: Type.Number(),
        rlvr_error: Type.Number(),
        extracted: Type.Union([Type.String(), Type.Null()]),
      },
      { additionalProperties: Type.Union([Type.Number(), Type.String(), Type.Null()]) },
    ),
  ],
  { description: 'A bare reward, or (with `components=true`) the reward with its components.' },
);

export const NemoGymVerifyRequestSchema = Type.Object(
  {
    responses_create_params: Type.Object(
      {},
      {
        additionalProperties: true,
        description: 'OpenAI Responses-API create params (the prompt is `input`).',
      },
    ),
    response: Type.Object(
      { output: Type.Array(Type.Unknown()) },
      {
        additionalProperties: true,
        description: 'OpenAI Responses-API response; `output_text` parts of `message` items are graded.',
      },
    ),
    expected_answer: Type.Optional(
      Type.Unknown({ description: 'The reference (NeMo-Gym math servers’ field).' }),
    ),
    task: Type.Optional(Type.String({ description: 'Our task (default `math`, or `?task=`).' })),
  },
  {
    additionalProperties: true,
    description: 'NeMo-Gym resources-server verify request (`BaseVerifyRequest` + task fields).',
  },
);

export const NemoGymVerifyResponseSchema = Type.Object(
  {
    reward: Type.Number(),
    reward_components: Type.Record(Type.String(), Type.Union([Type.Number(), Type.Null()])),
    extracted_answer: Type.Union([Type.String(), Type.Null()]),
    verdict: Type.String(),
  },
  { additionalProperties: true, description: 'The request echoed, plus `reward` and `reward_components`.' },
);

export const NemoGymAggregateRequestSchema = Type.Object(
  {
    verify_responses: Type.Array(
      Type.Object(
        {
          reward: Type.Number({
            description:
              'The rollout’s reward (NeMo-Gym `BaseVerifyResponse.reward`, a float). Without a `verdict`, it must be in [0, 1] and a rollout is correct when it is 1.',
          }),
          verdict: Type.Optional(
            Type.String({ description: 'Our `/verify` verdict: `correct`/`Accepted` is a pass.' }),
          ),
        },
        { additionalProperties: true },
      ),
      {
        description:
          'Verify responses (without response/responses_create_params), each with `_ng_task_index` and a numeric `reward`.',
      },
    ),
  },
  { additionalProperties: true, description: 'NeMo-Gym `AggregateMetricsRequest`.' },
);

export const NemoGymAggregateResponseSchema = Type.Object(
  {
    group_level_metrics: Type.Array(Type.Record(Type.String(), Type.Unknown()), {
      description: 'One entry per task: `_ng_task_index`, `rollouts`, `mean/reward`, `pass@1`.',
    }),
    agent_metrics: Type.Record(Type.String(), Type.Number(), {
      description:
        '`rollouts`, `tasks`, `mean/reward`, `rlvr_errors`, `pass@k` and `maj@k` for k = 1, 2, 4, … up to the fewest rollouts per task.',
    }),
    key_metrics: Type.Record(Type.String(), Type.Number(), {
      description: '`mean/reward`, `pass@1`, and pass@k / maj@k at the largest k.',
    }),
  },
  { description: 'NeMo-Gym `AggregateMetrics`.' },
);

export const VoteRequestSchema = Type.Object(
  {
    completions: Type.Array(Type.String(), { description: 'Sampled completions for one problem.' }),
    reference: Type.Optional(Type.String({ description: 'Gold answer: adds `correct`.' })),
  },
  { additionalProperties: false },
);

export const VoteResponseSchema = Type.Object({
  answer: Type.Union([Type.String(), Type.Null()], {
    description: 'The winning answer; null when no completion had one.',
  }),
  clusters: Type.Array(
    Type.Object({
      answer: Type.String({ description: 'The cluster’s first answer, as extracted.' }),
      count: Type.Integer(),
      members: Type.Array(Type.Integer(), { description: '0-based completion indices.' }),
    }),
    { description: 'Every cluster, winner first: size descending, ties to the earliest first member.' },
  ),
  abstained: Type.Array(Type.Integer(), {
    description: 'Completions without a final answer (or with a hedge).',
  }),
  correct: Type.Optional(
    Type.Union([Type.Boolean(), Type.Null()], {
      description:
        'With a reference: whether the winning answer is correct; null when the reference could not be graded.',
    }),
  ),
});
