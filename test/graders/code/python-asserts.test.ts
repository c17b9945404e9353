/**
 * Python assert lines → host-compared cases (graders/code/python-asserts.ts; security review #1):
 * the pure-data parser on real data-set asserts, Python `==` semantics over tagged values, and
 * through the real sandbox, that a converted HumanEval problem is graded in the host (a solution
 * forging the result channel from inside gets Wrong Answer, not Accepted).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { createCodeGrader } from '../../../graders/code/index.ts';
import type { Problem } from '../../../graders/code/problem.ts';
import { rowToProblem } from '../../../graders/code/problems/formats.ts';
import {
  assertHolds,
  convertAssertLines,
  convertHumanEvalCheck,
  pyEquals,
  pyTruthy,
  pythonAssertHolds,
} from '../../../graders/code/python-asserts.ts';
import { createPythonSandbox } from '../../../sandboxes/python/index.ts';

const DATA = '/work/shared/data/code';
const jsonl = (file: string): Record<string, unknown>[] => {
  const buf = readFileSync(`${DATA}/${file}`);
  const text = file.endsWith('.gz') ? gunzipSync(buf).toString('utf8') : buf.toString('utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
};

const one = (line: string, names = ['candidate']) => convertAssertLines(line, new Set(names))?.[0];

describe('convertAssertLines (pure-data parser)', () => {
  it('reads literal arguments with their Python types', () => {
    expect(one('assert candidate([1, 2], (3,), {4, 5}, {"a": (1, 2)}, -7, 2.5, 3.0, None) == [1]')).toEqual({
      args: [
        [1, 2],
        { $tuple: [3] },
        { $set: [4, 5] },
        { $dict: [['a', { $tuple: [1, 2] }]] },
        -7,
        2.5,
        { $float: '3' },
        null,
      ],
      kwargs: {},
      check: { op: 'eq', value: [1] },
    });
    expect(one('assert candidate(nums = [2,7,11,15], target = 9) == [0,1]')).toMatchObject({
      args: [],
      kwargs: { nums: [2, 7, 11, 15], target: 9 },
    });
    expect(one('assert candidate(12345678901234567890) == 0x10')).toMatchObject({
      args: [{ $int: '12345678901234567890' }],
      check: { op: 'eq', value: 16 },
    });
    expect(one(`assert candidate('a\\'b\\n', "x" "y", r'\\d', b'\\x00A') == ''`)?.args).toEqual([
      "a'b\n",
      'xy',
      '\\d',
      { $bytes: '0041' },
    ]);
  });

  it('builds dicts and sets as Python does (MBPP/263 repeats dict keys)', () => {
    expect(one("assert candidate(1) == {'a':900,'b':900,'a':1}")?.check).toEqual({
      op: 'eq',
      value: {
        $dict: [
          ['a', 1],
          ['b', 900],
        ],
      },
    });
    expect(one('assert candidate(1) == {1, True, 1.0, 2}')?.check).toEqual({
      op: 'eq',
      value: { $set: [1, 2] },
    });
  });

  it('knows the assert shapes: ==, reversed ==, is, truthy, not, abs(...) < tol, messages', () => {
    expect(one('assert [1] == candidate(1)')?.check).toEqual({ op: 'eq', value: [1] });
    expect(one('assert candidate(1) is True')?.check).toEqual({ op: 'is', value: true });
    expect(one('assert candidate(1)')?.check).toEqual({ op: 'truthy' });
    expect(one('assert not candidate(1)')?.check).toEqual({ op: 'falsy' });
    expect(one('assert abs(candidate(1.0) - 2.5) < 1e-6')?.check).toEqual({
      op: 'close',
      value: 2.5,
      tol: 1e-6,
      strict: true,
    });
    expect(one('assert abs(candidate([1.0, 2.0, 3.0]) - 2.0/3.0) < 1e-6')?.check).toMatchObject({
      value: 2 / 3,
    });
    expect(one('assert candidate([3, 5, 7]) == (3 + 5 + 7, 3 * 5 * 7)')?.check).toEqual({
      op: 'eq',
      value: { $tuple: [15, 105] },
    });
    expect(one('assert candidate(1) == 6 / 3')?.check).toEqual({ op: 'eq', value: { $float: '2' } });
    expect(one('assert abs(candidate(1) - 1 + 2) < 1e-6')).toBeUndefined(); // (f - 1) + 2: not our shape
    expect(one('assert candidate(1) == 2, "This prints if this assert fails 1"')?.check).toEqual({
      op: 'eq',
      value: 2,
    });
  });

  it('leaves everything else in assert mode (null, never a guess)', () => {
    for (const line of [
      'assert set(candidate(1)) == set([1])', // the test transforms the value
      'assert candidate(x) == 1', // a name argument
      'assert candidate(1) == 2 ** 3', // power (only + - * / are folded)
      "assert candidate(1) == 'a' + 'b'", // arithmetic on strings
      'assert candidate(f"{1}") == 1', // f-string
      'assert other(1) == 1', // a function that is not the candidate
      'assert candidate(1) != 2',
      'assert candidate(*[1]) == 1',
      'assert candidate(1) == 1; import os',
      'assert candidate(1j) == 1',
      'x = candidate(1)',
    ]) {
      expect(convertAssertLines(line, new Set(['candidate'])), line).toBeNull();
    }
  });

  it('HumanEval: a check() of plain asserts converts, random or looping checks do not', () => {
    const rows = jsonl('HumanEval.jsonl.gz');
    const byId = new Map(rows.map((r) => [r.task_id as string, r]));
    const he0 = byId.get('HumanEval/0')!;
    const c = convertHumanEvalCheck(he0.test as string, 'has_close_elements')!;
    expect(c.length).toBe(7);
    expect(c[0]).toEqual({
      args: [
        [1.0, 2.0, 3.9, 4.0, 5.0, 2.2].map((x) => (Number.isInteger(x) ? { $float: String(x) } : x)),
        0.3,
      ],
      kwargs: {},
      check: { op: 'eq', value: true },
    });
    expect(convertHumanEvalCheck(byId.get('HumanEval/32')!.test as string, 'find_zero')).toBeNull(); // rng loop
    expect(convertHumanEvalCheck(byId.get('HumanEval/38')!.test as string, 'decode_cyclic')).toBeNull(); // helper
  });

  it('converts (measured) 144/164 HumanEval, 962/974 MBPP, 222/228 LeetCodeDataset problems fully', () => {
    const he = jsonl('HumanEval.jsonl.gz').filter((r) =>
      convertHumanEvalCheck(r.test as string, r.entry_point as string),
    ).length;
    const problems = [...jsonl('mbpp.jsonl'), ...jsonl('LeetCodeDataset-v0.3.1-test.jsonl.gz')].map((r) =>
      rowToProblem(r),
    );
    const fn = (source: string) =>
      problems.filter(
        (p) => p.ok && p.problem.source === source && p.problem.variants.python?.tests.kind === 'function',
      ).length;
    expect({ he, mbpp: fn('mbpp'), lcd: fn('leetcodedataset') }).toEqual({ he: 144, mbpp: 962, lcd: 222 });
  });
});

describe('Python == over tagged values', () => {
  it('keeps list vs tuple, set and dict semantics, and numeric equality across int/float/bool', () => {
    expect(pyEquals([1, 2], { $tuple: [1, 2] })).toBe(false);
    expect(pyEquals({ $tuple: [1, [2]] }, { $tuple: [1, [2]] })).toBe(true);
    expect(pyEquals({ $set: [1, 2, 3] }, { $set: [3, 2, 1] })).toBe(true);
    expect(pyEquals({ $set: [1, 2] }, [1, 2])).toBe(false);
    expect(
      pyEquals(
        {
          $dict: [
            [1, 'a'],
            ['b', 2],
          ],
        },
        {
          $dict: [
            ['b', 2],
            [1.0, 'a'],
          ],
        },
      ),
    ).toBe(true);
    expect(pyEquals({ $dict: [['1', 'a']] }, { $dict: [[1, 'a']] })).toBe(false);
    expect(pyEquals(1, true)).toBe(true);
    expect(pyEquals(3, { $float: '3' })).toBe(true);
    expect(pyEquals({ $int: '12345678901234567890' }, { $int: '12345678901234567890' })).toBe(true);
    expect(pyEquals({ $int: '9007199254740993' }, 9007199254740992)).toBe(false);
    expect(pyEquals({ $float: 'nan' }, { $float: 'nan' })).toBe(false);
    expect(pyEquals('1', 1)).toBe(false);
    expect(pyEquals(null, 0)).toBe(false);
  });

  it('is / truthiness / tolerance follow Python', () => {
    expect(assertHolds({ op: 'is', value: true }, 1)).toBe(false);
    expect(assertHolds({ op: 'is', value: true }, true)).toBe(true);
    expect(assertHolds({ op: 'is', value: null }, null)).toBe(true);
    expect([[], '', 0, null, { $tuple: [] }, { $set: [] }, { $dict: [] }].map(pyTruthy)).toEqual(
      Array(7).fill(false),
    );
    expect([[0], 'x', 2, { $int: '-5' }, { $tuple: [0] }].map(pyTruthy)).toEqual(Array(5).fill(true));
    expect(assertHolds({ op: 'close', value: 2.5, tol: 1e-6, strict: true }, 2.5000001)).toBe(true);
    expect(assertHolds({ op: 'close', value: 2.5, tol: 1e-6, strict: true }, '2.5')).toBe(false);
    expect(pythonAssertHolds(JSON.stringify({ op: 'eq', value: { $tuple: [1] } }), '{"$tuple":[1]}')).toBe(
      true,
    );
    expect(pythonAssertHolds(JSON.stringify({ op: 'eq', value: { $tuple: [1] } }), '[1]')).toBe(false);
    expect(pythonAssertHolds('{"op":"eq","value":1}', 1)).toBe(false); // only the runner's JSON text
  });
});

describe('converted problems through the Python sandbox', () => {
  const sandbox = createPythonSandbox({ maxConcurrency: 2 });
  afterAll(() => sandbox.close());
  const rows = jsonl('HumanEval.jsonl.gz').filter((r) =>
    ['HumanEval/0', 'HumanEval/4', 'HumanEval/29'].includes(r.task_id as string),
  );
  const problems = new Map<string, Problem>();
  for (const r of rows) {
    const p = rowToProblem(r);
    if (p.ok) problems.set(p.problem.id, p.problem);
  }
  const grader = createCodeGrader({
    sandboxes: () => [sandbox],
    problems: () => ({ get: (id: string) => problems.get(id) ?? null }),
  });
  const grade = (id: string, code: string) =>
    grader.grade({ completion: `\`\`\`python\n${code}\n\`\`\``, reference: { problem_id: id }, options: {} });

  it('HumanEval/0, /4 and /29 become function tests compared in the host; canonical solutions pass', async () => {
    for (const r of rows) {
      // HumanEval/4 compares abs(candidate(...) - 2.0/3.0) < 1e-6: folded and compared in the host.
      expect(problems.get(r.task_id as string)!.variants.python!.tests.kind, r.task_id as string).toBe(
        'function',
      );
      const out = await grade(r.task_id as string, `${r.prompt}${r.canonical_solution}`);
      expect(out.verdict, r.task_id as string).toBe('Accepted');
    }
  }, 120_000);

  it('a solution forging the result channel (security review #1 payload) gets Wrong Answer', async () => {
    const forge = [
      'import sys, os',
      'def has_close_elements(numbers, threshold):',
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
    const out = await grade('HumanEval/0', forge);
    expect(out.verdict).not.toBe('Accepted');
    expect(out.score).toBe(0);
  }, 60_000);

  it('a tuple where the data set expects a list is Wrong Answer, as Python == says', async () => {
    const r = rows.find((x) => x.task_id === 'HumanEval/29')!;
    const canonical = r.canonical_solution as string;
    expect(canonical).toMatch(/return \[/);
    const out = await grade(
      'HumanEval/29',
      `${r.prompt}${canonical.replace('return [', 'return tuple([').trimEnd()})\n`,
    );
    expect(out.verdict).toBe('Wrong Answer');
  }, 60_000);
});
