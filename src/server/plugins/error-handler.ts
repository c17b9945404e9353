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
  if (err.validation) {
    const v = err.validation[0];
    const where = `${err.validationContext ?? 'body'}${v?.instancePath ?? ''}`;
    const detail = v?.params && 'allowedValues' in v.params ? ` (${String(v.params.allowedValues)})` : '';
    const message = `${where} ${v?.message ?? 'is invalid'}${detail}`;
    // the body's `weights` object (range, unknown key): the same code as the rule's other checks
    const e: ItemScopedError =
      (err.validationContext ?? 'body') === 'body' && /^\/weights(\/|$)/.test(v?.instancePath ?? '')
        ? new errors.RLVR_ERR_REQUEST_WEIGHTS_INVALID(message)
        : new errors.RLVR_ERR_REQUEST_INVALID(message);
    const index = itemIndexOf(v?.instancePath);
    if (index !== undefined) e.itemIndex = index;
    return e;
  }
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
