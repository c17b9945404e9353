/** Build an engine on the test-only graders (fixtures/graders.ts). */
import { type Config, defaultConfig } from '../../src/config.ts';
import { createEngine, type Engine } from '../../src/engine/index.ts';
import { GRADERS } from './fixtures/graders.ts';

export const FIXTURE_MODULE = new URL('./fixtures/graders.ts', import.meta.url);

export function fixtureEngine(overrides: Partial<Config> = {}): Engine {
  return createEngine({
    config: defaultConfig({ WORKERS: 2, GRADE_TIMEOUT_MS: 1000, ...overrides }),
    graders: GRADERS,
    graderModules: [FIXTURE_MODULE],
  });
}

export const item = (id: string, task: string, completion: string, reference: unknown = '42') => ({
  id,
  task,
  completion,
  reference,
});
