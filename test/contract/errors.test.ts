/**
 * Every RLVR_ERR_* key equals its code, has a status, and is documented in docs/api.md
 * (fastify's test/internals/errors.test.js pattern).
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { errors } from '../../src/core/errors.ts';

describe('error table', () => {
  const entries = Object.entries(errors);

  it('has one entry per code, each key equal to its code and named RLVR_ERR_<AREA>_<REASON>', () => {
    expect(entries.length).toBeGreaterThan(10);
    for (const [key, E] of entries) {
      const e = new E('a', 'b', 'c');
      expect(e.code).toBe(key);
      expect(key).toMatch(/^RLVR_ERR_[A-Z]+_[A-Z_]+$/);
      expect(e.statusCode).toBeGreaterThanOrEqual(400);
      expect(e.message.length).toBeGreaterThan(0);
    }
  });

  it('documents each code in docs/api.md', async () => {
    const doc = await readFile(new URL('../../docs/api.md', import.meta.url), 'utf8');
    for (const [key] of entries) expect(doc, key).toContain(`\`${key}\``);
  });
});
