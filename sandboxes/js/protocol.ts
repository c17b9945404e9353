/**
 * Messages between the host pool (pool.ts) and a sandbox child (child.ts), over Node's IPC
 * channel (JSON). Expected values never appear here: only inputs go to the child, and only
 * per-case measurements come back.
 */
import type { CaseRun, ExecSpec } from '../../src/core/sandbox.ts';

/** One solution to run; `startCase` > 0 when a replacement child resumes after a dead one. */
export interface ChildJob {
  id: number;
  spec: ExecSpec;
  startCase: number;
}

export type ToChild = { t: 'run'; job: ChildJob } | { t: 'ping' };

export type FromChild =
  | { t: 'ready'; pid: number }
  | { t: 'pong' }
  /** Case `index` finished (indices arrive in order). */
  | { t: 'case'; id: number; index: number; run: CaseRun }
  /** The job finished; `compileError` when the solution did not parse (no case messages then). */
  | { t: 'done'; id: number; compileError?: string }
  /** Our side failed for this job (harness bug, bad spec): the host rejects with SandboxError. */
  | { t: 'fail'; id: number; code: string; message: string }
  /** An isolate thread may still be spinning (a hang outside isolated-vm's timeout): kill me. */
  | { t: 'recycle'; id: number };

/** Wall budget of the one retry a CPU-starved timeout gets, in units of timeMs (runner.ts). */
export const STARVED_WALL_FACTOR = 3;

/**
 * Host watchdog budget per case, in units of timeMs: a first attempt, the starved retry, and one
 * timeMs of slack for context set-up and copying (pool.ts adds graceMs on top).
 */
export const WATCHDOG_FACTOR = 1 + STARVED_WALL_FACTOR + 1;

/** Number of cases in a spec (function calls, stdins or test snippets). */
export function caseCount(spec: ExecSpec): number {
  if (spec.mode === 'function') return spec.calls?.length ?? 0;
  if (spec.mode === 'stdio') return spec.stdins?.length ?? 0;
  return spec.tests?.length ?? 0;
}
