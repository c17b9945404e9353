import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRIC_NAMES } from '../../src/core/telemetry.ts';
import { fixtureApp } from './helpers.ts';

describe('health, readiness and metrics', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await fixtureApp({ GRADE_TIMEOUT_MS: 300 });
  });
  afterAll(() => app.close());

  it('GET /healthz', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz lists graders with availability and the available tasks', async () => {
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('ready');
    expect(body.tasks).toEqual(['echo', 'hazard', 'hosted']);
    expect(body.graders.find((g: { id: string }) => g.id === 'fmt')).toMatchObject({
      kind: 'component',
      component: 'format',
      runs: 'pool',
      available: true,
    });
  });

  it('GET /metrics declares every rlvr_* metric and counts items by task and verdict', async () => {
    await app.inject({
      method: 'POST',
      url: '/reward',
      payload: {
        items: [
          { id: 'a', task: 'echo', completion: '42', reference: '42' },
          { id: 'b', task: 'echo', completion: '4', reference: '42' },
          { id: 'c', task: 'hazard', completion: 'LOOP', reference: '42' },
        ],
      },
    });
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    for (const name of METRIC_NAMES) expect(text).toContain(`# TYPE ${name} `);
    expect(text).toContain('rlvr_items_total{task="echo",verdict="correct"} 1');
    expect(text).toContain('rlvr_items_total{task="echo",verdict="wrong"} 1');
    expect(text).toContain('rlvr_items_total{task="hazard",verdict="timeout"} 1');
    expect(text).toContain('rlvr_timeouts_total{task="hazard"} 1');
    expect(text).toContain('rlvr_worker_restarts_total{pool="grade"} 1');
    expect(text).toContain('rlvr_batch_size_count{route="reward"} 1');
    expect(text).toContain('rlvr_items_in_flight 0');
    expect(text).toContain('process_cpu_user_seconds_total');
  });
});

describe('shutdown', () => {
  it('answers the batch in flight when close() begins, then closes its connection', async () => {
    const app = await fixtureApp({ WORKERS: 1, GRADE_TIMEOUT_MS: 3000 });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const postJson = (body: unknown) =>
      fetch(`${base}/reward`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    // A client with a kept-alive connection, as trainers have.
    const inFlight = postJson({
      items: [{ id: 'slow', task: 'hazard', completion: 'SLOW:1000', reference: '42' }],
    });
    await new Promise((r) => setTimeout(r, 200));
    const closed = app.close();
    await new Promise((r) => setTimeout(r, 50));
    const done = await inFlight;
    expect(done.status).toBe(200);
    expect(done.headers.get('connection')).toBe('close');
    expect(((await done.json()) as { results: unknown[] }).results[0]).toMatchObject({
      id: 'slow',
      verdict: 'correct',
      reward: 1,
    });
    await closed;
  });
});
