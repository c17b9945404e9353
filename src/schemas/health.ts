/**
 * Schemas of the operational routes: `GET /healthz` (the process answers) and `GET /readyz`
 * (which graders can run here).
 */
import Type from 'typebox';

export const HealthSchema = Type.Object({ status: Type.Literal('ok') });

export const GraderStatusSchema = Type.Object({
  id: Type.String({ description: 'Grader id; for task graders, the `task` value of items.' }),
  version: Type.String(),
  kind: Type.Enum(['task', 'component']),
  component: Type.Optional(Type.String({ description: 'For component graders: format or consistency.' })),
  runs: Type.Enum(['pool', 'host'], { description: 'pool: worker threads; host: main thread (sandboxes).' }),
  description: Type.String(),
  available: Type.Boolean(),
  reason: Type.Optional(Type.String({ description: 'Why the grader is unavailable.' })),
  details: Type.Optional(
    Type.Record(Type.String(), Type.Unknown(), {
      description:
        'What the grader checked. For `code`: `languages` maps each sandbox to `available` or `unavailable: <reason>` (e.g. Python when PYTHON_PATH or BWRAP_PATH is wrong, while JavaScript still grades), and `problems_loaded`.',
    }),
  ),
});

export const ReadySchema = Type.Object({
  status: Type.Enum(['ready', 'closing']),
  version: Type.String({ description: 'rlvr-server version.' }),
  tasks: Type.Array(Type.String(), { description: 'Task ids whose grader is available here.' }),
  graders: Type.Array(GraderStatusSchema),
});
