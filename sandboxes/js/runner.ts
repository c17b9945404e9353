/**
 * Runs one solution's cases in isolated-vm, inside a sandbox child process (child.ts).
 *
 * Per solution: a fresh isolate with `memoryMb` as its memory limit; the harness (harness.js)
 * and the solution are compiled once per isolate. Per case: a fresh context (stdio and assert
 * modes: each case is a separate program run); function mode loads the solution once and calls
 * the entry point per case, reloading in a fresh context after a case that ended badly (timeout,
 * memory) so later cases get their own verdicts.
 *
 * Scripts, not eval: the solution and each test are separate compiled scripts in one context, so
 * a solution cannot swallow the test text (an open comment or template), cannot skip it with a
 * top-level `return`, and cannot shadow the globals the test uses (they are non-configurable, so
 * a top-level `let console` is a SyntaxError). Tests run in strict mode: a candidate cannot climb
 * to the test function through `arguments.callee.caller`.
 *
 * Time: every isolated-vm call gets `timeout` = what is left of the case's `timeMs` (wall), and a
 * host timer `graceMs` later races it for hangs outside isolated-vm's timeout (a never-settling
 * promise is detected by the harness; a hostile object thrown across the boundary can spin while
 * being copied). When that timer fires the case is a timeout and the child is recycled.
 */
import ivm from 'isolated-vm';
import type { CaseRun, CaseStatus, ExecSpec } from '../../src/core/sandbox.ts';
import { type Library, librariesFor } from './libraries.ts';
import { caseCount, STARVED_WALL_FACTOR } from './protocol.ts';
import { transpileTypeScript } from './transpile.ts';

export interface RunnerOptions {
  /** harness.js source. */
  harness: string;
  /** Slack of the in-child host timer over isolated-vm's own timeout, ms. */
  graceMs: number;
  /** Cap on one function-mode return value, bytes of JSON. */
  valueBytes: number;
  /** Called when isolated-vm reports a catastrophic error (the child must die). */
  onCatastrophicError: (message: string) => void;
}

export interface RunOutcome {
  compileError?: string;
  /** A hang outside isolated-vm's control happened: the child should be replaced. */
  poisoned: boolean;
}

const ENTRY = /^([A-Za-z_$][\w$]*)(?:(\(\))?\.([A-Za-z_$][\w$]*))?$/;
const IDENT = /^[A-Za-z_$][\w$]*$/;
const TIMED_OUT = 'Script execution timed out.';
const HOST_TIMEOUT = Symbol('host-timeout');
/** Released contexts are reclaimed lazily; a fresh isolate every so many keeps the heap small. */
const CONTEXTS_PER_ISOLATE = 100;
/**
 * A timeout is "starved" when the child used less than this share of the wall time as CPU. Not
 * 1/2: driving timers costs thread hops, so a busy timer loop uses only ~2/3 of the wall as CPU.
 */
const STARVED_CPU_SHARE = 0.25;

type Ctl = ivm.Reference<(op: string, arg?: unknown) => string>;

interface HarnessResult {
  status: CaseStatus;
  error?: string;
  stdout: string;
  stderr: string;
  exit: number | null;
  exited: boolean;
  value?: string;
  pending: boolean;
}

/** Text of an error that crossed the isolate boundary (no host paths: guest frames only). */
function errorText(e: unknown): string {
  if (e instanceof Error) {
    const name = e.name && e.name !== 'Error' ? e.name : e.constructor?.name || 'Error';
    return `${name}: ${e.message}`.slice(0, 2000);
  }
  try {
    return `Uncaught ${String(e)}`.slice(0, 2000);
  } catch {
    return 'Uncaught exception';
  }
}

class Poisoned extends Error {}

interface Spare {
  iso: ivm.Isolate;
  harness: ivm.Script;
  memoryMb: number;
  contexts: number;
}

export class JsRunner {
  readonly #opts: RunnerOptions;
  #harnessCache: ivm.ExternalCopy<ArrayBuffer> | undefined;
  #spare: Spare | undefined;

  constructor(opts: RunnerOptions) {
    this.#opts = opts;
  }

  /** Run `spec`'s cases from `startCase` on; `emit` is called once per case, in order. */
  async run(
    spec: ExecSpec,
    startCase: number,
    emit: (index: number, run: CaseRun) => void,
  ): Promise<RunOutcome> {
    let code = spec.preamble ? `${spec.preamble}\n${spec.source}` : spec.source;
    if (spec.language === 'typescript') {
      const t = transpileTypeScript(code);
      if (t.error !== undefined) return { compileError: t.error, poisoned: false };
      code = t.code!;
    }
    const job = new Job(this, spec, code, emit);
    try {
      return await job.run(startCase);
    } finally {
      job.dispose();
    }
  }

  /**
   * An isolate that finished a solution cleanly, kept for the next one with the same memory
   * limit: saves creating the isolate and compiling the harness. Safe because every case runs in
   * a fresh context (a separate realm), nothing runs between calls (microtasks drain at the end
   * of each call, timers are the harness's, FinalizationRegistry is removed), and isolates that
   * saw a timeout, an OOM or a hang are never reused.
   */
  putSpare(spare: Spare): void {
    const old = this.#spare;
    this.#spare = spare;
    if (old && !old.iso.isDisposed) old.iso.dispose();
  }

  takeSpare(memoryMb: number): Spare | undefined {
    const s = this.#spare;
    if (!s || s.iso.isDisposed || s.memoryMb !== memoryMb) return undefined;
    this.#spare = undefined;
    return s;
  }

  get options(): RunnerOptions {
    return this.#opts;
  }

  /** Compile the harness in `iso`, reusing V8's code cache across isolates. */
  async compileHarness(iso: ivm.Isolate): Promise<ivm.Script> {
    const info = { filename: 'file:///harness.js' };
    if (this.#harnessCache)
      return iso.compileScript(this.#opts.harness, { ...info, cachedData: this.#harnessCache });
    const s = await iso.compileScript(this.#opts.harness, { ...info, produceCachedData: true });
    this.#harnessCache = (s as ivm.Script & { cachedData?: ivm.ExternalCopy<ArrayBuffer> }).cachedData;
    return s;
  }
}

class Job {
  readonly runner: JsRunner;
  readonly spec: ExecSpec;
  readonly code: string;
  readonly emit: (index: number, run: CaseRun) => void;
  readonly timeMs: number;
  /** Wall budget of the current attempt, ms (timeMs, or STARVED_WALL_FACTOR × on a retry). */
  budgetMs: number;
  /** CPU the isolate used in the last attempt, ms, and whether its timeout looked starved. */
  lastCpuMs = 0;
  lastStarved = false;
  iso: ivm.Isolate | undefined;
  harness: ivm.Script | undefined;
  solution: ivm.Script | undefined;
  /** LeetCode runtime globals the solution names (libraries.ts), compiled in the current isolate. */
  readonly libs: Library[];
  libScripts: ivm.Script[] = [];
  poisoned = false;
  contexts = 0;
  // function mode: the loaded context
  fctx: ivm.Context | undefined;
  fctl: Ctl | undefined;
  loadFailure: CaseRun | undefined;

  constructor(runner: JsRunner, spec: ExecSpec, code: string, emit: (index: number, run: CaseRun) => void) {
    this.runner = runner;
    this.spec = spec;
    this.code = code;
    this.emit = emit;
    this.timeMs = spec.limits.timeMs;
    this.budgetMs = this.timeMs;
    this.libs = librariesFor(code);
  }

  /** Hand a clean isolate back for the next solution (fresh contexts keep solutions apart). */
  dispose(): void {
    this.fctx?.release();
    this.fctx = undefined;
    const iso = this.iso;
    this.iso = undefined;
    // A poisoned isolate may have a thread spinning in it: leave it to the child's death.
    if (!iso || iso.isDisposed || this.poisoned) return;
    if (this.contexts >= CONTEXTS_PER_ISOLATE) iso.dispose();
    else
      this.runner.putSpare({
        iso,
        harness: this.harness!,
        memoryMb: this.spec.limits.memoryMb,
        contexts: this.contexts,
      });
  }

  /** A fresh isolate with the harness and the solution compiled; returns a compile error if any. */
  async ensureIsolate(): Promise<string | undefined> {
    if (this.iso && !this.iso.isDisposed) return undefined;
    this.fctx = undefined;
    this.fctl = undefined;
    const spare = this.runner.takeSpare(this.spec.limits.memoryMb);
    if (spare) {
      this.iso = spare.iso;
      this.harness = spare.harness;
      this.contexts = spare.contexts;
    } else {
      this.contexts = 0;
      this.iso = new ivm.Isolate({
        memoryLimit: Math.max(8, this.spec.limits.memoryMb),
        onCatastrophicError: this.runner.options.onCatastrophicError,
      });
      this.harness = await this.runner.compileHarness(this.iso);
    }
    const iso = this.iso;
    this.libScripts = await Promise.all(
      this.libs.map((l) => iso.compileScript(l.source, { filename: `file:///${l.name}.js` })),
    );
    try {
      this.solution = await iso.compileScript(this.code, { filename: 'file:///solution.js' });
    } catch (e) {
      return errorText(e);
    }
    return undefined;
  }

  async run(startCase: number): Promise<RunOutcome> {
    const compileError = await this.ensureIsolate();
    if (compileError !== undefined) return { compileError, poisoned: false };
    const n = caseCount(this.spec);
    for (let i = startCase; i < n; i++) {
      let run: CaseRun;
      try {
        run = await this.runCase(i);
      } catch (e) {
        if (!(e instanceof Poisoned)) throw e;
        run = { status: 'timeout', stdout: '', stderr: '', timeMs: this.timeMs, error: e.message };
        this.poisoned = true;
      }
      this.emit(i, run);
      if (this.poisoned) return { poisoned: true };
    }
    return { poisoned: false };
  }

  /**
   * One case. The limit is wall-clock per attempt; when a case times out having used less than a
   * quarter of its `timeMs` as CPU (the machine was oversubscribed: everything in an isolate is CPU),
   * it runs once more with `STARVED_WALL_FACTOR × timeMs` of wall time, and then passes only if it
   * also used at most `timeMs` of CPU: a busy machine does not turn a fast solution into a TLE.
   */
  async runCase(i: number): Promise<CaseRun> {
    this.budgetMs = this.timeMs;
    this.lastCpuMs = 0;
    const once = () => (this.spec.mode === 'function' ? this.functionCase(i) : this.programCase(i));
    let run = await once();
    if (run.status === 'timeout' && this.lastStarved) {
      this.budgetMs = this.timeMs * STARVED_WALL_FACTOR;
      run = await once();
      this.budgetMs = this.timeMs;
      if (run.status !== 'timeout' && this.lastCpuMs > this.timeMs)
        run = {
          ...run,
          status: 'timeout',
          error: `time limit exceeded (${Math.round(this.lastCpuMs)} ms of CPU)`,
        };
    }
    // CPU of the sandbox child during the case (isolate threads + harness calls)
    return { ...run, cpuMs: Math.round(this.lastCpuMs * 1000) / 1000 };
  }

  /**
   * CPU this child process used since `mark`, ms (getrusage: every thread, isolates included).
   * isolated-vm's own `isolate.cpuTime` keeps counting while the process is paused, so it cannot
   * tell starvation from spinning; the child runs one job at a time, so its CPU is the job's.
   */
  cpuSince(mark: NodeJS.CpuUsage): number {
    const d = process.cpuUsage(mark);
    return (d.user + d.system) / 1000;
  }

  /** Record the attempt's CPU and whether a timeout in it looks like starvation. */
  noteCpu(cpuMs: number, bad: { status: CaseStatus; error: string } | undefined): void {
    this.lastCpuMs = cpuMs;
    this.lastStarved =
      bad?.status === 'timeout' && this.budgetMs === this.timeMs && cpuMs < this.timeMs * STARVED_CPU_SHARE;
  }

  /**
   * Race an isolated-vm call against a host timer `graceMs` after `ms`. When the timer fires while
   * the isolate used little CPU, the process was starved (paused, oversubscribed), not spinning:
   * wait again, up to STARVED_WALL_FACTOR times, before declaring a hang.
   */
  async guard<T>(p: Promise<T>, ms: number): Promise<T> {
    const cpu0 = process.cpuUsage();
    p.catch(() => {});
    for (let round = 0; ; round++) {
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<typeof HOST_TIMEOUT>((resolve) => {
        timer = setTimeout(() => resolve(HOST_TIMEOUT), ms + this.runner.options.graceMs);
      });
      try {
        const r = await Promise.race([p, limit]);
        if (r !== HOST_TIMEOUT) return r as T;
      } finally {
        clearTimeout(timer);
      }
      const starved = this.cpuSince(cpu0) < (round + 1) * ms * STARVED_CPU_SHARE;
      if (!starved || round >= STARVED_WALL_FACTOR)
        throw new Poisoned('did not stop at the time limit (host watchdog)');
    }
  }

  async newContext(cfg: Record<string, unknown>): Promise<{ ctx: ivm.Context; ctl: Ctl }> {
    const iso = this.iso!;
    const ctx = await iso.createContext();
    const ctl = (await this.guard(
      this.harness!.run(ctx, { reference: true, timeout: 5000 }) as Promise<unknown>,
      5000,
    )) as Ctl;
    await this.guard(
      ctl.apply(
        undefined,
        [
          'init',
          JSON.stringify({
            ...cfg,
            outputBytes: this.spec.limits.outputBytes,
            valueBytes: this.runner.options.valueBytes,
          }),
        ],
        {
          timeout: 5000,
        },
      ),
      5000,
    );
    for (const lib of this.libScripts) await this.guard(lib.run(ctx, { timeout: 5000 }), 5000);
    return { ctx, ctl };
  }

  /** Classify an error from running guest code: timeout, memory, or the guest's own exception. */
  classify(e: unknown): { status: CaseStatus; error: string } {
    if (e instanceof Poisoned) throw e;
    if (this.iso?.isDisposed) return { status: 'memory', error: 'memory limit exceeded' };
    if (e instanceof Error && e.message === TIMED_OUT)
      return { status: 'timeout', error: 'time limit exceeded' };
    if (
      e instanceof Error &&
      /memory limit|Isolate is disposed|Array buffer allocation failed/.test(e.message)
    )
      return { status: 'memory', error: 'memory limit exceeded' };
    return { status: 'runtime_error', error: errorText(e) };
  }

  /** Fetch the harness's view of the case (output, exit, value). Undefined if the isolate is gone. */
  async fetchResult(ctl: Ctl, ms: number): Promise<HarnessResult | undefined> {
    if (this.iso?.isDisposed) return undefined;
    try {
      const s = await this.guard(
        ctl.apply(undefined, ['result'], { timeout: Math.max(1, ms) }),
        Math.max(1, ms),
      );
      return JSON.parse(s as string) as HarnessResult;
    } catch (e) {
      if (e instanceof Poisoned) throw e;
      return undefined;
    }
  }

  /**
   * Drive the harness's macrotasks (timers, stdin delivery) until it is idle or out of time.
   * `reply` is the last harness reply: the result JSON once nothing is left to run, else 'more'.
   */
  async drain(ctl: Ctl, deadline: number, reply: string): Promise<HarnessResult> {
    let r = reply;
    while (r === 'more') {
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(TIMED_OUT);
      r = (await this.guard(ctl.apply(undefined, ['step'], { timeout: Math.ceil(left) }), left)) as string;
    }
    return JSON.parse(r) as HarnessResult;
  }

  /** stdio and assert: the solution program (then the test) in a fresh context. */
  async programCase(i: number): Promise<CaseRun> {
    const spec = this.spec;
    const compileError = await this.ensureIsolate();
    if (compileError !== undefined) return fail('runtime_error', compileError);
    const assert = spec.mode === 'assert';
    let testScript: ivm.Script | undefined;
    if (assert) {
      const test = spec.tests![i] ?? '';
      let prefix = '';
      if (spec.candidateName && spec.entryPoint) {
        const bind = candidateBinding(spec.candidateName, spec.entryPoint);
        if (bind === undefined)
          return fail('runtime_error', `invalid candidate binding ${spec.candidateName}`);
        prefix = bind;
      }
      try {
        testScript = await this.iso!.compileScript(`'use strict';${prefix}\n${test}`, {
          filename: 'file:///test.js',
          lineOffset: -1,
        });
      } catch (e) {
        return fail('runtime_error', `test did not compile: ${errorText(e)}`);
      }
    }
    const { ctx, ctl } = await this.newContext({
      mode: spec.mode,
      stdin: assert ? '' : (spec.stdins![i] ?? ''),
    });
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const deadline = t0 + this.budgetMs;
    const left = () => Math.max(1, Math.ceil(deadline - performance.now()));
    let bad: { status: CaseStatus; error: string } | undefined;
    let res: HarnessResult | undefined;
    try {
      try {
        await this.guard(this.solution!.run(ctx, { timeout: left() }), left());
        let reply: string;
        if (testScript) {
          const ref = (await this.guard(
            testScript.run(ctx, { timeout: left(), reference: true }) as Promise<unknown>,
            left(),
          )) as ivm.Reference<unknown>;
          reply = (await this.guard(
            ctl.apply(undefined, ['settle', ref.derefInto()], { timeout: left() }),
            left(),
          )) as string;
          ref.release();
        } else {
          reply = (await this.guard(ctl.apply(undefined, ['settle'], { timeout: left() }), left())) as string;
        }
        res = await this.drain(ctl, deadline, reply);
      } catch (e) {
        bad = this.classify(e);
        if (bad.status === 'runtime_error' && !this.iso!.isDisposed) {
          await ctl.apply(undefined, ['uncaught', bad.error], { timeout: 1000 }).catch(() => {});
        }
      }
      const timeMs = performance.now() - t0;
      this.noteCpu(this.cpuSince(cpu0), bad);
      if (!res) res = await this.fetchResult(ctl, 1000);
      return this.finish(res, bad, timeMs);
    } finally {
      if (!this.iso!.isDisposed) ctx.release();
      if (bad?.status === 'memory' || bad?.status === 'timeout') this.recycleIsolate();
      else if (++this.contexts >= CONTEXTS_PER_ISOLATE) this.recycleIsolate();
    }
  }

  /** After a timeout or OOM the isolate is replaced (the next case starts clean). */
  recycleIsolate(): void {
    this.fctx = undefined;
    this.fctl = undefined;
    if (this.iso && !this.iso.isDisposed) this.iso.dispose();
    this.iso = undefined;
  }

  /** Merge the host's view (`bad`) with the harness's (`res`) into one CaseRun. */
  finish(
    res: HarnessResult | undefined,
    bad: { status: CaseStatus; error: string } | undefined,
    timeMs: number,
  ): CaseRun {
    const out = {
      stdout: res?.stdout ?? '',
      stderr: res?.stderr ?? '',
      timeMs: Math.round(timeMs * 1000) / 1000,
    };
    if (
      res &&
      (res.status === 'output_limit' ||
        (bad?.status !== 'memory' && res.exited && this.spec.mode === 'stdio'))
    ) {
      // output cap hit first, or the program exited (process.exit ends the run whatever follows)
      return { ...out, status: res.status, ...(res.error ? { error: res.error } : {}) };
    }
    if (bad) return { ...out, status: bad.status, error: bad.error };
    if (!res) return { ...out, status: 'runtime_error', error: 'harness result unavailable' };
    const run: CaseRun = { ...out, status: res.status };
    if (res.error) run.error = res.error;
    if (res.status === 'ok' && this.spec.mode === 'function') run.value = JSON.parse(res.value ?? 'null');
    return run;
  }

  /** function mode: load once (fresh context), then one call per case. */
  async functionCase(i: number): Promise<CaseRun> {
    const spec = this.spec;
    if (this.loadFailure) return { ...this.loadFailure, stdout: '', stderr: '' };
    const compileError = await this.ensureIsolate();
    if (compileError !== undefined) return fail('runtime_error', compileError);
    if (!this.fctx) {
      const m = ENTRY.exec(spec.entryPoint ?? '');
      if (!m) {
        this.loadFailure = fail('runtime_error', `invalid entry point ${JSON.stringify(spec.entryPoint)}`);
        return this.loadFailure;
      }
      const { ctx, ctl } = await this.newContext({ mode: 'function', method: m[3] ?? null });
      const t0 = performance.now();
      const deadline = t0 + this.timeMs;
      const left = () => Math.max(1, Math.ceil(deadline - performance.now()));
      try {
        await this.guard(this.solution!.run(ctx, { timeout: left() }), left());
        const entry = await this.iso!.compileScript(m[1], { filename: 'file:///entry.js' });
        const ref = (await this.guard(
          entry.run(ctx, { timeout: left(), reference: true }) as Promise<unknown>,
          left(),
        )) as ivm.Reference<unknown>;
        await ctl.apply(undefined, ['target', ref.derefInto()], { timeout: left() });
        ref.release();
      } catch (e) {
        const bad = this.classify(e);
        const res = await this.fetchResult(ctl, 1000);
        this.loadFailure = this.finish(res, bad, performance.now() - t0);
        if (this.loadFailure.status === 'ok')
          this.loadFailure = { ...this.loadFailure, status: 'runtime_error' };
        this.loadFailure.error = `while loading the solution: ${this.loadFailure.error ?? bad.error}`;
        if (!this.iso!.isDisposed) ctx.release();
        return this.loadFailure;
      }
      this.fctx = ctx;
      this.fctl = ctl;
    }
    const ctl = this.fctl!;
    const call = spec.calls![i];
    const arg = JSON.stringify({ args: call?.args ?? [], kinds: spec.argKinds ?? null });
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const deadline = t0 + this.budgetMs;
    const left = () => Math.max(1, Math.ceil(deadline - performance.now()));
    let bad: { status: CaseStatus; error: string } | undefined;
    let res: HarnessResult | undefined;
    try {
      const reply = (await this.guard(
        ctl.apply(undefined, ['call', arg], { timeout: left() }),
        left(),
      )) as string;
      res = await this.drain(ctl, deadline, reply);
    } catch (e) {
      bad = this.classify(e);
      res = await this.fetchResult(ctl, 1000);
    }
    const timeMs = performance.now() - t0;
    this.noteCpu(this.cpuSince(cpu0), bad);
    let run = this.finish(res, bad, timeMs);
    if (run.status === 'ok' && run.value !== null && typeof run.value === 'object') {
      // The walk saw plain data; a Proxy can fake that, so copy the raw value: V8's serializer
      // refuses proxies (and anything else that is not data).
      try {
        await this.guard(
          ctl.apply(undefined, ['rawvalue'], { timeout: left(), result: { copy: true } }),
          left(),
        );
      } catch (e) {
        if (e instanceof Poisoned) throw e;
        run = { ...run, status: 'invalid_return', error: `return value is not plain data (${errorText(e)})` };
        delete run.value;
      }
    }
    if (run.status === 'timeout' || run.status === 'memory' || bad !== undefined) {
      this.fctx?.release();
      this.fctx = undefined;
      this.fctl = undefined;
      if (run.status === 'timeout' || run.status === 'memory') this.recycleIsolate();
    }
    return run;
  }
}

function fail(status: CaseStatus, error: string): CaseRun {
  return { status, stdout: '', stderr: '', timeMs: 0, error };
}

/** `var candidate = entry;` for tests that call the solution by another name (HumanEval's `candidate`). */
function candidateBinding(name: string, entryPoint: string): string | undefined {
  const m = ENTRY.exec(entryPoint);
  if (!IDENT.test(name) || !m) return undefined;
  if (!m[3]) return `var ${name} = ${m[1]};`;
  return `var ${name} = (...a) => { const o = new ${m[1]}(); return o[${JSON.stringify(m[3])}](...a); };`;
}
