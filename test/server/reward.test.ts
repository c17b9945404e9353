import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureApp } from './helpers.ts';

const item = (id: string, completion: unknown, extra: Record<string, unknown> = {}) => ({
  id,
  task: 'echo',
  completion,
  reference: '42',
  ...extra,
});

describe('POST /reward', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await fixtureApp({ MAX_ITEMS: 50, MAX_COMPLETION_CHARS: 2_000_000, BODY_LIMIT_BYTES: 4_000_000 });
  });
  afterAll(() => app.close());

  const post = (payload: unknown) =>
    app.inject({ method: 'POST', url: '/reward', payload: payload as object });

  it('grades a batch: rewards and results in request order', async () => {
    const res = await post({ items: [item('a', '42'), item('b', '7'), item('c', ' 42\n')] });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.rewards).toEqual([1, 0, 1]);
    expect(body.results.map((r: { id: string }) => r.id)).toEqual(['a', 'b', 'c']);
    expect(body.results[1]).toEqual({
      id: 'b',
      reward: 0,
      components: { accuracy: 0 },
      verdict: 'wrong',
      extracted: '7',
    });
  });

  it('reports the version of each grader the batch used', async () => {
    const plain = await post({ items: [item('a', '42'), { ...item('b', '1'), task: 'hazard' }] });
    expect(plain.json().versions).toEqual({ echo: '1', hazard: '1' });
    const r1zero = await post({ items: [item('a', '42')], preset: 'r1_zero' });
    expect(r1zero.json().versions).toEqual({ echo: '1', fmt: '1' });
  });

  it('accepts a 1 MB completion by default limits and answers it', async () => {
    const res = await post({ items: [item('big', `${'x'.repeat(1_048_576)}`), item('ok', '42')] });
    expect(res.statusCode).toBe(200);
    expect(res.json().rewards).toEqual([0, 1]);
  });

  it('weights components per request and with a preset', async () => {
    const res = await post({ items: [item('a', '<think>42')], weights: { accuracy: 1, format: 2 } });
    expect(res.json().results[0]).toMatchObject({ reward: 2, components: { accuracy: 0, format: 1 } });
    const p = await post({ items: [item('a', '42')], preset: 'r1_zero' });
    expect(p.json().results[0]).toMatchObject({ reward: 1, components: { accuracy: 1, format: 0 } });
  });

  it('reports a grader failure as reward null with an error code, never 0 or 1', async () => {
    const res = await post({ items: [{ ...item('t', 'THROW'), task: 'hazard' }] });
    expect(res.statusCode).toBe(200);
    const r = res.json().results[0];
    expect(res.json().rewards).toEqual([null]);
    expect(r).toMatchObject({ reward: null, verdict: 'error', error: { code: 'RLVR_ERR_GRADER_THREW' } });
  });

  describe('request errors name the item and carry a stable code', () => {
    const cases: [string, unknown, number, string, number | undefined][] = [
      [
        'completion not a string',
        { items: [item('a', '1'), item('b', 5)] },
        400,
        'RLVR_ERR_REQUEST_INVALID',
        1,
      ],
      [
        'missing id',
        { items: [{ task: 'echo', completion: '', reference: '' }] },
        400,
        'RLVR_ERR_REQUEST_INVALID',
        0,
      ],
      [
        'unknown task',
        { items: [item('a', '1'), item('b', '1', { task: 'nope' })] },
        400,
        'RLVR_ERR_ITEM_TASK_UNKNOWN',
        1,
      ],
      [
        'bad option type',
        { items: [item('a', '1', { options: { echo: { trim: 'yes' } } })] },
        400,
        'RLVR_ERR_ITEM_OPTIONS_INVALID',
        0,
      ],
      [
        'option for no grader',
        { items: [item('a', '1', { options: { nope: {} } })] },
        400,
        'RLVR_ERR_ITEM_OPTIONS_INVALID',
        0,
      ],
      ['unknown item key', { items: [item('a', '1', { extra: 1 })] }, 400, 'RLVR_ERR_REQUEST_INVALID', 0],
      [
        'unknown preset',
        { items: [item('a', '1')], preset: 'r2' },
        400,
        'RLVR_ERR_REQUEST_WEIGHTS_INVALID',
        undefined,
      ],
      [
        'all weights zero',
        { items: [item('a', '1')], weights: { accuracy: 0 } },
        400,
        'RLVR_ERR_REQUEST_WEIGHTS_INVALID',
        undefined,
      ],
      [
        'component without a grader',
        { items: [item('a', '1')], preset: 'r1' },
        400,
        'RLVR_ERR_REQUEST_COMPONENT_UNAVAILABLE',
        undefined,
      ],
      [
        'too many items',
        { items: Array.from({ length: 51 }, (_, i) => item(`${i}`, '1')) },
        413,
        'RLVR_ERR_REQUEST_TOO_MANY_ITEMS',
        undefined,
      ],
      ['no items key', {}, 400, 'RLVR_ERR_REQUEST_INVALID', undefined],
      [
        'bad request-level option (applies to every item: no item_index)',
        { items: [item('a', '1')], options: { echo: { trim: 'yes' } } },
        400,
        'RLVR_ERR_ITEM_OPTIONS_INVALID',
        undefined,
      ],
      [
        'unknown weight key',
        { items: [item('a', '1')], weights: { speed: 1 } },
        400,
        'RLVR_ERR_REQUEST_WEIGHTS_INVALID',
        undefined,
      ],
    ];
    it('messages name the grader, the unknown key and the allowed values (docs/api.md#errors)', async () => {
      const unknown = await post({
        items: [item('a', '1'), item('b', '1', { options: { consistency: {} } })],
      });
      expect(unknown.json()).toMatchObject({ code: 'RLVR_ERR_ITEM_OPTIONS_INVALID', item_index: 1 });
      expect(unknown.json().message).toBe(
        'Invalid options for grader "consistency": body/items/1/options must NOT have additional properties: "consistency"',
      );
      const preset = await post({ items: [item('a', '1')], preset: 'r2' });
      expect(preset.json().message).toBe(
        'Invalid weights: body/preset must be equal to one of the allowed values (accuracy,r1,r1_zero)',
      );
    });

    for (const [name, payload, status, code, index] of cases) {
      it(name, async () => {
        const res = await post(payload);
        expect(res.statusCode).toBe(status);
        const body = res.json();
        expect(body.code).toBe(code);
        expect(body.item_index).toBe(index);
        expect(body.statusCode).toBe(status);
        expect(typeof body.message).toBe('string');
      });
    }
  });

  it('refuses an over-long completion (413) naming its index', async () => {
    const small = await fixtureApp({ MAX_COMPLETION_CHARS: 100, WORKERS: 1 });
    try {
      const res = await small.inject({
        method: 'POST',
        url: '/reward',
        payload: { items: [item('a', '1'), item('b', 'y'.repeat(101))] },
      });
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ code: 'RLVR_ERR_ITEM_COMPLETION_TOO_LONG', item_index: 1 });
    } finally {
      await small.close();
    }
  });

  it('refuses a body over BODY_LIMIT_BYTES (413), malformed JSON (400) and other media types (415)', async () => {
    const big = await post({ items: [item('a', 'z'.repeat(4_000_001))] });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('RLVR_ERR_REQUEST_BODY_TOO_LARGE');
    const bad = await app.inject({
      method: 'POST',
      url: '/reward',
      payload: '{"items": [',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('RLVR_ERR_REQUEST_MALFORMED_JSON');
    const text = await app.inject({
      method: 'POST',
      url: '/reward',
      payload: 'items',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.statusCode).toBe(415);
    expect(text.json().code).toBe('RLVR_ERR_REQUEST_MEDIA_TYPE');
  });

  it('answers unknown routes with RLVR_ERR_ROUTE_NOT_FOUND', async () => {
    const res = await app.inject({ method: 'GET', url: '/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('RLVR_ERR_ROUTE_NOT_FOUND');
  });
});
