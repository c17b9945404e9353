/**
 * `POST /vote`: majority answer over one problem's sampled completions (self-consistency, Wang et
 * al. 2022). Answers are extracted by the math grader and clustered by its equivalence, through
 * the engine (each comparison has the pool's kill-able deadline). Clustering and tie rules are in
 * src/eval/vote.ts; `rlvr grade` computes maj@k with the same code.
 */
import type { FastifyInstance } from 'fastify';
import { atItem, errors } from '../../core/errors.ts';
import { engineBackend } from '../../eval/backend.ts';
import { majorityVote } from '../../eval/majority.ts';
import { VoteRequestSchema, VoteResponseSchema } from '../../schemas/compat.ts';
import { ErrorReplySchema } from '../../schemas/error.ts';
import type { RouteDeps } from '../deps.ts';
import { checkItemCount } from './limits.ts';

export async function voteRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const backend = engineBackend(deps.engine);
  app.post<{ Body: { completions: string[]; reference?: string } }>(
    '/vote',
    {
      schema: {
        tags: ['vote'],
        summary: 'Majority vote over sampled completions (self-consistency)',
        description:
          'Extracts each completion’s final answer, clusters answers by the math grader’s equivalence (`\\frac12`, `0.5` and `1/2` are one cluster), and returns the largest cluster. ' +
          'Ties go to the cluster whose first member comes first. Completions without an answer (or with a hedge such as `2 or 3`) abstain. ' +
          'With a `reference`, `correct` says whether the winning answer is correct.',
        body: VoteRequestSchema,
        response: { 200: VoteResponseSchema, '4xx': ErrorReplySchema, '5xx': ErrorReplySchema },
      },
    },
    async (req) => {
      const { completions, reference } = req.body;
      checkItemCount(deps.config, completions.length);
      completions.forEach((c, i) => {
        if (c.length > deps.config.MAX_COMPLETION_CHARS) {
          throw atItem(
            new errors.RLVR_ERR_ITEM_COMPLETION_TOO_LONG(c.length, deps.config.MAX_COMPLETION_CHARS),
            i,
          );
        }
      });
      deps.telemetry.observe('rlvr_batch_size', { route: 'vote' }, completions.length);
      return majorityVote(completions, backend, reference);
    },
  );
}
