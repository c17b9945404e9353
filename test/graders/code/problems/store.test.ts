/**
 * The problem store: every file of /work/shared/data/code loads (LiveCodeBench's pickled rows are
 * skipped, never unpickled), lookups return tests but metadata never does, and 100,000 problems
 * load with bounded memory (SQLite on disk, rows streamed).
 */

import { once } from 'node:events';
import { createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProblems, type ProblemStore } from '../../../../graders/code/problems/store.ts';

const DATA = '/work/shared/data/code';

describe('real data sets', () => {
  let store: ProblemStore;
  afterAll(() => store?.close());

  it('loads every format of the data directory', async () => {
    store = await loadProblems([DATA]);
    expect(store.stats.bySource).toEqual({
      humaneval: 164,
      'humaneval-x': 164,
      mbpp: 974,
      'multipl-e': 161 + 397,
      leetcodedataset: 228,
      leetcode_js_py: 346,
      code_contests: 20,
      livecodebench: 3,
    });
    expect(store.stats.duplicates).toBe(0);
    // The raw LiveCodeBench rows hold pickled tests: skipped with the reason, never unpickled.
    expect(store.stats.skipped).toBe(3);
    expect(
      store.stats.reasons.every((r) => r.includes('lcb_v1_sample.jsonl') && r.includes('never unpickled')),
    ).toBe(true);
    expect(store.count()).toBe(2457);
  });

  it('converts each format to the inline test shape', () => {
    // Plain literal asserts become host-compared function tests (security review #1,
    // graders/code/python-asserts.ts); a random-input check like HumanEval/32 stays in assert mode.
    expect(store.get('HumanEval/0')?.variants.python?.tests).toMatchObject({
      kind: 'function',
      entry_point: 'has_close_elements',
      compare: 'python',
    });
    expect(store.get('HumanEval/32')?.variants.python?.tests).toMatchObject({
      kind: 'assert',
      entry_point: 'find_zero',
      candidate_name: 'candidate',
    });
    const x10 = store.get('JavaScript/10')!.variants.javascript!;
    expect(x10.tests).toMatchObject({ kind: 'assert', entry_point: 'makePalindrome' });
    expect(x10.preamble).toContain('const isPalindrome');
    const mbpp = store.get('mbpp/2')!.variants.python!.tests;
    expect(mbpp).toMatchObject({ kind: 'function', entry_point: 'similar_elements', compare: 'python' });
    expect(mbpp.cases[0]).toEqual({
      args: [{ $tuple: [3, 4, 5, 6] }, { $tuple: [5, 7, 4, 10] }],
      expected: JSON.stringify({ op: 'eq', value: { $tuple: [4, 5] } }),
    });
    expect(mbpp.cases).toHaveLength(3);
    expect(store.get('multipl-e/js/mbpp_3_is_not_prime')?.variants.javascript?.tests).toMatchObject({
      kind: 'assert',
      entry_point: 'is_not_prime',
    });
    const lc = store.get('lc-717')!;
    expect(lc.variants.python!.tests).toMatchObject({
      kind: 'function',
      entry_point: 'Solution().isOneBitCharacter',
      compare: 'float',
    });
    expect(lc.variants.javascript!.tests).toMatchObject({
      kind: 'function',
      entry_point: 'isOneBitCharacter',
      cases: [{ args: [[1, 1, 1, 0]], expected: false }],
    });
    const cc = store.get('code_contests/0')!.variants['*']!.tests;
    expect(cc).toMatchObject({ kind: 'stdio', compare: 'tokens' });
    expect(cc.cases).toHaveLength(101);
    expect(store.get('leetcode/2727')?.variants.python?.tests).toMatchObject({
      kind: 'function',
      entry_point: 'Solution().countSeniors',
    });
    expect(store.get('codeforces/1873_A')?.variants['*']?.tests.cases).toHaveLength(5);
    // Literal asserts convert to host-compared cases, keyword arguments as a trailing $kwargs.
    const converted = store.get('shortest-distance-after-road-addition-queries-i')!.variants.python!;
    expect(converted.tests).toMatchObject({ kind: 'function', compare: 'python' });
    expect(converted.tests.cases[0]).toEqual({
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
    // Asserts on helpers (tree_node) stay in assert mode: each runs after the data set's prompt
    // (helpers the solution cannot redefine).
    const lcd = store.get('k-th-largest-perfect-subtree-size-in-binary-tree')!.variants.python!;
    const first = (lcd.tests.cases[0] as { code: string }).code;
    expect(first.startsWith(lcd.preamble!.trimEnd())).toBe(true);
    expect(first).toMatch(/\nassert candidate\(root = tree_node\(\[/);
    expect(lcd.preamble).toContain('class TreeNode');
    // HumanEval/32's test gets the prompt's `poly` again; JS/50's test block gets `encodeShift`.
    const he32 = (store.get('HumanEval/32')!.variants.python!.tests.cases[0] as { code: string }).code;
    expect(he32.indexOf('def poly(')).toBeLessThan(he32.indexOf('def check('));
    const js50 = (store.get('JavaScript/50')!.variants.javascript!.tests.cases[0] as { code: string }).code;
    expect(js50).toMatch(/^\{\nconst encodeShift = /);
  });

  it('metadata never includes tests', () => {
    const m = store.meta('code_contests/0')!;
    expect(m).toMatchObject({
      id: 'code_contests/0',
      source: 'code_contests',
      languages: ['*'],
      kind: 'stdio',
      n_tests: 101,
    });
    expect(JSON.stringify(m)).not.toContain('expected_stdout');
    expect(JSON.stringify(store.meta('lc-717'))).not.toContain('"expected"');
    expect(store.meta('nope')).toBeNull();
    expect(store.ids(0, 2)).toEqual(['HumanEval/0', 'HumanEval/1']);
  });
});

describe('100,000 problems', () => {
  it('load with bounded memory and answer lookups', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rlvr-100k-'));
    try {
      const file = join(dir, 'big.jsonl');
      const out = createWriteStream(file);
      const N = 100_000;
      for (let i = 0; i < N; i++) {
        const row = {
          id: `gen/${i}`,
          language: i % 2 ? 'python' : 'javascript',
          title: `generated problem ${i}`,
          tests: {
            kind: 'function',
            entry_point: 'f',
            cases: Array.from({ length: 10 }, (_, k) => ({ args: [i, k, 'x'.repeat(20)], expected: i * k })),
          },
        };
        if (!out.write(`${JSON.stringify(row)}\n`)) await once(out, 'drain');
      }
      out.end();
      await once(out, 'finish');
      global.gc?.();
      const before = process.memoryUsage().rss;
      const started = performance.now();
      const store = await loadProblems([file], { dir });
      const ms = performance.now() - started;
      const grown = (process.memoryUsage().rss - before) / 2 ** 20;
      try {
        expect(store.count()).toBe(N);
        expect(store.stats.loaded).toBe(N);
        expect(store.get('gen/99999')?.variants.python?.tests.cases[3]).toEqual({
          args: [99999, 3, 'x'.repeat(20)],
          expected: 299997,
        });
        // The file is ~60 MB of JSON; the heap never holds it: RSS growth stays well below that.
        console.log(`100k problems: ${Math.round(ms)} ms, RSS +${grown.toFixed(1)} MiB`);
        expect(grown).toBeLessThan(64);
      } finally {
        store.close();
      }
      expect(existsSync(join(dir, 'problems.sqlite'))).toBe(true); // caller-owned dir is kept
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
