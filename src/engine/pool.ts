/**
 * The grading pool: piscina worker threads plus a scheduler that sends chunks of jobs and enforces
 * a kill-able deadline per job.
 *
 * Scheduling: at most one chunk per worker is in flight, so a dispatched chunk starts at once
 * (piscina's own queue stays empty). A chunk holds up to `chunkSize` jobs, fewer when the queue is
 * short, so every worker gets a share (ceil(queued / threads)). Chunks amortize piscina's
 * per-task cost (see docs/benchmarks.md).
 *
 * Deadline: the worker publishes which job it is on and when it started (protocol.ts). A timer
 * checks it; when the current job has run `timeoutMs`, the task is aborted, which makes piscina
 * terminate that worker (verified in test/engine/pool.test.ts) and start a new one. The job gets
 * `timeout`; the jobs after it in the chunk go back to the front of the queue, and the jobs before
 * it (already graded, results lost with the worker) are re-run. So every job gets its full
 * deadline, measured from its own start, never from its place in a queue.
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Piscina } from 'piscina';
import type { Telemetry } from '../core/telemetry.ts';
import { type JobOutcome, newProgress, type PoolJob, progressView } from './protocol.ts';

/** How a pool job ended. `timeout`/`memory` are resource verdicts; `crash` is our side. */
export type PoolResult =
  | { kind: 'ok'; value: JobOutcome }
  | { kind: 'timeout'; ms: number }
  | { kind: 'memory'; ms: number }
  | { kind: 'crash'; message: string };

export interface PoolOptions {
  /** Worker threads; default one per core. */
  threads?: number;
  /** Deadline per job, ms. */
  timeoutMs: number;
  /** Most jobs per task. */
  chunkSize: number;
  /** Heap limit per worker, MiB. */
  memoryMb: number;
  /** Module specifiers (file URLs) the workers import; each exports `GRADERS`. */
  graderModules: string[];
  telemetry: Telemetry;
  /**
   * A chunk whose worker has not started it this long after dispatch fails as our error (each job
   * `crash`), so a worker that cannot start never makes a batch wait forever, ms. Default 60000.
   */
  startLimitMs?: number;
}

interface Pending {
  job: PoolJob;
  resolve: (r: PoolResult) => void;
}

/** How often the deadline timer looks again while a chunk has not started yet, ms. */
const START_POLL_MS = 50;
/**
 * Default for {@link PoolOptions.startLimitMs}: a chunk not started this long after dispatch means
 * its worker cannot start (e.g. a grader module that hangs on import), ms.
 */
const START_LIMIT_MS = 60_000;

export interface GradingPool {
  run(job: PoolJob): Promise<PoolResult>;
  /** Jobs waiting + running. */
  size(): number;
  /** Workers terminated by a deadline or a crash (not by close). */
  restarts(): number;
  close(): Promise<void>;
}

export function createPool(opts: PoolOptions): GradingPool {
  const threads = Math.max(1, opts.threads ?? availableParallelism());
  const startLimitMs = opts.startLimitMs ?? START_LIMIT_MS;
  const piscina = new Piscina({
    filename: new URL('./worker.ts', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: Number.POSITIVE_INFINITY,
    concurrentTasksPerWorker: 1,
    workerData: { graderModules: opts.graderModules },
    resourceLimits: { maxOldGenerationSizeMb: opts.memoryMb },
    // The server process runs with --no-node-snapshot (isolated-vm); workers inherit execArgv.
  });
  let closing = false;
  let restarts = 0;
  piscina.on('workerDestroy', () => {
    if (closing) return;
    restarts++;
    opts.telemetry.inc('rlvr_worker_restarts_total', { pool: 'grade' });
  });
  // A worker that dies while idle is replaced by piscina; its 'error' must not crash the server.
  piscina.on('error', () => {});

  const queue: Pending[] = [];
  let head = 0;
  let inFlight = 0;
  let running = 0;

  const queued = () => queue.length - head;

  function takeChunk(): Pending[] {
    const n = Math.min(opts.chunkSize, Math.max(1, Math.ceil(queued() / threads)));
    const chunk = queue.slice(head, head + n);
    head += chunk.length;
    if (head > 1024 && head * 2 > queue.length) {
      queue.splice(0, head);
      head = 0;
    }
    return chunk;
  }

  function requeueFront(items: Pending[]) {
    if (items.length === 0) return;
    if (head >= items.length) {
      head -= items.length;
      for (let i = 0; i < items.length; i++) queue[head + i] = items[i];
    } else {
      queue.splice(head, 0, ...items);
    }
  }

  function pump() {
    while (!closing && inFlight < threads && queued() > 0) dispatch(takeChunk());
  }

  function dispatch(chunk: Pending[]) {
    inFlight++;
    running += chunk.length;
    const progress = newProgress();
    const view = progressView(progress);
    const ac = new AbortController();
    let blamed = -1; // index of the job the deadline fired on
    let stalled = false; // the worker never started the chunk
    let timer: NodeJS.Timeout | undefined;
    const dispatchedAt = performance.now();

    const check = () => {
      const i = Atomics.load(view.index, 0);
      if (i < 0 && performance.now() - dispatchedAt > startLimitMs) {
        stalled = true;
        ac.abort();
        return;
      }
      if (i < 0 || i >= chunk.length) {
        timer = setTimeout(check, START_POLL_MS); // not started yet, or finished and replying
        return;
      }
      const now = performance.timeOrigin + performance.now();
      const left = view.start[0] + opts.timeoutMs - now;
      if (left > 0) {
        timer = setTimeout(check, Math.ceil(left) + 1);
        return;
      }
      blamed = i;
      ac.abort();
    };
    timer = setTimeout(check, opts.timeoutMs);

    const finish = () => {
      clearTimeout(timer);
      inFlight--;
      running -= chunk.length;
      pump();
    };

    piscina.run({ jobs: chunk.map((p) => p.job), progress }, { signal: ac.signal }).then(
      (values: JobOutcome[]) => {
        for (let k = 0; k < chunk.length; k++) chunk[k].resolve({ kind: 'ok', value: values[k] });
        finish();
      },
      (err: Error & { code?: string }) => {
        // Which job was running when the worker stopped: the deadline's, or the one the worker
        // had published (an out-of-memory or other crash).
        let at = blamed;
        if (at < 0) at = Math.min(Math.max(Atomics.load(view.index, 0), 0), chunk.length - 1);
        const now = performance.timeOrigin + performance.now();
        const ms = view.start[0] > 0 ? now - view.start[0] : 0;
        if (closing && blamed < 0 && !stalled) {
          for (const p of chunk) p.resolve({ kind: 'crash', message: 'pool closed' });
        } else {
          let r: PoolResult;
          if (stalled) r = { kind: 'crash', message: `worker did not start within ${startLimitMs} ms` };
          else if (blamed >= 0) r = { kind: 'timeout', ms };
          else if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') r = { kind: 'memory', ms };
          else r = { kind: 'crash', message: err.message };
          if (stalled) {
            // Nothing in the chunk ran: the worker, not an item, is at fault.
            for (const p of chunk) p.resolve(r);
            finish();
            return;
          }
          chunk[at].resolve(r);
          // Jobs before `at` were graded but their results died with the worker: run them again,
          // with the jobs after `at`, ahead of everything else.
          requeueFront(chunk.filter((_, k) => k !== at));
        }
        finish();
      },
    );
  }

  return {
    run(job) {
      if (closing) return Promise.resolve({ kind: 'crash', message: 'pool closed' });
      return new Promise<PoolResult>((resolve) => {
        queue.push({ job, resolve });
        pump();
      });
    },
    size: () => queued() + running,
    restarts: () => restarts,
    async close() {
      closing = true;
      for (let i = head; i < queue.length; i++) queue[i].resolve({ kind: 'crash', message: 'pool closed' });
      queue.length = 0;
      head = 0;
      await piscina.destroy();
    },
  };
}
