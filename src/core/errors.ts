/**
 * Every `RLVR_ERR_*` in one table (fastify's lib/errors.js pattern): the key equals the code,
 * codes are never reused, and each one is listed in docs/api.md (test/contract/errors.test.ts
 * checks both).
 *
 * Two families:
 * - request errors (4xx/5xx HTTP replies): the whole request is refused, nothing is graded;
 *   errors about one item carry `itemIndex` (see {@link atItem});
 * - item errors (reported in a result's `error` field, reward `null`): our side could not grade
 *   that item. Their status code is nominal (500): they never become an HTTP reply.
 *
 * Anything the *model* caused (wrong answer, timeout, memory, output cap) is a verdict, not an error.
 */
import createError, { type FastifyError } from '@fastify/error';

export const errors = {
  // --- request: shape and limits ---
  RLVR_ERR_REQUEST_INVALID: createError('RLVR_ERR_REQUEST_INVALID', 'Invalid request: %s', 400),
  RLVR_ERR_REQUEST_MALFORMED_JSON: createError(
    'RLVR_ERR_REQUEST_MALFORMED_JSON',
    'Request body is not valid JSON: %s',
    400,
  ),
  RLVR_ERR_REQUEST_MEDIA_TYPE: createError(
    'RLVR_ERR_REQUEST_MEDIA_TYPE',
    'Unsupported Content-Type "%s": send application/json',
    415,
  ),
  RLVR_ERR_REQUEST_BODY_TOO_LARGE: createError(
    'RLVR_ERR_REQUEST_BODY_TOO_LARGE',
    'Request body exceeds %s bytes (BODY_LIMIT_BYTES)',
    413,
  ),
  RLVR_ERR_REQUEST_TOO_MANY_ITEMS: createError(
    'RLVR_ERR_REQUEST_TOO_MANY_ITEMS',
    'Batch has %s items; the limit is %s (MAX_ITEMS)',
    413,
  ),
  RLVR_ERR_REQUEST_FORBIDDEN_KEY: createError(
    'RLVR_ERR_REQUEST_FORBIDDEN_KEY',
    'Request body has the key "%s" at %s: refused as prototype poisoning; rename or remove it',
    400,
  ),
  RLVR_ERR_REQUEST_WEIGHTS_INVALID: createError(
    'RLVR_ERR_REQUEST_WEIGHTS_INVALID',
    'Invalid weights: %s',
    400,
  ),
  RLVR_ERR_REQUEST_COMPONENT_UNAVAILABLE: createError(
    'RLVR_ERR_REQUEST_COMPONENT_UNAVAILABLE',
    'No grader computes the weighted component "%s"',
    400,
  ),
  // --- request: one item is at fault (the reply names `item_index`) ---
  RLVR_ERR_ITEM_TASK_UNKNOWN: createError('RLVR_ERR_ITEM_TASK_UNKNOWN', 'Unknown task "%s" (known: %s)', 400),
  RLVR_ERR_ITEM_OPTIONS_INVALID: createError(
    'RLVR_ERR_ITEM_OPTIONS_INVALID',
    'Invalid options for grader "%s": %s',
    400,
  ),
  RLVR_ERR_ITEM_COMPLETION_TOO_LONG: createError(
    'RLVR_ERR_ITEM_COMPLETION_TOO_LONG',
    'Completion has %s characters; the limit is %s (MAX_COMPLETION_CHARS)',
    413,
  ),
  // --- server state ---
  RLVR_ERR_ROUTE_NOT_FOUND: createError('RLVR_ERR_ROUTE_NOT_FOUND', 'Route %s not found', 404),
  RLVR_ERR_SERVER_CLOSING: createError(
    'RLVR_ERR_SERVER_CLOSING',
    'The server is shutting down; retry on another instance',
    503,
  ),
  RLVR_ERR_SERVER_BUSY: createError(
    'RLVR_ERR_SERVER_BUSY',
    '%s items are already in flight; this batch of %s would exceed MAX_ITEMS_IN_FLIGHT (%s): retry later',
    503,
  ),
  RLVR_ERR_SERVER_INTERNAL: createError('RLVR_ERR_SERVER_INTERNAL', 'Internal server error', 500),
  RLVR_ERR_CONFIG_INVALID: createError('RLVR_ERR_CONFIG_INVALID', 'Invalid configuration: %s', 500),
  // --- item errors (in a result's `error`, reward null) ---
  RLVR_ERR_GRADER_THREW: createError('RLVR_ERR_GRADER_THREW', 'Grader "%s" threw: %s', 500),
  RLVR_ERR_GRADER_UNAVAILABLE: createError(
    'RLVR_ERR_GRADER_UNAVAILABLE',
    'Grader "%s" is unavailable: %s',
    500,
  ),
  RLVR_ERR_GRADER_DEADLINE: createError(
    'RLVR_ERR_GRADER_DEADLINE',
    'Host grader "%s" did not answer within %s ms (HOST_GRADE_TIMEOUT_MS)',
    500,
  ),
  RLVR_ERR_WORKER_CRASHED: createError('RLVR_ERR_WORKER_CRASHED', 'Grading worker crashed: %s', 500),
  RLVR_ERR_ITEM_PROMPT_NOT_FOUND: createError(
    'RLVR_ERR_ITEM_PROMPT_NOT_FOUND',
    'The prompt was not found in the query and no assistant-turn marker follows it: %s',
    500,
  ),
  RLVR_ERR_ITEM_REFERENCE_INVALID: createError(
    'RLVR_ERR_ITEM_REFERENCE_INVALID',
    'Invalid reference: %s',
    500,
  ),
  // --- code grading and sandboxes (item errors; codes used by graders/code and sandboxes/*) ---
  RLVR_ERR_PROBLEM_NOT_FOUND: createError('RLVR_ERR_PROBLEM_NOT_FOUND', 'Problem "%s" not found', 404),
  RLVR_ERR_CODE_INVALID_REFERENCE: createError(
    'RLVR_ERR_CODE_INVALID_REFERENCE',
    'Invalid code reference: %s',
    500,
  ),
  RLVR_ERR_CODE_QUEUE_FULL: createError('RLVR_ERR_CODE_QUEUE_FULL', 'Code grading queue is full: %s', 500),
  RLVR_ERR_SANDBOX_UNAVAILABLE: createError('RLVR_ERR_SANDBOX_UNAVAILABLE', 'Sandbox unavailable: %s', 500),
  RLVR_ERR_SANDBOX_START: createError('RLVR_ERR_SANDBOX_START', 'Sandbox could not start: %s', 500),
  RLVR_ERR_SANDBOX_CGROUP: createError('RLVR_ERR_SANDBOX_CGROUP', 'Sandbox cgroup setup failed: %s', 500),
  RLVR_ERR_SANDBOX_BUSY: createError('RLVR_ERR_SANDBOX_BUSY', 'Sandbox queue is full: %s', 500),
  RLVR_ERR_SANDBOX_TIMEOUT: createError(
    'RLVR_ERR_SANDBOX_TIMEOUT',
    'Sandbox did not answer in time: %s',
    500,
  ),
  RLVR_ERR_SANDBOX_SPEC: createError('RLVR_ERR_SANDBOX_SPEC', 'Invalid execution spec: %s', 500),
  RLVR_ERR_SANDBOX_PROTOCOL: createError('RLVR_ERR_SANDBOX_PROTOCOL', 'Sandbox protocol error: %s', 500),
  RLVR_ERR_SANDBOX_FAILED: createError('RLVR_ERR_SANDBOX_FAILED', 'Sandbox failed: %s', 500),
  RLVR_ERR_SANDBOX_CLOSED: createError('RLVR_ERR_SANDBOX_CLOSED', 'Sandbox is closed: %s', 500),
  RLVR_ERR_SANDBOX_ABORTED: createError('RLVR_ERR_SANDBOX_ABORTED', 'Sandbox run aborted: %s', 500),
} as const;

export type ErrorCode = keyof typeof errors;

/** An error about one item of a batch: the reply carries `item_index` (0-based). */
export interface ItemScopedError extends FastifyError {
  itemIndex?: number;
}

/** Attach the 0-based index of the offending item to a request error. */
export function atItem<E extends FastifyError>(err: E, index: number): E & { itemIndex: number } {
  return Object.assign(err, { itemIndex: index });
}

/** `{code, message}` of an item error, as it appears in a result's `error` field. */
export function itemError(code: ErrorCode, ...args: unknown[]): { code: string; message: string } {
  const e = new errors[code](...(args as [unknown?, unknown?, unknown?]));
  return { code: e.code, message: e.message };
}
