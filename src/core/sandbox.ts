/**
 * The Sandbox port: the only way the code grader reaches untrusted-code execution.
 *
 * A sandbox runs one *solution* against a list of *cases* and reports, per case, what the
 * solution produced: a return value (function mode), stdout (stdio mode) or whether the test
 * snippet ran to completion (assert mode). It never sees expected values for function/stdio
 * modes and never decides Accepted/Wrong Answer: comparison happens in the host
 * (graders/code/compare.ts). It does decide resource verdicts (time, memory, output) because
 * only it can measure them.
 *
 * Implementations live in `sandboxes/<language>/` and are listed in `sandboxes/index.ts`.
 * Pure module: no I/O here.
 */

export type SandboxLanguage = 'python' | 'javascript' | 'typescript';

/** Resource limits for one case. Units in the names. */
export interface ExecLimits {
  /** CPU/wall time limit per case, ms. */
  timeMs: number;
  /** Memory limit for the solution's process/isolate, MiB. */
  memoryMb: number;
  /** Cap on stdout+stderr captured per case, bytes; exceeding it is Output Limit Exceeded. */
  outputBytes: number;
}

/** Arguments conversion hints for LeetCode-style data structures. */
export type ArgKind = 'json' | 'ListNode' | 'TreeNode';

export interface FunctionCall {
  /** Positional arguments, plain JSON. */
  args: unknown[];
}

export interface ExecSpec {
  language: SandboxLanguage;
  /** The solution source as extracted from the completion (TypeScript not yet transpiled). */
  source: string;
  /** Code run before the solution (e.g. HumanEval `prompt` imports, MBPP `test_setup_code`). */
  preamble?: string;
  mode: 'function' | 'stdio' | 'assert';
  /**
   * function mode: what to call. A plain name (`add`), or a LeetCode method
   * (`Solution().twoSum` or `Solution.twoSum`: a fresh instance per case).
   */
  entryPoint?: string;
  /** function mode: one call per case. */
  calls?: FunctionCall[];
  /**
   * function mode: per-argument conversions (`ListNode`/`TreeNode` from LeetCode's list form).
   * When absent, the Python runner infers them from type hints; return values of those types are
   * converted back to lists.
   */
  argKinds?: ArgKind[];
  /**
   * function mode: `python` passes arguments and returns values as tagged Python JSON (tuples,
   * sets, dicts with any keys, big ints; see graders/code/python-asserts.ts), for asserts the host
   * decides with Python's `==`; the return value arrives as that JSON text (a string).
   * Default `json`: plain JSON data (tuples become lists). Python sandbox only.
   */
  values?: 'json' | 'python';
  /** stdio mode: stdin per case. */
  stdins?: string[];
  /**
   * assert mode: one test snippet per case, run after the solution in the same program
   * (HumanEval `check(candidate)` + call, MBPP `assert` lines, MultiPL-E `assert.deepEqual`).
   * A case passes only if the snippet runs to completion *and* the harness saw it finish.
   */
  tests?: string[];
  /** assert mode: name the tests call the solution by (`candidate` in HumanEval). */
  candidateName?: string;
  limits: ExecLimits;
  /**
   * Stop at the first case whose status is not `ok` (timeout, memory, output limit, runtime error,
   * invalid return); the cases after it are reported as `skipped`, not run. The code grader sets it
   * for binary reward, where the first failing test already decides the verdict (security review
   * #10: a looping solution then costs one case's limit, not every case's).
   */
  stopOnFailure?: boolean;
  /**
   * Wall-time budget of the whole execution, ms, counted from when it starts running (a sandbox
   * slot or child is assigned; see {@link ExecOptions.onStart}), so waiting behind other items
   * never eats it. When it runs out while a case runs, that case and every later one are
   * `timeout`. Absent: the sandbox's own bound.
   */
  budgetMs?: number;
}

/** Per-call options of {@link SandboxDefinition.execute}. */
export interface ExecOptions {
  /**
   * Aborting it kills the run and frees its slot at once (a waiting run leaves the queue); `execute`
   * then rejects with `RLVR_ERR_SANDBOX_ABORTED`. The code grader aborts when its item is answered
   * without the result (host deadline, security review #11).
   */
  signal?: AbortSignal;
  /**
   * Called once, when the execution gets its slot and starts (the moment `budgetMs` counts from);
   * the engine restarts its deadline then, so queueing is not charged to the item.
   */
  onStart?: () => void;
}

/** The rejection of an aborted execution (see {@link ExecOptions.signal}). */
export function abortedError(): SandboxError {
  return new SandboxError('RLVR_ERR_SANDBOX_ABORTED', 'execution aborted by the caller');
}

/** `error` text of a case not run because of `stopOnFailure`. */
export const SKIPPED_ERROR = 'not run: an earlier case failed (stopOnFailure)';

/** Per-case outcome as measured inside the sandbox. */
export type CaseStatus =
  | 'ok' // ran to completion (function: value returned; stdio: exited 0; assert: snippet finished)
  | 'runtime_error' // threw / non-zero exit / assertion failed
  | 'timeout'
  | 'memory'
  | 'output_limit'
  | 'invalid_return' // returned something that is not plain JSON data (e.g. an always-equal object)
  | 'skipped'; // not run: an earlier case failed and the spec set `stopOnFailure`

export interface CaseRun {
  status: CaseStatus;
  /** function mode: the returned value, as plain JSON data. */
  value?: unknown;
  /** Captured stdout (truncated to limits.outputBytes). */
  stdout: string;
  stderr: string;
  /** Time spent in this case, ms. */
  timeMs: number;
  /** CPU time of this case, ms, when the sandbox measures it (Python: the limit applies to it). */
  cpuMs?: number;
  /** Short error text for runtime errors (exception type and message, no host paths). */
  error?: string;
}

export interface ExecResult {
  /** Set when the solution did not compile/parse (Python SyntaxError, TS/JS syntax error). */
  compileError?: string;
  /** One entry per case, in order. Cases not reached (after a fatal error) are still listed. */
  cases: CaseRun[];
}

/** Thrown (or rejected) when *our* side failed: sandbox could not start, harness crashed. */
export class SandboxError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export interface SandboxDefinition {
  /** Canonical language id (`python`, `javascript`, `typescript`). */
  id: SandboxLanguage;
  /** Fence tags and names that map here (`py`, `python3`, `js`, `node`, `ts`…). */
  aliases: readonly string[];
  /** Default limits; requests may only lower them (see core/limits). */
  defaults: ExecLimits;
  /** Whether this machine can run it (bubblewrap present, cgroups usable…), with why not. */
  available(): Promise<{ ok: boolean; reason?: string; details?: Record<string, unknown> }>;
  /** Run one solution against its cases. Rejects only with SandboxError (our side). */
  execute(spec: ExecSpec, options?: ExecOptions): Promise<ExecResult>;
  /** Stop child processes, drain queues. */
  close(): Promise<void>;
}

export function defineSandbox(def: SandboxDefinition): SandboxDefinition {
  return def;
}

/** Resolve limits: a request can only lower the defaults (piston's rule), never raise them. */
export function resolveLimits(defaults: ExecLimits, requested?: Partial<ExecLimits>): ExecLimits {
  const pick = (d: number, r: number | undefined) =>
    r === undefined || !Number.isFinite(r) || r <= 0 ? d : Math.min(d, r);
  return {
    timeMs: pick(defaults.timeMs, requested?.timeMs),
    memoryMb: pick(defaults.memoryMb, requested?.memoryMb),
    outputBytes: pick(defaults.outputBytes, requested?.outputBytes),
  };
}
