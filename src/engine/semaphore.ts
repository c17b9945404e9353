/**
 * A counting semaphore with a FIFO queue of waiters (piston's `max_concurrent_jobs` + queue):
 * bounds how many host-grader items run at once.
 */
export interface Semaphore {
  /** Resolves with a release function once a slot is free. Call it exactly once. */
  acquire(): Promise<() => void>;
  /** Holders now. */
  active(): number;
  /** Waiters now. */
  waiting(): number;
}

export function createSemaphore(slots: number): Semaphore {
  let active = 0;
  const waiters: (() => void)[] = [];
  const release = () => {
    const next = waiters.shift();
    if (next) next();
    else active--;
  };
  const once = () => {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      release();
    };
  };
  return {
    acquire() {
      if (active < slots) {
        active++;
        return Promise.resolve(once());
      }
      return new Promise((resolve) => waiters.push(() => resolve(once())));
    },
    active: () => active,
    waiting: () => waiters.length,
  };
}
