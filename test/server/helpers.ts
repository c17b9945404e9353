/** Build the app on the test-only graders. */
import type { FastifyInstance } from 'fastify';
import { type Config, defaultConfig } from '../../src/config.ts';
import { buildApp } from '../../src/server/app.ts';
import { GRADERS } from '../engine/fixtures/graders.ts';
import { FIXTURE_MODULE } from '../engine/helpers.ts';

export function fixtureApp(overrides: Partial<Config> = {}): Promise<FastifyInstance> {
  return buildApp({
    config: defaultConfig({ WORKERS: 2, GRADE_TIMEOUT_MS: 1000, ...overrides }),
    graders: GRADERS,
    graderModules: [FIXTURE_MODULE],
    sandboxes: [],
    logger: false,
  });
}
