/**
 * The Python sandbox's deadline controls (security review #10, #11): `stopOnFailure` ends a run at
 * its first failing case, `budgetMs` bounds a whole run, and an aborted `signal` kills the run and
 * frees its slot at once (sandboxes/python/index.ts, session.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPythonSandbox } from '../../../sandboxes/python/index.ts';
import { type ExecSpec, SandboxError } from '../../../src/core/sandbox.ts';

const sandbox = createPythonSandbox({ maxConcurrency: 1 });
const LIMITS = { timeMs: 1000, memoryMb: 256, outputBytes: 4096 };
beforeAll(async () => {
  expect((await sandbox.available()).reason ?? 'ok').toBe('ok');
});
afterAll(() => sandbox.close());

/** `add(a, b)` that loops forever when a ≥ `from`, over 12 cases (0..11). */
const looper = (from: number, extra: Partial<ExecSpec> = {}): ExecSpec => ({
  language: 'python',
  mode: 'function',
  source: `def add(a, b):\n    while a >= ${from}:\n        pass\n    return a + b\n`,
  entryPoint: 'add',
  calls: Array.from({ length: 12 }, (_, i) => ({ args: [i, 1] })),
  limits: LIMITS,
  ...extra,
});

describe('python sandbox: stopOnFailure', () => {
  it('ends at the first timeout; later cases are skipped, not run', async () => {
    const t0 = performance.now();
    const r = await sandbox.execute(looper(2, { stopOnFailure: true }));
    const ms = performance.now() - t0;
    expect(r.cases.map((c) => c.status)).toEqual(['ok', 'ok', 'timeout', ...Array(9).fill('skipped')]);
    expect(r.cases[1].value).toBe(2);
    // One case's limit (the CPU watchdog looks at 2 × timeMs) plus start-up; below the 10 × 1 s
    // that running the 10 looping cases needs.
    expect(ms).toBeLessThan(10_000);
  });

  it('ends at a runtime error without killing a case that is still to come', async () => {
    const r = await sandbox.execute({
      ...looper(99),
      source: 'def add(a, b):\n    if a == 1:\n        raise ValueError("x")\n    return a + b\n',
      stopOnFailure: true,
    });
    expect(r.cases.map((c) => c.status)).toEqual(['ok', 'runtime_error', ...Array(10).fill('skipped')]);
    expect(r.cases[1].error).toContain('ValueError');
  });

  it('without it every case runs (fraction reward needs them all)', async () => {
    const r = await sandbox.execute({
      ...looper(99),
      source: looper(99).source.replace('a >= 99', 'a == 1'),
    });
    expect(r.cases.map((c) => c.status)).toEqual(['ok', 'timeout', ...Array(10).fill('ok')]);
    expect(r.cases[11].value).toBe(12);
  });
});

describe('python sandbox: budget and abort', () => {
  it('budgetMs bounds the whole run: the running case and the rest are timeout', async () => {
    const t0 = performance.now();
    // Each case sleeps 0.4 s (under its limit): 12 cases need ~5 s, the budget is 2 s.
    const r = await sandbox.execute({
      ...looper(99),
      source: 'import time\ndef add(a, b):\n    time.sleep(0.4)\n    return a + b\n',
      budgetMs: 2_000,
    });
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(4_000);
    const statuses = r.cases.map((c) => c.status);
    const firstTimeout = statuses.indexOf('timeout');
    expect(firstTimeout).toBeGreaterThan(0);
    expect(statuses.slice(0, firstTimeout).every((s) => s === 'ok')).toBe(true);
    expect(statuses.slice(firstTimeout).every((s) => s === 'timeout')).toBe(true);
  });

  it('an abort kills the run and frees the slot at once; a waiting run leaves the queue', async () => {
    const abort = new AbortController();
    const t0 = performance.now();
    const looping = sandbox.execute(looper(0), { signal: abort.signal });
    // maxConcurrency 1: this one waits for the looper's slot, then is abandoned too.
    const waiting = sandbox.execute(looper(0), { signal: abort.signal });
    const honest = sandbox.execute(looper(99));
    await new Promise((r) => setTimeout(r, 1_500));
    abort.abort();
    const [a, b] = await Promise.allSettled([looping, waiting]);
    expect(a).toMatchObject({ status: 'rejected', reason: { code: 'RLVR_ERR_SANDBOX_ABORTED' } });
    expect(b).toMatchObject({ status: 'rejected', reason: { code: 'RLVR_ERR_SANDBOX_ABORTED' } });
    expect((b as PromiseRejectedResult).reason).toBeInstanceOf(SandboxError);
    const r = await honest;
    expect(r.cases.every((c) => c.status === 'ok')).toBe(true);
    expect(r.cases.map((c) => c.value)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    // Without the abort the looper alone would hold the slot for 12 × ≥ 2 s.
    expect(performance.now() - t0).toBeLessThan(11_000);
  });

  it('an already aborted signal never starts a run', async () => {
    const abort = new AbortController();
    abort.abort();
    await expect(sandbox.execute(looper(0), { signal: abort.signal })).rejects.toMatchObject({
      code: 'RLVR_ERR_SANDBOX_ABORTED',
    });
  });
});
