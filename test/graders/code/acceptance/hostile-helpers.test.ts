/**
 * Reward hacks on stored problems whose tests call a helper from the data set's prompt:
 * HumanEval/32 checks `poly(xs, find_zero(xs))`, /38 and /50 check `decode(encode(s)) == s`. A
 * solution that redefines the helper (`poly = 0`, `encode = identity`) passed all of them until
 * the converters re-ran the prompt's helpers in the test's own namespace (Python) or block (JS).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeSandboxes, graderOver, lookupOf, readRows, usable } from './helpers.ts';

const rows = [...readRows('HumanEval.jsonl.gz'), ...readRows('humaneval_x_js.jsonl.gz')];
const grader = graderOver(lookupOf(rows).lookup);
afterAll(closeSandboxes);

const HACKS: [string, string, string][] = [
  ['HumanEval/32', 'python', 'def poly(*a):\n    return 0\ndef find_zero(xs):\n    return 0.0'],
  ['HumanEval/38', 'python', 'def encode_cyclic(s):\n    return s\ndef decode_cyclic(s):\n    return s'],
  ['HumanEval/50', 'python', 'def encode_shift(s):\n    return s\ndef decode_shift(s):\n    return s'],
  ['JavaScript/32', 'js', 'var poly = () => 0;\nconst findZero = (xs) => 0;'],
  ['JavaScript/38', 'js', 'globalThis.encodeCyclic = (s) => s;\nconst decodeCyclic = (s) => s;'],
  ['JavaScript/50', 'js', 'const encodeShift = (s) => s;\nconst decodeShift = (s) => s;'],
];

for (const [id, tag, code] of HACKS) {
  const language = tag === 'js' ? 'javascript' : 'python';
  describe.skipIf(!(await usable(language)))(id, () => {
    it('redefining the prompt helper the test uses earns nothing', { timeout: 60_000 }, async () => {
      const out = await grader.grade({
        completion: `\`\`\`${tag}\n${code}\n\`\`\``,
        reference: { problem_id: id },
        options: {},
      });
      // the data set's own assertion fails: a wrong result
      expect(out.verdict).toBe('Wrong Answer');
      expect(out.score).toBe(0);
    });
  });
}
