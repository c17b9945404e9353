/**
 * The engine's host-grader deadline (src/engine/index.ts, security review #10, #11): the grader is
 * told the wait (`timeoutMs`), may restart it when its own work starts (`started()`, so queueing
 * inside the grader is not charged), and its `signal` is aborted when the deadline answers for it.
 */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.ts';
import { defineGrader, type GradeInput } from '../../src/core/grader.ts';
import { createEngine } from '../../src/engine/index.ts';
import { CodeOptionsSchema } from '../../src/schemas/code.ts';
import { FIXTURE_MODULE, item } from './helpers.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A host grader scripted by the completion: `queue:<ms>,run:<ms>` (calls started() after queue). */
function scripted(seen: GradeInput[]) {
  return defineGrader({
    id: 'slow',
    version: '0',
    kind: 'task',
    runs: 'host',
    options: CodeOptionsSchema,
    description: 'test: waits, calls started(), then works',
    async grade(input) {
      seen.push(input);
      const [queue, run] = input.completion.split(',').map((p) => Number(p.split(':')[1]));
      await sleep(queue);
      input.started?.();
      await sleep(run);
      return { verdict: 'correct', score: input.signal?.aborted ? 0.5 : 1 };
    },
  });
}

describe('engine: host-grader deadline', () => {
  it('passes timeoutMs and a signal; started() restarts the wait; the deadline aborts the signal', async () => {
    const seen: GradeInput[] = [];
    const engine = createEngine({
      config: defaultConfig({ WORKERS: 1, HOST_GRADE_TIMEOUT_MS: 400 }),
      graders: [scripted(seen)],
      graderModules: [FIXTURE_MODULE],
    });
    try {
      const t0 = performance.now();
      const out = await engine.gradeBatch([
        // 300 ms queued + 300 ms of work: 600 ms in all, but never 400 ms since the last start.
        item('restarted', 'slow', 'queue:300,run:300'),
        // 500 ms of work without a restart: the deadline answers at 400 ms.
        item('late', 'slow', 'queue:0,run:500'),
        // Never starts within the wait.
        item('stuck', 'slow', 'queue:600,run:0'),
      ]);
      expect(out.map((r) => [r.verdict, r.reward])).toEqual([
        ['correct', 1],
        ['error', null],
        ['error', null],
      ]);
      expect(out[1].error?.code).toBe('RLVR_ERR_GRADER_DEADLINE');
      expect(seen.map((s) => s.timeoutMs)).toEqual([400, 400, 400]);
      expect(seen[0].signal?.aborted).toBe(false);
      expect(seen[1].signal?.aborted).toBe(true);
      expect(seen[2].signal?.aborted).toBe(true);
      expect(performance.now() - t0).toBeLessThan(1_500);
    } finally {
      await engine.close();
    }
  });
});
