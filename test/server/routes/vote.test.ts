/**
 * POST /vote: self-consistency clusters by the math grader's equivalence, on the real app.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/config.ts';
import { buildApp } from '../../../src/server/app.ts';

describe('POST /vote', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({ config: defaultConfig(), logger: false });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
  });

  const vote = async (payload: object) => {
    const res = await app.inject({ method: 'POST', url: '/vote', payload });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('groups \\frac12, 0.5 and 1/2 together and keeps 2 apart', async () => {
    const body = await vote({
      completions: [
        'So the probability is $\\boxed{\\frac12}$.',
        'The answer is 2.',
        'Therefore the answer is \\boxed{0.5}',
        'Final answer: 1/2',
      ],
      reference: '\\frac{1}{2}',
    });
    expect(body).toEqual({
      answer: '\\frac12',
      clusters: [
        { answer: '\\frac12', count: 3, members: [0, 2, 3] },
        { answer: '2', count: 1, members: [1] },
      ],
      abstained: [],
      correct: true,
    });
  });

  it('breaks ties toward the earliest answer, and lets hedges and non-answers abstain', async () => {
    const body = await vote({
      completions: [
        '\\boxed{3}',
        '\\boxed{6/2}',
        'I am not sure.',
        '\\boxed{4}',
        '\\boxed{4.0}',
        'The answer is 3 or 4.',
      ],
      reference: '4',
    });
    expect(body.clusters.map((c: { count: number }) => c.count)).toEqual([2, 2]);
    expect(body.answer).toBe('3');
    expect(body.correct).toBe(false);
    expect(body.abstained).toEqual([2, 5]);
  });

  it('returns a null answer when nobody answered, and null correct for an unusable reference', async () => {
    const unfinished =
      'Let me think.\nFirst we compute the sum of the digits, which is hard.\nI could not finish.';
    expect(await vote({ completions: [unfinished, ''] })).toEqual({
      answer: null,
      clusters: [],
      abstained: [0, 1],
    });
    const body = await vote({ completions: ['\\boxed{1}'], reference: '' });
    expect(body.answer).toBe('1');
    expect(body.correct).toBeNull();
  });

  it('votes over a real problem of the Qwen2.5-Math 100×8 set', async () => {
    const rows = gunzipSync(
      readFileSync('/work/shared/data/math/completions/QwenLM_Qwen2.5-Math/math_cot_100.jsonl.gz'),
    )
      .toString('utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { code: string[]; gt: string; pred: string[] });
    const row = rows[0];
    const body = await vote({ completions: row.code, reference: row.gt });
    expect(
      body.clusters.reduce((n: number, c: { count: number }) => n + c.count, 0) + body.abstained.length,
    ).toBe(8);
    expect(body.answer).toBe('420');
    expect(body.correct).toBe(true);
  });

  it('answers hostile answers within the deadline, without merging what it cannot prove equal', async () => {
    const t0 = performance.now();
    const body = await vote({
      completions: [
        '\\boxed{5^{5^{5^{5^{5}}}}}',
        '\\boxed{5^{5^{5^{5^{5}}}} + 0}',
        '\\boxed{1000000!}',
        '\\boxed{2}',
        `\\boxed{${'{'.repeat(10_000)}1${'}'.repeat(10_000)}}`,
        `${'x'.repeat(1_000_000)} \\boxed{2}`,
      ],
      reference: '2',
    });
    expect(performance.now() - t0).toBeLessThan(15_000);
    expect(body.answer).toBe('2');
    expect(body.clusters[0]).toEqual({ answer: '2', count: 2, members: [3, 5] });
    expect(body.correct).toBe(true);
    expect(
      body.clusters.reduce((n: number, c: { count: number }) => n + c.count, 0) + body.abstained.length,
    ).toBe(6);
  });

  it('rejects a malformed request with a stable code', async () => {
    const res = await app.inject({ method: 'POST', url: '/vote', payload: { completions: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('RLVR_ERR_REQUEST_INVALID');
  });
});
