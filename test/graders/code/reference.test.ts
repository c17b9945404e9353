/**
 * Inline references (graders/code/reference.ts): Python `kind: "assert"` tests sent in a request
 * convert to host-compared function tests as stored problems do (security review #1), on real
 * MBPP and LeetCodeDataset asserts; what cannot convert stays in assert mode; and through the real
 * Python sandbox, an always-equal or channel-forging solution of a converted inline problem gets
 * Wrong Answer.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { createCodeGrader } from '../../../graders/code/index.ts';
import { rowToProblem } from '../../../graders/code/problems/formats.ts';
import { convertInlineAsserts, parseReference } from '../../../graders/code/reference.ts';
import { createPythonSandbox } from '../../../sandboxes/python/index.ts';
import type { CodeTests } from '../../../src/schemas/code.ts';

const DATA = '/work/shared/data/code';
type Row = Record<string, unknown>;
const jsonl = (file: string): Row[] => {
  const buf = readFileSync(`${DATA}/${file}`);
  const text = file.endsWith('.gz') ? gunzipSync(buf).toString('utf8') : buf.toString('utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Row);
};
const mbpp = jsonl('mbpp.jsonl');
const mbppRow = (id: number) => mbpp.find((r) => r.task_id === id)!;
const assertTests = (entry: string, lines: string[], extra: Record<string, unknown> = {}) => ({
  kind: 'assert',
  entry_point: entry,
  cases: lines.map((code) => ({ code })),
  ...extra,
});

/** The variants of an inline reference, or a failure naming why it was not inline. */
function variantsOf(reference: unknown) {
  const r = parseReference(reference);
  if (r.kind !== 'inline') throw new Error(`not inline: ${JSON.stringify(r)}`);
  return r.problem.variants;
}

describe('parseReference: inline Python asserts', () => {
  it('MBPP-style asserts become function tests with compare python; expected values as assert checks', () => {
    const row = mbppRow(2); // assert similar_elements((3, 4, 5, 6),(5, 7, 4, 10)) == (4, 5) …
    const v = variantsOf({
      language: 'python',
      tests: assertTests('similar_elements', row.test_list as string[]),
    });
    expect(Object.keys(v)).toEqual(['python']);
    const t = v.python!.tests;
    expect(t).toMatchObject({ kind: 'function', entry_point: 'similar_elements', compare: 'python' });
    expect(t.kind === 'function' && t.cases[0]).toEqual({
      args: [{ $tuple: [3, 4, 5, 6] }, { $tuple: [5, 7, 4, 10] }],
      expected: JSON.stringify({ op: 'eq', value: { $tuple: [4, 5] } }),
    });
    expect(t.cases).toHaveLength(3);
  });

  it('equals the problem loader’s conversion on every convertible MBPP task without setup code', () => {
    let converted = 0;
    let same = 0;
    for (const row of mbpp) {
      if (String(row.test_setup_code ?? '').trim()) continue;
      const stored = rowToProblem(row);
      if (!stored.ok) continue;
      const st = stored.problem.variants.python!.tests;
      if (st.kind !== 'function') continue;
      converted++;
      // The stored tests carry MBPP's limits; send the same ones inline.
      const v = variantsOf({
        language: 'python',
        tests: assertTests(st.entry_point, row.test_list as string[], { limits: st.limits }),
      });
      if (JSON.stringify(v.python!.tests) === JSON.stringify(st)) same++;
    }
    // 962 MBPP problems convert at load (docs/sandbox-python.md); all of them inline too.
    expect(converted).toBe(962);
    expect(same).toBe(converted);
  });

  it('LeetCodeDataset-style `assert candidate(...)` with candidate_name and keyword arguments', () => {
    const row = jsonl('LeetCodeDataset-v0.3.1-test.jsonl.gz').find(
      (r) => r.task_id === 'shortest-distance-after-road-addition-queries-i',
    )!;
    const lines = String(row.test)
      .split('\n')
      .filter((l) => /^\s+assert\s/.test(l))
      .map((l) => l.trim());
    expect(lines[0]).toBe('assert candidate(n = 7,queries = [[0, 5], [1, 6], [2, 4]]) == [2, 2, 2]');
    const v = variantsOf(
      JSON.stringify({
        language: 'python',
        tests: assertTests(String(row.entry_point), lines, { candidate_name: 'candidate' }),
      }),
    );
    const t = v.python!.tests;
    expect(t).toMatchObject({ kind: 'function', entry_point: 'Solution().shortestDistanceAfterQueries' });
    expect(t.kind === 'function' && t.cases[0]).toEqual({
      args: [
        {
          $kwargs: {
            n: 7,
            queries: [
              [0, 5],
              [1, 6],
              [2, 4],
            ],
          },
        },
      ],
      expected: JSON.stringify({ op: 'eq', value: [2, 2, 2] }),
    });
    expect(t.cases).toHaveLength(lines.length);
  });

  it('without a language: a python variant (converted) first, the original for other languages', () => {
    const tests = assertTests('square_perimeter', mbppRow(17).test_list as string[]);
    const v = variantsOf({ tests });
    expect(Object.keys(v)).toEqual(['python', '*']);
    expect(v.python!.tests.kind).toBe('function');
    expect(v['*']!.tests).toEqual(tests);
  });

  it('limits carry over to the converted tests', () => {
    const limits = { time_ms: 1500, memory_mb: 128 };
    const t = convertInlineAsserts(
      assertTests('square_perimeter', mbppRow(17).test_list as string[], { limits }) as CodeTests,
    );
    expect(t).toMatchObject({ kind: 'function', limits });
  });

  it('stays in assert mode when it cannot convert (never a guess)', () => {
    const stays: [string, unknown][] = [
      [
        'a preamble',
        { language: 'python', tests: assertTests('f', ['assert f(1) == 2'], { preamble: 'x = 1' }) },
      ],
      [
        'no entry point',
        { language: 'python', tests: { kind: 'assert', cases: [{ code: 'assert f(1) == 2' }] } },
      ],
      ['javascript', { language: 'javascript', tests: assertTests('f', ['assert f(1) == 2']) }],
      ['two statements', { language: 'python', tests: assertTests('f', ['r = f(1)\nassert r == 2']) }],
      [
        'two asserts in one case',
        { language: 'python', tests: assertTests('f', ['assert f(1) == 2\nassert f(2) == 3']) },
      ],
      ['a no-op case', { language: 'python', tests: assertTests('f', ['assert f(1) == 2', 'assert True']) }],
      [
        'one case not convertible',
        { language: 'python', tests: assertTests('f', ['assert f(1) == 2', 'assert set(f(1)) == {2}']) },
      ],
      ['another function called', { language: 'python', tests: assertTests('f', ['assert g(1) == 2']) }],
      [
        'a HumanEval check() script',
        {
          language: 'python',
          tests: assertTests(
            'add',
            ['def check(candidate):\n    assert candidate(1, 2) == 3\ncheck(candidate)'],
            {
              candidate_name: 'candidate',
            },
          ),
        },
      ],
      // The asserts of the assert-mode reward hacks (test/graders/code/acceptance/hostile.test.ts).
      ['set()', { language: 'python', tests: assertTests('add', ['assert set(add(1, 2)) == set((3, 4))']) }],
      ['len()', { language: 'python', tests: assertTests('add', ['assert len(add(1, 2)) == 3']) }],
      [
        'sorted()',
        { language: 'python', tests: assertTests('add', ['assert sorted(add(1, 2)) == sorted([3])']) },
      ],
      [
        'abs() after a statement',
        { language: 'python', tests: assertTests('add', ['r = add(1, 2)\nassert abs(r - 3) < 1e-9']) },
      ],
      [
        'math.isclose',
        { language: 'python', tests: assertTests('add', ['assert math.isclose(add(1, 2), 3)']) },
      ],
    ];
    for (const [name, reference] of stays) {
      const v = variantsOf(reference);
      const sent = (reference as { tests: unknown }).tests;
      expect(
        Object.values(v).map((x) => x.tests),
        name,
      ).toEqual([sent]);
    }
  });

  it('function and stdio tests are left as they are', () => {
    const fn = { kind: 'function', entry_point: 'f', cases: [{ args: [1], expected: 2 }] };
    expect(variantsOf({ language: 'python', tests: fn }).python!.tests).toEqual(fn);
    const io = { kind: 'stdio', cases: [{ stdin: '1\n', expected_stdout: '2\n' }] };
    expect(variantsOf({ tests: io })).toEqual({ '*': { tests: io } });
  });
});

describe('converted inline asserts through the Python sandbox', () => {
  const sandbox = createPythonSandbox({ maxConcurrency: 2 });
  afterAll(() => sandbox.close());
  const grader = createCodeGrader({ sandboxes: () => [sandbox], problems: () => null });
  const row = mbppRow(4); // heap_queue_largest: assert heap_queue_largest([...], 3) == [85, 75, 65]
  const reference = {
    language: 'python',
    tests: assertTests('heap_queue_largest', row.test_list as string[]),
  };
  const grade = (code: string) =>
    grader.grade({ completion: `\`\`\`python\n${code}\n\`\`\``, reference, options: { reward: 'fraction' } });

  it('the MBPP reference solution is Accepted', async () => {
    expect(variantsOf(reference).python!.tests.kind).toBe('function');
    const out = await grade(String(row.code));
    expect(out.verdict).toBe('Accepted');
    expect(out.score).toBe(1);
  }, 60_000);

  it('an always-equal return value is Wrong Answer', async () => {
    const out = await grade(
      'class Eq(list):\n    def __eq__(self, o):\n        return True\n    __hash__ = None\n\ndef heap_queue_largest(nums, n):\n    return Eq()',
    );
    expect(out.verdict).toBe('Wrong Answer');
    expect(out.score).toBe(0);
  }, 60_000);

  it('a solution forging the result channel (security review #1 payload) is Wrong Answer', async () => {
    const forge = [
      'import sys, os',
      'def heap_queue_largest(nums, n):',
      '    return None',
      '_L = sys._getframe(1).f_locals',
      '_chan = _L["chan"]',
      '_send = getattr(_chan, "send", _chan)',
      '_send({"t": "loaded"})',
      'for _k in range(len(_L["cases"])):',
      '    _send({"t": "start", "i": _k})',
      '    _send({"t": "end", "i": _k, "status": "ok", "ms": 0.1, "cpu": 0.1, "stdout": "", "stderr": "", "value": "true"})',
      '_send({"t": "done"})',
      'os._exit(0)',
    ].join('\n');
    const out = await grade(forge);
    expect(out.verdict).toBe('Wrong Answer');
    expect(out.score).toBe(0);
  }, 60_000);
});
