/**
 * The grading engine: one entry point for `POST /reward`, the trainer-compatible routes and the
 * `rlvr grade` CLI.
 *
 * `gradeBatch(items, {weights})` returns one {@link ItemResult} per item, in request order, and
 * never rejects for a single item's sake: a grader that throws or returns garbage gives that item
 * verdict `error` (reward null); a pool item that runs past `GRADE_TIMEOUT_MS` gets `timeout`
 * (reward 0). It rejects only for request errors (unknown task, bad options, over-long completion,
 * unusable weights), before anything is graded, with an `RLVR_ERR_*` naming the item index.
 *
 * Where graders run: pool graders (`runs: 'pool'`: math, countdown, format, consistency) in the
 * worker pool (pool.ts); host graders (`runs: 'host'`: code) in this thread, at most
 * `HOST_CONCURRENCY` at once, with a watchdog of `HOST_GRADE_TIMEOUT_MS` (passed to the grader as
 * `timeoutMs`; restarted when the grader calls `started()` after its own queues; aborting the
 * grader's `signal` when it fires). An item's component
 * graders always run in the pool, in one job.
 *
 * Timeout policy: a timeout is caused by the completion (like a judge's Time Limit Exceeded), so
 * it is a verdict with score 0 for every weighted component, not an error. Math-Verify makes the
 * same choice (`verify` returns False when its timeout fires). A worker heap exhaustion is treated
 * the same way (`details.limit: "memory"`). See docs/rewards.md.
 */
import { performance } from 'node:perf_hooks';
import { Compile, type Validator } from 'typebox/compile';
import type { Config } from '../config.ts';
import { workerCount } from '../config.ts';
import { atItem, errors, itemError } from '../core/errors.ts';
import type { Component, GradeOutcome, GraderDefinition } from '../core/grader.ts';
import { createRegistry } from '../core/registry.ts';
import {
  activeComponents,
  combine,
  DEFAULT_WEIGHTS,
  PRESETS,
  type Weights,
  weightsProblem,
} from '../core/reward.ts';
import { NOOP_TELEMETRY, type Telemetry } from '../core/telemetry.ts';
import type { ItemOptions, ItemResult, RewardItem } from '../schemas/reward.ts';
import { isErrorVerdict, SCORED_VERDICT, type Verdict } from '../schemas/verdict.ts';
import { createPool, type PoolResult } from './pool.ts';
import { sanitizeOutcome } from './sanitize.ts';
import { createSemaphore } from './semaphore.ts';

export type { ItemResult, RewardItem } from '../schemas/reward.ts';

export interface EngineOptions {
  config: Config;
  /** Every grader (task and component), as in graders/index.ts. */
  graders: readonly GraderDefinition[];
  /**
   * Modules the pool workers import to get the same graders (each exports `GRADERS`).
   * Default: graders/index.ts. Tests pass a module of test-only graders.
   */
  graderModules?: (string | URL)[];
  telemetry?: Telemetry;
}

export interface GradeBatchOptions {
  /** Component weights; default {accuracy: 1}. Merged over `preset` when both are given. */
  weights?: Weights;
  /** A named preset from core/reward.ts (`accuracy`, `r1`, `r1_zero`). */
  preset?: string;
  /** Request-level options keyed by grader id; an item's own options override them per grader. */
  options?: ItemOptions;
}

export interface TaskInfo {
  id: string;
  version: string;
  kind: 'task' | 'component';
  component?: string;
  runs: 'pool' | 'host';
  description: string;
  available: boolean;
  reason?: string;
  /** What the grader's `available()` reported beyond ok/reason (e.g. code: each sandbox language). */
  details?: Record<string, unknown>;
}

export interface Engine {
  /** Grade a batch; results in request order, one per item. */
  gradeBatch(items: readonly RewardItem[], opts?: GradeBatchOptions): Promise<ItemResult[]>;
  /** Resolve weights from a preset and/or explicit weights; throws request errors. */
  resolveWeights(opts?: Pick<GradeBatchOptions, 'weights' | 'preset'>): Weights;
  /** Graders with their availability (for /readyz). */
  tasks(): Promise<TaskInfo[]>;
  /**
   * `{graderId: version}` of the graders a batch uses (its items' task graders and the weighted
   * component graders); a version changes whenever a verdict can change for the same input.
   */
  graderVersions(
    items: readonly Pick<RewardItem, 'task'>[],
    opts?: GradeBatchOptions,
  ): Record<string, string>;
  /** Items accepted and not yet answered. */
  inFlight(): number;
  /** Stop the workers. Batches still running get `error` results. */
  close(): Promise<void>;
}

/** Freeze `o` and every object or array inside it; returns `o`. */
function deepFreeze<T>(o: T): T {
  if (o !== null && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

/** A grader's or the engine's error, as an item result carries it. */
type ItemError = NonNullable<GradeOutcome['error']>;

const DEFAULT_GRADER_MODULE = new URL('../../graders/index.ts', import.meta.url).href;

/** Build an engine. Workers start at once (and load the graders) so the first batch is not slowed. */
export function createEngine(opts: EngineOptions): Engine {
  const { config } = opts;
  const tel = opts.telemetry ?? NOOP_TELEMETRY;
  const registry = createRegistry('grader', opts.graders);
  const componentGrader = new Map<Component, GraderDefinition>();
  for (const g of opts.graders) {
    if (g.kind === 'component' && g.component && !componentGrader.has(g.component)) {
      componentGrader.set(g.component, g);
    }
  }
  const taskIds = opts.graders.filter((g) => g.kind === 'task').map((g) => g.id);
  const pool = createPool({
    threads: workerCount(config),
    timeoutMs: config.GRADE_TIMEOUT_MS,
    chunkSize: config.CHUNK_SIZE,
    memoryMb: config.WORKER_MEMORY_MB,
    graderModules: (opts.graderModules ?? [DEFAULT_GRADER_MODULE]).map(String),
    telemetry: tel,
  });
  const hostSlots = createSemaphore(config.HOST_CONCURRENCY);
  let inFlight = 0;
  let closed = false;

  function resolveWeights(o: Pick<GradeBatchOptions, 'weights' | 'preset'> = {}): Weights {
    let base: Weights = DEFAULT_WEIGHTS;
    if (o.preset !== undefined) {
      if (!Object.hasOwn(PRESETS, o.preset)) {
        throw new errors.RLVR_ERR_REQUEST_WEIGHTS_INVALID(
          `unknown preset "${o.preset}" (known: ${Object.keys(PRESETS).join(', ')})`,
        );
      }
      base = PRESETS[o.preset];
    }
    const w: Weights = o.weights ? { ...(o.preset !== undefined ? base : {}), ...o.weights } : { ...base };
    const problem = weightsProblem(w);
    if (problem) throw new errors.RLVR_ERR_REQUEST_WEIGHTS_INVALID(problem);
    const active = activeComponents(w);
    for (const c of active) {
      if (c !== 'accuracy' && !componentGrader.has(c))
        throw new errors.RLVR_ERR_REQUEST_COMPONENT_UNAVAILABLE(c);
    }
    return w;
  }

  /**
   * Option validators, compiled once per grader (typebox `Compile`): a check of the math options
   * costs ~1.2 µs compiled against ~29 µs with `Value.Check`'s interpreter (docs/benchmarks.md).
   */
  const validators = new Map<string, Validator>();
  /** Options of a grader with only defaults: computed once per grader (most items send none). */
  const defaultsCache = new Map<string, Readonly<Record<string, unknown>>>();

  /** Apply `g`'s option defaults to `given` (a fresh object: defaults are written into it) and
   * validate; throws RLVR_ERR_ITEM_OPTIONS_INVALID naming item `index`. */
  function checkedOptions(index: number, g: GraderDefinition, given: Record<string, unknown>) {
    let v = validators.get(g.id);
    if (!v) {
      v = Compile(g.options);
      validators.set(g.id, v);
    }
    const value = v.Default(given) as Record<string, unknown>;
    if (!v.Check(value)) {
      const first = v.Errors(value)[0];
      throw atItem(
        new errors.RLVR_ERR_ITEM_OPTIONS_INVALID(
          g.id,
          `${first?.instancePath || '/'} ${first?.message ?? ''}`,
        ),
        index,
      );
    }
    return value;
  }

  /**
   * The option merge of one batch: `(index, graderIds, own) => {graderId: options}` for each item,
   * request-level options `req` under the item's own, defaults applied, validated; throws with the
   * item index. A grader's options are merged and checked once per batch when the item carries none
   * of its own for it (and once per engine when the request carries none either); those shared
   * objects are deep-frozen, so a grader cannot leak a change from one item into another.
   */
  function batchOptions(req: ItemOptions | undefined) {
    const shared = new Map<string, Readonly<Record<string, unknown>>>();
    let reqKeysChecked = false;
    const checkKeys = (index: number, o: ItemOptions | undefined) => {
      for (const key of Object.keys(o ?? {})) {
        if (!registry.has(key)) {
          throw atItem(new errors.RLVR_ERR_ITEM_OPTIONS_INVALID(key, 'no grader has this id'), index);
        }
      }
    };
    return (index: number, graderIds: string[], own?: ItemOptions): ItemOptions => {
      if (!reqKeysChecked) {
        checkKeys(index, req);
        reqKeysChecked = true;
      }
      checkKeys(index, own);
      const out: ItemOptions = {};
      for (const id of graderIds) {
        const g = registry.get(id);
        if (own?.[id] !== undefined) {
          out[id] = checkedOptions(index, g, { ...(req?.[id] ?? {}), ...own[id] });
          continue;
        }
        const cache = req?.[id] === undefined ? defaultsCache : shared;
        let o = cache.get(id);
        if (!o) {
          o = deepFreeze(checkedOptions(index, g, { ...(req?.[id] ?? {}) }));
          cache.set(id, o);
        }
        out[id] = o;
      }
      return out;
    };
  }

  function record(task: string, r: ItemResult, ms: number) {
    tel.inc('rlvr_items_total', { task, verdict: r.verdict });
    tel.observe('rlvr_grade_duration_seconds', { task }, ms / 1000);
    if (r.verdict === 'timeout') tel.inc('rlvr_timeouts_total', { task });
  }

  async function runHost(g: GraderDefinition, item: RewardItem, options: ItemOptions): Promise<GradeOutcome> {
    const release = await hostSlots.acquire();
    let timer: NodeJS.Timeout | undefined;
    // Aborted when the deadline answers for the grader, so it frees its sandbox slot at once
    // (security review #11); the deadline itself lets it answer first with its own verdict (#10).
    const abort = new AbortController();
    try {
      let arm = () => {};
      const deadline = new Promise<GradeOutcome>((resolve) => {
        arm = () => {
          clearTimeout(timer);
          timer = setTimeout(() => {
            resolve({
              verdict: 'error',
              score: null,
              error: itemError('RLVR_ERR_GRADER_DEADLINE', g.id, config.HOST_GRADE_TIMEOUT_MS),
            });
            abort.abort();
          }, config.HOST_GRADE_TIMEOUT_MS);
        };
        arm();
      });
      const graded = (async () =>
        sanitizeOutcome(
          g.id,
          await g.grade({
            completion: item.completion,
            reference: item.reference,
            prompt: item.prompt,
            options: options[g.id] ?? {},
            signal: abort.signal,
            timeoutMs: config.HOST_GRADE_TIMEOUT_MS,
            started: () => {
              if (!abort.signal.aborted) arm();
            },
          }),
        ))().catch(
        (e: unknown): GradeOutcome => ({
          verdict: 'error',
          score: null,
          error: itemError('RLVR_ERR_GRADER_THREW', g.id, e instanceof Error ? e.message : String(e)),
        }),
      );
      return await Promise.race([graded, deadline]);
    } finally {
      clearTimeout(timer);
      release();
    }
  }

  function poolFailure(r: Exclude<PoolResult, { kind: 'ok' }>): {
    verdict: Verdict;
    score: number | null;
    error?: { code: string; message: string };
    details?: Record<string, unknown>;
  } {
    if (r.kind === 'timeout') {
      return { verdict: 'timeout', score: 0, details: { limit: 'time', limit_ms: config.GRADE_TIMEOUT_MS } };
    }
    if (r.kind === 'memory') {
      return {
        verdict: 'timeout',
        score: 0,
        details: { limit: 'memory', limit_mb: config.WORKER_MEMORY_MB },
      };
    }
    return { verdict: 'error', score: null, error: itemError('RLVR_ERR_WORKER_CRASHED', r.message) };
  }

  /**
   * One item's result from its component scores: the reward is `combine(weights, components)`; a
   * null reward (a weighted component without a score) turns a non-error verdict into `error`.
   * `error.always` is reported whatever the reward; `error.ifNoReward` only when the reward is null.
   */
  function itemResult(
    id: RewardItem['id'],
    weights: Weights,
    components: Partial<Record<Component, number | null>>,
    verdict: Verdict,
    extracted: GradeOutcome['extracted'],
    details: Record<string, unknown> | undefined,
    error: { always?: ItemError; ifNoReward?: ItemError },
  ): ItemResult {
    const reward = combine(weights, components);
    const e = error.always ?? (reward === null ? error.ifNoReward : undefined);
    return {
      id,
      reward,
      components,
      verdict: reward === null && !isErrorVerdict(verdict) ? 'error' : verdict,
      extracted: extracted ?? null,
      ...(e ? { error: e } : {}),
      ...(details ? { details } : {}),
    };
  }

  async function gradeOne(
    item: RewardItem,
    taskGrader: GraderDefinition,
    weights: Weights,
    active: Component[],
    options: ItemOptions,
  ): Promise<ItemResult> {
    const t0 = performance.now();
    const accuracy = active.includes('accuracy');
    const poolGraders: string[] = [];
    if (accuracy && taskGrader.runs === 'pool') poolGraders.push(taskGrader.id);
    const compGraders = active
      .filter((c) => c !== 'accuracy')
      .map((c) => [c, componentGrader.get(c)!] as const);
    for (const [, g] of compGraders) poolGraders.push(g.id);

    const poolPromise =
      poolGraders.length > 0
        ? pool.run({
            graders: poolGraders,
            completion: item.completion,
            reference: item.reference,
            prompt: item.prompt,
            options,
          })
        : undefined;
    const hostPromise =
      accuracy && taskGrader.runs === 'host' ? runHost(taskGrader, item, options) : undefined;
    const [poolRes, hostOutcome] = await Promise.all([poolPromise, hostPromise]);

    let result: ItemResult;
    if (poolRes && poolRes.kind !== 'ok') {
      // The whole pool job failed: every component it carried shares the outcome.
      const f = poolFailure(poolRes);
      const components: Partial<Record<Component, number | null>> = {};
      for (const c of active) components[c] = f.score;
      if (hostOutcome) components.accuracy = hostOutcome.score;
      const verdict: Verdict = f.verdict === 'error' ? 'error' : (hostOutcome?.verdict ?? f.verdict);
      const details =
        f.details || hostOutcome?.details ? { ...hostOutcome?.details, ...f.details } : undefined;
      result = itemResult(item.id, weights, components, verdict, hostOutcome?.extracted, details, {
        always: f.error,
        ifNoReward: hostOutcome?.error,
      });
    } else {
      const outcomes = poolRes?.value.outcomes ?? {};
      const task: GradeOutcome | undefined = accuracy ? (hostOutcome ?? outcomes[taskGrader.id]) : undefined;
      const components: Partial<Record<Component, number | null>> = {};
      if (task) components.accuracy = task.score;
      const details: Record<string, unknown> = { ...(task?.details ?? {}) };
      let firstError = task?.error;
      if (compGraders.length > 0) {
        const per: Record<string, unknown> = {};
        for (const [c, g] of compGraders) {
          const o = outcomes[g.id];
          components[c] = o.score;
          per[c] = { grader: g.id, verdict: o.verdict, ...(o.details ? { details: o.details } : {}) };
          if (o.error && !firstError) firstError = o.error;
        }
        details.components = per;
      }
      const verdict: Verdict = task ? task.verdict : SCORED_VERDICT;
      result = itemResult(
        item.id,
        weights,
        components,
        verdict,
        task?.extracted,
        Object.keys(details).length > 0 ? details : undefined,
        { ifNoReward: firstError },
      );
    }
    record(item.task, result, poolRes?.kind === 'ok' ? poolRes.value.ms : performance.now() - t0);
    return result;
  }

  return {
    resolveWeights,
    async gradeBatch(items, o = {}) {
      if (closed) throw new errors.RLVR_ERR_SERVER_CLOSING();
      const weights = resolveWeights(o);
      const active = activeComponents(weights);
      const compIds = active.filter((c) => c !== 'accuracy').map((c) => componentGrader.get(c)!.id);
      const optionsOf = batchOptions(o.options);
      // Validate everything before grading anything: a request error refuses the whole batch.
      const prepared = items.map((item, i) => {
        if (!registry.has(item.task) || registry.get(item.task).kind !== 'task') {
          throw atItem(new errors.RLVR_ERR_ITEM_TASK_UNKNOWN(item.task, taskIds.join(', ')), i);
        }
        if (typeof item.completion !== 'string') {
          throw atItem(new errors.RLVR_ERR_REQUEST_INVALID(`items[${i}].completion must be a string`), i);
        }
        if (item.completion.length > config.MAX_COMPLETION_CHARS) {
          throw atItem(
            new errors.RLVR_ERR_ITEM_COMPLETION_TOO_LONG(item.completion.length, config.MAX_COMPLETION_CHARS),
            i,
          );
        }
        const taskGrader = registry.get(item.task);
        const ids = active.includes('accuracy') ? [taskGrader.id, ...compIds] : compIds;
        return { item, taskGrader, options: optionsOf(i, ids, item.options) };
      });
      if (inFlight > 0 && inFlight + items.length > config.MAX_ITEMS_IN_FLIGHT) {
        throw new errors.RLVR_ERR_SERVER_BUSY(inFlight, items.length, config.MAX_ITEMS_IN_FLIGHT);
      }
      inFlight += items.length;
      tel.add('rlvr_items_in_flight', {}, items.length);
      try {
        return await Promise.all(
          prepared.map(({ item, taskGrader, options }) =>
            gradeOne(item, taskGrader, weights, active, options).finally(() => {
              inFlight--;
              tel.add('rlvr_items_in_flight', {}, -1);
            }),
          ),
        );
      } catch (e) {
        // gradeOne never rejects by design; if it does, that is our bug, not the item's.
        throw new errors.RLVR_ERR_SERVER_INTERNAL(e instanceof Error ? e.message : String(e));
      }
    },
    async tasks() {
      return Promise.all(
        opts.graders.map(async (g): Promise<TaskInfo> => {
          let available = true;
          let reason: string | undefined;
          let details: Record<string, unknown> | undefined;
          if (g.available) {
            try {
              const a = await g.available();
              available = a.ok;
              reason = a.reason;
              details = a.details;
            } catch (e) {
              available = false;
              reason = e instanceof Error ? e.message : String(e);
            }
          }
          return {
            id: g.id,
            version: g.version,
            kind: g.kind,
            ...(g.component ? { component: g.component } : {}),
            runs: g.runs,
            description: g.description,
            available,
            ...(reason ? { reason } : {}),
            ...(details ? { details } : {}),
          };
        }),
      );
    },
    graderVersions(items, o = {}) {
      const active = activeComponents(resolveWeights(o));
      const out: Record<string, string> = {};
      if (active.includes('accuracy')) {
        for (const { task } of items) if (registry.has(task)) out[task] = registry.get(task).version;
      }
      for (const c of active) {
        const g = c === 'accuracy' ? undefined : componentGrader.get(c);
        if (g) out[g.id] = g.version;
      }
      return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
    },
    inFlight: () => inFlight,
    async close() {
      closed = true;
      await pool.close();
    },
  };
}
