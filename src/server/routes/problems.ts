/**
 * Problem sets with hidden tests: loaded at start-up from `PROBLEMS` (comma-separated JSONL files
 * or directories; formats in graders/code/problems/formats.ts) into the SQLite-backed store, and
 * installed in the code grader so items can send `{"problem_id": …}`.
 *
 * `GET /problems` lists ids (paged) and load statistics; `GET /problems/{id}` shows one problem's
 * metadata. Tests (inputs and expected outputs) are never returned: they are hidden so a policy
 * cannot be trained on them.
 */
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { configureCodeGrader } from '../../../graders/code/index.ts';
import { loadProblems, type ProblemStore } from '../../../graders/code/problems/store.ts';
import { errors } from '../../core/errors.ts';
import { problemPaths } from '../../eval/backend.ts';
import { ProblemMetaSchema } from '../../schemas/code.ts';
import { ErrorReplySchema } from '../../schemas/error.ts';
import type { RouteDeps } from '../deps.ts';

const ProblemListSchema = Type.Object(
  {
    count: Type.Integer({ description: 'Problems loaded.' }),
    offset: Type.Integer(),
    ids: Type.Array(Type.String()),
    skipped: Type.Integer({ description: 'Rows that could not be used at load time.' }),
    by_source: Type.Record(Type.String(), Type.Integer(), { description: 'Problems per data-set format.' }),
  },
  { $id: 'ProblemList' },
);

/**
 * Turn the digit-only values of integer query parameters into numbers, before validation.
 * Query strings are always text, and the app validates without type coercion (so `"5"` in a JSON
 * body stays an error): without this, `?offset=100` was refused and only the first page of ids
 * could be listed (security review #15). Anything else (`?limit=ten`, `-1`, `1e3`) is left as a
 * string, so the schema still refuses it with a 400.
 */
export function integerQuery(query: unknown, keys: readonly string[]): void {
  if (query === null || typeof query !== 'object') return;
  const q = query as Record<string, unknown>;
  for (const k of keys) {
    const v = q[k];
    if (typeof v === 'string' && /^[0-9]{1,15}$/.test(v)) q[k] = Number(v);
  }
}

const LIST_QUERY_INTEGERS = ['offset', 'limit'] as const;

export async function problemsRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const paths = problemPaths(deps.config.PROBLEMS);
  let store: ProblemStore | null = null;
  if (paths.length > 0) {
    store = await loadProblems(paths);
    const s = store.stats;
    app.log.info(
      { problems: s.loaded, skipped: s.skipped, duplicates: s.duplicates, by_source: s.bySource, ms: s.ms },
      'problem sets loaded',
    );
    if (s.skipped > 0) app.log.warn({ reasons: s.reasons.slice(0, 10) }, `${s.skipped} problem rows skipped`);
  }
  configureCodeGrader({ sandboxes: deps.sandboxes, problems: store });
  app.addHook('onClose', async () => {
    store?.close();
  });

  app.get(
    '/problems',
    {
      schema: {
        tags: ['code'],
        summary: 'List loaded problems',
        description: 'Ids of the problems loaded with PROBLEMS, paged; never their tests.',
        querystring: Type.Object({
          offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
        }),
        response: { 200: ProblemListSchema },
      },
      preValidation: async (req) => {
        integerQuery(req.query, LIST_QUERY_INTEGERS);
      },
    },
    async (req) => {
      const q = req.query as { offset?: number; limit?: number };
      const offset = q.offset ?? 0;
      return {
        count: store?.count() ?? 0,
        offset,
        ids: store?.ids(offset, q.limit ?? 100) ?? [],
        skipped: store?.stats.skipped ?? 0,
        by_source: store?.stats.bySource ?? {},
      };
    },
  );

  app.get(
    '/problems/*',
    {
      schema: {
        tags: ['code'],
        summary: 'Metadata of one problem',
        description:
          'Statement, languages, test kind and count of a loaded problem. Ids may contain `/` (`HumanEval/0`). Tests are never returned.',
        response: { 200: ProblemMetaSchema, 404: ErrorReplySchema },
      },
    },
    async (req) => {
      const id = (req.params as { '*': string })['*'];
      const meta = store?.meta(id) ?? null;
      if (!meta) throw new errors.RLVR_ERR_PROBLEM_NOT_FOUND(id);
      return meta;
    },
  );
}
