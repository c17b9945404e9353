/**
 * Host side of the JS sandbox: a pool of long-lived child processes (child.ts), one job at a
 * time each, behind a bounded FIFO queue.
 *
 * Never lose an item, never hang: each busy child has a host watchdog (start-up budget, then
 * `5 × timeMs + graceMs` per case — a first attempt, the CPU-starved retry of runner.ts, slack —
 * reset by every case report) and an RSS monitor (isolated-vm's memory limit is a guideline that
 * hostile code can overshoot several times). A child that
 * stops answering is SIGKILLed: the running case is `timeout` (or `memory` when the RSS cap
 * fired), and the rest of the job resumes in a fresh child from the first unreported case. A
 * child that dies on its own (isolated-vm catastrophic error, V8 abort) gets one retry of the
 * case in a fresh child; a second death on the same case is that case's verdict (`memory` when
 * the child reported a memory catastrophe, else `runtime_error`). Every replacement counts in
 * `rlvr_sandbox_restarts_total`, every child that never became ready in
 * `rlvr_sandbox_start_failures_total`.
 *
 * Children run with a clean environment (no secrets to leak even through a V8 escape), core
 * dumps off (`ulimit -c 0`, so an abort leaves no file), and `--no-node-snapshot`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  abortedError,
  type CaseRun,
  type ExecResult,
  type ExecSpec,
  SandboxError,
  SKIPPED_ERROR,
} from '../../src/core/sandbox.ts';
import { telemetry } from '../../src/core/telemetry.ts';
import { caseCount, type FromChild, type ToChild, WATCHDOG_FACTOR } from './protocol.ts';

export interface JsPoolOptions {
  /** Child processes. */
  size: number;
  /** Jobs waiting for a child before `execute` rejects with RLVR_ERR_SANDBOX_BUSY. */
  maxQueue: number;
  /** Host watchdog slack over the per-case budget, ms. */
  graceMs: number;
  /** Budget for a child to start and for transpile + compile before the first case, ms. */
  startupTimeoutMs: number;
  /** RSS cap for a child running a job with `memoryMb`, MiB. */
  rssCapMb: (memoryMb: number) => number;
  /** Node ≥ 24 binary for the children. */
  nodePath: string;
  /** Metric label. */
  language: string;
  /** Cap on one function-mode return value, bytes of JSON. */
  valueBytes: number;
}

const CHILD_PATH = fileURLToPath(new URL('./child.ts', import.meta.url));
const PAGE_KB = 4;

interface Job {
  id: number;
  spec: ExecSpec;
  cases: (CaseRun | undefined)[];
  /** First case without a result. */
  next: number;
  /** Case index already retried after a child crash. */
  crashRetried: number;
  resolve: (r: ExecResult) => void;
  reject: (e: Error) => void;
  /** Called when a child first takes the job (starts its budget); cleared after. */
  start?: () => void;
}

const BUDGET_ERROR = 'not run: the time budget of the whole solution was used up';

interface Worker {
  proc: ChildProcess;
  pid: number;
  ready: boolean;
  job: Job | undefined;
  killReason: 'timeout' | 'memory' | 'recycle' | 'close' | undefined;
  watchdog: NodeJS.Timeout | undefined;
  rssTimer: NodeJS.Timeout | undefined;
  stderrTail: string;
  startTimer: NodeJS.Timeout | undefined;
}

export class JsPool {
  readonly #o: JsPoolOptions;
  readonly #workers = new Set<Worker>();
  readonly #queue: Job[] = [];
  #nextId = 1;
  #closed = false;
  #spawned = 0;
  #startFailuresInRow = 0;

  constructor(options: JsPoolOptions) {
    this.#o = options;
  }

  get labels() {
    return { language: this.#o.language };
  }

  /**
   * Run one solution; resolves with every case, rejects only with SandboxError (our side).
   * `signal` aborts it (leaves the queue, or its child is killed; rejects RLVR_ERR_SANDBOX_ABORTED).
   * The spec's `budgetMs`, from when a child first takes the job (`onStart`), ends it: the running
   * case and the rest are `timeout`. `stopOnFailure`: after the first case that is not `ok` the
   * rest are `skipped` and the child is replaced (it would go on running them).
   */
  execute(spec: ExecSpec, signal?: AbortSignal, onStart?: () => void): Promise<ExecResult> {
    if (signal?.aborted) return Promise.reject(abortedError());
    if (this.#closed)
      return Promise.reject(new SandboxError('RLVR_ERR_SANDBOX_CLOSED', 'JS sandbox is closed'));
    const n = caseCount(spec);
    if (n === 0) return Promise.resolve({ cases: [] });
    if (this.#queue.length >= this.#o.maxQueue) {
      return Promise.reject(
        new SandboxError('RLVR_ERR_SANDBOX_BUSY', `JS sandbox queue is full (${this.#o.maxQueue} waiting)`),
      );
    }
    return new Promise<ExecResult>((resolve, reject) => {
      let budgetTimer: NodeJS.Timeout | undefined;
      const settle = () => {
        clearTimeout(budgetTimer);
        signal?.removeEventListener('abort', onAbort);
      };
      const job: Job = {
        id: this.#nextId++,
        spec,
        cases: new Array(n),
        next: 0,
        crashRetried: -1,
        resolve: (r) => {
          settle();
          resolve(r);
        },
        reject: (e) => {
          settle();
          reject(e);
        },
        start: () => {
          job.start = undefined;
          onStart?.();
          if (typeof spec.budgetMs === 'number' && !Number.isNaN(spec.budgetMs)) {
            budgetTimer = setTimeout(() => this.#cancel(job, 'budget'), Math.max(0, spec.budgetMs));
          }
        },
      };
      const onAbort = () => this.#cancel(job, 'abort');
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(job);
      this.#setDepth();
      this.#fill();
      this.#dispatch();
    });
  }

  /**
   * Take `job` back from the queue or from the child running it (killed, and replaced by #fill).
   * `abort`: rejects. `budget`: the running case and the rest are `timeout` (a job requeued after
   * its child died before any case ran rejects RLVR_ERR_SANDBOX_BUSY).
   */
  #cancel(job: Job, why: 'abort' | 'budget'): void {
    const at = this.#queue.indexOf(job);
    let started = job.next > 0;
    if (at >= 0) {
      this.#queue.splice(at, 1);
      this.#setDepth();
    } else {
      const w = [...this.#workers].find((x) => x.job === job);
      if (!w) return; // already settled
      started = true;
      this.#abandon(w);
    }
    if (why === 'abort') {
      job.reject(abortedError());
      return;
    }
    if (!started) {
      job.reject(
        new SandboxError('RLVR_ERR_SANDBOX_BUSY', `no JS sandbox child within ${job.spec.budgetMs} ms`),
      );
      return;
    }
    for (let i = job.next; i < job.cases.length; i++) {
      job.cases[i] = {
        status: 'timeout',
        stdout: '',
        stderr: '',
        timeMs: 0,
        error: i === job.next ? 'time budget of the whole solution used up during this case' : BUDGET_ERROR,
      };
    }
    job.next = job.cases.length;
    this.#complete(job);
  }

  /**
   * Detach the job from its child and kill the child; #onExit then only replaces it. The child
   * stays referenced until it exits, so a CLI run does not end before its replacement is spawned.
   */
  #abandon(w: Worker): void {
    clearTimeout(w.watchdog);
    clearTimeout(w.rssTimer);
    w.job = undefined;
    w.killReason = 'recycle';
    w.proc.kill('SIGKILL');
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#queue.splice(0))
      job.reject(new SandboxError('RLVR_ERR_SANDBOX_CLOSED', 'JS sandbox closed'));
    this.#setDepth();
    const exits: Promise<void>[] = [];
    for (const w of this.#workers) {
      w.killReason = 'close';
      this.#busy(w);
      exits.push(
        new Promise((r) =>
          w.proc.exitCode !== null || w.proc.signalCode !== null ? r() : w.proc.once('exit', () => r()),
        ),
      );
      w.proc.kill('SIGKILL');
    }
    await Promise.all(exits);
  }

  /** Live child pids (tests check that none survive). */
  pids(): number[] {
    return [...this.#workers].map((w) => w.pid);
  }

  #setDepth(): void {
    telemetry().set('rlvr_sandbox_queue_depth', this.labels, this.#queue.length);
  }

  #fill(): void {
    while (!this.#closed && this.#workers.size < this.#o.size) this.#spawn();
  }

  #spawn(): void {
    const o = this.#o;
    const proc = spawn(
      '/bin/sh',
      [
        '-c',
        'ulimit -c 0; exec "$0" "$@"',
        o.nodePath,
        '--no-node-snapshot',
        '--disable-warning=ExperimentalWarning',
        CHILD_PATH,
      ],
      {
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        env: {
          PATH: '/usr/bin:/bin',
          RLVR_JS_GRACE_MS: String(Math.min(o.graceMs, 500)),
          RLVR_JS_VALUE_BYTES: String(o.valueBytes),
        },
        serialization: 'json',
      },
    );
    const w: Worker = {
      proc,
      pid: proc.pid ?? -1,
      ready: false,
      job: undefined,
      killReason: undefined,
      watchdog: undefined,
      rssTimer: undefined,
      stderrTail: '',
      startTimer: undefined,
    };
    if (this.#spawned++ >= o.size) telemetry().inc('rlvr_sandbox_restarts_total', this.labels);
    this.#workers.add(w);
    proc.stderr?.setEncoding('utf8');
    proc.stderr?.on('data', (d: string) => {
      w.stderrTail = (w.stderrTail + d).slice(-4096);
    });
    proc.on('message', (m: FromChild) => this.#onMessage(w, m));
    proc.on('error', () => {
      // A failed spawn never emits 'exit'; other errors are followed by it.
      if (proc.pid === undefined) this.#onExit(w);
    });
    proc.on('exit', () => this.#onExit(w));
    w.startTimer = setTimeout(() => {
      if (!w.ready) {
        w.killReason = 'timeout';
        proc.kill('SIGKILL');
      }
    }, o.startupTimeoutMs);
    this.#idle(w);
  }

  /** Idle children do not keep the host process alive. */
  #idle(w: Worker): void {
    w.proc.unref();
    (w.proc.channel as { unref?: () => void } | undefined)?.unref?.();
    (w.proc.stderr as { unref?: () => void } | null)?.unref?.();
  }

  #busy(w: Worker): void {
    w.proc.ref();
    (w.proc.channel as { ref?: () => void } | undefined)?.ref?.();
  }

  #dispatch(): void {
    for (const w of this.#workers) {
      if (this.#queue.length === 0) return;
      if (!w.ready || w.job || w.killReason) continue;
      const job = this.#queue.shift()!;
      this.#setDepth();
      w.job = job;
      job.start?.();
      this.#busy(w);
      const msg: ToChild = { t: 'run', job: { id: job.id, spec: job.spec, startCase: job.next } };
      const lost = () => {
        // The channel closed under us: no case ran, the exit handler resumes the job elsewhere.
        if (w.killReason) return;
        w.killReason = 'recycle';
        w.proc.kill('SIGKILL');
      };
      try {
        w.proc.send(msg, (err) => {
          if (err) lost();
        });
      } catch {
        lost();
      }
      this.#arm(w, this.#o.startupTimeoutMs + WATCHDOG_FACTOR * job.spec.limits.timeMs + this.#o.graceMs);
      this.#watchRss(w);
    }
  }

  #arm(w: Worker, ms: number): void {
    clearTimeout(w.watchdog);
    w.watchdog = setTimeout(() => {
      if (w.job && !w.killReason) {
        w.killReason = 'timeout';
        w.proc.kill('SIGKILL');
      }
    }, ms);
  }

  #watchRss(w: Worker): void {
    const job = w.job!;
    const capKb = this.#o.rssCapMb(job.spec.limits.memoryMb) * 1024;
    const tick = () => {
      if (w.job !== job || w.killReason) return;
      let kb = 0;
      try {
        kb = Number(readFileSync(`/proc/${w.pid}/statm`, 'utf8').split(' ')[1]) * PAGE_KB;
      } catch {
        return;
      }
      if (kb > capKb) {
        w.killReason = 'memory';
        w.proc.kill('SIGKILL');
        return;
      }
      w.rssTimer = setTimeout(tick, 50);
    };
    w.rssTimer = setTimeout(tick, 50);
  }

  #onMessage(w: Worker, m: FromChild): void {
    if (m.t === 'ready') {
      w.ready = true;
      clearTimeout(w.startTimer);
      this.#startFailuresInRow = 0;
      this.#dispatch();
      return;
    }
    const job = w.job;
    if (!job || !('id' in m) || m.id !== job.id) return;
    switch (m.t) {
      case 'case':
        if (m.index === job.next) {
          job.cases[m.index] = m.run;
          job.next++;
          if (job.spec.stopOnFailure && m.run.status !== 'ok' && job.next < job.cases.length) {
            for (let i = job.next; i < job.cases.length; i++)
              job.cases[i] = { status: 'skipped', stdout: '', stderr: '', timeMs: 0, error: SKIPPED_ERROR };
            job.next = job.cases.length;
            this.#complete(job);
            // After a timeout or memory blow-up the rest would likely do the same: replace the child.
            // After a quick failure (runtime error…) a respawn costs more (~0.4 s of CPU) than
            // letting the child finish the rest, which the watchdog armed below still bounds to one
            // case's budget; its reports are ignored and its `done` frees it.
            if (m.run.status === 'timeout' || m.run.status === 'memory') {
              this.#abandon(w);
              return;
            }
          }
          this.#arm(w, WATCHDOG_FACTOR * job.spec.limits.timeMs + this.#o.graceMs);
        }
        return;
      case 'done':
        this.#release(w);
        if (m.compileError !== undefined) {
          for (let i = 0; i < job.cases.length; i++)
            job.cases[i] ??= {
              status: 'runtime_error',
              stdout: '',
              stderr: '',
              timeMs: 0,
              error: 'compile error',
            };
          job.resolve({ compileError: m.compileError, cases: job.cases as CaseRun[] });
        } else this.#complete(job);
        this.#dispatch();
        return;
      case 'fail':
        this.#release(w);
        job.reject(new SandboxError(m.code, m.message));
        this.#dispatch();
        return;
      case 'recycle':
        w.killReason = 'recycle';
        return;
    }
  }

  #release(w: Worker): void {
    clearTimeout(w.watchdog);
    clearTimeout(w.rssTimer);
    w.job = undefined;
    this.#idle(w);
  }

  #complete(job: Job): void {
    for (let i = 0; i < job.cases.length; i++) {
      // Defensive: a child that says done must have reported every case.
      job.cases[i] ??= {
        status: 'runtime_error',
        stdout: '',
        stderr: '',
        timeMs: 0,
        error: 'case was not run',
      };
    }
    job.resolve({ cases: job.cases as CaseRun[] });
  }

  #onExit(w: Worker): void {
    if (!this.#workers.has(w)) return;
    clearTimeout(w.watchdog);
    clearTimeout(w.rssTimer);
    clearTimeout(w.startTimer);
    this.#workers.delete(w);
    const job = w.job;
    w.job = undefined;
    if (!w.ready && w.killReason !== 'close') {
      telemetry().inc('rlvr_sandbox_start_failures_total', this.labels);
      this.#startFailuresInRow++;
    }
    if (job) this.#resume(w, job);
    if (this.#closed) return;
    if (this.#startFailuresInRow >= 3) {
      // The sandbox cannot start here: fail queued jobs instead of looping.
      for (const j of this.#queue.splice(0))
        j.reject(
          new SandboxError(
            'RLVR_ERR_SANDBOX_START',
            `JS sandbox children fail to start: ${w.stderrTail.trim().slice(-500)}`,
          ),
        );
      this.#setDepth();
      this.#startFailuresInRow = 0;
      return;
    }
    this.#fill();
    this.#dispatch();
  }

  /** The child running `job` died: give the running case its verdict and requeue the rest. */
  #resume(w: Worker, job: Job): void {
    const i = job.next;
    const n = job.cases.length;
    if (i < n) {
      const reason = w.killReason;
      const catastrophic = /RLVR_CATASTROPHIC (.*)/.exec(w.stderrTail)?.[1];
      const set = (status: CaseRun['status'], error: string) => {
        job.cases[i] = {
          status,
          stdout: '',
          stderr: '',
          timeMs: status === 'timeout' ? job.spec.limits.timeMs : 0,
          error,
        };
        job.next++;
      };
      if (reason === 'timeout')
        set('timeout', 'time limit exceeded (sandbox process stopped answering; killed)');
      else if (reason === 'memory') set('memory', 'memory limit exceeded (sandbox process RSS cap; killed)');
      else if (reason === 'recycle') {
        /* the poisoned case was reported; continue from the next */
      } else if (!w.ready) {
        /* died before it could start: not the solution's fault, run again */
      } else if (job.crashRetried !== i) job.crashRetried = i;
      else if (catastrophic && /memory|terminate/i.test(catastrophic))
        set('memory', `memory limit exceeded (${catastrophic})`);
      else set('runtime_error', `sandbox process crashed${catastrophic ? `: ${catastrophic}` : ''}`);
    }
    if (job.next >= n) {
      this.#complete(job);
      return;
    }
    if (this.#closed) {
      job.reject(new SandboxError('RLVR_ERR_SANDBOX_CLOSED', 'JS sandbox closed'));
      return;
    }
    this.#queue.unshift(job);
    this.#setDepth();
  }
}
