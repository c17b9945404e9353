/**
 * NeMo-Gym resources server: `POST /verify` (and `POST /seed_session`, which every NeMo-Gym
 * agent calls before a rollout; we keep no session state, so it answers `{}`).
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
import { errors } from '../../../core/errors.ts';
import { activeComponents } from '../../../core/reward.ts';
import {
  type CompatQuery,
  CompatQuerySchema,
  NemoGymVerifyRequestSchema,
  NemoGymVerifyResponseSchema,
} from '../../../schemas/compat.ts';
import { ErrorReplySchema } from '../../../schemas/error.ts';
import type { RewardItem } from '../../../schemas/reward.ts';
import type { RouteDeps } from '../../deps.ts';
import { gradeCompat, promptText, queryWeights, resolveLabel, trainerReward } from './common.ts';

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

/** The prompt of Responses-API create params: `input` as text, or its last user message. */
export function inputText(input: unknown): string | undefined {
  return typeof input === 'string' ? input : promptText(input);
}

export async function nemoGymRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
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
      const label = resolveLabel(
        typeof ref === 'number' ? String(ref) : ref,
        body.task ?? req.query.task ?? 'math',
      );
      const item: RewardItem = {
        id: '0',
        task: body.task ?? label.task,
        completion: responseText(body.response),
        reference: label.reference,
      };
      const prompt = inputText(body.responses_create_params.input);
      if (prompt !== undefined) item.prompt = prompt;
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
