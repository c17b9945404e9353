/**
 * CodeContests (stdin/stdout, token checker) through the full grader and the real sandboxes.
 * The data set ships no solutions: solutions/code_contests/<row>.{py,js} were written here for four
 * Codeforces problems (1000A, 1238B, 12B, 1342C — the last needs 64-bit integers, BigInt in JS) and
 * must pass all 96–132 tests of each row in both languages, the JS ones reading stdin the three
 * ways competitive programs do (readFileSync(0), readFileSync('/dev/stdin'), readline). An
 * off-by-one variant must be a Wrong Answer.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { closeSandboxes, gradeAll, graderOver, lookupOf, readRows, summary, usable } from './helpers.ts';

const rows = readRows('code_contests_sample.jsonl');
const grader = graderOver(lookupOf(rows).lookup);
const ROWS = [3, 14, 17, 19];
const solution = (row: number, ext: string) =>
  readFileSync(new URL(`./solutions/code_contests/${row}.${ext}`, import.meta.url), 'utf8');

afterAll(closeSandboxes);

for (const [language, ext, tag] of [
  ['python', 'py', 'python'],
  ['javascript', 'js', 'js'],
] as const) {
  describe.skipIf(!(await usable(language)))(`CodeContests / ${language}`, () => {
    it('hand-written solutions pass every test', { timeout: 300_000 }, async () => {
      const t = await gradeAll(
        grader,
        ROWS.map((row) => ({
          key: String(row),
          completion: `\`\`\`${tag}\n${solution(row, ext)}\n\`\`\``,
          reference: { problem_id: `code_contests/${row}` },
        })),
      );
      console.log(summary(`code_contests ${language}`, t, ROWS.length));
      for (const [k, o] of t.failed)
        console.log(k, o.verdict, JSON.stringify(o.details ?? o.error).slice(0, 400));
      expect([...t.accepted].sort()).toEqual(ROWS.map(String).sort());
    });

    it('an off-by-one answer is a Wrong Answer on some test', { timeout: 120_000 }, async () => {
      const code = solution(3, ext).replace(/n - (sum|matched)/, 'n + 1 - $1');
      const out = await grader.grade({
        completion: `\`\`\`${tag}\n${code}\n\`\`\``,
        reference: { problem_id: 'code_contests/3' },
        options: { reward: 'fraction' },
      });
      expect(out.verdict).toBe('Wrong Answer');
      expect(out.score).toBe(0);
    });
  });
}
