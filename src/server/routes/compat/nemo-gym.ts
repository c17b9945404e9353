/**
 * NeMo-Gym resources server: `POST /verify`, plus `POST /seed_session` (every NeMo-Gym agent calls
 * it before a rollout; we keep no session state, so it answers `{}`) and `POST /aggregate_metrics`
 * (rollout collection posts the stripped verify responses and logs the reply; see
 * {@link aggregateMetrics}).
 *
 * The verify request is NeMo-Gym's `BaseVerifyRequest` — `responses_create_params` and `response`,
 * OpenAI Responses-API objects — plus task fields such as `expected_answer`. Like NeMo-Gym's own
 * math servers (`resources_servers/library_judge_math/app.py`), we grade the concatenated
 * `output_text` parts of the response's `message` items, and reply with the request echoed plus
 * `reward` and `reward_components` (and `extracted_answer`, `verdict`). The reference is
 * `expected_answer` (or `reference` / `ground_truth` / `answer`); the task is the body's `task`,
 * else `?task=`, else math.
 */
import type { FastifyInstance } from 'fastify';
import { atItem, errors } from '../../../core/errors.ts';
import { activeComponents } from '../../../core/reward.ts';
import { engineBackend } from '../../../eval/backend.ts';
import { gradingOracle } from '../../../eval/majority.ts';
import { defaultKs, meanPassAtK } from '../../../eval/passk.ts';
import { type EquivalenceOracle, majorityCorrectAtK } from '../../../eval/vote.ts';
import {
  type CompatQuery,
  CompatQuerySchema,
  NemoGymAggregateRequestSchema,
  NemoGymAggregateResponseSchema,
  NemoGymVerifyRequestSchema,
  NemoGymVerifyResponseSchema,
} from '../../../schemas/compat.ts';
import { ErrorReplySchema } from '../../../schemas/error.ts';
import { isCorrectVerdict } from '../../../schemas/verdict.ts';
import type { RouteDeps } from '../../deps.ts';
import { checkItemCount } from '../limits.ts';
import { compatItem, gradeCompat, promptText, queryWeights, resolveLabel, trainerReward } from './common.ts';

type Body = Record<string, unknown> & {
  responses_create_params: { input?: unknown };
  response: { output: unknown[] };
  task?: string;
};

/** The graded text of a Responses-API response: every `output_text` part of `message` items, joined. */
export function responseText(response: { output: unknown[] }): string {
  const parts: string[] = [];
  for (const item of response.output) {
    const it = item as { type?: unknown; content?: unknown } | null;
    if (it?.type !== 'message' || !Array.isArray(it.content)) continue;
    for (const c of it.content) {
      const part = c as { type?: unknown; text?: unknown } | null;
      if (part && part.type === 'output_text' && typeof part.text === 'string') parts.push(part.text);
    }
  }
  return parts.join('');
}

/** NeMo-Gym's key for the task a rollout belongs to (`nemo_gym/global_config.py`). */
export const TASK_INDEX_KEY = '_ng_task_index';
/** NeMo-Gym's key for the rollout's index within its task. */
export const ROLLOUT_INDEX_KEY = '_ng_rollout_index';

type VerifyResponse = Record<string, unknown>;

/**
 * NeMo-Gym's `AggregateMetrics` for a list of verify responses (as its rollout collection sends
 * them: our `/verify` replies minus `response`/`responses_create_params`).
 *
 * - Rollouts are grouped by `_ng_task_index` (a response without one is its own task) and ordered
 *   by `_ng_rollout_index`.
 * - A rollout is correct when its `verdict` is `correct`/`Accepted` (our `/verify` adds it); for
 *   responses without a verdict, when `reward` ≥ 1 ({@link aggregateProblem} keeps such rewards
 *   in [0, 1], so that is exactly 1).
 * - `pass@k` is the unbiased estimator (Chen et al. 2021) for k = 1, 2, 4, … up to the smallest
 *   number of rollouts per task; `maj@k` (self-consistency) votes over the `extracted_answer`s of
 *   each task's first k rollouts with the same clustering as `POST /vote`.
 *
 * @returns `{group_level_metrics: [per task], agent_metrics: {...}, key_metrics: {...}}`
 */
export async function aggregateMetrics(
  responses: readonly VerifyResponse[],
  oracle: EquivalenceOracle | null,
): Promise<{
  group_level_metrics: Record<string, unknown>[];
  agent_metrics: Record<string, number>;
  key_metrics: Record<string, number>;
}> {
  const tasks = new Map<string, VerifyResponse[]>();
  responses.forEach((r, i) => {
    const t = r[TASK_INDEX_KEY];
    const key = typeof t === 'number' || typeof t === 'string' ? String(t) : `#${i}`;
    const list = tasks.get(key);
    if (list) list.push(r);
    else tasks.set(key, [r]);
  });
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  const correct = (r: VerifyResponse) =>
    typeof r.verdict === 'string' ? isCorrectVerdict(r.verdict) : num(r.reward) >= 1;
  const groups = [...tasks.entries()].map(([key, list]) => ({
    key,
    list: [...list].sort((a, b) => num(a[ROLLOUT_INDEX_KEY]) - num(b[ROLLOUT_INDEX_KEY])),
  }));
  const minN = groups.length === 0 ? 0 : Math.min(...groups.map((g) => g.list.length));
  const ks = defaultKs(minN);
  const group_level_metrics = groups.map(({ key, list }) => ({
    [TASK_INDEX_KEY]: /^#/.test(key) ? null : Number.isNaN(Number(key)) ? key : Number(key),
    rollouts: list.length,
    'mean/reward': list.reduce((s, r) => s + num(r.reward), 0) / list.length,
    'pass@1': list.filter(correct).length / list.length,
  }));
  const agent: Record<string, number> = {
    rollouts: responses.length,
    tasks: groups.length,
    'mean/reward':
      responses.length === 0 ? 0 : responses.reduce((s, r) => s + num(r.reward), 0) / responses.length,
    rlvr_errors: responses.filter((r) => r.rlvr_error !== undefined && r.rlvr_error !== null).length,
  };
  for (const k of ks) {
    agent[`pass@${k}`] =
      meanPassAtK(
        groups.map((g) => ({ n: g.list.length, c: g.list.filter(correct).length })),
        k,
      )?.value ?? 0;
  }
  const canVote = oracle !== null && responses.some((r) => typeof r.extracted_answer === 'string');
  if (canVote) {
    const perTask = await Promise.all(
      groups.map(({ list }) =>
        majorityCorrectAtK(
          list.map((r) => (typeof r.extracted_answer === 'string' ? r.extracted_answer : null)),
          (i) => correct(list[i]),
          ks,
          oracle,
        ),
      ),
    );
    for (const k of ks) {
      agent[`maj@${k}`] = perTask.filter((m) => m[k]).length / Math.max(1, perTask.length);
    }
  }
  const key_metrics: Record<string, number> = { 'mean/reward': agent['mean/reward'] };
  if (ks.length > 0) {
    key_metrics['pass@1'] = agent['pass@1'];
    const top = ks[ks.length - 1];
    key_metrics[`pass@${top}`] = agent[`pass@${top}`];
    if (canVote) key_metrics[`maj@${top}`] = agent[`maj@${top}`];
  }
  return { group_level_metrics, agent_metrics: agent, key_metrics };
}

/**
 * Why verify responses cannot be aggregated, as a 400 naming the offending `item_index`, or
 * `null`. The schema already requires a numeric `reward` (NeMo-Gym's `BaseVerifyResponse`); a
 * response without our `verdict` must also have a reward in [0, 1], since pass@k reads it as
 * pass/fail: `reward: 7` counted as a pass, `"x"` and `null` as 0 (security review #16).
 */
export function aggregateProblem(responses: readonly VerifyResponse[]): Error | null {
  for (let i = 0; i < responses.length; i++) {
    const r = responses[i];
    const reward = r.reward;
    if (typeof reward !== 'number' || !Number.isFinite(reward)) {
      return atItem(new errors.RLVR_ERR_REQUEST_INVALID(`verify_responses/${i}/reward must be a number`), i);
    }
    if (typeof r.verdict !== 'string' && (reward < 0 || reward > 1)) {
      return atItem(
        new errors.RLVR_ERR_REQUEST_INVALID(
          `verify_responses/${i}/reward is ${reward}: without a verdict it must be in [0, 1] to read as pass (1) or fail`,
        ),
        i,
      );
    }
  }
  return null;
}

export async function nemoGymRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const backend = engineBackend(deps.engine);
  app.post<{ Body: { verify_responses: VerifyResponse[] } }>(
    '/aggregate_metrics',
    {
      schema: {
        tags: ['compat'],
        summary: 'NeMo-Gym aggregate metrics over verify responses (pass@k, maj@k)',
        description:
          'NeMo-Gym `AggregateMetricsRequest` → `AggregateMetrics`. Rollouts grouped by `_ng_task_index`; pass@k by the unbiased estimator, maj@k by the same clustering as `POST /vote` over `extracted_answer`.',
        body: NemoGymAggregateRequestSchema,
        response: { 200: NemoGymAggregateResponseSchema, '4xx': ErrorReplySchema, '5xx': ErrorReplySchema },
      },
    },
    async (req) => {
      checkItemCount(deps.config, req.body.verify_responses.length);
      const problem = aggregateProblem(req.body.verify_responses);
      if (problem) throw problem;
      // a fresh oracle per request: its verdict cache lives only as long as the request
      return aggregateMetrics(req.body.verify_responses, gradingOracle(backend));
    },
  );

  app.post(
    '/seed_session',
    {
      schema: {
        tags: ['compat'],
        summary: 'NeMo-Gym session start (no state kept)',
        response: { 200: { type: 'object', additionalProperties: false, properties: {} } },
      },
    },
    async () => ({}),
  );

  app.post<{ Body: Body; Querystring: CompatQuery }>(
    '/verify',
    {
      schema: {
        tags: ['compat'],
        summary: 'NeMo-Gym resources-server verify',
        description:
          'NeMo-Gym `BaseVerifyRequest` + task fields (`expected_answer`). Replies with the request echoed plus `reward`, `reward_components`, `extracted_answer` and `verdict`. ' +
          'An item we could not grade gets reward 0 and `rlvr_error` {code, message}.',
        querystring: CompatQuerySchema,
        body: NemoGymVerifyRequestSchema,
        response: { 200: NemoGymVerifyResponseSchema, '4xx': ErrorReplySchema, '5xx': ErrorReplySchema },
      },
    },
    async (req) => {
      const body = req.body;
      const weights = queryWeights(deps.engine, req.query);
      const ref = body.expected_answer ?? body.reference ?? body.ground_truth ?? body.answer;
      if (ref === undefined) {
        throw new errors.RLVR_ERR_REQUEST_INVALID('body needs `expected_answer` (or `reference`)');
      }
      const label = resolveLabel(ref, body.task ?? req.query.task ?? 'math');
      // Responses-API `input`: a string, or messages whose last user message is the prompt
      const item = compatItem(
        '0',
        responseText(body.response),
        { ...label, task: body.task ?? label.task },
        promptText(body.responses_create_params.input),
      );
      const [r] = await gradeCompat(deps, 'nemo_gym', [item], weights);
      const components: Record<string, number | null> = {};
      for (const c of activeComponents(weights)) components[c] = r.components[c] ?? null;
      return {
        ...body,
        reward: trainerReward(r),
        reward_components: components,
        extracted_answer: r.extracted,
        verdict: r.verdict,
        ...(r.error ? { rlvr_error: r.error } : {}),
      };
    },
  );
}
