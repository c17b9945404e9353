/**
 * The worker pool's deadline really stops a busy worker (piscina terminates it on abort), the
 * worker is replaced, and deadlines are per item: an item's time in the queue or in a chunk behind
 * other items never counts against it.
 */
import { Piscina } from 'piscina';
import { afterEach, describe, expect, it } from 'vitest';
import { NOOP_TELEMETRY, type Telemetry } from '../../src/core/telemetry.ts';
import { createPool, type GradingPool } from '../../src/engine/pool.ts';
import { newProgress } from '../../src/engine/protocol.ts';
import { FIXTURE_MODULE } from './helpers.ts';

const job = (grader: string, completion: string) => ({
  graders: [grader],
  completion,
  reference: '42',
  options: {},
});

let pool: GradingPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

function makePool(timeoutMs: number, chunkSize = 32, telemetry: Telemetry = NOOP_TELEMETRY) {
  pool = createPool({
    threads: 1,
    timeoutMs,
    chunkSize,
    memoryMb: 128,
    graderModules: [FIXTURE_MODULE.href],
    telemetry,
  });
  return pool;
}

describe('grading pool', () => {
  it('terminates a worker stuck in an infinite loop, replaces it, and counts the restart', async () => {
    const counted: string[] = [];
    const p = makePool(300, 32, { ...NOOP_TELEMETRY, inc: (name) => void counted.push(name) });
    const t0 = Date.now();
    const stuck = await p.run(job('hazard', 'LOOP'));
    expect(stuck.kind).toBe('timeout');
    // Deadline plus slack; t0 precedes the first worker's start-up, which a loaded machine slows.
    expect(Date.now() - t0).toBeLessThan(300 + 6000);
    // The single worker was the one looping: if it were not terminated, this would never finish.
    const after = await p.run(job('echo', '42'));
    expect(after).toMatchObject({
      kind: 'ok',
      value: { outcomes: { echo: { verdict: 'correct', score: 1 } } },
    });
    expect(p.restarts()).toBe(1);
    expect(counted).toContain('rlvr_worker_restarts_total');
  });

  it('relies on piscina terminating (not abandoning) a busy worker when its task is aborted', async () => {
    const piscina = new Piscina({
      filename: new URL('../../src/engine/worker.ts', import.meta.url).href,
      minThreads: 1,
      maxThreads: 1,
      workerData: { graderModules: [FIXTURE_MODULE.href] },
    });
    try {
      const looping = piscina.run(
        { jobs: [job('hazard', 'LOOP')], progress: newProgress() },
        { signal: AbortSignal.timeout(300) },
      );
      await new Promise((r) => setTimeout(r, 100));
      const [thread] = piscina.threads;
      const exited = new Promise<number>((resolve) => thread.once('exit', resolve));
      await expect(looping).rejects.toThrow(/abort/i);
      // The thread itself exits (worker.terminate()), so its loop stops consuming a core.
      expect(await exited).toBe(1);
    } finally {
      await piscina.destroy();
    }
  });

  it('measures the deadline per item inside a chunk: slow-but-legal neighbours are not timed out', async () => {
    // One worker, one chunk of 4 items of 200 ms each (800 ms total) under a 500 ms deadline.
    const p = makePool(500, 4);
    const results = await Promise.all(
      ['SLOW:200', 'SLOW:200', 'SLOW:200', 'SLOW:200'].map((c) => p.run(job('hazard', c))),
    );
    expect(results.map((r) => r.kind)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(p.restarts()).toBe(0);
  });

  it('blames only the runaway item of a chunk and re-runs the others', async () => {
    const p = makePool(400, 8);
    const completions = ['42', 'SLOW:50', 'LOOP', '41', '42'];
    const results = await Promise.all(completions.map((c) => p.run(job('hazard', c))));
    expect(results.map((r) => r.kind)).toEqual(['ok', 'ok', 'timeout', 'ok', 'ok']);
    expect(results.map((r) => (r.kind === 'ok' ? r.value.outcomes.hazard.verdict : r.kind))).toEqual([
      'correct',
      'correct',
      'timeout',
      'wrong',
      'correct',
    ]);
  });

  it('does not count queueing time against an item', async () => {
    // 6 items of 150 ms on one worker with chunks of 1: the last waits ~750 ms, more than the deadline.
    const p = makePool(400, 1);
    const results = await Promise.all(Array.from({ length: 6 }, () => p.run(job('hazard', 'SLOW:150'))));
    expect(results.every((r) => r.kind === 'ok')).toBe(true);
  });

  it('fails a chunk as our error when its worker never starts (a grader module hanging on import)', async () => {
    pool = createPool({
      threads: 1,
      timeoutMs: 300,
      chunkSize: 4,
      memoryMb: 64,
      graderModules: [new URL('./fixtures/hangs-on-import.ts', import.meta.url).href],
      telemetry: NOOP_TELEMETRY,
      startLimitMs: 700,
    });
    const t0 = Date.now();
    const results = await Promise.all([pool.run(job('echo', '42')), pool.run(job('echo', '42'))]);
    expect(results.map((r) => r.kind)).toEqual(['crash', 'crash']);
    expect(results[0]).toMatchObject({ message: 'worker did not start within 700 ms' });
    expect(Date.now() - t0).toBeLessThan(700 + 2000);
  });
});
