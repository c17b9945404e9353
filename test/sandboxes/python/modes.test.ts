/**
 * The Python sandbox's three modes and its resource statuses, case by case (sandboxes/python).
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPythonSandbox } from '../../../sandboxes/python/index.ts';
import { type ExecSpec, SandboxError } from '../../../src/core/sandbox.ts';

const sandbox = createPythonSandbox({ maxConcurrency: 2 });
const LIMITS = { timeMs: 1000, memoryMb: 256, outputBytes: 4096 };
beforeAll(async () => {
  expect((await sandbox.available()).reason ?? 'ok').toBe('ok');
});
afterAll(() => sandbox.close());

const fn = (source: string, entryPoint: string, args: unknown[][], extra: Partial<ExecSpec> = {}) =>
  sandbox.execute({
    language: 'python',
    mode: 'function',
    source,
    entryPoint,
    calls: args.map((a) => ({ args: a })),
    limits: LIMITS,
    ...extra,
  });
const stdio = (source: string, stdins: string[], extra: Partial<ExecSpec> = {}) =>
  sandbox.execute({ language: 'python', mode: 'stdio', source, stdins, limits: LIMITS, ...extra });
const asserts = (source: string, tests: string[], extra: Partial<ExecSpec> = {}) =>
  sandbox.execute({ language: 'python', mode: 'assert', source, tests, limits: LIMITS, ...extra });

describe('function mode: return values become plain JSON data', () => {
  it('tuples become lists, dict keys follow json.dumps, "$" keys survive, None is null', async () => {
    const r = await fn(
      'def f(x):\n    return [(1, 2), {1: "a", False: None, None: 2, "$bigint": "k"}, None, "s", 1.5]\n',
      'f',
      [[0]],
    );
    expect(r.cases[0].status).toBe('ok');
    expect(r.cases[0].value).toEqual([
      [1, 2],
      { '1': 'a', false: null, null: 2, $bigint: 'k' },
      null,
      's',
      1.5,
    ]);
  });

  it('integers beyond 2**53 are exact bigints; non-finite floats arrive as NaN/Infinity', async () => {
    const r = await fn(
      'def f():\n    return [2**64 + 1, -(10**30), float("nan"), float("inf"), float("-inf")]\n',
      'f',
      [[]],
    );
    expect(r.cases[0].value).toEqual([2n ** 64n + 1n, -(10n ** 30n), Number.NaN, Infinity, -Infinity]);
  });

  it('a function returning nothing returns null (not a missing value)', async () => {
    const r = await fn('def f(a):\n    a.append(1)\n', 'f', [[[0]]]);
    expect(r.cases[0]).toMatchObject({ status: 'ok', value: null });
  });

  it('sets, objects, int/bool subclasses and cyclic lists are invalid_return', async () => {
    const src = [
      'class B(int): pass',
      'def f(k):',
      '    if k == 0: return {1, 2}',
      '    if k == 1: return object()',
      '    if k == 2: return B(1)',
      '    x = []; x.append(x); return x',
    ].join('\n');
    const r = await fn(src, 'f', [[0], [1], [2], [3]]);
    expect(r.cases.map((c) => c.status)).toEqual([
      'invalid_return',
      'invalid_return',
      'invalid_return',
      'invalid_return',
    ]);
    expect(r.cases[0].error).toMatch(/set/);
  });

  it('LeetCode methods: Solution().method with a fresh instance per case', async () => {
    const src =
      'class Solution:\n    def __init__(self):\n        self.n = 0\n    def inc(self, x):\n        self.n += x\n        return self.n\n';
    const r = await fn(src, 'Solution().inc', [[1], [2], [3]]);
    expect(r.cases.map((c) => c.value)).toEqual([1, 2, 3]);
  });

  it('ListNode/TreeNode arguments and results convert from LeetCode list form (type hints)', async () => {
    const src = [
      'from typing import Optional, List',
      'class Solution:',
      '    def reverseList(self, head: Optional[ListNode]) -> Optional[ListNode]:',
      '        prev = None',
      '        while head:',
      '            head.next, prev, head = prev, head, head.next',
      '        return prev',
      '    def invertTree(self, root: Optional[TreeNode]) -> Optional[TreeNode]:',
      '        if root:',
      '            root.left, root.right = self.invertTree(root.right), self.invertTree(root.left)',
      '        return root',
      '    def mergeKLists(self, lists: List[Optional[ListNode]]) -> Optional[ListNode]:',
      '        vals = []',
      '        for l in lists:',
      '            while l:',
      '                vals.append(l.val); l = l.next',
      '        head = None',
      '        for v in sorted(vals, reverse=True):',
      '            head = ListNode(v, head)',
      '        return head',
    ].join('\n');
    const rev = await fn(src, 'Solution().reverseList', [[[1, 2, 3]], [[]]]);
    expect(rev.cases.map((c) => c.value)).toEqual([[3, 2, 1], []]);
    const inv = await fn(src, 'Solution().invertTree', [[[4, 2, 7, 1, 3, 6, 9]], [[1, null, 2]]]);
    expect(inv.cases.map((c) => c.value)).toEqual([
      [4, 7, 2, 9, 6, 3, 1],
      [1, 2],
    ]);
    const merged = await fn(src, 'Solution().mergeKLists', [
      [
        [
          [1, 4, 5],
          [1, 3, 4],
          [2, 6],
        ],
      ],
    ]);
    expect(merged.cases[0].value).toEqual([1, 1, 2, 3, 4, 4, 5, 6]);
  });

  it('explicit argKinds override hints', async () => {
    const src =
      'def total(head):\n    s = 0\n    while head:\n        s += head.val\n        head = head.next\n    return s\n';
    const r = await fn(src, 'total', [[[1, 2, 3]]], { argKinds: ['ListNode'] });
    expect(r.cases[0].value).toBe(6);
  });

  it('stdout/stderr are captured per case; a runtime error names the exception and line', async () => {
    const r = await fn(
      'import sys\ndef f(x):\n    print("out", x)\n    print("err", x, file=sys.stderr)\n    return 10 // x\n',
      'f',
      [[2], [0]],
    );
    expect(r.cases[0]).toMatchObject({ status: 'ok', value: 5, stdout: 'out 2\n', stderr: 'err 2\n' });
    expect(r.cases[1]).toMatchObject({ status: 'runtime_error', stdout: 'out 0\n' });
    expect(r.cases[1].error).toBe('ZeroDivisionError: integer division or modulo by zero (solution line 5)');
  });

  it('a return value over the value cap is output_limit', async () => {
    const small = createPythonSandbox({ valueBytes: 1000, maxConcurrency: 1 });
    try {
      const r = await small.execute({
        language: 'python',
        mode: 'function',
        source: 'def f(n):\n    return "x" * n\n',
        entryPoint: 'f',
        calls: [{ args: [10] }, { args: [5000] }],
        limits: LIMITS,
      });
      expect(r.cases.map((c) => c.status)).toEqual(['ok', 'output_limit']);
    } finally {
      await small.close();
    }
  });
});

describe('stdio mode: each case runs the program as __main__ with its own stdin', () => {
  it('reads stdin (input(), sys.stdin, open(0)) and keeps CRLF as Python would', async () => {
    const r = await stdio('import sys\na = input()\nrest = sys.stdin.read()\nprint(repr(a), repr(rest))\n', [
      '1 2\n3\n',
      'x\r\ny',
      '',
    ]);
    expect(r.cases.map((c) => c.stdout)).toEqual(["'1 2' '3\\n'\n", "'x\\r' 'y'\n", '']);
    expect(r.cases.map((c) => c.status)).toEqual(['ok', 'ok', 'runtime_error']);
    expect(r.cases[2].error).toMatch(/^EOFError/);
  });

  it('exit statuses: sys.exit(), exit(0), os._exit(0) are ok; sys.exit(3) and sys.exit("msg") are runtime errors', async () => {
    const src =
      'import os, sys\nk = input()\nprint(k)\nsys.stdout.flush()\nif k == "a": sys.exit()\nif k == "b": exit(0)\nif k == "c": os._exit(0)\nif k == "d": sys.exit(3)\nif k == "e": sys.exit("bad")\n';
    const r = await stdio(src, ['a', 'b', 'c', 'd', 'e', 'f']);
    expect(r.cases.map((c) => c.status)).toEqual(['ok', 'ok', 'ok', 'runtime_error', 'runtime_error', 'ok']);
    expect(r.cases.map((c) => c.stdout)).toEqual(['a\n', 'b\n', 'c\n', 'd\n', 'e\n', 'f\n']);
    expect(r.cases[3].error).toBe('exit status 3');
    expect(r.cases[4].stderr).toBe('bad\n');
  });

  it('module state does not leak between cases; non-daemon threads are joined like at interpreter exit', async () => {
    const src =
      'import threading\ncount = globals().get("count", 0) + 1\ndef main():\n    print(count, input())\nthreading.Thread(target=main).start()\n';
    const r = await stdio(src, ['x', 'y']);
    expect(r.cases.map((c) => c.stdout)).toEqual(['1 x\n', '1 y\n']);
  });

  it('a large stdin (4 MiB) is delivered whole', async () => {
    const big = `${'7 '.repeat(2 * 1024 * 1024)}\n`;
    const r = await stdio('import sys\nprint(sum(map(int, sys.stdin.buffer.read().split())))\n', [big]);
    expect(r.cases[0]).toMatchObject({ status: 'ok', stdout: `${7 * 2 * 1024 * 1024}\n` });
  });

  it('output over the cap is output_limit and the capture is truncated to the cap', async () => {
    const r = await stdio('print("y" * 10000)\n', ['']);
    expect(r.cases[0].status).toBe('output_limit');
    expect(r.cases[0].stdout.length).toBe(LIMITS.outputBytes);
  });
});

describe('assert mode: tests run after the solution, with a wrapped candidate', () => {
  it('HumanEval shape: check(candidate) with candidateName', async () => {
    const test = 'def check(candidate):\n    assert candidate(2, 3) == 5\n    assert candidate(-1, 1) == 0\n';
    const good = await asserts('def add(a, b):\n    return a + b\n', [`${test}check(candidate)\n`], {
      entryPoint: 'add',
      candidateName: 'candidate',
    });
    const bad = await asserts('def add(a, b):\n    return a - b\n', [`${test}check(candidate)\n`], {
      entryPoint: 'add',
      candidateName: 'candidate',
    });
    expect(good.cases[0].status).toBe('ok');
    expect(bad.cases[0]).toMatchObject({ status: 'runtime_error', error: 'AssertionError (test line 2)' });
  });

  it('MBPP shape: each assert line is its own case; tuples, sets and dicts keep their types', async () => {
    const src = 'def f(k):\n    return [(4, 5), {1, 2}, {"a": 1}, b"x", 2.5][k]\n';
    const r = await asserts(
      src,
      [
        'assert f(0) == (4, 5)',
        'assert f(1) == {2, 1}',
        'assert f(2) == {"a": 1}',
        'assert f(3) == b"x"',
        'assert f(4) == 2.5',
        'assert f(0) == [4, 5]',
      ],
      { entryPoint: 'f' },
    );
    expect(r.cases.map((c) => c.status)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'runtime_error']);
  });

  it('Solution().method tests (LeetCodeDataset) use wrapped instances', async () => {
    const src =
      'class Solution:\n    def twice(self, x):\n        class E:\n            def __eq__(s, o): return True\n        return E() if x < 0 else 2 * x\n';
    const r = await asserts(
      src,
      ['assert candidate(x = 2) == 4', 'assert candidate(-1) == 7', 'assert Solution().twice(-1) == 7'],
      {
        entryPoint: 'Solution().twice',
        candidateName: 'candidate',
      },
    );
    expect(r.cases.map((c) => c.status)).toEqual(['ok', 'runtime_error', 'runtime_error']);
    expect(r.cases[1].error).toMatch(/not plain data/);
  });
});

describe('compile errors, load failures, fatal cases', () => {
  it('a SyntaxError is compileError and no case runs', async () => {
    const r = await fn('def f(:\n  pass\n', 'f', [[1], [2]]);
    expect(r.compileError).toMatch(/^SyntaxError: /);
    expect(r.cases.map((c) => c.status)).toEqual(['runtime_error', 'runtime_error']);
  });

  it('an exception at import time fails every case with that error', async () => {
    const r = await fn('raise ValueError("nope")\ndef f(): return 1\n', 'f', [[], []]);
    expect(r.cases.map((c) => c.error)).toEqual([
      'solution failed to load: ValueError: nope (solution line 1)',
      'solution failed to load: ValueError: nope (solution line 1)',
    ]);
  });

  it('an infinite loop at import time is a timeout for every case', async () => {
    const r = await fn('while True: pass\ndef f(): return 1\n', 'f', [[], []], {
      limits: { ...LIMITS, timeMs: 300 },
    });
    expect(r.cases.map((c) => c.status)).toEqual(['timeout', 'timeout']);
  });

  it('after a case kills the process, the remaining cases run in a fresh sandbox', async () => {
    const src =
      'import os\ndef f(k):\n    if k == 1:\n        while True: pass\n    if k == 2:\n        os._exit(0)\n    if k == 3:\n        b = bytearray(400 * 1024 * 1024)\n    return k\n';
    const r = await fn(src, 'f', [[0], [1], [5], [2], [6], [3], [7]], {
      limits: { ...LIMITS, timeMs: 300, memoryMb: 128 },
    });
    expect(r.cases.map((c) => c.status)).toEqual([
      'ok',
      'timeout',
      'ok',
      'runtime_error',
      'ok',
      'memory',
      'ok',
    ]);
    expect(r.cases.filter((c) => c.status === 'ok').map((c) => c.value)).toEqual([0, 5, 6, 7]);
    expect(r.cases[3].error).toBe('process exited with status 0');
  });

  it('the time limit is CPU time; a sleeping case is capped by the wall clock at 2x', async () => {
    const r = await fn('import time\ndef f(s):\n    time.sleep(s)\n    return s\n', 'f', [[0.3], [5]], {
      limits: { ...LIMITS, timeMs: 500 },
    });
    expect(r.cases[0]).toMatchObject({ status: 'ok', value: 0.3 });
    expect(r.cases[0].cpuMs!).toBeLessThan(100);
    expect(r.cases[0].timeMs).toBeGreaterThanOrEqual(300);
    expect(r.cases[1].status).toBe('timeout');
    expect(r.cases[1].timeMs).toBeGreaterThanOrEqual(1000);
  });
});

describe('availability and errors', () => {
  it('a missing bubblewrap makes available() say why, and execute rejects with SandboxError', async () => {
    const missing = createPythonSandbox({ bwrapPath: '/nonexistent/bwrap' });
    const a = await missing.available();
    expect(a).toMatchObject({ ok: false, reason: 'bubblewrap not found at /nonexistent/bwrap' });
    const err = await missing
      .execute({ language: 'python', mode: 'stdio', source: '', stdins: [''], limits: LIMITS })
      .catch((e) => e);
    expect(err).toBeInstanceOf(SandboxError);
    expect((err as SandboxError).code).toBe('RLVR_ERR_SANDBOX_UNAVAILABLE');
  });

  it('a malformed spec is rejected as our error, not a verdict', async () => {
    const err = await sandbox
      .execute({ language: 'python', mode: 'function', source: '', limits: LIMITS })
      .catch((e) => e);
    expect((err as SandboxError).code).toBe('RLVR_ERR_SANDBOX_SPEC');
  });

  it('without cgroups (rlimit fallback) memory bombs are still Memory Limit Exceeded', async () => {
    const plain = createPythonSandbox({ cgroups: 'off', maxConcurrency: 1 });
    try {
      expect((await plain.available()).details?.cgroups).toBe('none');
      const r = await plain.execute({
        language: 'python',
        mode: 'function',
        source: 'def f(n):\n    return len(bytearray(n * 1024 * 1024))\n',
        entryPoint: 'f',
        calls: [{ args: [8] }, { args: [512] }, { args: [9] }],
        limits: { ...LIMITS, memoryMb: 128 },
      });
      expect(r.cases.map((c) => c.status)).toEqual(['ok', 'memory', 'ok']);
    } finally {
      await plain.close();
    }
  });

  it('many solutions at once queue for the slots and all complete', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => fn('def f(x):\n    return x * x\n', 'f', [[i]])),
    );
    expect(results.map((r) => r.cases[0].value)).toEqual(Array.from({ length: 12 }, (_, i) => i * i));
  });
});

describe('large inputs', () => {
  it('stdins larger than the tmpfs default and the output cap run one at a time (3 × 40 MiB)', async () => {
    const big = `${'1'.repeat(40 * 1024 * 1024)}\n`;
    const r = await stdio('import sys\nprint(len(sys.stdin.buffer.read()))\n', [big, big, 'x'], {
      limits: { ...LIMITS, timeMs: 4000, memoryMb: 512 },
    });
    expect(r.cases.map((c) => [c.status, c.stdout])).toEqual([
      ['ok', `${big.length}\n`],
      ['ok', `${big.length}\n`],
      ['ok', '1\n'],
    ]);
  });
});

describe('entry points and output state', () => {
  it('a missing entry point is a runtime error that says so', async () => {
    const r = await fn('def g():\n    return 1\n', 'f', [[]]);
    expect(r.cases[0]).toMatchObject({
      status: 'runtime_error',
      error: "NameError: entry point 'f' is not defined by the solution",
    });
  });

  it('in assert mode, output left buffered by an output-limit case does not leak into the next case', async () => {
    const r = await asserts(
      'def f(n):\n    print("z" * n, end="")\n    return n\n',
      ['f(5000)', 'f(3)', 'f(4)'],
      {
        entryPoint: 'f',
      },
    );
    expect(r.cases.map((c) => c.status)).toEqual(['output_limit', 'ok', 'ok']);
    expect(r.cases.slice(1).map((c) => c.stdout)).toEqual(['zzz', 'zzzz']);
  });
});

// Needs root to drop to nobody (CI runs as root: .ci/run installs packages with apt).
const canDropToNobody = process.getuid?.() === 0 && existsSync('/usr/bin/setpriv');

describe('as a non-root server', () => {
  it.skipIf(!canDropToNobody)('runs without cgroups (rlimits only) and gives the same statuses', async () => {
    const { spawnSync } = await import('node:child_process');
    const { fileURLToPath } = await import('node:url');
    const index = fileURLToPath(new URL('../../../sandboxes/python/index.ts', import.meta.url));
    const script = `
      const { createPythonSandbox } = await import(${JSON.stringify(index)});
      const sb = createPythonSandbox({ maxConcurrency: 1 });
      const a = await sb.available();
      const r = await sb.execute({ language: 'python', mode: 'function', entryPoint: 'f',
        source: 'import os\\ndef f(k):\\n    if k == 1:\\n        while True: pass\\n    if k == 2:\\n        return len(bytearray(400 * 1024 * 1024))\\n    return [k, os.getuid()]\\n',
        calls: [{ args: [0] }, { args: [1] }, { args: [2] }, { args: [3] }],
        limits: { timeMs: 300, memoryMb: 128, outputBytes: 1024 } });
      await sb.close();
      console.log(JSON.stringify({ cgroups: a.details?.cgroups, statuses: r.cases.map((c) => c.status), values: r.cases.map((c) => c.value ?? null) }));
    `;
    const out = spawnSync(
      '/usr/bin/setpriv',
      [
        '--reuid',
        '65534',
        '--regid',
        '65534',
        '--clear-groups',
        process.execPath,
        '--input-type=module',
        '-e',
        script,
      ],
      { encoding: 'utf8', cwd: '/tmp', timeout: 60_000 },
    );
    const line = out.stdout.trim().split('\n').pop() ?? '';
    expect(JSON.parse(line)).toEqual({
      cgroups: 'none',
      statuses: ['ok', 'timeout', 'memory', 'ok'],
      values: [[0, 1000], null, null, [3, 1000]],
    });
  });
});
