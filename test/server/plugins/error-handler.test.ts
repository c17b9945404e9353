/**
 * Schema validation errors in our codes, on the real grader list (the options schemas of
 * graders/*): where the error points decides the code (docs/api.md#errors), and the message names
 * what would have been accepted. Everything here is refused before grading.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/config.ts';
import { buildApp } from '../../../src/server/app.ts';

const math = { id: 'q1', task: 'math', completion: 'The answer is \\boxed{4}.', reference: '4' };

describe('validation errors → RLVR_ERR_* codes', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({ config: defaultConfig({ WORKERS: 1 }), sandboxes: [], logger: false });
  });
  afterAll(() => app.close());
  const post = (payload: object, url = '/reward') => app.inject({ method: 'POST', url, payload });

  it('an option value outside a union of literals lists every allowed value', async () => {
    const code = {
      ...math,
      task: 'code',
      reference: { problem_id: 'x' },
      options: { code: { reward: 'half' } },
    };
    const res = await post({ items: [math, code] });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      statusCode: 400,
      code: 'RLVR_ERR_ITEM_OPTIONS_INVALID',
      error: 'Bad Request',
      message:
        'Invalid options for grader "code": body/items/1/options/code/reward must be one of "binary", "fraction"',
      item_index: 1,
    });
  });

  it('a union of a type and a literal names both', async () => {
    const res = await post({ items: [{ ...math, options: { format: { think_in_prompt: 'yes' } } }] });
    expect(res.json().message).toBe(
      'Invalid options for grader "format": body/items/0/options/format/think_in_prompt must be boolean or equal to "auto"',
    );
  });

  it('the documented key `language-consistency` is accepted; `consistency` is not a grader id', async () => {
    const ok = await post({
      items: [{ ...math, options: { 'language-consistency': { language: 'en' } } }],
      preset: 'r1',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const bad = await post({ items: [{ ...math, options: { consistency: { language: 'en' } } }] });
    expect(bad.json()).toMatchObject({ code: 'RLVR_ERR_ITEM_OPTIONS_INVALID', item_index: 0 });
  });

  it('an unknown preset in a trainer route query string is a weights error too', async () => {
    const res = await post(
      { query: ['The answer is 4'], labels: ['4'] },
      '/compat/openrlhf/get_reward?preset=r2',
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('RLVR_ERR_REQUEST_WEIGHTS_INVALID');
    expect(res.json().message).toContain('(accuracy,r1,r1_zero)');
  });

  it('other shape errors stay RLVR_ERR_REQUEST_INVALID, naming the unknown key', async () => {
    const res = await post({ items: [{ ...math, extra: 1 }] });
    expect(res.json()).toMatchObject({
      code: 'RLVR_ERR_REQUEST_INVALID',
      item_index: 0,
      message: 'Invalid request: body/items/0 must NOT have additional properties: "extra"',
    });
  });
});
