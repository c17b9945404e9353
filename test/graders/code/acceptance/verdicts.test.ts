/**
 * Every judge verdict through the full grader and the real sandboxes, per language: the sandbox
 * measures resources, the host compares, the first failing test decides, and a request's limits
 * (here 1 s, 64 MiB, 64 KiB) only lower the defaults.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeSandboxes, graderOver, usable } from './helpers.ts';

const grader = graderOver({ get: () => null });
afterAll(closeSandboxes);

const limits = { time_ms: 1000, memory_mb: 64, output_bytes: 65536 };
const tests = {
  kind: 'function',
  entry_point: 'f',
  cases: [
    { args: [1], expected: 2 },
    { args: [2], expected: 4 },
  ],
  limits,
};

const PROGRAMS: Record<string, Record<string, string>> = {
  python: {
    Accepted: 'def f(x):\n    return 2 * x',
    'Wrong Answer': 'def f(x):\n    return 2 * x if x == 1 else 5',
    'Time Limit Exceeded':
      'def f(x):\n    if x == 2:\n        while True:\n            pass\n    return 2 * x',
    'Memory Limit Exceeded':
      'def f(x):\n    if x == 2:\n        a = [bytearray(1 << 20) for _ in range(4096)]\n    return 2 * x',
    'Output Limit Exceeded':
      'def f(x):\n    if x == 2:\n        while True:\n            print("x" * 4096)\n    return 2 * x',
    'Runtime Error': 'def f(x):\n    if x == 2:\n        raise ValueError("boom")\n    return 2 * x',
    'Compile Error': 'def f(x)\n    return 2 * x',
  },
  javascript: {
    Accepted: 'function f(x) { return 2 * x; }',
    'Wrong Answer': 'function f(x) { return x === 1 ? 2 : 5; }',
    'Time Limit Exceeded': 'function f(x) { if (x === 2) for (;;) {} return 2 * x; }',
    'Memory Limit Exceeded':
      'function f(x) { if (x === 2) { const a = []; for (;;) a.push(new Array(1e6).fill(x)); } return 2 * x; }',
    'Output Limit Exceeded':
      'function f(x) { if (x === 2) for (;;) console.log("x".repeat(4096)); return 2 * x; }',
    'Runtime Error': 'function f(x) { if (x === 2) throw new Error("boom"); return 2 * x; }',
    'Compile Error': 'function f(x) { return 2 * x;',
  },
};

for (const [language, programs] of Object.entries(PROGRAMS)) {
  describe.skipIf(!(await usable(language)))(`${language} verdicts`, () => {
    for (const [verdict, code] of Object.entries(programs)) {
      it(verdict, { timeout: 60_000 }, async () => {
        const out = await grader.grade({
          completion: `\`\`\`${language}\n${code}\n\`\`\``,
          reference: { language, tests },
          options: { reward: 'fraction' },
        });
        expect(out.verdict).toBe(verdict);
        const d = out.details as { passed: number; total: number };
        expect(d.total).toBe(2);
        expect(d.passed).toBe(verdict === 'Accepted' ? 2 : verdict === 'Compile Error' ? 0 : 1);
        expect(out.score).toBe(d.passed / 2);
      });
    }
  });
}
