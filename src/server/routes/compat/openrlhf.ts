/**
 * OpenRLHF remote reward: `POST /compat/openrlhf/get_reward` (the `/get_reward` path of
 * OpenRLHF's own example server, `openrlhf/cli/serve_rm.py`).
 *
 * OpenRLHF (`--reward.remote_url`, older `--remote_rm_url`) posts
 * `{"query": [str], "prompts": [str], "labels": [str]}` (`openrlhf/utils/remote_rm_utils.py`) and
 * reads `rewards` (and, in recent versions, `scores` and `extra_logs`). `query` is prompt +
 * response decoded with special tokens kept, so we strip the prompt and the chat-template/EOS
 * tokens before grading (`responseFromQuery`); when a sent prompt cannot be located, the item is
 * flagged `RLVR_ERR_ITEM_PROMPT_NOT_FOUND` (reward 0, `rlvr_error` 1) rather than grading prompt
 * text (security review #6). Every list in the reply has the length of `query`;
 * an empty batch gets empty lists. Deterministic and idempotent: OpenRLHF retries failed posts.
 */
import type { FastifyInstance } from 'fastify';
import { errors, itemError } from '../../../core/errors.ts';
import { activeComponents } from '../../../core/reward.ts';
import {
  type CompatQuery,
  CompatQuerySchema,
  OpenRLHFRequestSchema,
  OpenRLHFResponseSchema,
} from '../../../schemas/compat.ts';
import { ErrorReplySchema } from '../../../schemas/error.ts';
import type { ItemResult, RewardItem } from '../../../schemas/reward.ts';
import type { RouteDeps } from '../../deps.ts';
import { checkItemCount } from '../limits.ts';
import {
  compatItem,
  gradeCompat,
  isCorrect,
  queryWeights,
  resolveLabel,
  responseFromQuery,
  trainerReward,
  unitScore,
} from './common.ts';

interface Body {
  query: string[];
  prompts?: string[];
  labels: unknown[];
}

export const OPENRLHF_PATH = '/compat/openrlhf/get_reward';

export async function openrlhfRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  app.post<{ Body: Body; Querystring: CompatQuery }>(
    OPENRLHF_PATH,
    {
      schema: {
        tags: ['compat'],
        summary: 'OpenRLHF remote reward (--reward.remote_url / --remote_rm_url)',
        description:
          'OpenRLHF request shape. The prompt and chat-template/EOS tokens are stripped from each `query` before grading. ' +
          'Labels are plain answers (graded with `?task=`, default math) or JSON `{"task","reference"}`. ' +
          'An item we could not grade gets reward 0 and `extra_logs.rlvr_error` = 1 (OpenRLHF cannot mask a reward).',
        querystring: CompatQuerySchema,
        body: OpenRLHFRequestSchema,
        response: { 200: OpenRLHFResponseSchema, '4xx': ErrorReplySchema, '5xx': ErrorReplySchema },
      },
    },
    async (req) => {
      const { query, prompts, labels } = req.body;
      if (labels.length !== query.length) {
        throw new errors.RLVR_ERR_REQUEST_INVALID(
          `labels has ${labels.length} entries for ${query.length} queries`,
        );
      }
      if (prompts && prompts.length !== query.length) {
        throw new errors.RLVR_ERR_REQUEST_INVALID(
          `prompts has ${prompts.length} entries for ${query.length} queries`,
        );
      }
      checkItemCount(deps.config, query.length);
      const weights = queryWeights(deps.engine, req.query);
      const defaultTask = req.query.task ?? 'math';
      const items: RewardItem[] = [];
      // items whose response cannot be told from the prompt: never graded (review #6)
      const unaligned = new Map<number, ItemResult>();
      query.forEach((q, i) => {
        const response = responseFromQuery(q, prompts?.[i]);
        if (response.via === 'prompt_not_found') {
          unaligned.set(i, promptNotFound(i, activeComponents(weights)));
          return;
        }
        items.push(
          compatItem(String(i), response.completion, resolveLabel(labels[i], defaultTask), prompts?.[i]),
        );
      });
      const graded = await gradeCompat(deps, 'openrlhf', items, weights);
      let next = 0;
      const results = query.map((_, i) => unaligned.get(i) ?? graded[next++]);
      const rewards = results.map(trainerReward);
      const extra: Record<string, number[]> = {};
      for (const c of activeComponents(weights)) extra[c] = results.map((r) => r.components[c] ?? 0);
      extra.rlvr_correct = results.map(isCorrect);
      extra.rlvr_error = results.map((r) => (r.reward === null ? 1 : 0));
      return { rewards, scores: rewards.map((r) => unitScore(r, weights)), extra_logs: extra };
    },
  );
}

/** The result of an item whose prompt was not found in its query: not graded, reward null. */
function promptNotFound(index: number, components: readonly string[]): ItemResult {
  return {
    id: String(index),
    reward: null,
    components: Object.fromEntries(components.map((c) => [c, null])),
    verdict: 'error',
    extracted: null,
    error: itemError(
      'RLVR_ERR_ITEM_PROMPT_NOT_FOUND',
      `query ${index} does not contain prompts[${index}], even ignoring whitespace`,
    ),
  };
}
