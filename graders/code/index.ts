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
  resolveLimits,
  type SandboxDefinition,
  SandboxError,
  type SandboxLanguage,
} from '../../src/core/sandbox.ts';
import { telemetry } from '../../src/core/telemetry.ts';
import { type CodeOptions, CodeOptionsSchema } from '../../src/schemas/code.ts';
import { entryName, extractCode } from './extract.ts';
import { buildExecSpec, type Problem, resolveVariant, variantEntryPoint } from './problem.ts';
import { createQueue, QueueFullError } from './queue.ts';
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
} as const;

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
    const spec = buildExecSpec(language, variant, extracted.code, limits);
    // Host watchdog over the sandbox's own limits: a sandbox that never answers is our failure.
    const watchdogMs = t.cases.length * (limits.timeMs + 1_000) + 30_000;

    let result: ExecResult;
    try {
      result = await queue.run(() => withWatchdog(sb.execute(spec), watchdogMs));
    } catch (e) {
      if (e instanceof QueueFullError) return errorOutcome(ERR.queueFull, e.message, extracted.code);
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

function withWatchdog<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new WatchdogError(`sandbox did not answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
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
