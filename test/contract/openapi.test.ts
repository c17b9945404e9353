/**
 * openapi.yaml is generated from the route schemas (`npm run openapi`); this test regenerates it
 * and fails on drift, as fastify's `test:validator:integrity` does for its generated validator.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderOpenapi } from '../../src/cli/openapi.ts';
import { errors } from '../../src/core/errors.ts';

describe('openapi.yaml', () => {
  it('matches the document generated from the route schemas (run `npm run openapi` to update)', async () => {
    const committed = await readFile(new URL('../../openapi.yaml', import.meta.url), 'utf8');
    expect(committed).toBe(await renderOpenapi());
  });

  it('documents every endpoint and every error code', async () => {
    const doc = parse(await readFile(new URL('../../openapi.yaml', import.meta.url), 'utf8'));
    for (const path of ['/reward', '/healthz', '/readyz', '/metrics']) expect(doc.paths).toHaveProperty(path);
    const replies = doc.paths['/reward'].post.responses;
    const codes = replies['4XX'].content['application/json'].schema.properties.code.enum;
    expect([...codes].sort()).toEqual(Object.keys(errors).sort());
  });
});
