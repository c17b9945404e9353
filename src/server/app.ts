/**
 * The HTTP application: builds a fastify instance, never listens (src/cli/serve.ts does).
 * Tests call `buildApp()` and `app.inject()`.
 *
 * Routes are a plain list, registered in order; adding one is a line in {@link ROUTES}. Each gets
 * the same {@link RouteDeps}: config, engine, graders, sandboxes, telemetry.
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { GRADERS } from '../../graders/index.ts';
import pkg from '../../package.json' with { type: 'json' };
import { createSandboxes } from '../../sandboxes/index.ts';
import { type Config, pythonSandboxPaths } from '../config.ts';
import { errors } from '../core/errors.ts';
import type { GraderDefinition } from '../core/grader.ts';
import type { SandboxDefinition } from '../core/sandbox.ts';
import { setTelemetry } from '../core/telemetry.ts';
import { createEngine, type Engine } from '../engine/index.ts';
import { CodeReferenceSchema } from '../schemas/code.ts';
import { withoutIds } from '../schemas/reward.ts';
import type { RouteDeps } from './deps.ts';
import { installErrorHandlers } from './plugins/error-handler.ts';
import { installJsonParser } from './plugins/json-body.ts';
import { createMetrics, metricsRoute } from './plugins/metrics.ts';
import { registerSwagger } from './plugins/swagger.ts';
import { compatRoutes } from './routes/compat/index.ts';
import { healthRoutes } from './routes/health.ts';
import { problemsRoutes } from './routes/problems.ts';
import { rewardRoutes } from './routes/reward.ts';
import { voteRoutes } from './routes/vote.ts';

export type { RouteDeps } from './deps.ts';

/** Every route plugin, in registration order. */
const ROUTES: ((app: FastifyInstance, deps: RouteDeps) => Promise<void>)[] = [
  healthRoutes,
  rewardRoutes,
  voteRoutes,
  compatRoutes,
  problemsRoutes,
];

export interface AppOptions {
  config: Config;
  /** Graders (default: graders/index.ts). */
  graders?: readonly GraderDefinition[];
  /** Modules the pool workers import to get the same graders (default: graders/index.ts). */
  graderModules?: (string | URL)[];
  /** Sandboxes (default: sandboxes/index.ts's list, Python at PYTHON_PATH / BWRAP_PATH). */
  sandboxes?: readonly SandboxDefinition[];
  /** Use this engine instead of building one (the app still closes it). */
  engine?: Engine;
  /** fastify logger option; default: pino at LOG_LEVEL. */
  logger?: FastifyServerOptions['logger'];
}

export const VERSION: string = pkg.version;

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { config } = opts;
  const graders = opts.graders ?? GRADERS;
  const sandboxes = opts.sandboxes ?? createSandboxes({ python: pythonSandboxPaths(config) });
  const metrics = createMetrics({
    tasks: graders.filter((g) => g.kind === 'task').map((g) => g.id),
    languages: sandboxes.map((s) => s.id),
  });
  setTelemetry(metrics.telemetry);
  const app = Fastify({
    logger: opts.logger ?? { level: config.LOG_LEVEL },
    bodyLimit: config.BODY_LIMIT_BYTES,
    // Strict validation: no type coercion ("5" stays a string), unknown keys are errors, not dropped.
    ajv: {
      customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: true, allErrors: false },
    },
    // New requests during shutdown get our RLVR_ERR_SERVER_CLOSING (hook below), not fastify's bare 503.
    return503OnClosing: false,
  });
  const engine =
    opts.engine ??
    createEngine({ config, graders, graderModules: opts.graderModules, telemetry: metrics.telemetry });
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  // During shutdown, new work is refused with a 503 the client can retry elsewhere; the ops routes
  // keep answering (/readyz says "closing").
  app.addHook('onRequest', async (req) => {
    if (closing && req.method !== 'GET') throw new errors.RLVR_ERR_SERVER_CLOSING();
  });
  // During shutdown, replies to in-flight requests close their connection: otherwise a keep-alive
  // client holds the socket idle for up to keepAliveTimeout and the server cannot finish closing.
  app.addHook('onSend', async (_req, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  // Runs after the server has stopped and in-flight requests have been answered.
  app.addHook('onClose', async () => {
    await engine.close();
    await Promise.allSettled(sandboxes.map((s) => s.close()));
  });
  // JSON only: without this, fastify's text/plain parser would hand a string to the JSON schema.
  app.removeContentTypeParser('text/plain');
  // fastify's secure JSON parser, with errors naming a refused `__proto__` key (review #14)
  installJsonParser(app);
  installErrorHandlers(app, { bodyLimit: config.BODY_LIMIT_BYTES });
  await registerSwagger(app, VERSION);
  // Shapes documented in openapi.yaml that no route validates as a whole: a code item's
  // `reference` (graded per item, so a bad one is that item's `invalid_reference`, not a 400).
  // Inner `$id`s are dropped: the same sub-schemas (FloatTol…) also appear inside the code options.
  app.addSchema({ ...withoutIds(CodeReferenceSchema), $id: 'CodeReference' });
  const deps: RouteDeps = {
    config,
    engine,
    graders,
    sandboxes,
    telemetry: metrics.telemetry,
    version: VERSION,
    isClosing: () => closing,
  };
  await app.register(metricsRoute, { metrics });
  for (const route of ROUTES) await app.register(route, deps);
  return app;
}
