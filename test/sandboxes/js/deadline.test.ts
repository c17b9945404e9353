/**
 * The JS sandbox's deadline controls (security review #10, #11): `stopOnFailure` ends a job at its
 * first failing case (the child still running it is replaced), `budgetMs` bounds a whole job, and
 * an aborted `signal` takes a job out of the queue or kills its child (sandboxes/js/pool.ts).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createJsSandboxes } from '../../../sandboxes/js/index.ts';
import type { ExecSpec } from '../../../src/core/sandbox.ts';

const sandboxes = createJsSandboxes({ size: 1, maxQueue: 8 });
const js = sandboxes.javascript;
afterAll(() => js.close());
const LIMITS = { timeMs: 1000, memoryMb: 64, outputBytes: 4096 };

/** `add(a, b)` that loops forever when a ≥ `from`, over 12 cases (0..11). */
const looper = (from: number, extra: Partial<ExecSpec> = {}): ExecSpec => ({
  language: 'javascript',
  mode: 'function',
  source: `function add(a, b) { while (a >= ${from}) {} return a + b; }`,
  entryPoint: 'add',
  calls: Array.from({ length: 12 }, (_, i) => ({ args: [i, 1] })),
  limits: LIMITS,
  ...extra,
});

describe('JS sandbox: stopOnFailure', () => {
  it('ends at the first timeout; later cases are skipped and the child is replaced', async () => {
    const t0 = performance.now();
    const r = await js.execute(looper(2, { stopOnFailure: true }));
    const ms = performance.now() - t0;
    expect(r.cases.map((c) => c.status)).toEqual(['ok', 'ok', 'timeout', ...Array(9).fill('skipped')]);
    expect(r.cases[1].value).toBe(2);
    expect(ms).toBeLessThan(6_000); // all 12 would take ≥ 10 s
    // The pool is usable right after (a fresh child replaces the one still looping).
    const ok = await js.execute(looper(99));
    expect(ok.cases.map((c) => c.value)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it('after a quick failure (runtime error) the child is kept: it finishes the rest in the background', async () => {
    await js.execute(looper(99)); // a ready child
    const before = sandboxes.pids();
    const r = await js.execute({
      ...looper(99),
      source: 'function add(a, b) { if (a === 0) throw new Error("x"); return a + b; }',
      stopOnFailure: true,
    });
    expect(r.cases.map((c) => c.status)).toEqual(['runtime_error', ...Array(11).fill('skipped')]);
    const ok = await js.execute(looper(99));
    expect(ok.cases.map((c) => c.value)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(sandboxes.pids()).toEqual(before);
  });

  it('a failure on the last case needs no stop; without the flag every case runs', async () => {
    const last = await js.execute(looper(11, { stopOnFailure: true, limits: { ...LIMITS, timeMs: 300 } }));
    expect(last.cases.map((c) => c.status)).toEqual([...Array(11).fill('ok'), 'timeout']);
    const all = await js.execute({
      ...looper(0),
      source: 'function add(a, b) { if (a === 1) throw new Error("x"); return a + b; }',
    });
    expect(all.cases.map((c) => c.status)).toEqual(['ok', 'runtime_error', ...Array(10).fill('ok')]);
  });
});

describe('JS sandbox: budget and abort', () => {
  it('budgetMs bounds the whole job: the running case and the rest are timeout', async () => {
    const t0 = performance.now();
    const r = await js.execute(looper(0, { budgetMs: 1_500 }));
    expect(performance.now() - t0).toBeLessThan(3_000);
    expect(r.cases.every((c) => c.status === 'timeout')).toBe(true);
  });

  it('an abort kills the running job and drops the waiting one; the next job runs at once', async () => {
    const abort = new AbortController();
    const t0 = performance.now();
    const running = js.execute(looper(0), { signal: abort.signal });
    const waiting = js.execute(looper(0), { signal: abort.signal });
    const honest = js.execute(looper(99));
    await new Promise((r) => setTimeout(r, 500));
    abort.abort();
    const [a, b] = await Promise.allSettled([running, waiting]);
    expect(a).toMatchObject({ status: 'rejected', reason: { code: 'RLVR_ERR_SANDBOX_ABORTED' } });
    expect(b).toMatchObject({ status: 'rejected', reason: { code: 'RLVR_ERR_SANDBOX_ABORTED' } });
    const r = await honest;
    expect(r.cases.map((c) => c.value)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    // Without the abort, the two loopers would hold the only child for 2 × 12 s.
    expect(performance.now() - t0).toBeLessThan(6_000);
    expect(sandboxes.pids().length).toBeLessThanOrEqual(1);
  });
});
