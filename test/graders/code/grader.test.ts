/**
 * The code grader against a scripted fake sandbox: reference parsing, extraction, language
 * resolution, what enters the sandbox (never expected values), verdicts, rewards, and our-side
 * failures (error, score null — never 0).
 */
import { describe, expect, it } from 'vitest';
import {
  createCodeGrader,
  DEADLINE_MARGIN_MS,
  executionBudgetMs,
  limitsFor,
  PROBLEM_LIMIT_CEILING,
  type ProblemLookup,
  WATCHDOG_SLACK_MS,
} from '../../../graders/code/index.ts';
import {
  assembleSource,
  buildExecSpec,
  type Problem,
  pythonAssertGuard,
} from '../../../graders/code/problem.ts';
import type {
  ExecOptions,
  ExecResult,
  ExecSpec,
  SandboxDefinition,
  SandboxLanguage,
} from '../../../src/core/sandbox.ts';
import { abortedError, SandboxError } from '../../../src/core/sandbox.ts';
import type { CodeTests } from '../../../src/schemas/code.ts';

type Script = (spec: ExecSpec, options?: ExecOptions) => ExecResult | Promise<ExecResult>;

function fakeSandbox(id: SandboxLanguage, script: Script, ok = true) {
  const seen: ExecSpec[] = [];
  const sb: SandboxDefinition = {
    id,
    aliases: [],
    defaults: { timeMs: 2000, memoryMb: 256, outputBytes: 1 << 20 },
    available: async () => (ok ? { ok: true } : { ok: false, reason: 'bwrap missing' }),
    execute: async (spec, options) => {
      seen.push(spec);
      return script(spec, options);
    },
    close: async () => {},
  };
  return { sb, seen };
}

const okCase = (value?: unknown, stdout = '') => ({
  status: 'ok' as const,
  value,
  stdout,
  stderr: '',
  timeMs: 1,
});

function grader(sandboxes: SandboxDefinition[], problems: ProblemLookup | null = null) {
  return createCodeGrader({ sandboxes: () => sandboxes, problems: () => problems });
}

const addTests = {
  kind: 'function',
  entry_point: 'add',
  cases: [
    { args: [1, 2], expected: 3 },
    { args: [2, 2], expected: 4 },
  ],
};

describe('function tests', () => {
  it('Accepted when every returned value matches; expected values never reach the sandbox', async () => {
    const { sb, seen } = fakeSandbox('python', (spec) => ({
      cases: spec.calls!.map((c) => okCase((c.args[0] as number) + (c.args[1] as number))),
    }));
    const g = grader([sb]);
    const out = await g.grade({
      completion: 'Here:\n```python\ndef add(a, b):\n    return a + b\n```',
      reference: { language: 'python', tests: addTests },
      options: {},
    });
    expect(out.verdict).toBe('Accepted');
    expect(out.score).toBe(1);
    expect(out.extracted).toBe('def add(a, b):\n    return a + b');
    expect(out.details).toMatchObject({ language: 'python', passed: 2, total: 2 });
    expect(seen[0]).toMatchObject({
      mode: 'function',
      entryPoint: 'add',
      calls: [{ args: [1, 2] }, { args: [2, 2] }],
    });
    expect(JSON.stringify(seen[0])).not.toContain('expected');
    expect(seen[0].limits).toEqual({ timeMs: 2000, memoryMb: 256, outputBytes: 1 << 20 });
  });

  it('Wrong Answer on the first mismatch; fraction reward counts passes', async () => {
    const { sb } = fakeSandbox('python', () => ({ cases: [okCase(3), okCase('4')] }));
    const g = grader([sb]);
    const ref = JSON.stringify({ language: 'python', tests: addTests }); // reference as a JSON string
    const bin = await g.grade({
      completion: '```python\ndef add(a,b): return a+b\n```',
      reference: ref,
      options: {},
    });
    expect(bin.verdict).toBe('Wrong Answer');
    expect(bin.score).toBe(0);
    const frac = await g.grade({
      completion: '```python\ndef add(a,b): return a+b\n```',
      reference: ref,
      options: { reward: 'fraction' },
    });
    expect(frac.score).toBe(0.5);
    expect((frac.details as { tests: { verdict: string }[] }).tests.map((t) => t.verdict)).toEqual([
      'Accepted',
      'Wrong Answer',
    ]);
  });

  it('maps sandbox statuses to verdicts, first failing test decides', async () => {
    const statuses = ['timeout', 'memory', 'output_limit', 'runtime_error', 'invalid_return'] as const;
    const expected = [
      'Time Limit Exceeded',
      'Memory Limit Exceeded',
      'Output Limit Exceeded',
      'Runtime Error',
      'Wrong Answer',
    ];
    for (const [i, status] of statuses.entries()) {
      const { sb } = fakeSandbox('python', () => ({
        cases: [okCase(3), { status, stdout: 'x', stderr: 'boom', timeMs: 5, error: 'E' }],
      }));
      const out = await grader([sb]).grade({
        completion: '```python\ndef add(a,b): return a+b\n```',
        reference: { language: 'python', tests: addTests },
        options: {},
      });
      expect(out.verdict).toBe(expected[i]);
      expect(out.score).toBe(0);
      const t = (out.details as { tests: Record<string, unknown>[] }).tests[1];
      expect(t).toMatchObject({ verdict: expected[i], stderr: 'boom', time_ms: 5 });
    }
  });

  it('Compile Error from the sandbox', async () => {
    const { sb } = fakeSandbox('python', () => ({
      compileError: 'SyntaxError: invalid syntax (line 1)',
      cases: [],
    }));
    const out = await grader([sb]).grade({
      completion: '```python\ndef add(a, b) return\n```',
      reference: { language: 'python', tests: addTests },
      options: { reward: 'fraction' },
    });
    expect(out).toMatchObject({ verdict: 'Compile Error', score: 0 });
    expect(out.details).toMatchObject({
      compile_error: 'SyntaxError: invalid syntax (line 1)',
      passed: 0,
      total: 2,
    });
  });
});

describe('stdio and assert tests', () => {
  it('stdio: stdins go in, stdout compared in the host', async () => {
    const { sb, seen } = fakeSandbox('javascript', () => ({
      cases: [okCase(undefined, '3\r\n'), okCase(undefined, '5')],
    }));
    const out = await grader([sb]).grade({
      completion: '```js\nconsole.log(1)\n```',
      reference: {
        tests: {
          kind: 'stdio',
          cases: [
            { stdin: '1 2\n', expected_stdout: '3\n' },
            { stdin: '2 2\n', expected_stdout: '4\n' },
          ],
        },
      },
      options: {},
    });
    expect(seen[0]).toMatchObject({ language: 'javascript', mode: 'stdio', stdins: ['1 2\n', '2 2\n'] });
    expect(JSON.stringify(seen[0])).not.toContain('expected_stdout');
    expect(out.verdict).toBe('Wrong Answer');
    expect((out.details as { passed: number }).passed).toBe(1);
  });

  it('assert: a fake "PASS" print does not pass, only the sandbox status counts', async () => {
    const { sb, seen } = fakeSandbox('python', () => ({
      cases: [{ status: 'runtime_error', stdout: 'PASS\n', stderr: 'AssertionError', timeMs: 1 }],
    }));
    const out = await grader([sb]).grade({
      completion: '```python\nprint("PASS")\n```',
      reference: {
        language: 'python',
        // Not a convertible one-assert case (graders/code/reference.ts), so it stays in assert mode.
        tests: { kind: 'assert', entry_point: 'f', cases: [{ code: 'r = f(1)\nassert r == 2' }] },
      },
      options: {},
    });
    expect(out.verdict).toBe('Runtime Error');
    expect(seen[0]).toMatchObject({ mode: 'assert', entryPoint: 'f' });
    expect(seen[0].tests).toEqual([`${pythonAssertGuard(['f'])}\nr = f(1)\nassert r == 2`]);
  });
});

describe('languages and extraction', () => {
  it('untagged block takes the reference language; ts runs a javascript problem', async () => {
    const py = fakeSandbox('python', () => ({ cases: [okCase(3), okCase(4)] }));
    const ts = fakeSandbox('typescript', () => ({ cases: [okCase(3), okCase(4)] }));
    const g = grader([py.sb, ts.sb]);
    const a = await g.grade({
      completion: '```\ndef add(a,b): return a+b\n```',
      reference: { language: 'python', tests: addTests },
      options: {},
    });
    expect(a.verdict).toBe('Accepted');
    expect(py.seen).toHaveLength(1);
    const b = await g.grade({
      completion: '```ts\nconst add = (a: number, b: number) => a + b;\n```',
      reference: { language: 'javascript', tests: addTests },
      options: {},
    });
    expect(b.verdict).toBe('Accepted');
    expect(ts.seen[0].language).toBe('typescript');
  });

  it('a language the problem does not accept is the model’s fault (score 0)', async () => {
    const py = fakeSandbox('python', () => ({ cases: [] }));
    const out = await grader([py.sb]).grade({
      completion: '```js\nconst add = (a, b) => a + b\n```',
      reference: { language: 'python', tests: addTests },
      options: {},
    });
    expect(out).toMatchObject({ verdict: 'Compile Error', score: 0 });
    expect(py.seen).toHaveLength(0);
  });

  it('no code block → Compile Error, score 0; extract none runs the whole completion', async () => {
    const py = fakeSandbox('python', () => ({ cases: [okCase(3), okCase(4)] }));
    const g = grader([py.sb]);
    const none = await g.grade({
      completion: 'I think the answer is 3.',
      reference: { language: 'python', tests: addTests },
      options: {},
    });
    expect(none).toMatchObject({ verdict: 'Compile Error', score: 0, extracted: null });
    const raw = await g.grade({
      completion: 'def add(a, b):\n    return a + b\n',
      reference: { language: 'python', tests: addTests },
      options: { extract: 'none' },
    });
    expect(raw.verdict).toBe('Accepted');
    expect(py.seen[0].source).toBe('def add(a, b):\n    return a + b\n');
  });
});

describe('our side failures: error, score null', () => {
  const completion = '```python\ndef add(a,b): return a+b\n```';
  const reference = { language: 'python', tests: addTests };
  it('no sandbox for the language', async () => {
    const out = await grader([]).grade({ completion, reference, options: {} });
    expect(out).toMatchObject({
      verdict: 'error',
      score: null,
      error: { code: 'RLVR_ERR_SANDBOX_UNAVAILABLE' },
    });
  });
  it('sandbox unavailable (e.g. bubblewrap missing) says why', async () => {
    const { sb } = fakeSandbox('python', () => ({ cases: [] }), false);
    const out = await grader([sb]).grade({ completion, reference, options: {} });
    expect(out.score).toBeNull();
    expect(out.error?.message).toContain('bwrap missing');
  });
  it('SandboxError, a crash, a wrong case count', async () => {
    for (const script of [
      () => {
        throw new SandboxError('RLVR_ERR_SANDBOX_START', 'could not start');
      },
      () => {
        throw new TypeError('harness bug');
      },
      () => ({ cases: [okCase(3)] }),
      () => ({ cases: [okCase(3), undefined] }) as unknown as ExecResult,
      () => ({}) as ExecResult,
    ] as Script[]) {
      const { sb } = fakeSandbox('python', script);
      const out = await grader([sb]).grade({ completion, reference, options: {} });
      expect(out.verdict).toBe('error');
      expect(out.score).toBeNull();
      expect(out.error?.message).toBeTruthy();
    }
  });
  it('invalid references and unknown problems', async () => {
    const { sb } = fakeSandbox('python', () => ({ cases: [] }));
    const g = grader([sb]);
    for (const reference of [
      'not json',
      42,
      { tests: { kind: 'function', cases: [] } },
      { language: 'cobol', tests: addTests },
      { problem_id: 'x' },
    ]) {
      const out = await g.grade({ completion, reference, options: {} });
      expect(out.verdict).toBe('invalid_reference');
      expect(out.score).toBeNull();
    }
  });
});

describe('problem ids', () => {
  const problem: Problem = {
    id: 'HumanEval/0',
    source: 'humaneval',
    variants: {
      python: {
        prompt: 'def inc(x):\n    """Add one."""\n',
        preamble: 'def inc(x):\n    """Add one."""\n',
        tests: {
          kind: 'assert',
          entry_point: 'inc',
          candidate_name: 'candidate',
          cases: [{ code: 'def check(candidate):\n    assert candidate(1) == 2\ncheck(candidate)' }],
        },
      },
    },
  };
  const store: ProblemLookup = { get: (id) => (id === problem.id ? problem : null) };
  it('continuation: a body is run after the prompt; a full function after the preamble', async () => {
    const { sb, seen } = fakeSandbox('python', () => ({ cases: [okCase()] }));
    const g = grader([sb], store);
    const a = await g.grade({
      completion: '    return x + 1\n',
      reference: { problem_id: 'HumanEval/0' },
      options: { extract: 'none' },
    });
    expect(a.verdict).toBe('Accepted');
    expect(seen[0].source).toBe('def inc(x):\n    """Add one."""\n    return x + 1\n');
    expect(seen[0].preamble).toBeUndefined();
    const b = await g.grade({
      completion: '```python\ndef inc(x):\n    return x + 1\n```',
      reference: '{"problem_id":"HumanEval/0"}',
      options: {},
    });
    expect(b.verdict).toBe('Accepted');
    expect(seen[1].source).toBe('def inc(x):\n    return x + 1');
    expect(seen[1].preamble).toContain('Add one');
    expect(b.details).toMatchObject({ problem_id: 'HumanEval/0' });
  });
});

describe('limits', () => {
  const defaults = { timeMs: 2000, memoryMb: 256, outputBytes: 1 << 20 };
  it('requests only lower the sandbox defaults; stored problems may raise them up to the ceiling', () => {
    expect(limitsFor(defaults, { timeMs: 500, memoryMb: 4096 }, false)).toEqual({ ...defaults, timeMs: 500 });
    expect(limitsFor(defaults, { timeMs: 10_000, memoryMb: 4096 }, true)).toEqual({
      timeMs: 10_000,
      memoryMb: PROBLEM_LIMIT_CEILING.memoryMb,
      outputBytes: 1 << 20,
    });
    expect(limitsFor(defaults, { timeMs: 60_000 }, true).timeMs).toBe(PROBLEM_LIMIT_CEILING.timeMs);
    expect(limitsFor(defaults, {}, true)).toEqual(defaults);
  });
  it('inline limits reach the sandbox lowered, stored ones raised', async () => {
    const { sb, seen } = fakeSandbox('python', () => ({ cases: [okCase(3), okCase(4)] }));
    const stored: Problem = {
      id: 'p',
      source: 'inline',
      variants: { python: { tests: { ...addTests, limits: { time_ms: 8000 } } as CodeTests } },
    };
    const g = grader([sb], { get: () => stored });
    const completion = '```python\ndef add(a,b): return a+b\n```';
    await g.grade({
      completion,
      reference: { language: 'python', tests: { ...addTests, limits: { time_ms: 8000 } } },
      options: {},
    });
    await g.grade({ completion, reference: { problem_id: 'p' }, options: {} });
    expect(seen.map((s) => s.limits.timeMs)).toEqual([2000, 8000]);
  });
});

describe('assembleSource', () => {
  const variant = {
    prompt: 'const isPal = (s) => s === [...s].reverse().join("");\nconst makePal = (s) => {\n',
    preamble: 'const isPal = (s) => s === [...s].reverse().join("");',
    tests: { kind: 'assert' as const, entry_point: 'makePal', cases: [{ code: 'makePal("a")' }] },
  };
  it('JS: keeps the helper preamble unless the code redeclares a helper', () => {
    expect(assembleSource(variant, 'const makePal = (s) => s;', 'javascript').preamble).toContain('isPal');
    expect(
      assembleSource(variant, 'const isPal = (s) => true;\nconst makePal = (s) => s;', 'javascript').preamble,
    ).toBeUndefined();
    expect(assembleSource(variant, '  return s;\n}\n', 'javascript')).toEqual({
      source: `${variant.prompt}  return s;\n}\n`,
      preamble: undefined,
    });
  });
  it('Python: redefinition is allowed, the preamble stays', () => {
    const py = { ...variant, preamble: 'def isPal(s):\n    return True' };
    expect(
      assembleSource(py, 'def isPal(s):\n    return 1\ndef makePal(s):\n    return s', 'python').preamble,
    ).toBe(py.preamble);
  });
});

describe('return_kind', () => {
  it('a null ListNode/TreeNode return equals [] only when the tests declare the return kind', async () => {
    const { sb } = fakeSandbox('python', () => ({ cases: [okCase(null)] }));
    const tests = {
      kind: 'function',
      entry_point: 'Solution().reverseList',
      cases: [{ args: [[]], expected: [] }],
    };
    const g = grader([sb]);
    const completion = '```python\nclass Solution:\n    pass\n```';
    const plain = await g.grade({ completion, reference: { language: 'python', tests }, options: {} });
    expect(plain.verdict).toBe('Wrong Answer');
    const listy = await g.grade({
      completion,
      reference: { language: 'python', tests: { ...tests, return_kind: 'ListNode' } },
      options: {},
    });
    expect(listy.verdict).toBe('Accepted');
  });
});

describe('pythonAssertGuard', () => {
  it('is one line, keeps the entry point and candidate, and is prepended to Python assert tests only', () => {
    const g = pythonAssertGuard(['sum', 'candidate', 'sum']);
    expect(g).not.toContain('\n');
    expect(g).toContain('["sum","candidate"]');
    const tests = {
      kind: 'assert' as const,
      entry_point: 'Solution().f',
      candidate_name: 'candidate',
      cases: [{ code: 'assert 1' }],
    };
    const limits = { timeMs: 1, memoryMb: 1, outputBytes: 1 };
    const py = buildExecSpec('python', { tests }, 'x = 1', limits);
    expect(py.tests?.[0]).toBe(`${pythonAssertGuard(['Solution', 'candidate'])}\nassert 1`);
    expect(buildExecSpec('javascript', { tests }, 'x = 1', limits).tests?.[0]).toBe('assert 1');
  });
});

// Security review #10/#11: binary reward stops at the first failing case; an item's execution has a
// budget below the engine's deadline; the engine's abort reaches the sandbox.
describe('deadlines and early stop', () => {
  const completion = '```python\ndef add(a, b):\n    while True: pass\n```';
  const reference = { language: 'python', tests: addTests };
  const skippedCase = { status: 'skipped' as const, stdout: '', stderr: '', timeMs: 0, error: 'not run' };

  it('asks the sandbox to stop at the first failure for binary reward only, with a budget', async () => {
    const { sb, seen } = fakeSandbox('python', () => ({ cases: [okCase(3), okCase(4)] }));
    const g = grader([sb]);
    await g.grade({ completion, reference, options: {} });
    await g.grade({ completion, reference, options: { reward: 'fraction' } });
    expect(seen.map((s) => s.stopOnFailure)).toEqual([true, false]);
    // No deadline: the own bound, every case at its limit + 1 s, + 20 s.
    expect(seen[0].budgetMs).toBe(2 * (2000 + 1000) + 20_000);
    await g.grade({ completion, reference, options: {}, timeoutMs: 10_000 });
    expect(seen[2].budgetMs).toBe(10_000 - DEADLINE_MARGIN_MS);
  });

  it("executionBudgetMs: the lower of the own bound and the engine's wait minus the margin", () => {
    const limits = { timeMs: 10_000, memoryMb: 1024, outputBytes: 1 };
    // LeetCodeDataset-sized: 266 asserts × 10 s would be 2,680 s; the engine waits 300 s.
    expect(executionBudgetMs(266, limits)).toBe(266 * 11_000 + 20_000);
    expect(executionBudgetMs(266, limits, 300_000)).toBe(300_000 - DEADLINE_MARGIN_MS);
    expect(executionBudgetMs(1, limits, 300_000)).toBe(31_000);
    expect(executionBudgetMs(1, limits, 1_000)).toBeLessThanOrEqual(0);
  });

  it('judges skipped cases: the first failure decides, skipped ones are counted, never passed', async () => {
    const timeout = { status: 'timeout' as const, stdout: '', stderr: '', timeMs: 1000, error: 'time limit' };
    const { sb } = fakeSandbox('python', () => ({ cases: [okCase(3), timeout, skippedCase] }));
    const tests = { ...addTests, cases: [...addTests.cases, { args: [3, 3], expected: 6 }] };
    const out = await grader([sb]).grade({
      completion,
      reference: { language: 'python', tests },
      options: {},
    });
    expect(out.verdict).toBe('Time Limit Exceeded');
    expect(out.score).toBe(0);
    expect(out.details).toMatchObject({ passed: 1, total: 3, skipped: 1 });
    expect((out.details as { tests: { verdict: string }[] }).tests.map((t) => t.verdict)).toEqual([
      'Accepted',
      'Time Limit Exceeded',
    ]);
  });

  it('a sandbox that skips without a failing case is our error (null), never Accepted', async () => {
    const { sb } = fakeSandbox('python', () => ({ cases: [okCase(3), skippedCase] }));
    const out = await grader([sb]).grade({ completion, reference, options: {} });
    expect(out.verdict).toBe('error');
    expect(out.score).toBeNull();
  });

  it("does not start an execution when the engine's wait leaves no budget", async () => {
    const { sb, seen } = fakeSandbox('python', () => ({ cases: [okCase(3), okCase(4)] }));
    const out = await grader([sb]).grade({
      completion,
      reference,
      options: {},
      timeoutMs: DEADLINE_MARGIN_MS - 1,
    });
    expect(out).toMatchObject({ verdict: 'error', score: null, error: { code: 'RLVR_ERR_GRADER_DEADLINE' } });
    expect(seen).toHaveLength(0);
  });

  it("passes the engine's abort on to the running sandbox", async () => {
    let sandboxSignal: AbortSignal | undefined;
    const { sb } = fakeSandbox(
      'python',
      (_spec, options) =>
        new Promise<ExecResult>((_, reject) => {
          sandboxSignal = options?.signal;
          options?.signal?.addEventListener('abort', () => reject(abortedError()));
        }),
    );
    const engine = new AbortController();
    const pending = grader([sb]).grade({ completion, reference, options: {}, signal: engine.signal });
    await new Promise((r) => setTimeout(r, 20));
    expect(sandboxSignal?.aborted).toBe(false);
    engine.abort();
    const out = await pending;
    expect(sandboxSignal?.aborted).toBe(true);
    expect(out).toMatchObject({ verdict: 'error', score: null, error: { code: 'RLVR_ERR_SANDBOX_ABORTED' } });
  });

  it('its own watchdog (budget + slack, restarted at onStart) aborts a sandbox that never answers, before the engine would', async () => {
    let sandboxSignal: AbortSignal | undefined;
    let startedAt = 0;
    const { sb } = fakeSandbox('python', (_spec, options) => {
      sandboxSignal = options?.signal;
      // Waits 500 ms for a slot, then starts and never answers.
      setTimeout(() => options?.onStart?.(), 500);
      return new Promise<ExecResult>(() => {});
    });
    const t0 = Date.now();
    const timeoutMs = DEADLINE_MARGIN_MS + 300; // budget 300 ms
    const out = await grader([sb]).grade({
      completion,
      reference,
      options: {},
      timeoutMs,
      started: () => {
        startedAt = Date.now();
      },
    });
    expect(out).toMatchObject({ verdict: 'error', score: null, error: { code: 'RLVR_ERR_SANDBOX_TIMEOUT' } });
    expect(sandboxSignal?.aborted).toBe(true);
    // The engine was told when the run started, and the watchdog counted from there.
    expect(startedAt - t0).toBeGreaterThanOrEqual(490);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(300 + WATCHDOG_SLACK_MS - 20);
    expect(Date.now() - startedAt).toBeLessThan(timeoutMs);
  });

  it("waiting for a slot is bounded by the engine's wait, not by the item's budget", async () => {
    // Budget 300 ms + 2 s slack; the slot comes after 2.6 s (other items' runs), then the run is quick.
    const { sb } = fakeSandbox('python', async (_spec, options) => {
      await new Promise((r) => setTimeout(r, 2_600));
      options?.onStart?.();
      return { cases: [okCase(3), okCase(4)] };
    });
    const out = await grader([sb]).grade({
      completion,
      reference,
      options: {},
      timeoutMs: DEADLINE_MARGIN_MS + 300,
    });
    expect(out.verdict).toBe('Accepted');
    expect(out.score).toBe(1);
  });
});
