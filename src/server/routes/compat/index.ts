/**
 * Every trainer-compatible route, registered with one call from src/server/app.ts.
 * See docs/trainers.md for each trainer's flag and shapes.
 */
import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../../deps.ts';
import { nemoGymRoutes } from './nemo-gym.ts';
import { openrlhfRoutes } from './openrlhf.ts';
import { slimeRoutes } from './slime.ts';

export async function compatRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  await openrlhfRoutes(app, deps);
  await slimeRoutes(app, deps);
  await nemoGymRoutes(app, deps);
}
