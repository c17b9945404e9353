/**
 * LeetCode's ListNode/TreeNode through the full grader and the real sandboxes: inline function
 * tests give list-form arguments (LeetCode's level order with nulls for trees), the sandbox builds
 * the structures (Python: from type hints; JS: from `arg_kinds`) and converts returned structures
 * back to lists, and the host compares lists.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeSandboxes, graderOver, usable } from './helpers.ts';

const grader = graderOver({ get: () => null });
afterAll(closeSandboxes);

const reverse = {
  kind: 'function',
  return_kind: 'ListNode',
  cases: [
    { args: [[1, 2, 3, 4, 5]], expected: [5, 4, 3, 2, 1] },
    { args: [[]], expected: [] },
  ],
};
const invert = {
  kind: 'function',
  return_kind: 'TreeNode',
  cases: [
    { args: [[4, 2, 7, 1, 3, 6, 9]], expected: [4, 7, 2, 9, 6, 3, 1] },
    { args: [[2, 1, 3]], expected: [2, 3, 1] },
    { args: [[]], expected: [] },
  ],
};
const depth = {
  kind: 'function',
  cases: [
    { args: [[3, 9, 20, null, null, 15, 7]], expected: 3 },
    { args: [[1, null, 2]], expected: 2 },
  ],
};

async function verdict(language: string, code: string, tests: Record<string, unknown>) {
  const out = await grader.grade({
    completion: `\`\`\`${language}\n${code}\n\`\`\``,
    reference: { language, tests },
    options: {},
  });
  if (out.verdict !== 'Accepted')
    console.log(language, JSON.stringify(out.details ?? out.error).slice(0, 400));
  return out.verdict;
}

describe.skipIf(!(await usable('python')))('Python ListNode/TreeNode', () => {
  it('reverse a list, invert a tree, tree depth', { timeout: 60_000 }, async () => {
    const py = 'from typing import Optional\n';
    expect(
      await verdict(
        'python',
        `${py}class Solution:\n    def reverseList(self, head: Optional[ListNode]) -> Optional[ListNode]:\n        prev = None\n        while head:\n            head.next, prev, head = prev, head, head.next\n        return prev`,
        { ...reverse, entry_point: 'Solution().reverseList' },
      ),
    ).toBe('Accepted');
    expect(
      await verdict(
        'python',
        `${py}class Solution:\n    def invertTree(self, root: Optional[TreeNode]) -> Optional[TreeNode]:\n        if root:\n            root.left, root.right = self.invertTree(root.right), self.invertTree(root.left)\n        return root`,
        { ...invert, entry_point: 'Solution().invertTree' },
      ),
    ).toBe('Accepted');
    expect(
      await verdict(
        'python',
        `${py}class Solution:\n    def maxDepth(self, root: Optional[TreeNode]) -> int:\n        return 1 + max(self.maxDepth(root.left), self.maxDepth(root.right)) if root else 0`,
        { ...depth, entry_point: 'Solution().maxDepth' },
      ),
    ).toBe('Accepted');
    // Not reversing is caught by the host comparison of the converted list.
    expect(
      await verdict(
        'python',
        `${py}class Solution:\n    def reverseList(self, head: Optional[ListNode]) -> Optional[ListNode]:\n        return head`,
        { ...reverse, entry_point: 'Solution().reverseList' },
      ),
    ).toBe('Wrong Answer');
  });
});

describe.skipIf(!(await usable('javascript')))('JavaScript ListNode/TreeNode', () => {
  it('reverse a list, invert a tree, tree depth', { timeout: 60_000 }, async () => {
    expect(
      await verdict(
        'javascript',
        'var reverseList = function (head) {\n  let prev = null;\n  while (head) [head.next, prev, head] = [prev, head, head.next];\n  return prev;\n};',
        { ...reverse, entry_point: 'reverseList', arg_kinds: ['ListNode'] },
      ),
    ).toBe('Accepted');
    expect(
      await verdict(
        'javascript',
        'var invertTree = function (root) {\n  if (root) [root.left, root.right] = [invertTree(root.right), invertTree(root.left)];\n  return root;\n};',
        { ...invert, entry_point: 'invertTree', arg_kinds: ['TreeNode'] },
      ),
    ).toBe('Accepted');
    expect(
      await verdict(
        'javascript',
        'const maxDepth = (root) => (root ? 1 + Math.max(maxDepth(root.left), maxDepth(root.right)) : 0);',
        { ...depth, entry_point: 'maxDepth', arg_kinds: ['TreeNode'] },
      ),
    ).toBe('Accepted');
    expect(
      await verdict('javascript', 'var reverseList = function (head) { return head; };', {
        ...reverse,
        entry_point: 'reverseList',
        arg_kinds: ['ListNode'],
      }),
    ).toBe('Wrong Answer');
  });
});
