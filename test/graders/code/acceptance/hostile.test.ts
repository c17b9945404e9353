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
const assertOf = (code: string) => ({ kind: 'assert', entry_point: 'add', cases: [{ code }] });
const mbppSet = assertOf('assert set(add(1, 2)) == set((3, 4))');
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
    // The assert-mode test runs in the solution's namespace: shadowing what the test calls.
    [
      'shadows set() used by an MBPP-style assert',
      'def add(a, b):\n    return 0\nset = lambda *a: 1',
      mbppSet,
    ],
    [
      'shadows len()',
      'def add(a, b):\n    return []\nlen = lambda x: 3',
      assertOf('assert len(add(1, 2)) == 3'),
    ],
    [
      'shadows sorted()',
      'def add(a, b):\n    return 0\nsorted = lambda *a, **k: 1',
      assertOf('assert sorted(add(1, 2)) == sorted([3])'),
    ],
    [
      'shadows abs()',
      'def add(a, b):\n    return 0\nabs = lambda x: 0',
      // Two statements: not converted to host-compared tests, so abs() runs in the solution's process.
      assertOf('r = add(1, 2)\nassert abs(r - 3) < 1e-9'),
    ],
    [
      'binds a fake math the test uses without importing it',
      'class M:\n    def isclose(*a, **k):\n        return True\nmath = M()\ndef add(a, b):\n    return 0',
      assertOf('assert math.isclose(add(1, 2), 3)'),
    ],
    [
      'a fake module object named math',
      'import types\nmath = types.ModuleType("math")\nmath.isclose = lambda *a, **k: True\ndef add(a, b):\n    return 0',
      assertOf('assert math.isclose(add(1, 2), 3)'),
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

describe.skipIf(!(await usable('python')))('Python class patching', () => {
  // Was a known gap (xfail): a solution patched a *class* of a standard module. The runner now
  // snapshots the Python-level classes of the modules tests use and restores them before each test
  // and after each candidate call (sandboxes/python/runner.py, `_MODULE_CLASSES`).
  it('patching collections.Counter.__eq__ does not make a Counter comparison pass', {
    timeout: 60_000,
  }, async () => {
    const out = await grader.grade({
      completion:
        '```python\nimport collections\ncollections.Counter.__eq__ = lambda *a: True\ndef add(a, b):\n    return [0]\n```',
      reference: {
        language: 'python',
        tests: assertOf('from collections import Counter\nassert Counter(add(1, 2)) == Counter([3])'),
      },
      options: {},
    });
    expect(out.verdict).not.toBe('Accepted');
  });
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
