/**
 * One sandbox process: runs a slice of one solution's cases under bubblewrap and reports what
 * happened. The host side of runner.py's protocol (see the header of runner.py).
 *
 * Timing: `timeMs` limits each case's CPU time (process + reaped children, measured by the
 * runner), as judges do, so a loaded host does not turn Accepted into TLE. A host watchdog is
 * always armed: start-up (bwrap + interpreter + compile) gets `startupTimeoutMs`; loading the
 * solution's module-level code and each case (from its `start` message; the gap between cases is
 * charged to the next case) are checked at `wallFactor × timeMs` of wall time: killed if they used
 * their CPU budget or barely ran (sleeping, blocked, stopped), else re-checked (starved by load)
 * up to `MAX_WALL_FACTOR × timeMs`. A kill ends the whole process tree (bwrap's pid namespace dies
 * with the runner; the run's cgroup is swept) and the case is `timeout`. A finished case over
 * `timeMs` of CPU is also `timeout`. RLIMIT_CPU (sum of all budgets) is a last-resort backstop.
 *
 * Trust: only lines on the private result channel carrying this run's nonce, in protocol order,
 * count. Anything else (a forged line, a line too long, out-of-order indices) ends the run and
 * the current case is a `runtime_error` ("result channel tampered").
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { CaseRun, CaseStatus, ExecLimits, ExecSpec } from '../../src/core/sandbox.ts';
import { SandboxError } from '../../src/core/sandbox.ts';
import { type CgroupSupport, RunCgroup } from './cgroups.ts';
import { decodeValue } from './values.ts';

export interface SessionOptions {
  bwrapPath: string;
  bwrapArgs: string[];
  cgroups: CgroupSupport;
  /** Host uid/gid the sandbox runs as (set when the server is root); distinct per slot. */
  uid?: number;
  gid?: number;
  /** Task (process + thread) cap per run: cgroup pids.max and RLIMIT_NPROC. */
  pidsMax: number;
  startupTimeoutMs: number;
  graceMs: number;
  /**
   * The time limit is on CPU time (as judges do, so a loaded host does not turn Accepted into
   * TLE); the watchdog first looks at a case after `wallFactor × timeMs` of wall time.
   */
  wallFactor: number;
  /** Absolute `performance.now()` by which the whole execution must end (see index.ts). */
  deadline: number;
  /** Cap on one function-mode return value, bytes of JSON. */
  valueBytes: number;
  /** Aborting it kills the run at once (the caller stopped waiting; security review #11). */
  signal?: AbortSignal;
}

export interface SessionOutcome {
  compileError?: string;
  /** The solution's module-level code failed (every case of this slice gets the status). */
  loadFailure?: { status: CaseStatus; error: string; stdout: string; stderr: string };
  /** Reported cases by absolute index. */
  results: Map<number, CaseRun>;
  /** The case during which the process ended without reporting (absolute index). */
  fatal?: { index: number; run: CaseRun };
  /** The runner reached its end. */
  done: boolean;
  /** A case failed and the spec's `stopOnFailure` ended the run there (later cases not run). */
  stopped?: boolean;
  /** Peak memory of the run, bytes (cgroups only). */
  peakBytes?: number;
}

/** The job sent to runner.py on stdin. */
function jobPayload(spec: ExecSpec, limits: ExecLimits, first: number, nonce: string, o: SessionOptions) {
  const n = caseCount(spec);
  const cases: unknown[] = [];
  for (let i = first; i < n; i++) {
    if (spec.mode === 'function') cases.push({ args: spec.calls![i].args });
    else if (spec.mode === 'stdio') cases.push({ stdin: spec.stdins![i] });
    else cases.push({ test: spec.tests![i] });
  }
  const cpuMs = limits.timeMs * (cases.length + 1) * 2 + o.startupTimeoutMs;
  return {
    nonce,
    mode: spec.mode,
    source: spec.source,
    preamble: spec.preamble ?? '',
    entryPoint: spec.entryPoint ?? null,
    candidateName: spec.candidateName ?? null,
    argKinds: spec.argKinds ?? null,
    values: spec.values ?? 'json',
    cases,
    first,
    outputBytes: limits.outputBytes,
    stdinBytes: maxStdinBytes(spec),
    valueBytes: o.valueBytes,
    // Without a memory cgroup the address-space rlimit is the only memory cap (weaker: counts
    // virtual memory; the interpreter itself needs ~30 MiB of it).
    asBytes: o.cgroups.kind === 'none' ? (limits.memoryMb + 64) * 1024 * 1024 : null,
    nproc: o.uid !== undefined ? o.pidsMax : null,
    cpuSeconds: Math.ceil(cpuMs / 1000) + 1,
  };
}

/** Largest stdin of the spec, UTF-8 bytes (0 outside stdio mode). */
function maxStdinBytes(spec: ExecSpec): number {
  let max = 0;
  for (const s of spec.stdins ?? []) max = Math.max(max, Buffer.byteLength(s));
  return max;
}

/**
 * The bubblewrap arguments with the tmpfs sized for this run: at least the configured size, and
 * room for the largest stdin plus both capture files (tmpfs pages count against the memory limit).
 */
function sizedArgs(args: string[], spec: ExecSpec, limits: ExecLimits): string[] {
  const at = args.indexOf('--size');
  if (at < 0) return args;
  const need = maxStdinBytes(spec) + 2 * (limits.outputBytes + 1) + 16 * 1024 * 1024;
  const out = [...args];
  out[at + 1] = String(Math.max(Number(args[at + 1]), need));
  return out;
}

export function caseCount(spec: ExecSpec): number {
  if (spec.mode === 'function') return spec.calls?.length ?? 0;
  if (spec.mode === 'stdio') return spec.stdins?.length ?? 0;
  return spec.tests?.length ?? 0;
}

const JOIN_CGROUP_AND_EXEC =
  'while [ "$1" != -- ]; do echo $$ > "$1" || exit 97; shift; done; shift; exec "$@"';
const DIAG_BYTES = 16 * 1024;

type Phase = 'starting' | 'loading' | 'between' | 'case' | 'finished';

/** Run cases `first..` of `spec` in one fresh sandbox process. Rejects only with SandboxError. */
export async function runSession(
  spec: ExecSpec,
  limits: ExecLimits,
  first: number,
  o: SessionOptions,
): Promise<SessionOutcome> {
  const total = caseCount(spec);
  const nonce = randomBytes(16).toString('hex');
  let cg: RunCgroup | undefined;
  try {
    cg = RunCgroup.create(o.cgroups, {
      memoryMb: limits.memoryMb,
      pidsMax: o.pidsMax,
      uid: o.uid,
      gid: o.gid,
    });
  } catch (e) {
    throw new SandboxError('RLVR_ERR_SANDBOX_CGROUP', `cannot create run cgroup: ${(e as Error).message}`);
  }
  const out: SessionOutcome = { results: new Map(), done: false };
  let child: ChildProcess;
  try {
    child = spawn(
      '/bin/sh',
      [
        '-c',
        JOIN_CGROUP_AND_EXEC,
        'rlvr-sandbox',
        ...(cg?.procsFiles ?? []),
        '--',
        o.bwrapPath,
        ...sizedArgs(o.bwrapArgs, spec, limits),
      ],
      {
        stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
        env: {},
        uid: o.uid,
        gid: o.gid,
      },
    );
  } catch (e) {
    await cg?.destroy();
    throw new SandboxError('RLVR_ERR_SANDBOX_START', `cannot spawn bubblewrap: ${(e as Error).message}`);
  }

  let phase = 'starting' as Phase;
  let cursor = first; // the case started (phase 'case') or due next (phase 'between')
  let caseStart = 0;
  let killedFor: 'startup' | 'load' | 'case' | 'tamper' | undefined;
  let timer: NodeJS.Timeout | undefined;
  let oomBefore = 0;
  let diag = '';
  let spawnError: Error | undefined;
  const wallMs = limits.timeMs * o.wallFactor + o.graceMs;
  const maxLine = o.valueBytes + 12 * limits.outputBytes + 65536;

  // Kill the sandbox's processes but not bubblewrap itself: bubblewrap then reaps the runner (the
  // namespace's init) and exits. Killing bubblewrap first would orphan the runner to the host's
  // pid 1, which in some containers never reaps it (a zombie per timeout). Fallback after 500 ms.
  let fallback: NodeJS.Timeout | undefined;
  const kill = (why: typeof killedFor) => {
    if (phase === 'finished') return;
    killedFor ??= why;
    const victims = new Set([...descendants(child.pid), ...(cg?.pids() ?? [])]);
    victims.delete(child.pid ?? -1);
    for (const pid of victims) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {}
    }
    if (victims.size === 0) child.kill('SIGKILL');
    fallback ??= setTimeout(() => child.kill('SIGKILL'), 500);
  };
  const finish = (now = false) => {
    phase = 'finished';
    clearTimeout(timer);
    // The runner exits right after its last message; one that does not is ended anyway (at once
    // when the run is stopped before its end).
    timer = setTimeout(
      () => {
        for (const pid of [...descendants(child.pid), ...(cg?.pids() ?? [])]) {
          if (pid === child.pid) continue;
          try {
            process.kill(pid, 'SIGKILL');
          } catch {}
        }
        setTimeout(() => child.kill('SIGKILL'), 500).unref();
      },
      now ? 0 : 2000,
    );
  };
  const arm = (ms: number, why: typeof killedFor) => {
    clearTimeout(timer);
    timer = setTimeout(() => kill(why), ms);
  };
  arm(o.startupTimeoutMs, 'startup');
  // Watchdog for loading, each case and the gaps between cases. At `wallFactor × timeMs` of wall
  // time it looks at the CPU the run's processes used meanwhile: past `timeMs`, or under 10% of
  // the wall time (sleeping, blocked, stopped), it kills; otherwise the code is CPU-bound but
  // starved by a loaded host, and it checks again when the CPU budget could be used up, until a
  // hard cap of MAX_WALL_FACTOR × timeMs. So load does not turn Accepted into TLE.
  const runPids = () => (cg ? cg.pids() : descendants(child.pid));
  const watch = (why: 'load' | 'case') => {
    const start = performance.now();
    const cpu0 = cpuMsOf(runPids());
    const check = () => {
      const elapsed = performance.now() - start;
      const used = cpuMsOf(runPids()) - cpu0;
      if (used >= limits.timeMs || used < 0.1 * elapsed || elapsed >= limits.timeMs * MAX_WALL_FACTOR) {
        return kill(why);
      }
      timer = setTimeout(check, Math.max(50, limits.timeMs - used + o.graceMs));
    };
    clearTimeout(timer);
    timer = setTimeout(check, wallMs);
  };
  const budget = setTimeout(
    () => kill(phase === 'starting' ? 'startup' : 'case'),
    Math.max(0, o.deadline - performance.now()),
  );
  const onAbort = () => kill('case');
  o.signal?.addEventListener('abort', onAbort, { once: true });
  if (o.signal?.aborted) onAbort();

  const onMessage = (m: Record<string, unknown>) => {
    const t = m.t;
    if (phase === 'starting') {
      if (t === 'ready') {
        phase = 'loading';
        return watch('load');
      }
      if (t === 'compile_error') {
        out.compileError = String(m.error ?? 'SyntaxError');
        return finish();
      }
    } else if (phase === 'loading') {
      if (t === 'loaded') {
        phase = 'between';
        oomBefore = cg?.oomKills() ?? 0;
        return watch('case');
      }
      if (t === 'load_error') {
        out.loadFailure = {
          status: asStatus(m.status),
          error: String(m.error ?? ''),
          stdout: String(m.stdout ?? ''),
          stderr: String(m.stderr ?? ''),
        };
        return finish();
      }
    } else if (phase === 'between') {
      if (t === 'start' && m.i === cursor && cursor < total) {
        phase = 'case';
        caseStart = performance.now();
        return watch('case');
      }
      if (t === 'done' && cursor === total) {
        out.done = true;
        return finish();
      }
    } else if (phase === 'case') {
      if (t === 'end' && m.i === cursor) {
        const oomNow = cg?.oomKills() ?? 0;
        let status = asStatus(m.status);
        const ms = typeof m.ms === 'number' ? m.ms : performance.now() - caseStart;
        const cpuMs = typeof m.cpu === 'number' ? m.cpu : ms;
        if (status === 'runtime_error' && oomNow > oomBefore) status = 'memory';
        const slow = cpuMs > limits.timeMs || ms > limits.timeMs * MAX_WALL_FACTOR;
        if (slow && (status === 'ok' || status === 'runtime_error' || status === 'invalid_return')) {
          status = 'timeout';
        }
        oomBefore = oomNow;
        const run: CaseRun = {
          status,
          stdout: String(m.stdout ?? ''),
          stderr: String(m.stderr ?? ''),
          timeMs: ms,
          cpuMs,
        };
        if (status === 'ok' && 'value' in m) run.value = decodeValue(m.value);
        if (typeof m.error === 'string') run.error = m.error;
        out.results.set(cursor, run);
        cursor++;
        if (spec.stopOnFailure && status !== 'ok' && cursor < total) {
          out.stopped = true;
          return finish(true);
        }
        phase = 'between';
        return watch('case');
      }
    }
    kill('tamper');
  };

  // Result channel: newline-delimited JSON with the nonce.
  // Only the new chunk is searched for a newline (a 16 MiB value arrives in many chunks).
  let pending: string[] = [];
  let pendingLength = 0;
  const channel = child.stdio[3] as Readable | null;
  channel?.setEncoding('utf8');
  channel?.on('data', (chunk: string) => {
    let from = 0;
    let nl = chunk.indexOf('\n');
    while (nl >= 0) {
      pending.push(chunk.slice(from, nl));
      const line = pending.join('');
      pending = [];
      pendingLength = 0;
      let m: Record<string, unknown> | undefined;
      try {
        m = JSON.parse(line);
      } catch {}
      if (!m || typeof m !== 'object' || m.n !== nonce) return kill('tamper');
      onMessage(m);
      from = nl + 1;
      nl = chunk.indexOf('\n', from);
    }
    if (from < chunk.length) {
      pending.push(chunk.slice(from));
      pendingLength += chunk.length - from;
      if (pendingLength > maxLine) kill('tamper');
    }
  });
  channel?.on('error', () => {});
  for (const s of [child.stdout, child.stderr]) {
    s?.setEncoding('utf8');
    s?.on('data', (d: string) => {
      if (diag.length < DIAG_BYTES) diag += d.slice(0, DIAG_BYTES - diag.length);
    });
    s?.on('error', () => {});
  }
  child.stdin?.on('error', () => {});
  child.stdin?.end(JSON.stringify(jobPayload(spec, limits, first, nonce, o)));

  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('error', (e) => {
      spawnError = e;
      resolve({ code: null, signal: null });
    });
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  clearTimeout(timer);
  clearTimeout(budget);
  clearTimeout(fallback);
  o.signal?.removeEventListener('abort', onAbort);
  const oomAfter = cg?.oomKills() ?? 0;
  out.peakBytes = cg?.peakBytes();
  await cg?.destroy();

  if (phase === 'finished' && killedFor !== 'tamper') return out;
  const elapsed = performance.now() - caseStart;
  const exitText =
    exit.signal !== null
      ? `killed by ${exit.signal}`
      : exit.code !== null && exit.code > 128
        ? `killed by signal ${exit.code - 128}`
        : `exited with status ${exit.code}`;
  if (phase === 'starting') {
    if (spawnError)
      throw new SandboxError('RLVR_ERR_SANDBOX_START', `cannot start sandbox: ${spawnError.message}`);
    if (exit.code === 97)
      throw new SandboxError('RLVR_ERR_SANDBOX_CGROUP', 'sandbox could not join its cgroup');
    if (oomAfter > 0) {
      out.loadFailure = { status: 'memory', error: 'out of memory while starting', stdout: '', stderr: '' };
      return out;
    }
    const why = killedFor === 'startup' ? `did not start within ${o.startupTimeoutMs} ms` : exitText;
    throw new SandboxError('RLVR_ERR_SANDBOX_START', `sandbox ${why}: ${diag.trim().slice(0, 2000)}`);
  }
  const status: CaseStatus =
    killedFor === 'tamper'
      ? 'runtime_error'
      : killedFor === 'load' || killedFor === 'case' || exit.code === 128 + 24 /* SIGXCPU */
        ? 'timeout'
        : oomAfter > oomBefore
          ? 'memory'
          : 'runtime_error';
  const error =
    killedFor === 'tamper'
      ? 'result channel tampered'
      : status === 'timeout'
        ? `time limit of ${limits.timeMs} ms exceeded`
        : status === 'memory'
          ? `memory limit of ${limits.memoryMb} MiB exceeded`
          : `process ${exitText}`;
  if (phase === 'loading') {
    out.loadFailure = { status, error: `${error} while loading the solution`, stdout: '', stderr: '' };
  } else if (cursor < total) {
    const timeMs = phase === 'case' ? elapsed : 0;
    out.fatal = { index: cursor, run: { status, stdout: '', stderr: '', timeMs, error } };
  } else {
    out.done = true;
  }
  return out;
}

/** Hard cap on a case's wall time, in multiples of its CPU limit (see the watchdog). */
const MAX_WALL_FACTOR = 10;

/** CPU time of these processes, ms: utime + stime + reaped children's (/proc/<pid>/stat, 100 Hz). */
function cpuMsOf(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    } catch {}
  }
  return ticks * 10;
}

/** All descendants of `root` (by scanning /proc's parent links). */
function descendants(root: number | undefined): number[] {
  if (root === undefined) return [];
  const children = new Map<number, number[]>();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(e));
      children.set(ppid, list);
    } catch {}
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    for (const c of children.get(queue.pop()!) ?? []) {
      out.push(c);
      queue.push(c);
    }
  }
  return out;
}

const STATUSES: ReadonlySet<string> = new Set([
  'ok',
  'runtime_error',
  'timeout',
  'memory',
  'output_limit',
  'invalid_return',
]);

function asStatus(s: unknown): CaseStatus {
  return typeof s === 'string' && STATUSES.has(s) ? (s as CaseStatus) : 'runtime_error';
}
