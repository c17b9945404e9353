/**
 * A bounded FIFO queue of async jobs (piston's `max_concurrent_jobs` + waiters): at most
 * `concurrency` jobs run at once, at most `maxWaiting` wait; beyond that `run` rejects with
 * {@link QueueFullError} at once instead of growing without bound (the grader turns that into
 * an `error` verdict, reward null, so the trainer can retry).
 */

export class QueueFullError extends Error {
  readonly code = 'RLVR_ERR_CODE_QUEUE_FULL';
}

/** Rejection of a job whose `signal` was aborted while it waited (it never started). */
export class QueueAbortedError extends Error {
  readonly code = 'RLVR_ERR_SANDBOX_ABORTED';
}

export interface BoundedQueue {
  /**
   * Run `job` when a slot is free. Aborting `signal` while the job waits removes it from the queue
   * (rejects with {@link QueueAbortedError}); once started, the job itself must honour the signal.
   */
  run<T>(job: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Jobs waiting (not yet running). */
  readonly waiting: number;
  /** Jobs running. */
  readonly running: number;
}

/**
 * @param concurrency jobs allowed to run at once (≥ 1)
 * @param maxWaiting jobs allowed to wait (≥ 0)
 * @param onDepth called with the number of waiting jobs whenever it changes (queue-depth gauge)
 */
export function createQueue(
  concurrency: number,
  maxWaiting: number,
  onDepth: (waiting: number) => void = () => {},
): BoundedQueue {
  const limit = Math.max(1, Math.floor(concurrency));
  const waiters: (() => void)[] = [];
  let running = 0;

  const release = () => {
    running--;
    const next = waiters.shift();
    if (next) {
      onDepth(waiters.length);
      running++;
      next();
    }
  };

  return {
    get waiting() {
      return waiters.length;
    },
    get running() {
      return running;
    },
    async run<T>(job: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      if (signal?.aborted) throw new QueueAbortedError('aborted before it started');
      if (running >= limit) {
        if (waiters.length >= maxWaiting) throw new QueueFullError(`code queue full (${maxWaiting} waiting)`);
        await new Promise<void>((resolve, reject) => {
          const onAbort = () => {
            const at = waiters.indexOf(start);
            if (at < 0) return;
            waiters.splice(at, 1);
            onDepth(waiters.length);
            reject(new QueueAbortedError('aborted while waiting'));
          };
          // release() counts this job as running before calling start.
          const start = () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          };
          waiters.push(start);
          onDepth(waiters.length);
          signal?.addEventListener('abort', onAbort, { once: true });
        });
      } else {
        running++;
      }
      try {
        return await job();
      } finally {
        release();
      }
    },
  };
}
