/**
 * LiveCodeBench (decoded rows) and CodeContests through the full grader and the real Python
 * sandbox. LiveCodeBench's `canonical_solution` is `import sys; sys.exit(0)` for all three rows — a
 * harness-tamper probe (an exit-status harness scores it 100%): it must pass nothing. Hand-written
 * solutions for the three problems must pass all tests (stdio with the token checker, and a
 * call-based LeetCode problem).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeSandboxes, gradeAll, graderOver, lookupOf, readRows, usable } from './helpers.ts';

const lcb = readRows<{ task_id: string; canonical_solution_in_source: string }>(
  'lcb_v1_sample_decoded.jsonl',
);
const grader = graderOver(lookupOf(lcb).lookup);

/** Written here from the statements (not taken from any data set). */
const SOLUTIONS: Record<string, string> = {
  'codeforces/1873_A': [
    'import sys',
    'data = sys.stdin.read().split()',
    't = int(data[0])',
    'for s in data[1:1 + t]:',
    "    diff = sum(1 for a, b in zip(s, 'abc') if a != b)",
    "    print('YES' if diff in (0, 2) else 'NO')",
  ].join('\n'),
  'leetcode/2727': [
    'class Solution:',
    '    def countSeniors(self, details: List[str]) -> int:',
    '        return sum(1 for d in details if int(d[11:13]) > 60)',
  ].join('\n'),
  'atcoder/abc301_a': [
    'n = int(input())',
    's = input().strip()',
    "t, a = s.count('T'), s.count('A')",
    'if t != a:',
    "    print('T' if t > a else 'A')",
    'else:',
    "    print('A' if s[-1] == 'T' else 'T')",
  ].join('\n'),
};

afterAll(closeSandboxes);

describe.skipIf(!(await usable('python')))('LiveCodeBench decoded rows / Python sandbox', () => {
  it('the sys.exit(0) canonical "solutions" pass nothing', { timeout: 120_000 }, async () => {
    const t = await gradeAll(
      grader,
      lcb.map((r) => ({
        key: r.task_id,
        completion: `\`\`\`python\n${r.canonical_solution_in_source}\n\`\`\``,
        reference: { problem_id: r.task_id },
        options: { reward: 'fraction' },
      })),
    );
    expect(t.accepted.size).toBe(0);
    expect(t.byVerdict.error ?? 0).toBe(0);
    for (const o of t.failed.values()) expect(o.score).toBe(0);
  });

  it('hand-written solutions pass every test', { timeout: 120_000 }, async () => {
    const t = await gradeAll(
      grader,
      lcb.map((r) => ({
        key: r.task_id,
        completion: `\`\`\`python\nfrom typing import List\n${SOLUTIONS[r.task_id]}\n\`\`\``,
        reference: { problem_id: r.task_id },
      })),
    );
    for (const [k, o] of t.failed)
      console.log(k, o.verdict, JSON.stringify(o.details ?? o.error).slice(0, 400));
    expect([...t.accepted].sort()).toEqual(['atcoder/abc301_a', 'codeforces/1873_A', 'leetcode/2727']);
  });
});
