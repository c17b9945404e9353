/**
 * JS/TS sandbox behaviour, one property per test: modes, Node-like I/O, process.exit, timers,
 * LeetCode conversions, strict copy-out, TypeScript, limits, and the pool's recovery.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createJsSandboxes } from '../../../sandboxes/js/index.ts';
import type { ExecSpec } from '../../../src/core/sandbox.ts';

const LIMITS = { timeMs: 1000, memoryMb: 64, outputBytes: 4096 };
const sandboxes = createJsSandboxes({ size: 2, maxQueue: 64 });
const { javascript: js, typescript: ts } = sandboxes;
afterAll(() => js.close());

const stdio = (source: string, stdins: string[], extra: Partial<ExecSpec> = {}) =>
  js.execute({ language: 'javascript', source, mode: 'stdio', stdins, limits: LIMITS, ...extra });
const fn = (source: string, entryPoint: string, args: unknown[][], extra: Partial<ExecSpec> = {}) =>
  js.execute({
    language: 'javascript',
    source,
    mode: 'function',
    entryPoint,
    calls: args.map((a) => ({ args: a })),
    limits: LIMITS,
    ...extra,
  });
const assertMode = (source: string, tests: string[], extra: Partial<ExecSpec> = {}) =>
  js.execute({ language: 'javascript', source, mode: 'assert', tests, limits: LIMITS, ...extra });

describe('stdio mode: competitive-programming JS runs unchanged', () => {
  it('fs.readFileSync("/dev/stdin"), console.log of numbers, one fresh program per case', async () => {
    const r = await stdio(
      'globalThis.calls = (globalThis.calls ?? 0) + 1;\n' +
        'const [a, b] = require("fs").readFileSync("/dev/stdin", "utf8").split(" ").map(Number);\n' +
        'console.log(a + b, calls);',
      ['1 2\n', '40 2\n'],
    );
    expect(r.cases.map((c) => [c.status, c.stdout])).toEqual([
      ['ok', '3 1\n'],
      ['ok', '42 1\n'],
    ]);
  });

  it('readline with `for await`, and a last line without a newline', async () => {
    const src = `const rl = require('node:readline').createInterface({ input: process.stdin, crlfDelay: Infinity });
(async () => { const seen = []; for await (const line of rl) seen.push(line); console.log(seen.join('|')); })();`;
    const r = await stdio(src, ['a\nb\r\nc', '']);
    expect(r.cases.map((c) => c.stdout)).toEqual(['a|b|c\n', '\n']);
    const viaStream = await stdio(
      "require('readline').createInterface({ input: require('fs').createReadStream('/dev/stdin') }).on('line', (l) => console.log(l.length));",
      ['ab\ncde\n'],
    );
    expect(viaStream.cases[0].stdout).toBe('2\n3\n');
    const chunks = await stdio(
      "const c = []; process.stdin.on('data', (d) => c.push(d)); process.stdin.on('end', () => console.log(Buffer.concat(c).toString('utf8').trim().split('\\n').length, Buffer.byteLength('é')));",
      ['x\ny\nz\n'],
    );
    expect(chunks.cases[0].stdout).toBe('3 2\n');
  });

  it('process.stdout.write, console.error to stderr, util.format specifiers, inspect of arrays/objects', async () => {
    const r = await stdio(
      'process.stdout.write("x"); console.error("warn"); console.log("%d-%s %j", 7, "y", {a: 1}); console.log([1, "a", [2]], {k: null});',
      [''],
    );
    expect(r.cases[0]).toMatchObject({
      status: 'ok',
      stdout: 'x7-y {"a":1}\n[ 1, \'a\', [ 2 ] ] { k: null }\n',
      stderr: 'warn\n',
    });
  });

  it('process.exit(0) ends the case as success; later output is dropped', async () => {
    const r = await stdio('console.log("before"); process.exit(0); console.log("after");', ['']);
    expect(r.cases[0]).toMatchObject({ status: 'ok', stdout: 'before\n' });
  });

  it('a non-zero exit code or an uncaught error is a runtime error', async () => {
    const r = await stdio('if (process.argv.length !== 2) throw 1; console.log(1); process.exitCode = 3;', [
      '',
    ]);
    expect(r.cases[0]).toMatchObject({ status: 'runtime_error', stdout: '1\n', error: 'exit code 3' });
    const r2 = await stdio('setTimeout(() => { null.x; }, 5);', ['']);
    expect(r2.cases[0].status).toBe('runtime_error');
    expect(r2.cases[0].error).toMatch(/TypeError/);
  });

  it('timers run in due-time order without real waiting', async () => {
    const src = `setTimeout(() => console.log('c'), 30); setTimeout(() => console.log('a'), 10);
setImmediate(() => console.log('0')); Promise.resolve().then(() => console.log('micro'));
const i = setInterval(() => { console.log('i'); clearInterval(i); }, 20);`;
    const r = await stdio(src, ['']);
    expect(r.cases[0].stdout).toBe('micro\n0\na\ni\nc\n');
  });

  it('output over the cap is output_limit, with the captured prefix', async () => {
    const r = await stdio('for (let i = 0; i < 1e5; i++) console.log(i);', ['']);
    expect(r.cases[0].status).toBe('output_limit');
    expect(r.cases[0].stdout.startsWith('0\n1\n2\n')).toBe(true);
    expect(Buffer.byteLength(r.cases[0].stdout)).toBeLessThanOrEqual(LIMITS.outputBytes);
  });
});

describe('function mode: entry points, LeetCode shapes, strict copy-out', () => {
  it('function, const arrow, var function expression and a Solution class method', async () => {
    const r = await Promise.all([
      fn('function f(a, b) { return a * b }', 'f', [[6, 7]]),
      fn('const f = (s) => s.split("").reverse().join("")', 'f', [['abc']]),
      fn('var f = function (xs) { return xs.filter(x => x % 2) }', 'f', [[[1, 2, 3]]]),
      fn(
        'class Solution { constructor() { this.n = 0 } count(x) { return ++this.n + x } }',
        'Solution().count',
        [[10], [10]],
      ),
    ]);
    expect(r.map((x) => x.cases.map((c) => c.value))).toEqual([[42], ['cba'], [[1, 3]], [11, 11]]);
    expect(r[0].cases[0].cpuMs).toBeGreaterThanOrEqual(0); // the child's CPU during the case, ms
  });

  it("LeetCode's runtime globals: priority queues (@datastructures-js v6 API) and lodash's _", async () => {
    const src = `var f = function (xs) {
  const min = new MinPriorityQueue(); const max = new MaxPriorityQueue(); const pq = new PriorityQueue((a, b) => a[0] - b[0]);
  for (const x of xs) { min.enqueue(x); max.enqueue(x); pq.enqueue([x, 'v' + x]); }
  return [min.dequeue(), max.dequeue(), pq.front()[1], min.size(), _.chunk(xs, 2), _.sortedIndex([1, 3, 5], 4)];
};`;
    const r = await fn(src, 'f', [[[5, 1, 4]]]);
    expect(r.cases[0]).toMatchObject({ status: 'ok', value: [1, 5, 'v1', 2, [[5, 1], [4]], 2] });
    // only loaded when the solution names them
    const plain = await fn(
      'const g = () => Object.getOwnPropertyNames(globalThis).filter((k) => /Priority|^_$/.test(k));',
      'g',
      [[]],
    );
    expect(plain.cases[0].value).toEqual([]);
  });

  it('awaits a returned promise within the time limit (timers included)', async () => {
    const r = await fn(
      'async function f(x) { await new Promise(r => setTimeout(r, 100)); return x + 1 }',
      'f',
      [[1]],
    );
    expect(r.cases[0]).toMatchObject({ status: 'ok', value: 2 });
  });

  it('ListNode and TreeNode arguments and returns use LeetCode list form', async () => {
    const rev = `var reverseList = function(head) { let p = null; while (head) { const n = head.next; head.next = p; p = head; head = n; } return p; };`;
    const inv = `var invertTree = function(root) { if (!root) return null; [root.left, root.right] = [invertTree(root.right), invertTree(root.left)]; return root; };`;
    const [a, b] = await Promise.all([
      fn(rev, 'reverseList', [[[1, 2, 3]], [[]]], { argKinds: ['ListNode'] }),
      fn(inv, 'invertTree', [[[4, 2, 7, 1, 3, 6, 9]], [[2, null, 3]]], { argKinds: ['TreeNode'] }),
    ]);
    expect(a.cases.map((c) => c.value)).toEqual([[3, 2, 1], null]);
    expect(b.cases.map((c) => c.value)).toEqual([
      [4, 7, 2, 9, 6, 3, 1],
      [2, 3],
    ]);
  });

  it('only plain JSON data comes out: functions, class instances, Maps, NaN and getters are invalid_return', async () => {
    const r = await fn(
      'class P { constructor() { this.x = 1 } }\nfunction f(k) { return [() => 1, new P(), new Map(), NaN, { get g() { return 1 } }, [1, { a: [2] }], undefined, 10n][k] }',
      'f',
      [[0], [1], [2], [3], [4], [5], [6], [7]],
    );
    expect(r.cases.map((c) => c.status)).toEqual([
      'invalid_return',
      'invalid_return',
      'invalid_return',
      'invalid_return',
      'invalid_return',
      'ok',
      'ok',
      'ok',
    ]);
    expect(r.cases.slice(5).map((c) => c.value)).toEqual([[1, { a: [2] }], null, 10]);
  });

  it('a timed-out call does not poison later calls (reloaded in a fresh context)', async () => {
    const r = await fn(
      'let calls = 0; function f(x) { calls++; if (x < 0) for (;;) {} return [x, calls] }',
      'f',
      [[1], [-1], [2]],
    );
    expect(r.cases.map((c) => c.status)).toEqual(['ok', 'timeout', 'ok']);
    expect(r.cases[2].value).toEqual([2, 1]);
  });

  it('top-level failure of the solution gives every case that status', async () => {
    const r = await fn('throw new Error("boom"); function f() { return 1 }', 'f', [[], []]);
    expect(r.cases.map((c) => c.status)).toEqual(['runtime_error', 'runtime_error']);
    expect(r.cases[0].error).toMatch(/boom/);
  });

  it('process.exit inside a call is a runtime error', async () => {
    const r = await fn('function f() { process.exit(0) }', 'f', [[]]);
    expect(r.cases[0].status).toBe('runtime_error');
  });
});

describe('assert mode', () => {
  it('binds candidateName to the entry point (HumanEval style `check(candidate)`)', async () => {
    const test = 'function check(c) { require("assert").strictEqual(c(2), 4) }\ncheck(candidate);';
    const r = await assertMode(
      'function sq(x) { return x * x }',
      [test, 'candidate(3) === 9 || (() => { throw 1 })()'],
      {
        entryPoint: 'sq',
        candidateName: 'candidate',
      },
    );
    expect(r.cases.map((c) => c.status)).toEqual(['ok', 'ok']);
  });

  it('deepEqual is loose like Node (1 == true), deepStrictEqual is not; an async test is awaited', async () => {
    const r = await assertMode('const f = () => 1;', [
      'require("node:assert").deepEqual(f(), true)',
      'require("node:assert").deepStrictEqual(f(), true)',
      'const t = async () => { await null; require("assert").strictEqual(f(), 2) }; t();',
    ]);
    expect(r.cases.map((c) => c.status)).toEqual(['ok', 'runtime_error', 'runtime_error']);
  });

  it('each test runs in a fresh program: state from one test does not leak into the next', async () => {
    const r = await assertMode('var n = 0; const inc = () => ++n;', [
      'console.assert(inc() === 1)',
      'console.assert(inc() === 1)',
    ]);
    expect(r.cases.map((c) => c.status)).toEqual(['ok', 'ok']);
  });

  it('a syntax error in the solution is a compile error; every case is still listed', async () => {
    const r = await assertMode('const f = (x => x', ['f(1)', 'f(2)']);
    expect(r.compileError).toMatch(/SyntaxError/);
    expect(r.cases.length).toBe(2);
  });
});

describe('hardening keeps ordinary code working', () => {
  it('own toJSON/toString/@@toPrimitive on instances and classes, prototype extension, F.prototype.toString =', async () => {
    const src = `function P(x) { this.x = x } P.prototype.toString = function () { return 'P' + this.x };
class Q { constructor(v) { this.v = v } toJSON() { return { q: this.v } } [Symbol.toPrimitive]() { return 7 } }
Array.prototype.sum = function () { return this.reduce((a, b) => a + b, 0) };
const o = { a: 1 }; o.toJSON = () => 'o'; o.toString = () => 'O';
console.log(String(new P(1)), JSON.stringify([new Q(2), o]), new Q(0) * 2, [1, 2, 3].sum(), \`\${o}\`, JSON.stringify({ d: new Date(0) }));`;
    const r = await stdio(src, ['']);
    expect(r.cases[0]).toMatchObject({
      status: 'ok',
      stdout: 'P1 [{"q":2},"o"] 14 6 O {"d":"1970-01-01T00:00:00.000Z"}\n',
    });
  });
});

describe('TypeScript', () => {
  it('types, enums and parameter properties are stripped; the program runs', async () => {
    const src = `enum Dir { Up = 1, Down }
class Box { constructor(private readonly v: number) {} get(): number { return this.v * Dir.Down } }
function f(x: number): number[] { const b: Box = new Box(x); return [b.get(), Dir.Up] as number[]; }`;
    const r = await ts.execute({
      language: 'typescript',
      source: src,
      mode: 'function',
      entryPoint: 'f',
      calls: [{ args: [5] }],
      limits: LIMITS,
    });
    expect(r.cases[0]).toMatchObject({ status: 'ok', value: [10, 1] });
  });

  it('a TypeScript syntax error is a compile error with a position', async () => {
    const r = await ts.execute({
      language: 'typescript',
      source: 'function f(a: number { return a }',
      mode: 'function',
      entryPoint: 'f',
      calls: [{ args: [1] }],
      limits: LIMITS,
    });
    expect(r.compileError).toMatch(/SyntaxError: .*\(1:\d+\)/);
  });
});

describe('limits and the pool', () => {
  it('requests can only lower the defaults', async () => {
    const r = await js.execute({
      language: 'javascript',
      source: 'console.log("x".repeat(100))',
      mode: 'stdio',
      stdins: [''],
      limits: { timeMs: 1e9, memoryMb: 1e9, outputBytes: 10 },
    });
    expect(r.cases[0].status).toBe('output_limit');
    expect(js.defaults.timeMs).toBe(4000);
  });

  it('a memory bomb is memory, the child is replaced, and the job resumes with the next case', async () => {
    const src =
      'function f(big) { if (big) { const a = []; for (;;) a.push(new Array(1 << 20).fill(a.length)); } return 7 }';
    const r = await fn(src, 'f', [[false], [true], [false]]);
    expect(r.cases.map((c) => c.status)).toEqual(['ok', 'memory', 'ok']);
    expect(r.cases[2].value).toBe(7);
  });

  it('a full queue rejects with RLVR_ERR_SANDBOX_BUSY instead of growing without bound', async () => {
    const small = createJsSandboxes({ size: 1, maxQueue: 2 });
    try {
      const spin: ExecSpec = {
        language: 'javascript',
        source: 'for(;;){}',
        mode: 'stdio',
        stdins: [''],
        limits: { ...LIMITS, timeMs: 300 },
      };
      const runs = Array.from({ length: 6 }, () =>
        small.javascript.execute(spin).then(
          () => 'ran',
          (e) => e.code,
        ),
      );
      const out = await Promise.all(runs);
      expect(out.filter((x) => x === 'RLVR_ERR_SANDBOX_BUSY').length).toBeGreaterThanOrEqual(3);
      expect(out.filter((x) => x === 'ran').length).toBeGreaterThanOrEqual(1);
    } finally {
      await small.javascript.close();
    }
  });

  it('a child that stops answering (SIGSTOP) is killed by the host watchdog: that case is timeout, the job resumes', async () => {
    const one = createJsSandboxes({ size: 1, startupTimeoutMs: 3000, graceMs: 200 });
    try {
      expect(await one.javascript.available()).toMatchObject({ ok: true });
      const [pid] = one.pids();
      process.kill(pid, 'SIGSTOP');
      const r = await one.javascript.execute({
        language: 'javascript',
        source: 'const f = (x) => x * 2;',
        mode: 'function',
        entryPoint: 'f',
        calls: [{ args: [1] }, { args: [2] }],
        limits: { ...LIMITS, timeMs: 200 },
      });
      expect(r.cases.map((c) => c.status)).toEqual(['timeout', 'ok']);
      expect(r.cases[1].value).toBe(4);
      expect(one.pids()).not.toContain(pid);
    } finally {
      await one.javascript.close();
    }
  });

  it('a case starved of CPU (its process paused) is retried with more wall time, not a false TLE', async () => {
    const one = createJsSandboxes({ size: 1 });
    const cpuTicks = (pid: number) => {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return Number(f[11]) + Number(f[12]);
    };
    try {
      expect(await one.javascript.available()).toMatchObject({ ok: true });
      const [pid] = one.pids();
      const spec: ExecSpec = {
        language: 'javascript',
        source: 'function f() { let x = 0; for (let i = 0; i < 6e7; i++) x = (x + i) % 1000003; return x }',
        mode: 'function',
        entryPoint: 'f',
        calls: [{ args: [] }],
        limits: { ...LIMITS, timeMs: 1000 },
      };
      const c0 = cpuTicks(pid);
      const pending = one.javascript.execute(spec);
      // wait until the child is computing, then take the CPU away for longer than timeMs
      while (cpuTicks(pid) - c0 < 3) await new Promise((r) => setTimeout(r, 5));
      process.kill(pid, 'SIGSTOP');
      await new Promise((r) => setTimeout(r, 1500));
      process.kill(pid, 'SIGCONT');
      const r = await pending;
      expect(r.cases[0].status, JSON.stringify(r.cases[0])).toBe('ok');
      expect(typeof r.cases[0].value).toBe('number');
      // the same program really over its CPU budget is still a TLE
      const slow = await one.javascript.execute({ ...spec, limits: { ...LIMITS, timeMs: 50 } });
      expect(slow.cases[0].status).toBe('timeout');
    } finally {
      await one.javascript.close();
    }
  });

  it('when children cannot start, work is refused with a SandboxError (RLVR_ERR_SANDBOX_START) and available() says why', async () => {
    const broken = createJsSandboxes({ size: 1, nodePath: '/nonexistent/node' });
    try {
      await expect(
        broken.javascript.execute({
          language: 'javascript',
          source: '1',
          mode: 'stdio',
          stdins: [''],
          limits: LIMITS,
        }),
      ).rejects.toMatchObject({ code: 'RLVR_ERR_SANDBOX_START' });
      const a = await broken.javascript.available();
      expect(a.ok).toBe(false);
    } finally {
      await broken.javascript.close();
    }
  });

  it('available() runs a smoke program', async () => {
    expect(await js.available()).toMatchObject({ ok: true });
  });
});
