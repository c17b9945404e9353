import { describe, expect, it } from 'vitest';
import {
  definesName,
  entryName,
  extractCode,
  fencedBlocks,
  stripThinking,
} from '../../../graders/code/extract.ts';

describe('extractCode', () => {
  it('takes the last fenced block of a language we run', () => {
    const c = 'Idea.\n```python\nx = 1\n```\nBetter:\n```py\ndef f():\n    return 2\n```\nDone.';
    expect(extractCode(c, 'fenced')).toEqual({ code: 'def f():\n    return 2', language: 'python' });
  });
  it('maps tags to languages and ignores other tags', () => {
    for (const [tag, lang] of [
      ['python3', 'python'],
      ['js', 'javascript'],
      ['JavaScript', 'javascript'],
      ['ts', 'typescript'],
      ['typescript', 'typescript'],
    ]) {
      expect(extractCode(`\`\`\`${tag}\ncode\n\`\`\``, 'fenced')?.language).toBe(lang);
    }
    expect(extractCode('```python\na=1\n```\n```text\nout\n```\n```bash\nrun\n```', 'fenced')?.code).toBe(
      'a=1',
    );
    expect(extractCode('```json\n{}\n```', 'fenced')).toBeNull();
  });
  it('untagged blocks count and take the reference language (null here)', () => {
    expect(extractCode('```\nprint(1)\n```', 'fenced')).toEqual({ code: 'print(1)', language: null });
  });
  it('prefers the last block that defines the entry point over a trailing usage example', () => {
    // Shape of MultiPL-E's gpt_solution: the solution, then a usage block.
    const c =
      '```js\nfunction has_close_elements(a, t) {\n  return false;\n}\n```\n\nUsage:\n\n```js\nconsole.log(has_close_elements([1], 0.5));\n```';
    expect(extractCode(c, 'fenced', 'has_close_elements')?.code).toContain('function has_close_elements');
    expect(extractCode(c, 'fenced')?.code).toContain('console.log');
  });
  it('drops <think> reasoning', () => {
    const c = '<think>\n```python\nprint("draft")\n```\n</think>\nFinal:\n```python\nprint("final")\n```';
    expect(extractCode(c, 'fenced')?.code).toBe('print("final")');
    expect(extractCode('<think>```python\nprint(1)\n```', 'fenced')).toBeNull();
    expect(stripThinking('a</think>b</think>c')).toBe('c');
  });
  it('an unclosed final fence runs to the end', () => {
    const blocks = fencedBlocks('```python\ndef f():\n    return 1');
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({ unclosed: true, code: 'def f():\n    return 1' });
  });
  it('longer fences and tildes, CRLF', () => {
    expect(extractCode('````python\n```\nx\n```\n````', 'fenced')?.code).toBe('```\nx\n```');
    expect(extractCode('~~~py\r\nx = 1\r\n~~~\r\n', 'fenced')?.code).toBe('x = 1');
  });
  it('extract = none takes the whole completion (after </think>)', () => {
    expect(extractCode('    return 1\n', 'none')).toEqual({ code: '    return 1\n', language: null });
  });
});

describe('definesName / entryName', () => {
  it('finds definitions', () => {
    expect(definesName('def add(a, b):\n  return a+b', 'add')).toBe(true);
    expect(definesName('class Solution:\n  pass', 'Solution')).toBe(true);
    expect(definesName('const add = (a, b) => a + b;', 'add')).toBe(true);
    expect(definesName('var twoSum = function (n) {}', 'twoSum')).toBe(true);
    expect(definesName('async function go() {}', 'go')).toBe(true);
    expect(definesName('    return add(1, 2)', 'add')).toBe(false);
    expect(definesName('def adder():\n  pass', 'add')).toBe(false);
    // Top level only: HumanEval-X/106's body declares a local `f` inside `const f = (n) => {`.
    expect(definesName('  let f = 1\n  for (;;) {}\n  return f\n}\n', 'f')).toBe(false);
    expect(definesName('    def helper():\n        pass', 'helper')).toBe(false);
    expect(definesName('export function f() {}', 'f')).toBe(true);
    expect(definesName('f = lambda x: x', 'f')).toBe(true);
    expect(definesName('f == 3', 'f')).toBe(false);
  });
  it('entry names', () => {
    expect(entryName('Solution().twoSum')).toBe('Solution');
    expect(entryName('add')).toBe('add');
    expect(entryName(undefined)).toBeUndefined();
  });
});

describe('hostile completions (1 MB)', () => {
  it('many fences: the last block is found', () => {
    const text = `${'```python\nx = 0\n```\n'.repeat(50_000)}\`\`\`python\nx = 1\n\`\`\``;
    expect(extractCode(text, 'fenced', 'solve')?.code).toBe('x = 1');
  });
  it('only fence openers, long runs of backticks or blanks', () => {
    expect(fencedBlocks('```\n'.repeat(250_000)).every((b) => b.code === '')).toBe(true);
    expect(extractCode('`'.repeat(1 << 20), 'fenced')).toEqual({ code: '', language: null });
    expect(extractCode(' '.repeat(1 << 20), 'fenced')).toBeNull();
  });
});
