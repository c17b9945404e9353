/**
 * TypeScript through the full grader and the real TS sandbox (types stripped by the sandbox's
 * transpiler), on leetcode_js_py problems: typed solutions written here pass, a type-annotated
 * solution with a syntax error is a Compile Error, and a ```ts block runs a JavaScript problem.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeSandboxes, graderOver, lookupOf, readRows, usable } from './helpers.ts';

const rows = readRows<{ id: string }>('leetcode_js_py.jsonl');
const grader = graderOver(lookupOf(rows).lookup);

afterAll(closeSandboxes);

describe.skipIf(!(await usable('typescript')))('TypeScript / TS sandbox', () => {
  it('typed solutions pass; a syntax error is a Compile Error', { timeout: 60_000 }, async () => {
    const oneBit = [
      'function isOneBitCharacter(bits: number[]): boolean {',
      '  let i: number = 0;',
      '  const n: number = bits.length;',
      '  while (i < n - 1) i += bits[i] + 1;',
      '  return i === n - 1;',
      '}',
    ].join('\n');
    const ok = await grader.grade({
      completion: `\`\`\`typescript\n${oneBit}\n\`\`\``,
      reference: { problem_id: 'lc-717' },
      options: {},
    });
    expect(ok.verdict).toBe('Accepted');
    expect(ok.details).toMatchObject({ language: 'typescript' });

    const wrong = await grader.grade({
      completion:
        '```ts\nfunction isOneBitCharacter(bits: number[]): boolean {\n  return bits.length < 100; // true: the one test expects false\n}\n```',
      reference: { problem_id: 'lc-717' },
      options: {},
    });
    expect(wrong.verdict).toBe('Wrong Answer');

    const broken = await grader.grade({
      completion: '```ts\nfunction isOneBitCharacter(bits: number[]: boolean {\n  return true;\n}\n```',
      reference: { problem_id: 'lc-717' },
      options: {},
    });
    expect(broken).toMatchObject({ verdict: 'Compile Error', score: 0 });
  });
});
