/**
 * `GET /healthz` (liveness: the process answers) and `GET /readyz` (readiness: lists the graders
 * and whether each can run here, from their `available()`; 503 while shutting down).
 */
import type { FastifyInstance } from 'fastify';
import { HealthSchema, ReadySchema } from '../../schemas/health.ts';
import type { RouteDeps } from '../deps.ts';

export async function healthRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  app.get(
    '/healthz',
    { schema: { tags: ['ops'], summary: 'Liveness', response: { 200: HealthSchema } } },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['ops'],
        summary: 'Readiness and available tasks',
        description: '200 when serving; 503 while shutting down. Lists every grader with its availability.',
        response: { 200: ReadySchema, 503: ReadySchema },
      },
    },
    async (_req, reply) => {
      const graders = await deps.engine.tasks();
      const closing = deps.isClosing();
      reply.code(closing ? 503 : 200);
      return {
        status: closing ? ('closing' as const) : ('ready' as const),
        version: deps.version,
        tasks: graders.filter((g) => g.kind === 'task' && g.available).map((g) => g.id),
        graders,
      };
    },
  );
}
