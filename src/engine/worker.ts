/**
 * Grading worker (a piscina worker thread). It imports the grader modules named in `workerData`
 * (default: graders/index.ts; each exports `GRADERS`) and grades a chunk of jobs synchronously.
 *
 * Progress is published through a SharedArrayBuffer (see {@link ProgressView}) so the main thread
 * can enforce a deadline *per item* while items travel in chunks: before each item the worker
 * writes the item's start time, then (atomically) its index. A grader that runs past its deadline
 * cannot be interrupted in-thread (mathjs/nerdamer are synchronous), so the main thread terminates
 * this worker and piscina starts a fresh one.
 */
import { performance } from 'node:perf_hooks';
import { workerData } from 'node:worker_threads';
import { itemError } from '../core/errors.ts';
import type { GradeOutcome, GraderDefinition } from '../core/grader.ts';
import type { Verdict } from '../schemas/verdict.ts';
import { type JobOutcome, type PoolJob, progressView } from './protocol.ts';
import { sanitizeOutcome } from './sanitize.ts';

const graders = new Map<string, GraderDefinition>();
for (const spec of (workerData?.graderModules as string[] | undefined) ?? []) {
  const mod = (await import(spec)) as { GRADERS: readonly GraderDefinition[] };
  for (const g of mod.GRADERS) graders.set(g.id, g);
}

/** Run one grader on one job, turning a throw into an `error` outcome. */
export function runGrader(g: GraderDefinition, job: PoolJob): GradeOutcome {
  try {
    const res = g.grade({
      completion: job.completion,
      reference: job.reference,
      prompt: job.prompt,
      options: job.options[g.id] ?? {},
    });
    if (res && typeof (res as Promise<unknown>).then === 'function') {
      return sanitizeOutcome(g.id, {
        verdict: 'error' as Verdict,
        score: null,
        error: itemError('RLVR_ERR_GRADER_THREW', g.id, 'pool graders must be synchronous'),
      });
    }
    return sanitizeOutcome(g.id, res);
  } catch (e) {
    return {
      verdict: 'error',
      score: null,
      error: itemError('RLVR_ERR_GRADER_THREW', g.id, e instanceof Error ? e.message : String(e)),
    };
  }
}

function gradeJob(job: PoolJob): JobOutcome {
  const t0 = performance.now();
  const outcomes: Record<string, GradeOutcome> = {};
  for (const id of job.graders) {
    const g = graders.get(id);
    outcomes[id] = g
      ? runGrader(g, job)
      : {
          verdict: 'error',
          score: null,
          error: itemError('RLVR_ERR_GRADER_UNAVAILABLE', id, 'not loaded in the worker'),
        };
  }
  return { outcomes, ms: performance.now() - t0 };
}

/** piscina entry point: grade `jobs` in order, publishing progress. */
export default function gradeChunk(task: { jobs: PoolJob[]; progress: SharedArrayBuffer }): JobOutcome[] {
  const p = progressView(task.progress);
  const out: JobOutcome[] = [];
  for (let i = 0; i < task.jobs.length; i++) {
    p.start[0] = performance.timeOrigin + performance.now();
    Atomics.store(p.index, 0, i);
    out.push(gradeJob(task.jobs[i]));
  }
  Atomics.store(p.index, 0, task.jobs.length);
  return out;
}
