/**
 * The code grader (`task: "code"`): extract the program from the completion, run it in the
 * language's sandbox against the reference's tests, compare in the host, and report judge
 * verdicts. See docs/code-grading.md.
 *
 * Reward (DeepSeek-R1's accuracy reward for code: the solution must pass the tests):
 * `binary` (default) 1 iff every test is Accepted, else 0; `fraction`: passed / total.
 * Our-side failures (no sandbox for the language, sandbox unavailable or crashed, unknown
 * problem id) give verdict `error`/`invalid_reference` and score null, never 0.
 *
 * Wiring: `createCodeGrader(deps)` takes the sandboxes and the problem store. The `codeGrader`
 * listed in graders/index.ts uses what {@link configureCodeGrader} installed at start-up; if no
 * sandboxes were installed it loads `sandboxes/index.ts` lazily on the first code item (so pool
 * workers that import the grader list never start sandbox processes).
 */
import { availableParallelism } from 'node:os';
import { defineGrader, type GradeOutcome } from '../../src/core/grader.ts';
import {
  type ExecLimits,
  type ExecResult,
  type ExecSpec,
  resolveLimits,
  type SandboxDefinition,
  SandboxError,
  type SandboxLanguage,
} from '../../src/core/sandbox.ts';
import { telemetry } from '../../src/core/telemetry.ts';
import { type CodeOptions, CodeOptionsSchema } from '../../src/schemas/code.ts';
import { entryName, extractCode } from './extract.ts';
import { buildExecSpec, type Problem, resolveVariant, variantEntryPoint } from './problem.ts';
import { createQueue, QueueAbortedError, QueueFullError } from './queue.ts';
import { parseReference } from './reference.ts';
import { judge } from './verdict.ts';

/** Where problems with hidden tests are looked up (graders/code/problems/store.ts implements it). */
export interface ProblemLookup {
  get(id: string): Problem | null;
}

export interface CodeGraderDeps {
  /** The sandboxes (one per language); a function so they can be loaded lazily. */
  sandboxes: () => readonly SandboxDefinition[] | Promise<readonly SandboxDefinition[]>;
  /** The problem store, or null when no problem set was loaded. */
  problems: () => ProblemLookup | null;
  /** Solutions executing at once (default: 2 × cores, so sandbox pools stay fed). */
  concurrency?: number;
  /** Solutions allowed to wait beyond that (default 10,000); more get `error` (retryable). */
  maxWaiting?: number;
  /** How long a sandbox's `available()` answer is reused, ms (default 5,000). */
  availabilityTtlMs?: number;
  /**
   * Highest limits a *stored* problem (loaded by the operator with PROBLEMS, so trusted) may set;
   * default {@link PROBLEM_LIMIT_CEILING}. Inline tests sent in a request can only lower the
   * sandbox defaults (piston's rule).
   */
  problemLimitCeiling?: ExecLimits;
}

/**
 * Default ceiling for stored problems' limits: 10 s per case, 1 GiB, 16 MiB of output. LeetCodeDataset's
 * reference solutions need up to ~3 s of CPU for one assert and ~340 MiB (measured here), which the
 * sandboxes' 2 s / 256 MiB defaults would fail.
 */
export const PROBLEM_LIMIT_CEILING: Readonly<ExecLimits> = Object.freeze({
  timeMs: 10_000,
  memoryMb: 1024,
  outputBytes: 16 * 1024 * 1024,
});

/**
 * Limits of one execution. Requests (inline tests) only lower the sandbox defaults; stored problems
 * may also raise them, up to `ceiling`. Per field, ms / MiB / bytes.
 */
export function limitsFor(
  defaults: ExecLimits,
  requested: Partial<ExecLimits>,
  trusted: boolean,
  ceiling: ExecLimits = PROBLEM_LIMIT_CEILING,
): ExecLimits {
  if (!trusted) return resolveLimits(defaults, requested);
  const pick = (d: number, r: number | undefined, c: number) =>
    r === undefined || !Number.isFinite(r) || r <= 0 ? d : Math.min(r, Math.max(c, d));
  return {
    timeMs: pick(defaults.timeMs, requested.timeMs, ceiling.timeMs),
    memoryMb: pick(defaults.memoryMb, requested.memoryMb, ceiling.memoryMb),
    outputBytes: pick(defaults.outputBytes, requested.outputBytes, ceiling.outputBytes),
  };
}

/** Bump when a verdict can change for the same input. */
export const CODE_GRADER_VERSION = '1.0.0';

const ERR = {
  sandboxUnavailable: 'RLVR_ERR_SANDBOX_UNAVAILABLE',
  sandboxFailed: 'RLVR_ERR_SANDBOX_FAILED',
  queueFull: 'RLVR_ERR_CODE_QUEUE_FULL',
  watchdog: 'RLVR_ERR_SANDBOX_TIMEOUT',
  deadline: 'RLVR_ERR_GRADER_DEADLINE',
} as const;

/**
 * Time kept between the end of an item's execution budget and the engine's deadline, ms: the
 * sandbox's own kill, the result's trip back and judging fit in it, so a slow item is answered with
 * a judge verdict (Time Limit Exceeded, reward 0) and never reaches `RLVR_ERR_GRADER_DEADLINE`.
 * The grader's own watchdog fires inside it (budget + {@link WATCHDOG_SLACK_MS}).
 */
export const DEADLINE_MARGIN_MS = 3_000;

/**
 * Wall-time budget of one execution, ms, counted from when it gets its sandbox slot (security
 * review #10). Its own bound is every case at its limit plus 1 s each, plus 20 s of start-up; the
 * engine's wait `timeoutMs` (`HOST_GRADE_TIMEOUT_MS`, restarted when the run starts) lowers it to
 * end {@link DEADLINE_MARGIN_MS} before. Like LeetCode's judge, which limits the total time of all
 * tests, a solution whose tests together overrun it is Time Limit Exceeded. ≤ 0: nothing can run.
 */
export function executionBudgetMs(cases: number, limits: ExecLimits, timeoutMs?: number): number {
  const own = cases * (limits.timeMs + 1_000) + 20_000;
  return timeoutMs === undefined ? own : Math.min(own, timeoutMs - DEADLINE_MARGIN_MS);
}

/** The grader's watchdog fires this long after the execution budget, ms (inside DEADLINE_MARGIN_MS). */
export const WATCHDOG_SLACK_MS = 2_000;

function errorOutcome(code: string, message: string, extracted: string | null = null): GradeOutcome {
  return { verdict: 'error', score: null, extracted, error: { code, message } };
}

function invalidReference(message: string): GradeOutcome {
  return {
    verdict: 'invalid_reference',
    score: null,
    extracted: null,
    error: { code: 'RLVR_ERR_CODE_INVALID_REFERENCE', message },
  };
}

/** Build a code grader over the given sandboxes and problem store. */
export function createCodeGrader(deps: CodeGraderDeps) {
  const queue = createQueue(
    deps.concurrency ?? 2 * availableParallelism(),
    deps.maxWaiting ?? 10_000,
    (waiting) => telemetry().set('rlvr_sandbox_queue_depth', { language: 'code' }, waiting),
  );
  const ttl = deps.availabilityTtlMs ?? 5_000;
  const availability = new Map<string, { at: number; ok: boolean; reason?: string }>();
  let byLanguage: Map<string, SandboxDefinition> | null = null;

  async function sandboxFor(language: SandboxLanguage): Promise<SandboxDefinition | undefined> {
    if (!byLanguage) {
      const list = await deps.sandboxes();
      byLanguage = new Map(list.map((s) => [s.id, s] as const));
    }
    return byLanguage.get(language);
  }

  async function isAvailable(sb: SandboxDefinition): Promise<{ ok: boolean; reason?: string }> {
    const hit = availability.get(sb.id);
    if (hit && Date.now() - hit.at < ttl) return hit;
    let a: { ok: boolean; reason?: string };
    try {
      a = await sb.available();
    } catch (e) {
      a = { ok: false, reason: (e as Error).message };
    }
    availability.set(sb.id, { at: Date.now(), ...a });
    return a;
  }

  async function grade(input: {
    completion: string;
    reference: unknown;
    options: CodeOptions;
    signal?: AbortSignal;
    timeoutMs?: number;
    started?: () => void;
  }): Promise<GradeOutcome> {
    const ref = parseReference(input.reference);
    if (ref.kind === 'invalid') return invalidReference(ref.message);
    let problem: Problem;
    if (ref.kind === 'problem') {
      const store = deps.problems();
      if (!store) return invalidReference(`problem_id ${ref.problemId}: no problem set is loaded (PROBLEMS)`);
      const p = store.get(ref.problemId);
      if (!p) return invalidReference(`unknown problem_id ${JSON.stringify(ref.problemId)}`);
      problem = p;
    } else {
      problem = ref.problem;
    }

    const opts = input.options ?? {};
    const firstVariant = Object.values(problem.variants)[0];
    const hint = firstVariant ? entryName(variantEntryPoint(firstVariant)) : undefined;
    const extracted = extractCode(input.completion, opts.extract ?? 'fenced', hint);
    if (!extracted) {
      return {
        verdict: 'Compile Error',
        score: 0,
        extracted: null,
        details: { verdict: 'Compile Error', passed: 0, total: 0, message: 'no fenced code block found' },
      };
    }
    const resolved = resolveVariant(problem, opts.language ?? extracted.language);
    if (!resolved.ok) {
      return {
        verdict: 'Compile Error',
        score: 0,
        extracted: extracted.code,
        details: { verdict: 'Compile Error', passed: 0, total: 0, message: resolved.message },
      };
    }
    const { language, variant } = resolved;
    const sb = await sandboxFor(language);
    if (!sb) return errorOutcome(ERR.sandboxUnavailable, `no sandbox for ${language}`, extracted.code);
    const avail = await isAvailable(sb);
    if (!avail.ok) {
      return errorOutcome(
        ERR.sandboxUnavailable,
        `${language} sandbox unavailable: ${avail.reason ?? 'unknown reason'}`,
        extracted.code,
      );
    }

    const t = variant.tests;
    const limits = limitsFor(
      sb.defaults,
      { timeMs: t.limits?.time_ms, memoryMb: t.limits?.memory_mb, outputBytes: t.limits?.output_bytes },
      ref.kind === 'problem',
      deps.problemLimitCeiling,
    );
    const binary = opts.reward !== 'fraction';
    const spec: ExecSpec = {
      ...buildExecSpec(language, variant, extracted.code, limits),
      // Binary reward: the first failing test decides, so a looping solution costs one case's
      // limit (security review #10). Fraction reward runs every test (n × limit in the worst case).
      stopOnFailure: binary,
    };

    const budgetMs = executionBudgetMs(t.cases.length, limits, input.timeoutMs);
    if (budgetMs <= 0) {
      return errorOutcome(
        ERR.deadline,
        `not run: a wait of ${input.timeoutMs} ms (HOST_GRADE_TIMEOUT_MS) leaves no execution budget`,
        extracted.code,
      );
    }
    let result: ExecResult;
    try {
      result = await queue.run(
        () =>
          // Host watchdog over the sandbox's own bound from when the run gets its slot (as the
          // engine's wait is): a sandbox that never answers is our failure. Before that, waiting
          // for a slot behind other items is bounded by the engine's wait when there is one.
          withWatchdog(
            (signal, onStart) =>
              sb.execute(
                { ...spec, budgetMs },
                {
                  signal,
                  onStart: () => {
                    input.started?.();
                    onStart();
                  },
                },
              ),
            budgetMs + WATCHDOG_SLACK_MS,
            input.timeoutMs ?? budgetMs + WATCHDOG_SLACK_MS,
            input.signal,
          ),
        input.signal,
      );
    } catch (e) {
      if (e instanceof QueueFullError) return errorOutcome(ERR.queueFull, e.message, extracted.code);
      if (e instanceof QueueAbortedError)
        return errorOutcome(ERR.deadline, `not run: ${e.message}`, extracted.code);
      if (e instanceof SandboxError) return errorOutcome(e.code, e.message, extracted.code);
      if (e instanceof WatchdogError) return errorOutcome(ERR.watchdog, e.message, extracted.code);
      return errorOutcome(ERR.sandboxFailed, `sandbox failed: ${(e as Error)?.message ?? e}`, extracted.code);
    }
    const malformed =
      !result ||
      (result.compileError === undefined &&
        (!Array.isArray(result.cases) ||
          result.cases.length !== t.cases.length ||
          result.cases.some((c) => !c || typeof c.status !== 'string')));
    if (malformed) {
      return errorOutcome(
        ERR.sandboxFailed,
        `sandbox returned ${result?.cases?.length ?? 'no'} case results for ${t.cases.length} tests`,
        extracted.code,
      );
    }

    const judged = judge(t, result);
    if (judged.skipped > 0 && judged.verdict === 'Accepted') {
      // `skipped` only ever follows a failing case; anything else is a broken sandbox, never a pass.
      return errorOutcome(ERR.sandboxFailed, 'sandbox skipped tests without a failing one', extracted.code);
    }
    telemetry().inc('rlvr_executions_total', { language, verdict: judged.verdict });
    const score =
      opts.reward === 'fraction' ? judged.passed / judged.total : judged.verdict === 'Accepted' ? 1 : 0;
    const details: Record<string, unknown> = {
      language,
      verdict: judged.verdict,
      passed: judged.passed,
      total: judged.total,
      tests: judged.tests,
    };
    if (judged.skipped > 0) details.skipped = judged.skipped;
    if (ref.kind === 'problem') details.problem_id = problem.id;
    if (judged.compileError !== undefined) details.compile_error = judged.compileError;
    return { verdict: judged.verdict, score, extracted: extracted.code, details };
  }

  return defineGrader<CodeOptions>({
    id: 'code',
    version: CODE_GRADER_VERSION,
    kind: 'task',
    runs: 'host',
    options: CodeOptionsSchema,
    description:
      'Runs the last fenced code block (Python, JavaScript, TypeScript) against inline or stored tests in sandboxes.',
    grade: (input) => grade(input),
    async available() {
      const list = await deps.sandboxes();
      const langs: Record<string, unknown> = {};
      let any = false;
      for (const sb of list) {
        const a = await isAvailable(sb);
        langs[sb.id] = a.ok ? 'available' : `unavailable: ${a.reason ?? ''}`;
        any ||= a.ok;
      }
      const store = deps.problems();
      return {
        ok: any,
        reason: any ? undefined : 'no sandbox available',
        details: { languages: langs, problems_loaded: store !== null },
      };
    },
  });
}

class WatchdogError extends Error {}

/**
 * Run `start(signal, restart)` and reject with {@link WatchdogError} after `firstMs` from the call,
 * or after `ms` from a `restart()` (the run got its slot). The signal it gets is aborted when the
 * watchdog fires or `outer` (the engine's deadline) aborts, so the sandbox kills the run and frees
 * its slot either way (security review #11).
 */
function withWatchdog<T>(
  start: (signal: AbortSignal, restart: () => void) => Promise<T>,
  ms: number,
  firstMs: number,
  outer?: AbortSignal,
): Promise<T> {
  const local = new AbortController();
  const signal = outer ? AbortSignal.any([outer, local.signal]) : local.signal;
  let timer: NodeJS.Timeout | undefined;
  let arm = (_wait: number) => {};
  const t = new Promise<never>((_, reject) => {
    arm = (wait) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        reject(new WatchdogError(`sandbox did not answer within ${wait} ms`));
        local.abort();
      }, wait);
      timer.unref();
    };
    arm(firstMs);
  });
  return Promise.race([start(signal, () => arm(ms)), t]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------------------------
// The instance in graders/index.ts and its start-up wiring.

let installed: { sandboxes?: readonly SandboxDefinition[]; problems?: ProblemLookup | null } = {};

/**
 * Install the sandboxes and/or the problem store the listed `codeGrader` uses. Called once at
 * start-up by the server (src/server/routes/problems.ts installs the store it loads).
 */
export function configureCodeGrader(parts: {
  sandboxes?: readonly SandboxDefinition[];
  problems?: ProblemLookup | null;
}): void {
  installed = { ...installed, ...parts };
}

export const codeGrader = createCodeGrader({
  sandboxes: async () => installed.sandboxes ?? (await import('../../sandboxes/index.ts')).SANDBOXES,
  problems: () => installed.problems ?? null,
});
