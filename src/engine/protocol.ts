/**
 * What crosses the thread boundary between the engine and its grading workers. Plain data only
 * (structured clone); the progress buffer is shared, not copied.
 */
import type { GradeOutcome } from '../core/grader.ts';
import type { ItemOptions } from '../schemas/reward.ts';

/** One item for the pool: the graders to run on it (task grader and/or component graders). */
export interface PoolJob {
  /** Grader ids to run, in order. */
  graders: string[];
  completion: string;
  reference: unknown;
  prompt?: string;
  /** Options keyed by grader id, defaults already applied. */
  options: ItemOptions;
}

/** The worker's answer for one job: each grader's outcome, and time spent, ms. */
export interface JobOutcome {
  outcomes: Record<string, GradeOutcome>;
  ms: number;
}

/**
 * Progress of a chunk, written by the worker, read by the engine's deadline timer.
 * Layout (16 bytes): Int32 `index` of the item being graded (-1 before the first; = chunk length
 * when done), then Float64 `start`: when that item started, ms since the epoch
 * (performance.timeOrigin + performance.now(), comparable across threads).
 * The worker writes `start` then stores `index` atomically, so a reader that loads `index`
 * atomically sees the matching `start` (JS memory model: seq-cst store/load synchronize).
 */
export interface ProgressView {
  index: Int32Array;
  start: Float64Array;
}

export function newProgress(): SharedArrayBuffer {
  const sab = new SharedArrayBuffer(16);
  new Int32Array(sab, 0, 1)[0] = -1;
  return sab;
}

export function progressView(sab: SharedArrayBuffer): ProgressView {
  return { index: new Int32Array(sab, 0, 1), start: new Float64Array(sab, 8, 1) };
}
