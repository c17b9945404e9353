/**
 * One error handler and one 404 handler: every error reply has the shape of
 * src/schemas/error.ts and a stable `RLVR_ERR_*` code. fastify's own errors (validation, body
 * size, media type, JSON syntax) are mapped to ours; unknown 5xx are logged and their message is
 * hidden (fastify/demo's rule).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errors, type ItemScopedError } from '../../core/errors.ts';
import type { ErrorReply } from '../../schemas/error.ts';

/** `/items/12/completion` → 12 (also `/verify_responses/12/reward` of NeMo-Gym's aggregate request). */
export function itemIndexOf(path: string | undefined): number | undefined {
  const m = /^\/(?:items|verify_responses)\/(\d+)(\/|$)/.exec(path ?? '');
  return m ? Number(m[1]) : undefined;
}

/**
 * Translate any error into our table's terms.
 *
 * @param contentType the request's `content-type` header, named in the 415 message (review #18)
 */
export function toRlvrError(
  err: FastifyError & ItemScopedError,
  bodyLimit: number,
  contentType?: string,
): ItemScopedError {
  if (err.code?.startsWith('RLVR_ERR_')) return err;
  if (err.validation) return fromValidation(err);
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new errors.RLVR_ERR_REQUEST_BODY_TOO_LARGE(bodyLimit);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new errors.RLVR_ERR_REQUEST_MEDIA_TYPE(contentType ?? '(none)');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new errors.RLVR_ERR_REQUEST_MALFORMED_JSON(err.message);
  }
  if (err instanceof SyntaxError || (err.statusCode === 400 && /JSON/.test(err.message))) {
    return new errors.RLVR_ERR_REQUEST_MALFORMED_JSON(err.message);
  }
  return new errors.RLVR_ERR_SERVER_INTERNAL();
}

/**
 * A schema validation error (ajv's first error) in our codes, by where it points:
 * - `body/weights…`, `body/preset`, `querystring/preset` → RLVR_ERR_REQUEST_WEIGHTS_INVALID (the
 *   weights rule's other checks have this code, docs/api.md);
 * - `body/items/N/options…` → RLVR_ERR_ITEM_OPTIONS_INVALID with `item_index` N, and
 *   `body/options…` (request-level options, applied to every item) → the same code without it;
 * - anything else → RLVR_ERR_REQUEST_INVALID, with `item_index` when inside `items` or
 *   `verify_responses`.
 * The message names the path and, for an enum, the allowed values; for an unknown key, the key.
 */
function fromValidation(err: FastifyError): ItemScopedError {
  const v = err.validation?.[0];
  const context = err.validationContext ?? 'body';
  const path = v?.instancePath ?? '';
  const params = (v?.params ?? {}) as Record<string, unknown>;
  const detail =
    'allowedValues' in params
      ? ` (${String(params.allowedValues)})`
      : 'additionalProperty' in params
        ? `: "${String(params.additionalProperty)}"`
        : '';
  const message = `${context}${path} ${unionMessage(err.validation ?? [], path) ?? v?.message ?? 'is invalid'}${detail}`;
  const index = itemIndexOf(path);
  const options = /^(?:\/items\/\d+)?\/options(?:\/([^/]+))?/.exec(path);
  let e: ItemScopedError;
  if ((context === 'body' && /^\/weights(\/|$)/.test(path)) || path === '/preset') {
    e = new errors.RLVR_ERR_REQUEST_WEIGHTS_INVALID(message);
  } else if (context === 'body' && options) {
    // the grader is the key under `options`, or the unknown key itself when that is the error
    const grader = options[1] ?? String(params.additionalProperty ?? '?');
    e = new errors.RLVR_ERR_ITEM_OPTIONS_INVALID(grader.replace(/~1/g, '/').replace(/~0/g, '~'), message);
  } else {
    e = new errors.RLVR_ERR_REQUEST_INVALID(message);
  }
  if (index !== undefined) e.itemIndex = index;
  return e;
}

/**
 * A union of literals (TypeBox `Union([Literal…])`, ajv `anyOf` of `const`) fails with one error
 * per branch, the first saying only "must be equal to constant". Join the branches at `path`
 * into one message naming every allowed value: `must be one of "binary", "fraction"`.
 */
function unionMessage(all: NonNullable<FastifyError['validation']>, path: string): string | undefined {
  const branches = all.filter((e) => e.instancePath === path && e.keyword !== 'anyOf');
  if (branches.length < 2 || !all.some((e) => e.instancePath === path && e.keyword === 'anyOf'))
    return undefined;
  const literal = (e: (typeof all)[number]) =>
    JSON.stringify((e.params as { allowedValue?: unknown }).allowedValue);
  if (branches.every((e) => e.keyword === 'const'))
    return `must be one of ${branches.map(literal).join(', ')}`;
  const parts = branches.map((e) =>
    e.keyword === 'const' ? `equal to ${literal(e)}` : (e.message ?? '').replace(/^must (be )?/, ''),
  );
  return `must be ${[...new Set(parts)].join(' or ')}`;
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Install on the root instance (not as an encapsulated plugin) so every route shares it. */
export function installErrorHandlers(app: FastifyInstance, opts: { bodyLimit: number }): void {
  app.setErrorHandler((err: FastifyError & ItemScopedError, req: FastifyRequest, reply: FastifyReply) => {
    const e = toRlvrError(err, opts.bodyLimit, req.headers['content-type']);
    const statusCode = e.statusCode ?? 500;
    if (statusCode >= 500) req.log.error({ err }, 'request failed');
    else req.log.info({ code: e.code, item_index: e.itemIndex }, e.message);
    const body: ErrorReply = {
      statusCode,
      code: e.code,
      error: REASONS[statusCode] ?? 'Error',
      message: e.message,
      ...(e.itemIndex !== undefined ? { item_index: e.itemIndex } : {}),
    };
    if (statusCode === 503) reply.header('retry-after', '5');
    return reply.code(statusCode).send(body);
  });
  app.setNotFoundHandler((req, reply) => {
    const e = new errors.RLVR_ERR_ROUTE_NOT_FOUND(`${req.method} ${req.url}`);
    return reply.code(404).send({ statusCode: 404, code: e.code, error: 'Not Found', message: e.message });
  });
}
