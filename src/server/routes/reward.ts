/**
 * `POST /reward`: grade a batch of items; one result per item, in request order.
 * Thin: validation comes from the schema (built from the grader list), grading from the engine.
 */
import type { FastifyInstance } from 'fastify';
import type { Weights } from '../../core/reward.ts';
import { ErrorReplySchema } from '../../schemas/error.ts';
import {
  buildRewardSchemas,
  type ItemOptions,
  type RewardItem,
  type RewardResponse,
} from '../../schemas/reward.ts';
import type { RouteDeps } from '../deps.ts';
import { checkItemCount } from './limits.ts';

interface RewardBody {
  items: RewardItem[];
  weights?: Weights;
  preset?: string;
  options?: ItemOptions;
}

export async function rewardRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const schemas = buildRewardSchemas(deps.graders);
  app.post<{ Body: RewardBody }>(
    '/reward',
    {
      schema: {
        tags: ['reward'],
        summary: 'Grade a batch of completions',
        description:
          'Grades each item with its task grader (accuracy) and the weighted component graders (format, consistency). ' +
          'Results come back in request order. A reward is null when our side could not grade the item (verdict `error` or `invalid_reference`); never a silent 0. ' +
          'Request errors (4xx) grade nothing and name the offending `item_index`.',
        body: schemas.Request,
        response: { 200: schemas.Response, '4xx': ErrorReplySchema, '5xx': ErrorReplySchema },
      },
    },
    async (req): Promise<RewardResponse> => {
      const { items, weights, preset, options } = req.body;
      checkItemCount(deps.config, items.length);
      // the schema bounds each weight; the engine also checks the merge with `preset` (review #12,
      // #13). Resolved once, before the batch is counted, then passed on as plain weights.
      const resolved = deps.engine.resolveWeights({ weights, preset });
      deps.telemetry.observe('rlvr_batch_size', { route: 'reward' }, items.length);
      const results = await deps.engine.gradeBatch(items, { weights: resolved, options });
      return {
        rewards: results.map((r) => r.reward),
        results,
        versions: deps.engine.graderVersions(items, { weights: resolved }),
      };
    },
  );
}
