/**
 * slime remote reward: `POST /compat/slime`.
 *
 * slime (`--rm-type remote_rm --rm-url URL`) posts one sample at a time as
 * `{"prompt", "response", "label"}` and uses the JSON reply as the sample's reward
 * (`slime/rollout/rm_hub/__init__.py`, `remote_rm`). A bare number by default; with
 * `?components=true` an object — `reward`, each weighted component, `verdict`, `correct`,
 * `extracted`, `rlvr_error` — from which slime picks `--reward-key` (e.g. `reward`).
 * slime retries failed posts with backoff, so the route is idempotent and deterministic.
 */
import type { FastifyInstance } from 'fastify';
import { activeComponents } from '../../../core/reward.ts';
import {
  type SlimeQuery,
  SlimeQuerySchema,
  SlimeRequestSchema,
  SlimeResponseSchema,
} from '../../../schemas/compat.ts';
import { ErrorReplySchema } from '../../../schemas/error.ts';
import type { RouteDeps } from '../../deps.ts';
import {
  compatItem,
  gradeCompat,
  isCorrect,
  promptText,
  queryWeights,
  resolveLabel,
  stripEndTokens,
  trainerReward,
} from './common.ts';

interface Body {
  prompt?: string | unknown[];
  response: string;
  label: unknown;
}

export const SLIME_PATH = '/compat/slime';

export async function slimeRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  app.post<{ Body: Body; Querystring: SlimeQuery }>(
    SLIME_PATH,
    {
      schema: {
        tags: ['compat'],
        summary: 'slime remote reward (--rm-type remote_rm --rm-url)',
        description:
          'slime request shape, one sample per request. Replies with a bare number, or with `?components=true` an object of named components (slime `--reward-key reward`). ' +
          'An item we could not grade gets reward 0 (and `rlvr_error: 1` in the object form).',
        querystring: SlimeQuerySchema,
        body: SlimeRequestSchema,
        response: { 200: SlimeResponseSchema, '4xx': ErrorReplySchema, '5xx': ErrorReplySchema },
      },
    },
    async (req) => {
      const weights = queryWeights(deps.engine, req.query);
      const label = resolveLabel(req.body.label, req.query.task ?? 'math');
      const item = compatItem('0', stripEndTokens(req.body.response), label, promptText(req.body.prompt));
      const [r] = await gradeCompat(deps, 'slime', [item], weights);
      const reward = trainerReward(r);
      if (req.query.components !== 'true' && req.query.components !== '1') return reward;
      const out: Record<string, number | string | null> = { reward };
      for (const c of activeComponents(weights)) out[c] = r.components[c] ?? 0;
      out.verdict = r.verdict;
      out.correct = isCorrect(r);
      out.extracted = r.extracted;
      out.rlvr_error = r.reward === null ? 1 : 0;
      if (r.error) out.error_code = r.error.code;
      return out;
    },
  );
}
