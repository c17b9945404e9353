/**
 * The `application/json` body parser: fastify's own (secure-json-parse, `__proto__` and
 * `constructor.prototype` keys refused as prototype poisoning), with errors that say what is wrong.
 *
 * fastify answers both a syntax error and a poisoning key with the same "Body is not valid JSON".
 * A body with a `__proto__` key *is* valid JSON, so a client could not tell why it was refused
 * (security review #14). On failure we parse the text again with `JSON.parse` (which makes
 * `__proto__` an own property, never a prototype) only to find out why:
 * - a forbidden key → `RLVR_ERR_REQUEST_FORBIDDEN_KEY` naming its JSON path, with `item_index`
 *   when it is inside `items[i]`;
 * - a syntax error → `RLVR_ERR_REQUEST_MALFORMED_JSON` with the parser's message (position).
 * The guard itself stays: the body that reaches a route never holds such a key.
 */
import type { FastifyInstance } from 'fastify';
import { errors, type ItemScopedError } from '../../core/errors.ts';

/** `["items", 3, "__proto__"]` → `/items/3/__proto__` (a JSON pointer, RFC 6901). */
function pointer(path: readonly (string | number)[]): string {
  return path.map((p) => `/${String(p).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/**
 * The JSON path of the first key secure-json-parse refuses — `__proto__`, or `constructor` whose
 * value has a `prototype` key — in a value from `JSON.parse`, or `null`. Iterative (bodies may be
 * 100,000 levels deep).
 */
export function forbiddenKeyPath(value: unknown): (string | number)[] | null {
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: value, path: [] }];
  while (stack.length > 0) {
    const { v, path } = stack.pop() as { v: unknown; path: (string | number)[] };
    if (v === null || typeof v !== 'object') continue;
    const children: { v: unknown; path: (string | number)[] }[] = [];
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        children.push({ v: x, path: [...path, i] });
      });
    } else {
      for (const [k, x] of Object.entries(v)) {
        if (k === '__proto__') return [...path, k];
        if (k === 'constructor' && x !== null && typeof x === 'object' && Object.hasOwn(x, 'prototype')) {
          return [...path, k];
        }
        children.push({ v: x, path: [...path, k] });
      }
    }
    // reversed, so the first key in document order is reported
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return null;
}

/** Why fastify's parser refused `body`: our error for it (see the module doc). */
export function jsonBodyError(body: string): ItemScopedError {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    return new errors.RLVR_ERR_REQUEST_MALFORMED_JSON((e as Error).message);
  }
  const path = forbiddenKeyPath(value);
  if (path === null) return new errors.RLVR_ERR_REQUEST_MALFORMED_JSON('refused by the JSON parser');
  const err: ItemScopedError = new errors.RLVR_ERR_REQUEST_FORBIDDEN_KEY(
    path[path.length - 1],
    pointer(path),
  );
  if (path[0] === 'items' && typeof path[1] === 'number') err.itemIndex = path[1];
  return err;
}

/** Replace fastify's `application/json` parser by the same parser with explicit errors. */
export function installJsonParser(app: FastifyInstance): void {
  const secure = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    secure(req, body as string, (err, value) => {
      if (err && (err as { code?: string }).code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
        done(jsonBodyError(body as string), undefined);
      } else {
        done(err, value);
      }
    });
  });
}
