/**
 * OpenAPI from the route schemas (@fastify/swagger collects them with an onRoute hook), so the
 * spec has no second copy. Untagged routes are hidden. `rlvr openapi` writes it to openapi.yaml;
 * test/contract/openapi.test.ts fails on drift.
 */
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';

export async function registerSwagger(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'rlvr-server',
        version,
        description:
          'Verifiable rewards for RL of reasoning LLMs: math, countdown, format, language-consistency and code rewards over HTTP. See README.md and docs/api.md.',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      servers: [{ url: 'http://127.0.0.1:8000', description: 'default HOST:PORT' }],
      tags: [
        { name: 'reward', description: 'Grading' },
        { name: 'ops', description: 'Health, readiness and metrics' },
      ],
    },
    hideUntagged: true,
  });
}
