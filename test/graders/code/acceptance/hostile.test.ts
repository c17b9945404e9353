/**
 * Reward hacks through the full grader and the real sandboxes: comparison happens in the host,
 * so a solution that returns an always-equal object, prints fake pass lines, or exits before the
 * tests never earns a reward. (The sandboxes' own escape galleries are in test/sandboxes/escapes/.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeSandboxes, graderOver, usable } from './helpers.ts';

const grader = graderOver({ get: () => null });
const addFn = {
  kind: 'function',
  entry_point: 'add',
  cases: [
    { args: [1, 2], expected: 3 },
    { args: [5, 7], expected: 12 },
  ],
};
const addAssert = {
  kind: 'assert',
  entry_point: 'add',
  candidate_name: 'candidate',
  cases: [{ code: 'def check(candidate):\n    assert candidate(1, 2) == 3\ncheck(candidate)' }],
};
const addStdio = { kind: 'stdio', cases: [{ stdin: '1 2\n', expected_stdout: '3\n' }], compare: 'tokens' };

afterAll(closeSandboxes);

describe.skipIf(!(await usable('python')))('Python reward hacks', () => {
  const cases: [string, string, unknown][] = [
    [
      'always-equal object (function test)',
      'class Eq:\n    def __eq__(self, o):\n        return True\n\ndef add(a, b):\n    return Eq()',
      addFn,
    ],
    [
      'always-equal int subclass (function test)',
      'class I(int):\n    def __eq__(self, o):\n        return True\n    __hash__ = int.__hash__\n\ndef add(a, b):\n    return I(0)',
      addFn,
    ],
    [
      'always-equal object (assert test)',
      'class Eq:\n    def __eq__(self, o):\n        return True\n\ndef add(a, b):\n    return Eq()',
      addAssert,
    ],
    [
      'sys.exit(0) before the tests (assert test)',
      'import sys\nsys.exit(0)\ndef add(a, b):\n    return a + b',
      addAssert,
    ],
    ['os._exit(0) inside the candidate', 'import os\ndef add(a, b):\n    os._exit(0)', addAssert],
    ['fake pass lines (stdio test)', 'print("PASSED 1/1")\nprint("3")\nprint("ok")', addStdio],
    ['returns the expected value as a string', 'def add(a, b):\n    return str(a + b)', addFn],
    [
      'returns True for 1',
      'def add(a, b):\n    return True',
      { ...addFn, cases: [{ args: [0, 1], expected: 1 }] },
    ],
  ];
  for (const [name, code, tests] of cases) {
    it(name, { timeout: 60_000 }, async () => {
      const out = await grader.grade({
        completion: `\`\`\`python\n${code}\n\`\`\``,
        reference: { language: 'python', tests },
        options: { reward: 'fraction' },
      });
      expect(out.verdict).not.toBe('Accepted');
      expect(out.verdict).not.toBe('error');
      expect(out.score).toBe(0);
    });
  }
});

describe.skipIf(!(await usable('javascript')))('JavaScript reward hacks', () => {
  const jsAdd = { ...addFn };
  const cases: [string, string][] = [
    [
      'object with valueOf/toJSON tricks',
      'function add(a, b) { return { valueOf: () => a + b, toJSON: () => a + b }; }',
    ],
    [
      'getter that lies',
      'function add(a, b) { return Object.defineProperty({}, "x", { get: () => a + b }); }',
    ],
    ['proxy', 'function add(a, b) { return new Proxy({}, { get: () => a + b }); }'],
    ['string instead of number', 'function add(a, b) { return String(a + b); }'],
    ['never-settling promise', 'function add(a, b) { return new Promise(() => {}); }'],
    [
      'fake pass lines then exit',
      'console.log("All tests passed"); process.exit(0); function add(a, b) { return a + b; }',
    ],
  ];
  for (const [name, code] of cases) {
    it(name, { timeout: 60_000 }, async () => {
      const out = await grader.grade({
        completion: `\`\`\`js\n${code}\n\`\`\``,
        reference: { language: 'javascript', tests: jsAdd },
        options: { reward: 'fraction' },
      });
      expect(out.verdict).not.toBe('Accepted');
      expect(out.verdict).not.toBe('error');
      expect(out.score).toBe(0);
    });
  }
});
