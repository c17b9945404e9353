/**
 * Code-item deadlines end to end, on the real sandboxes (security review #10, #11):
 * - binary reward: a looping solution ends as Time Limit Exceeded after its first case;
 * - an item's execution budget stays below the engine's HOST_GRADE_TIMEOUT_MS, so a slow item is a
 *   judge verdict (reward 0), never `error`/null;
 * - the engine's deadline aborts the sandbox run, so honest items sent after loopers are graded.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCodeGrader, DEADLINE_MARGIN_MS } from '../../../graders/code/index.ts';
import { createJsSandboxes } from '../../../sandboxes/js/index.ts';
import { createPythonSandbox } from '../../../sandboxes/python/index.ts';
import { defaultConfig } from '../../../src/config.ts';
import type { GraderDefinition } from '../../../src/core/grader.ts';
import { createEngine } from '../../../src/engine/index.ts';
import { FIXTURE_MODULE } from '../../engine/helpers.ts';
import { lookupOf, readRows } from './acceptance/helpers.ts';

const python = createPythonSandbox({ maxConcurrency: 2 });
const jsPair = createJsSandboxes({ size: 2 });
const SANDBOXES = [python, jsPair.javascript, jsPair.typescript];
beforeAll(async () => {
  expect((await python.available()).reason ?? 'ok').toBe('ok');
  expect((await jsPair.javascript.available()).reason ?? 'ok').toBe('ok');
});
afterAll(async () => {
  await python.close();
  await jsPair.javascript.close();
});

const LCD_ID = 'lexicographically-smallest-generated-string';
const { lookup } = lookupOf(
  readRows('LeetCodeDataset-v0.3.1-test.jsonl.gz').filter((r) => r.task_id === LCD_ID),
);
// Stored problems may raise limits up to a ceiling (10 s per case by default); a 1 s ceiling here
// keeps the LeetCodeDataset problem at the Python sandbox's default of 4 s (a ceiling never lowers it).
const grader = createCodeGrader({
  sandboxes: () => SANDBOXES,
  problems: () => lookup,
  problemLimitCeiling: { timeMs: 1000, memoryMb: 1024, outputBytes: 1 << 20 },
});

/** The red-team payload: `add` looping forever, 12 cases at time_ms 1000. */
const loopItem = JSON.parse(
  readFileSync(new URL('./fixtures/infinite_loop_12cases.json', import.meta.url), 'utf8'),
).items[0] as { completion: string; reference: { language: string; tests: { cases: unknown[] } } };
const jsLoop = {
  completion: '```js\nfunction add(a, b) {\n  while (true) {}\n}\n```',
  reference: { ...loopItem.reference, language: 'javascript' },
};
const honest = (language: 'python' | 'javascript') => ({
  completion:
    language === 'python'
      ? '```python\ndef add(a, b):\n    return a + b\n```'
      : '```js\nfunction add(a, b) { return a + b; }\n```',
  reference: { ...loopItem.reference, language },
});
/** 30 cases of `add` at 1 s each: 30+ s for a looper that runs them all. */
const long = (item: { completion: string; reference: { language: string; tests: object } }) => ({
  ...item,
  reference: {
    ...item.reference,
    tests: {
      kind: 'function',
      entry_point: 'add',
      cases: Array.from({ length: 30 }, (_, i) => ({ args: [i, 1], expected: i + 1 })),
      limits: { time_ms: 1000 },
    },
  },
});

describe('binary reward stops at the first failing case (#10)', () => {
  it.each([
    ['python', loopItem],
    ['javascript', jsLoop],
  ])('a looping %s solution over 12 cases is Time Limit Exceeded after one case', async (_lang, item) => {
    const t0 = performance.now();
    const out = await grader.grade({ completion: item.completion, reference: item.reference, options: {} });
    const ms = performance.now() - t0;
    expect(out.verdict).toBe('Time Limit Exceeded');
    expect(out.score).toBe(0);
    expect(out.details).toMatchObject({ passed: 0, total: 12, skipped: 11 });
    // One case's limit (Python's CPU watchdog first looks at 2 × 1 s) plus start-up; before the fix
    // the 12 cases took 12 s (JS) to 40 s (Python).
    expect(ms).toBeLessThan(11_000); // below the 12 × 1 s that running every case needs
  });

  it('a LeetCodeDataset problem (real hidden asserts) with a looping solution: TLE, not error', async () => {
    const completion =
      '```python\nclass Solution:\n    def generateString(self, str1: str, str2: str) -> str:\n        while True:\n            pass\n```';
    const t0 = performance.now();
    const out = await grader.grade({ completion, reference: { problem_id: LCD_ID }, options: {} });
    expect(out.verdict).toBe('Time Limit Exceeded');
    expect(out.score).toBe(0);
    const d = out.details as { total: number; skipped: number; tests: unknown[] };
    expect(d.total).toBe(266);
    expect(d.tests).toHaveLength(1);
    expect(d.skipped).toBe(d.total - 1);
    // One case (4 s of CPU, killed at the watchdog's first look after 2 × 4 s) instead of 266 at
    // ≥ 4 s each (266 × 10 s at the problem's own limit).
    expect(performance.now() - t0).toBeLessThan(20_000);
  });

  it("fraction reward under the engine's wait: TLE with reward 0 before the wait ends, never error", async () => {
    const completion =
      '```python\nclass Solution:\n    def generateString(self, str1: str, str2: str) -> str:\n        while True:\n            pass\n```';
    const timeoutMs = DEADLINE_MARGIN_MS + 4_000;
    const t0 = performance.now();
    const out = await grader.grade({
      completion,
      reference: { problem_id: LCD_ID },
      options: { reward: 'fraction' },
      timeoutMs,
    });
    expect(performance.now() - t0).toBeLessThan(timeoutMs);
    expect(out.verdict).toBe('Time Limit Exceeded');
    expect(out.score).toBe(0);
    const d = out.details as { total: number; tests: { verdict: string }[] };
    expect(d.tests).toHaveLength(d.total);
    expect(d.tests.every((t) => t.verdict === 'Time Limit Exceeded')).toBe(true);
  });
});

describe('engine deadline (#11): abandoned runs free their slots, honest items are graded', () => {
  const HOST_GRADE_TIMEOUT_MS = 6_000;
  const engineOver = (code: GraderDefinition) =>
    createEngine({
      config: defaultConfig({ WORKERS: 1, HOST_GRADE_TIMEOUT_MS }),
      graders: [code],
      graderModules: [FIXTURE_MODULE],
    });
  const items = (list: { completion: string; reference: unknown }[]) =>
    list.map((it, i) => ({ id: `i${i}`, task: 'code', ...it }));

  it('loopers that would outlast the deadline end as TLE / reward 0 (the budget), honest items Accepted', async () => {
    const engine = engineOver(grader);
    try {
      const t0 = performance.now();
      const out = await engine.gradeBatch(
        items([
          long(loopItem),
          long(loopItem),
          long(jsLoop),
          honest('python'),
          honest('python'),
          honest('javascript'),
        ]),
        { options: { code: { reward: 'fraction' } } },
      );
      expect(out.map((r) => [r.verdict, r.reward])).toEqual([
        ['Time Limit Exceeded', 0],
        ['Time Limit Exceeded', 0],
        ['Time Limit Exceeded', 0],
        ['Accepted', 1],
        ['Accepted', 1],
        ['Accepted', 1],
      ]);
      // The Python loopers hold both slots for their 3 s budget; the honest items then run.
      expect(performance.now() - t0).toBeLessThan(2 * HOST_GRADE_TIMEOUT_MS);
    } finally {
      await engine.close();
    }
  });

  it('a grader that misses the deadline: the abort frees both Python slots for the honest items after it', async () => {
    // The grader is not told the engine's wait (its own bound is 30 × 2 s + 20 s), so only the
    // engine's abort can stop its runs.
    const blind: GraderDefinition = {
      ...grader,
      grade: (input) => grader.grade({ ...input, timeoutMs: undefined }),
    };
    const engine = engineOver(blind);
    try {
      const loopers = engine.gradeBatch(items([long(loopItem), long(loopItem)]), {
        options: { code: { reward: 'fraction' } },
      });
      await new Promise((r) => setTimeout(r, 500));
      const t0 = performance.now();
      const after = engine.gradeBatch(items([honest('python'), honest('python'), honest('python')]));
      const [l, a] = await Promise.all([loopers, after]);
      expect(l.map((r) => [r.verdict, r.reward, r.error?.code])).toEqual([
        ['error', null, 'RLVR_ERR_GRADER_DEADLINE'],
        ['error', null, 'RLVR_ERR_GRADER_DEADLINE'],
      ]);
      expect(a.map((r) => [r.verdict, r.reward])).toEqual([
        ['Accepted', 1],
        ['Accepted', 1],
        ['Accepted', 1],
      ]);
      // They waited for the loopers' deadline (~5.5 s), not for their 30 cases.
      expect(performance.now() - t0).toBeLessThan(HOST_GRADE_TIMEOUT_MS + 4_000);
    } finally {
      await engine.close();
    }
  });
});
