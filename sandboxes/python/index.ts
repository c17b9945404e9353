/**
 * Python sandbox (issue 3, item 6): Debian's `/usr/bin/python3` under bubblewrap, one sandbox
 * process per solution running all its cases (runner.py), each case timed on its own.
 *
 * Isolation: see bwrap-args.ts (namespaces, read-only /usr, private tmpfs, no network) and
 * cgroups.ts (per-run memory and pids limits; rlimit fallback). When the server runs as root the
 * sandbox runs as a distinct unprivileged host uid per concurrency slot (`uidBase + slot`), so
 * RLIMIT_NPROC is real and sandboxes cannot signal each other or the server.
 *
 * After a case that ends the process (timeout, OOM kill, crash, os._exit, tampering) the
 * remaining cases run in a fresh sandbox process, so every case gets its own verdict; the worst
 * case stays bounded by cases × timeMs. If the solution's module-level code fails, every case
 * gets that status without a restart.
 *
 * Usage: `createPythonSandbox(options)`; `pythonSandbox` is the instance with defaults that
 * `sandboxes/index.ts` lists.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  abortedError,
  type CaseRun,
  type CaseStatus,
  defineSandbox,
  type ExecLimits,
  type ExecOptions,
  type ExecResult,
  type ExecSpec,
  type SandboxDefinition,
  SandboxError,
  SKIPPED_ERROR,
} from '../../src/core/sandbox.ts';
import { telemetry } from '../../src/core/telemetry.ts';
import { bwrapArgs } from './bwrap-args.ts';
import { type CgroupSupport, detectCgroups, removeBases } from './cgroups.ts';
import { caseCount, runSession, type SessionOptions } from './session.ts';

export interface PythonSandboxOptions {
  /** Interpreter run inside the sandbox. Default Debian's `/usr/bin/python3`. */
  pythonPath?: string;
  /** bubblewrap binary. Default `/usr/bin/bwrap`. */
  bwrapPath?: string;
  /** Default limits (used for a missing or invalid value in a spec). */
  defaults?: Partial<ExecLimits>;
  /**
   * Hard ceiling on a spec's limits. The code grader resolves limits before calling us (a request
   * only lowers the defaults; trusted stored problems may raise them); this is our own bound.
   * Default 60 s per case, 4 GiB, 64 MiB.
   */
  ceiling?: Partial<ExecLimits>;
  /** Sandboxes running at once. Default: the number of cores. */
  maxConcurrency?: number;
  /** Solutions waiting for a slot before `execute` rejects with RLVR_ERR_SANDBOX_BUSY. */
  maxQueue?: number;
  /**
   * First host uid for sandboxes when running as root (slot i runs as uidBase + i). Default:
   * blocks of max(16, maxConcurrency) from 100000 + 64 × (pid mod 4096), so instances in one
   * process or in concurrent test processes rarely share a uid (RLIMIT_NPROC counts per uid).
   */
  uidBase?: number;
  /** Tasks (processes + threads) per run. Default 64. */
  pidsMax?: number;
  /** Size of the private tmpfs, MiB. Default 64. */
  tmpfsMb?: number;
  /** Time allowed for bubblewrap + interpreter start-up + compile, ms. Default 10000. */
  startupTimeoutMs?: number;
  /** Host watchdog slack over the per-case limit, ms. Default 100. */
  graceMs?: number;
  /**
   * `timeMs` limits CPU time. After this multiple of it in wall time a case that used its CPU or
   * barely ran (sleeping, blocked) is killed; a CPU-starved one gets until 10 × timeMs. Default 2.
   */
  wallFactor?: number;
  /** Cap on one function-mode return value, bytes of JSON. Default 16 MiB. */
  valueBytes?: number;
  /** `auto` (default) detects cgroups; `off` uses rlimits only. */
  cgroups?: 'auto' | 'off';
  /**
   * Extra pure-Python packages importable in the sandbox, as host directories. Default: Debian's
   * `python3-sortedcontainers` when installed (LeetCode's judge provides it).
   */
  packageDirs?: string[];
  /** Longest accepted solution source, bytes; longer is a Compile Error. Default 1 MiB. */
  maxSourceBytes?: number;
}

/**
 * Default limits: 4 s of CPU per case, 1 GiB, 1 MiB of output. The code grader lets a request only
 * lower them (piston's rule), so they are generous: LeetCodeDataset's reference solutions need up
 * to ~3 s of CPU (find-the-number-of-subsequences-with-equal-gcd) and over 256 MiB
 * (count-beautiful-numbers). The sandbox itself honours a spec's limits up to `ceiling`.
 */
export const PYTHON_DEFAULT_LIMITS: ExecLimits = Object.freeze({
  timeMs: 4000,
  memoryMb: 1024,
  outputBytes: 1024 * 1024,
});

const RUNNER_PATH = fileURLToPath(new URL('./runner.py', import.meta.url));
const LABELS = { language: 'python' };

export function createPythonSandbox(options: PythonSandboxOptions = {}): SandboxDefinition {
  const pythonPath = options.pythonPath ?? '/usr/bin/python3';
  const bwrapPath = options.bwrapPath ?? '/usr/bin/bwrap';
  const defaults: ExecLimits = Object.freeze({ ...PYTHON_DEFAULT_LIMITS, ...options.defaults });
  const ceiling: ExecLimits = {
    timeMs: 60_000,
    memoryMb: 4096,
    outputBytes: 64 * 1024 * 1024,
    ...options.ceiling,
  };
  const maxConcurrency = Math.max(1, options.maxConcurrency ?? availableParallelism());
  const maxQueue = options.maxQueue ?? 1024;
  const uidBase = options.uidBase ?? allocateUids(maxConcurrency);
  const isRoot = process.getuid?.() === 0;
  const maxSourceBytes = options.maxSourceBytes ?? 1024 * 1024;

  let cgroups: CgroupSupport | undefined;
  let availability: Promise<{ ok: boolean; reason?: string; details?: Record<string, unknown> }> | undefined;
  const free: number[] = Array.from({ length: maxConcurrency }, (_, i) => i);
  const waiting: Array<(slot: number) => void> = [];
  let closed = false;
  /** Remove this instance's cgroup directories and compiled runner (close, or process exit). */
  const cleanup = () => {
    if (cgroups) removeBases(cgroups);
    if (runnerFile) rmSync(dirname(runnerFile), { recursive: true, force: true });
  };

  let args: string[] | undefined;
  let runnerFile: string | undefined;
  const sessionOptions = (slot: number): Omit<SessionOptions, 'deadline'> => ({
    bwrapPath,
    bwrapArgs: args!,
    cgroups: cgroups!,
    uid: isRoot ? uidBase + slot : undefined,
    gid: isRoot ? uidBase + slot : undefined,
    pidsMax: options.pidsMax ?? 64,
    startupTimeoutMs: options.startupTimeoutMs ?? 10_000,
    graceMs: options.graceMs ?? 100,
    wallFactor: options.wallFactor ?? 2,
    valueBytes: options.valueBytes ?? 16 * 1024 * 1024,
  });

  /**
   * A free slot, waiting in FIFO order. Leaves the queue when `signal` aborts (rejects with
   * RLVR_ERR_SANDBOX_ABORTED).
   */
  async function acquire(signal?: AbortSignal): Promise<number> {
    if (signal?.aborted) throw abortedError();
    const slot = free.pop();
    if (slot !== undefined) return slot;
    if (waiting.length >= maxQueue) {
      throw new SandboxError('RLVR_ERR_SANDBOX_BUSY', `python sandbox queue is full (${maxQueue} waiting)`);
    }
    const p = new Promise<number>((resolve, reject) => {
      const onAbort = () => {
        const at = waiting.indexOf(take);
        if (at < 0) return;
        waiting.splice(at, 1);
        telemetry().set('rlvr_sandbox_queue_depth', LABELS, waiting.length);
        reject(abortedError());
      };
      const take = (slot: number) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(slot);
      };
      waiting.push(take);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    telemetry().set('rlvr_sandbox_queue_depth', LABELS, waiting.length);
    return p;
  }

  function release(slot: number): void {
    const next = waiting.shift();
    telemetry().set('rlvr_sandbox_queue_depth', LABELS, waiting.length);
    if (next) next(slot);
    else free.push(slot);
  }

  async function checkAvailable() {
    for (const [what, path] of [
      ['bubblewrap', bwrapPath],
      ['python', pythonPath],
    ] as const) {
      try {
        accessSync(path, constants.X_OK);
      } catch {
        return { ok: false, reason: `${what} not found at ${path}` };
      }
    }
    runnerFile ??= precompileRunner(pythonPath);
    args = bwrapArgs({
      pythonPath,
      runnerPath: runnerFile ?? RUNNER_PATH,
      tmpfsBytes: (options.tmpfsMb ?? 64) * 1024 * 1024,
      packageDirs: options.packageDirs ?? ['/usr/lib/python3/dist-packages/sortedcontainers'],
    });
    if (!cgroups) {
      cgroups =
        options.cgroups === 'off'
          ? { kind: 'none' as const, bases: [], reason: 'disabled' }
          : detectCgroups();
      atExit.add(cleanup);
    }
    const details: Record<string, unknown> = {
      python: pythonPath,
      bwrap: bwrapPath,
      cgroups: cgroups.kind,
      cgroupsDetail: cgroups.reason,
      uids: isRoot ? [uidBase, uidBase + maxConcurrency - 1] : [process.getuid?.()],
      limits:
        cgroups.kind === 'none' ? 'rlimits only (RLIMIT_AS, RLIMIT_NPROC): weaker' : 'cgroup memory + pids',
      maxConcurrency,
    };
    try {
      const r = await runOnce({
        language: 'python',
        source: 'def add(a, b):\n    return a + b\n',
        mode: 'function',
        entryPoint: 'add',
        calls: [{ args: [1, 2] }],
        limits: { timeMs: 5000, memoryMb: 128, outputBytes: 4096 },
      });
      if (r.cases[0]?.status !== 'ok' || r.cases[0].value !== 3) {
        return { ok: false, reason: `smoke test failed: ${JSON.stringify(r.cases[0])}`, details };
      }
    } catch (e) {
      return { ok: false, reason: `smoke test failed: ${(e as Error).message}`, details };
    }
    return { ok: true, details };
  }

  /** Checked once; a failed check (e.g. a smoke test starved on a loaded host) is retried after 30 s. */
  function available() {
    if (!availability) {
      const check = checkAvailable();
      availability = check;
      check.then((a) => {
        if (a.ok) return;
        const retry = () => {
          if (availability === check) availability = undefined;
        };
        setTimeout(retry, 30_000).unref();
      });
    }
    return availability;
  }

  async function runOnce(spec: ExecSpec, options: ExecOptions = {}): Promise<ExecResult> {
    const { signal } = options;
    const limits = clampLimits(defaults, ceiling, spec.limits);
    const n = caseCount(spec);
    const cases: (CaseRun | undefined)[] = new Array(n);
    const fill = (from: number, status: CaseStatus, error: string, stdout = '', stderr = '') => {
      for (let i = from; i < n; i++)
        cases[i] ??= {
          status,
          stdout: i === from ? stdout : '',
          stderr: i === from ? stderr : '',
          timeMs: 0,
          error,
        };
    };
    if (Buffer.byteLength(spec.source) > maxSourceBytes) {
      const compileError = `source exceeds ${maxSourceBytes} bytes`;
      fill(0, 'runtime_error', `not run: ${compileError}`);
      return { compileError, cases: cases as CaseRun[] };
    }
    const budgetMs = validBudget(spec.budgetMs);
    const slot = await acquire(signal);
    options.onStart?.();
    // Total budget: every case at its limit plus a second each, plus start-up, or the spec's
    // `budgetMs` (from now: the slot is ours) when lower; the code grader keeps it below its
    // watchdog and the engine's deadline, so a slow solution is a verdict (timeout), not an error.
    const own = n * (limits.timeMs + 1000) + 20_000;
    const deadline = performance.now() + (budgetMs === undefined ? own : Math.min(own, budgetMs));
    try {
      let next = 0;
      let sessions = 0;
      while (next < n || (n === 0 && sessions === 0)) {
        if (signal?.aborted) throw abortedError();
        if (sessions > 0 && performance.now() >= deadline) {
          fill(next, 'timeout', 'not run: the time budget of the whole solution was used up');
          break;
        }
        if (sessions++ > 0) telemetry().inc('rlvr_sandbox_restarts_total', LABELS);
        let r: Awaited<ReturnType<typeof runSession>>;
        try {
          r = await runSession(spec, limits, next, { ...sessionOptions(slot), deadline, signal });
        } catch (e) {
          if (signal?.aborted) throw abortedError();
          telemetry().inc('rlvr_sandbox_start_failures_total', LABELS);
          throw e;
        }
        if (r.compileError !== undefined) {
          fill(0, 'runtime_error', 'not run: compile error');
          return { compileError: r.compileError, cases: cases as CaseRun[] };
        }
        if (signal?.aborted) throw abortedError();
        for (const [i, run] of r.results) cases[i] = run;
        if (r.stopped) {
          fill(0, 'skipped', SKIPPED_ERROR);
          break;
        }
        if (r.loadFailure) {
          const lf = r.loadFailure;
          fill(next, lf.status, `solution failed to load: ${lf.error}`, lf.stdout, lf.stderr);
          break;
        }
        if (r.fatal) {
          cases[r.fatal.index] = r.fatal.run;
          next = r.fatal.index + 1;
          if (spec.stopOnFailure) {
            fill(next, 'skipped', SKIPPED_ERROR);
            break;
          }
          continue;
        }
        if (r.done) break;
        throw new SandboxError('RLVR_ERR_SANDBOX_PROTOCOL', 'sandbox ended without a result');
      }
      fill(0, 'runtime_error', 'not run');
      return { cases: cases as CaseRun[] };
    } finally {
      release(slot);
    }
  }

  return defineSandbox({
    id: 'python',
    aliases: ['python', 'py', 'python3', 'py3'],
    defaults,
    available,
    async execute(spec: ExecSpec, options?: ExecOptions): Promise<ExecResult> {
      if (closed) throw new SandboxError('RLVR_ERR_SANDBOX_CLOSED', 'python sandbox is closed');
      validate(spec);
      const a = await available();
      if (!a.ok)
        throw new SandboxError('RLVR_ERR_SANDBOX_UNAVAILABLE', `python sandbox unavailable: ${a.reason}`);
      return runOnce(spec, options);
    },
    async close() {
      closed = true;
      // Running sessions finish or hit their watchdogs; wait for the slots, then remove cgroups.
      const deadline = Date.now() + 30_000;
      while (free.length < maxConcurrency && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      cleanup();
      atExit.delete(cleanup);
    },
  });
}

/** A spec's `budgetMs` when it is a number (≤ 0 means already used up), else undefined. */
function validBudget(ms: number | undefined): number | undefined {
  return typeof ms === 'number' && !Number.isNaN(ms) ? Math.max(0, ms) : undefined;
}

/** A spec's limits: its own values when valid (bounded by `ceiling`), else the defaults. */
function clampLimits(
  defaults: ExecLimits,
  ceiling: ExecLimits,
  requested: Partial<ExecLimits> | undefined,
): ExecLimits {
  const pick = (d: number, c: number, r: number | undefined) =>
    r === undefined || !Number.isFinite(r) || r <= 0 ? d : Math.min(r, c);
  return {
    timeMs: pick(defaults.timeMs, ceiling.timeMs, requested?.timeMs),
    memoryMb: pick(defaults.memoryMb, ceiling.memoryMb, requested?.memoryMb),
    outputBytes: pick(defaults.outputBytes, ceiling.outputBytes, requested?.outputBytes),
  };
}

/**
 * Cleanups run when the process exits without close() (our cgroup directories live inside the
 * server's own cgroup and would keep its owner from removing it). One listener for all instances.
 */
const atExit = new Set<() => void>();
process.once('exit', () => {
  for (const f of atExit) f();
});

let uidCursor = 100_000 + (process.pid % 4096) * 64;

function allocateUids(n: number): number {
  const base = uidCursor;
  uidCursor += Math.max(16, n);
  return base;
}

/**
 * Compile runner.py once with the sandbox's interpreter into a private temp dir: running the
 * .pyc saves compiling ~700 lines in every sandbox (the sandbox's /opt is read-only, so Python
 * could not cache it itself). Falls back to the source on any failure.
 */
function precompileRunner(pythonPath: string): string | undefined {
  try {
    // Leftovers of servers that died without cleaning up (their pid is in the name).
    for (const name of readdirSync(tmpdir())) {
      const m = /^rlvr-python-runner-(\d+)-/.exec(name);
      if (m && !existsSync(`/proc/${m[1]}`)) rmSync(join(tmpdir(), name), { recursive: true, force: true });
    }
    const dir = mkdtempSync(join(tmpdir(), `rlvr-python-runner-${process.pid}-`));
    chmodSync(dir, 0o755);
    const out = join(dir, 'runner.pyc');
    const code = 'import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)';
    const r = spawnSync(pythonPath, ['-I', '-S', '-c', code, RUNNER_PATH, out], { timeout: 30_000, env: {} });
    if (r.status !== 0) return undefined;
    chmodSync(out, 0o644);
    return out;
  } catch {
    return undefined;
  }
}

function validate(spec: ExecSpec): void {
  const bad = (msg: string) => new SandboxError('RLVR_ERR_SANDBOX_SPEC', msg);
  if (typeof spec.source !== 'string') throw bad('source must be a string');
  if (spec.mode === 'function') {
    if (!spec.entryPoint || !Array.isArray(spec.calls)) throw bad('function mode needs entryPoint and calls');
  } else if (spec.mode === 'stdio') {
    if (!Array.isArray(spec.stdins)) throw bad('stdio mode needs stdins');
  } else if (spec.mode === 'assert') {
    if (!Array.isArray(spec.tests)) throw bad('assert mode needs tests');
  } else {
    throw bad(`unknown mode ${String(spec.mode)}`);
  }
}

/** The instance `sandboxes/index.ts` lists (defaults; the server may build its own). */
export const pythonSandbox: SandboxDefinition = createPythonSandbox();
