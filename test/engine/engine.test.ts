import { afterAll, describe, expect, it } from 'vitest';
import type { RewardItem } from '../../src/engine/index.ts';
import { fixtureEngine, item } from './helpers.ts';

describe('engine.gradeBatch', () => {
  const engine = fixtureEngine({ GRADE_TIMEOUT_MS: 1000, HOST_GRADE_TIMEOUT_MS: 400 });
  afterAll(() => engine.close());

  it('returns one result per item, in request order, with ids', async () => {
    const items = Array.from({ length: 300 }, (_, i) => item(`q${i}`, 'echo', String(i % 5), '3'));
    const results = await engine.gradeBatch(items);
    expect(results.map((r) => r.id)).toEqual(items.map((x) => x.id));
    expect(results.map((r) => r.reward)).toEqual(items.map((x) => (x.completion === '3' ? 1 : 0)));
    expect(results[3]).toEqual({
      id: 'q3',
      reward: 1,
      components: { accuracy: 1 },
      verdict: 'correct',
      extracted: '3',
    });
  });

  it('gives a runaway item `timeout` with reward 0 and grades the rest of the batch', async () => {
    const t0 = Date.now();
    const results = await engine.gradeBatch([
      item('a', 'echo', '42'),
      item('loop', 'hazard', 'LOOP'),
      ...Array.from({ length: 40 }, (_, i) => item(`n${i}`, 'hazard', i % 2 ? '42' : '41')),
    ]);
    const elapsed = Date.now() - t0;
    expect(results[1]).toMatchObject({
      id: 'loop',
      verdict: 'timeout',
      reward: 0,
      components: { accuracy: 0 },
    });
    expect(results[1].details).toEqual({ limit: 'time', limit_ms: 1000 });
    expect(results[0].reward).toBe(1);
    expect(results.slice(2).map((r) => r.reward)).toEqual(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? 1 : 0)),
    );
    // Deadline plus slack; the slack covers starting the replacement worker (it loads the graders),
    // which takes seconds when the 2 shared cores are saturated.
    expect(elapsed).toBeLessThan(1000 + 8000);
  });

  it('maps a throwing grader and an out-of-range score to `error` with reward null', async () => {
    const [thrown, bad] = await engine.gradeBatch([
      item('t', 'hazard', 'THROW'),
      item('b', 'hazard', 'BADSCORE'),
    ]);
    expect(thrown).toMatchObject({ verdict: 'error', reward: null, components: { accuracy: null } });
    expect(thrown.error?.code).toBe('RLVR_ERR_GRADER_THREW');
    expect(thrown.error?.message).toContain('kaboom');
    expect(bad).toMatchObject({ verdict: 'error', reward: null });
    expect(bad.error?.message).toContain('score 2');
  });

  it('runs host graders in the main thread with a watchdog; their hang is our error, not a 0', async () => {
    const results = await engine.gradeBatch([
      item('h', 'hosted', 'HANG'),
      item('x', 'hosted', 'THROW'),
      item('ok', 'hosted', '42'),
    ]);
    expect(results[0]).toMatchObject({ verdict: 'error', reward: null });
    expect(results[0].error?.code).toBe('RLVR_ERR_GRADER_DEADLINE');
    expect(results[1].error?.code).toBe('RLVR_ERR_GRADER_THREW');
    expect(results[2]).toMatchObject({ verdict: 'correct', reward: 1 });
  });

  it('weights components: r1_zero adds format; a component-only request has verdict `scored`', async () => {
    const items = [item('a', 'echo', '<think>42'), item('b', 'echo', '42', '42')];
    const r = await engine.gradeBatch(items, { preset: 'r1_zero' });
    expect(r.map((x) => x.components)).toEqual([
      { accuracy: 0, format: 1 },
      { accuracy: 1, format: 0 },
    ]);
    expect(r.map((x) => x.reward)).toEqual([1, 1]);
    const onlyFormat = await engine.gradeBatch(items, { weights: { format: 0.5 } });
    expect(onlyFormat.map((x) => [x.verdict, x.reward])).toEqual([
      ['scored', 0.5],
      ['scored', 0],
    ]);
    const merged = await engine.gradeBatch(items, { preset: 'r1_zero', weights: { format: 0.25 } });
    expect(merged.map((x) => x.reward)).toEqual([0.25, 1]);
  });

  it('applies option defaults and lets item options override request options', async () => {
    const items = [
      item('a', 'echo', ' 42 '),
      { ...item('b', 'echo', ' 42 '), options: { echo: { trim: true } } },
    ];
    const r = await engine.gradeBatch(items, { options: { echo: { trim: false } } });
    expect(r.map((x) => x.reward)).toEqual([0, 1]);
    const d = await engine.gradeBatch([item('a', 'echo', ' 42 ')]);
    expect(d[0].reward).toBe(1);
  });

  it("applies request-level options to every item of a batch; an item's own options override them", async () => {
    // 100 items span several pool chunks (CHUNK_SIZE 32): the request's options are merged once per
    // batch and shared, so every item must still see them, and an item's own must still win.
    const items = Array.from({ length: 100 }, (_, i): RewardItem => {
      const x = item(`q${i}`, 'echo', ' 42 ');
      if (i % 7 === 0) return { ...x, options: { echo: { trim: true } } };
      if (i % 7 === 1) return { ...x, options: {} }; // no options of its own for echo
      if (i % 7 === 2) return { ...x, options: { fmt: {} } }; // own options for another grader only
      return x;
    });
    const r = await engine.gradeBatch(items, { options: { echo: { trim: false } } });
    expect(r.map((x) => x.reward)).toEqual(items.map((_, i) => (i % 7 === 0 ? 1 : 0)));
    expect(r.map((x) => x.extracted)).toEqual(items.map((_, i) => (i % 7 === 0 ? '42' : ' 42 ')));
    // The other way round: request trim on, some items turn it off.
    const flipped = items.map((x, i) => (i % 5 === 0 ? { ...x, options: { echo: { trim: false } } } : x));
    const f = await engine.gradeBatch(flipped, { options: { echo: { trim: true } } });
    expect(f.map((x) => x.reward)).toEqual(flipped.map((_, i) => (i % 5 === 0 ? 0 : 1)));
    // Nothing carries over to the next batch: without request options the default (trim) applies.
    const d = await engine.gradeBatch(items.map((x) => item(x.id, 'echo', x.completion)));
    expect(d.every((x) => x.reward === 1)).toBe(true);
  });

  it('refuses bad request-level options at the first item that uses them', async () => {
    await expect(
      engine.gradeBatch([item('a', 'echo', '1')], { options: { nope: {} } }),
    ).rejects.toMatchObject({ code: 'RLVR_ERR_ITEM_OPTIONS_INVALID', itemIndex: 0 });
    await expect(
      engine.gradeBatch([item('a', 'hazard', '1'), item('b', 'echo', '1'), item('c', 'echo', '1')], {
        options: { echo: { trim: 'yes' } },
      }),
    ).rejects.toMatchObject({ code: 'RLVR_ERR_ITEM_OPTIONS_INVALID', itemIndex: 1 });
    // Valid request options, but an item's own make the merge invalid: that item is named.
    await expect(
      engine.gradeBatch(
        [item('a', 'echo', '1'), { ...item('b', 'echo', '1'), options: { echo: { extra: 1 } } }],
        { options: { echo: { trim: false } } },
      ),
    ).rejects.toMatchObject({ code: 'RLVR_ERR_ITEM_OPTIONS_INVALID', itemIndex: 1 });
  });

  it('refuses the whole batch on a request error, naming the item index', async () => {
    await expect(engine.gradeBatch([item('a', 'echo', '1'), item('b', 'nope', '1')])).rejects.toMatchObject({
      code: 'RLVR_ERR_ITEM_TASK_UNKNOWN',
      itemIndex: 1,
    });
    await expect(
      engine.gradeBatch([{ ...item('a', 'echo', '1'), options: { echo: { trim: 'yes' } } }]),
    ).rejects.toMatchObject({ code: 'RLVR_ERR_ITEM_OPTIONS_INVALID', itemIndex: 0 });
    await expect(
      engine.gradeBatch([item('a', 'echo', '1')], { weights: { accuracy: 0 } }),
    ).rejects.toMatchObject({
      code: 'RLVR_ERR_REQUEST_WEIGHTS_INVALID',
    });
    // The same rule as the HTTP routes (src/core/reward.ts weightsProblem): red-team findings #12, #13.
    for (const weights of [{ accuracy: -1 }, { accuracy: 1e308, format: 1e308 }]) {
      await expect(engine.gradeBatch([item('a', 'echo', '1')], { weights })).rejects.toMatchObject({
        code: 'RLVR_ERR_REQUEST_WEIGHTS_INVALID',
      });
    }
    await expect(engine.gradeBatch([item('a', 'echo', '1')], { preset: 'r1' })).rejects.toMatchObject({
      code: 'RLVR_ERR_REQUEST_COMPONENT_UNAVAILABLE',
    });
  });

  it('accepts an empty batch', async () => {
    expect(await engine.gradeBatch([])).toEqual([]);
  });
});

describe('engine heap limit', () => {
  // Its own engine with a long deadline, so that on a loaded machine the heap limit, not the clock,
  // is what stops the allocation.
  const engine = fixtureEngine({ GRADE_TIMEOUT_MS: 20_000, WORKER_MEMORY_MB: 64, WORKERS: 1 });
  afterAll(() => engine.close());

  it('treats a worker heap exhaustion as a resource verdict and replaces the worker', async () => {
    const results = await engine.gradeBatch([item('oom', 'hazard', 'OOM'), item('ok', 'echo', '42')]);
    expect(results[0]).toMatchObject({
      verdict: 'timeout',
      reward: 0,
      details: { limit: 'memory', limit_mb: 64 },
    });
    expect(results[1].reward).toBe(1);
  });
});

describe('engine limits', () => {
  it('refuses an over-long completion with its index', async () => {
    const engine = fixtureEngine({ MAX_COMPLETION_CHARS: 10, WORKERS: 1 });
    try {
      await expect(
        engine.gradeBatch([item('a', 'echo', '1'), item('b', 'echo', 'x'.repeat(11))]),
      ).rejects.toMatchObject({ code: 'RLVR_ERR_ITEM_COMPLETION_TOO_LONG', itemIndex: 1, statusCode: 413 });
    } finally {
      await engine.close();
    }
  });
});

describe('engine load limit', () => {
  it('refuses a batch that would exceed MAX_ITEMS_IN_FLIGHT with a retryable 503, and accepts it alone', async () => {
    const engine = fixtureEngine({ MAX_ITEMS_IN_FLIGHT: 3, WORKERS: 1 });
    try {
      const slow = engine.gradeBatch([item('s1', 'hazard', 'SLOW:300'), item('s2', 'hazard', 'SLOW:300')]);
      await expect(
        engine.gradeBatch([item('a', 'echo', '42'), item('b', 'echo', '42')]),
      ).rejects.toMatchObject({
        code: 'RLVR_ERR_SERVER_BUSY',
        statusCode: 503,
      });
      expect((await engine.gradeBatch([item('c', 'echo', '42')]))[0].reward).toBe(1);
      await slow;
      // Alone, even a batch larger than the limit is graded (it could never be accepted otherwise).
      const big = await engine.gradeBatch(Array.from({ length: 5 }, (_, i) => item(`x${i}`, 'echo', '42')));
      expect(big.map((r) => r.reward)).toEqual([1, 1, 1, 1, 1]);
    } finally {
      await engine.close();
    }
  });
});

describe('sanitizeOutcome', () => {
  it('keeps reply fields in shape: extracted becomes a string, non-object details are dropped', async () => {
    const { sanitizeOutcome } = await import('../../src/engine/sanitize.ts');
    expect(sanitizeOutcome('g', { verdict: 'correct', score: 1, extracted: 42, details: 'x' })).toEqual({
      verdict: 'correct',
      score: 1,
      extracted: '42',
    });
    expect(sanitizeOutcome('g', { verdict: 'invalid_reference', score: 0 })).toMatchObject({
      verdict: 'invalid_reference',
      score: null,
      error: { code: 'RLVR_ERR_ITEM_REFERENCE_INVALID' },
    });
    expect(
      sanitizeOutcome('g', { verdict: 'wrong', score: 0, details: { n: 10n ** 30n, f: () => 1 } }),
    ).toEqual({
      verdict: 'wrong',
      score: 0,
      details: { n: '1000000000000000000000000000000' },
    });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(sanitizeOutcome('g', { verdict: 'wrong', score: 0, details: cyclic }).details).toEqual({
      unserializable: true,
    });
    expect(sanitizeOutcome('g', { verdict: 'correct', score: Number.NaN })).toMatchObject({
      verdict: 'error',
      score: null,
    });
    expect(sanitizeOutcome('g', { verdict: 'great', score: 1 })).toMatchObject({
      verdict: 'error',
      score: null,
    });
    expect(sanitizeOutcome('g', null)).toMatchObject({ verdict: 'error', score: null });
  });
});
