/**
 * The Grader interface: one grader = one folder under `graders/` plus one line in
 * `graders/index.ts`.
 *
 * A grader scores one item and returns a {@link GradeOutcome}. Pure graders (`runs: 'pool'`) are
 * synchronous, deterministic functions of their input and run inside the worker pool, where a
 * deadline can terminate them (mathjs/nerdamer cannot be interrupted in-thread). Graders that
 * wait on something outside the process (`runs: 'host'`, e.g. code execution in sandboxes) run in
 * the main thread and enforce their own limits.
 *
 * This module is pure: no fastify, no I/O, no process.env.
 */
import type { TSchema } from 'typebox';
import type { Verdict } from '../schemas/verdict.ts';

/** The reward components a request can weight. `accuracy` is computed by the item's task grader. */
export const COMPONENTS = ['accuracy', 'format', 'consistency'] as const;
export type Component = (typeof COMPONENTS)[number];

/** What a grader sees of one item. */
export interface GradeInput {
  /** The model output, exactly as sent. */
  completion: string;
  /** Ground truth: a string for math/countdown, an object for code (see each grader's docs). */
  reference: unknown;
  /** The prompt, when the trainer sends it (used e.g. to pick the target language). */
  prompt?: string;
  /** Per-item options, already validated against the grader's `options` schema. */
  options: Record<string, unknown>;
  /**
   * Host graders: aborted when the engine stops waiting for this item (`HOST_GRADE_TIMEOUT_MS`);
   * the grader should then free what it holds (the code grader kills its sandbox run).
   */
  signal?: AbortSignal;
  /**
   * Host graders: how long the engine waits for the answer, ms (`HOST_GRADE_TIMEOUT_MS`), counted
   * from the `grade` call and again from each {@link GradeInput.started} call. A grader that keeps
   * its work below it answers a slow item with its own verdict instead of an `error`.
   */
  timeoutMs?: number;
  /**
   * Host graders: call when the item's own work starts (after waiting in the grader's queues); the
   * engine restarts its `timeoutMs` wait from then, so queueing behind other items is not charged.
   */
  started?: () => void;
}

/** A grader's answer for one item. */
export interface GradeOutcome {
  verdict: Verdict;
  /** Score in [0, 1]; `null` when our side could not grade (verdict `error`/`invalid_reference`). */
  score: number | null;
  /** The answer the grader extracted from the completion, if any. */
  extracted?: string | null;
  /** Set when our side could not grade the item. */
  error?: { code: string; message: string };
  /** Grader-specific details (e.g. per-test results for code). JSON only. */
  details?: Record<string, unknown>;
}

export interface GraderDefinition<Opts extends Record<string, unknown> = Record<string, unknown>> {
  /** Stable id; for task graders this is the `task` value of items (`math`, `countdown`, `code`). */
  id: string;
  /** Bumped whenever a verdict can change for the same input. Reported in results. */
  version: string;
  /** `task`: computes the accuracy component for items of task `id`. `component`: format/consistency. */
  kind: 'task' | 'component';
  /** For `component` graders: which component they compute. */
  component?: Exclude<Component, 'accuracy'>;
  /** Where it runs: `pool` (sync, in a killable worker) or `host` (async, main thread). */
  runs: 'pool' | 'host';
  /** TypeBox schema of per-item options (all optional, with defaults documented). */
  options: TSchema;
  /** One-line description for docs, /readyz and openapi. */
  description: string;
  /** Score one item. Pool graders must be synchronous; host graders may return a promise. */
  grade(input: GradeInput & { options: Opts }): GradeOutcome | Promise<GradeOutcome>;
  /** Host graders: whether the grader can run here (e.g. bubblewrap present). */
  available?(): Promise<{ ok: boolean; reason?: string; details?: Record<string, unknown> }>;
}

/** Identity helper that type-checks a grader definition. */
export function defineGrader<Opts extends Record<string, unknown>>(
  def: GraderDefinition<Opts>,
): GraderDefinition<Opts> {
  if (def.kind === 'component' && !def.component) {
    throw new Error(`grader ${def.id}: component graders must name their component`);
  }
  return Object.freeze(def);
}
