/**
 * Code extraction: which part of a completion is the program.
 *
 * Rule (documented in docs/code-grading.md):
 * 1. Reasoning inside `<think>…</think>` is dropped first (DeepSeek-R1 completions), so code that
 *    was only sketched while thinking is never run.
 * 2. Fenced blocks (``` or ~~~, three or more, CommonMark-style) are collected with their info
 *    string. A block counts if its tag names a language we run (`python`, `py`, `python3`, `js`,
 *    `javascript`, `node`, `ts`, `typescript`…) or if it is untagged (it then takes the reference's
 *    language). Blocks tagged with anything else (`text`, `bash`, `json`…) are ignored.
 * 3. Of the counted blocks, the last one that defines the entry point wins, else the last one
 *    (models often end with a "usage example" block after the solution).
 * 4. An unclosed final fence (a completion cut at max tokens) runs to the end of the text.
 * With `extract: "none"` the whole completion is the program (HumanEval-style continuations).
 */

/** Fence tags → language. Lower-cased, first word of the info string. */
export const FENCE_LANGUAGES: Readonly<Record<string, 'python' | 'javascript' | 'typescript'>> =
  Object.freeze({
    python: 'python',
    python3: 'python',
    py: 'python',
    py3: 'python',
    javascript: 'javascript',
    js: 'javascript',
    node: 'javascript',
    nodejs: 'javascript',
    mjs: 'javascript',
    cjs: 'javascript',
    jsx: 'javascript',
    typescript: 'typescript',
    ts: 'typescript',
    tsx: 'typescript',
  });

export interface CodeBlock {
  /** The info string's first word, lower-cased ('' when untagged). */
  tag: string;
  /** Language the tag names, or null for untagged blocks. */
  language: 'python' | 'javascript' | 'typescript' | null;
  code: string;
  /** True when the closing fence was missing. */
  unclosed: boolean;
}

/**
 * Remove `<think>…</think>` reasoning: keep what follows the last `</think>`; with an opening
 * `<think>` that never closes (reasoning cut at max tokens), keep only what precedes it.
 */
export function stripThinking(text: string): string {
  const end = text.lastIndexOf('</think>');
  if (end >= 0) return text.slice(end + '</think>'.length);
  const open = text.indexOf('<think>');
  return open >= 0 ? text.slice(0, open) : text;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})[ \t]*([^\s`]*)[^\n]*$/;

/** Index of the first non-space character if at most 3 spaces indent it, else -1. */
function fenceStart(line: string): number {
  let i = 0;
  while (i < 4 && line.charCodeAt(i) === 32) i++;
  return i < 4 ? i : -1;
}

/** Whether `line` closes a fence of `len` × `ch` (same char, at least as long, then only blanks). */
function closesFence(line: string, ch: string, len: number): boolean {
  let i = fenceStart(line);
  if (i < 0 || line[i] !== ch) return false;
  let n = 0;
  while (line[i] === ch) {
    i++;
    n++;
  }
  if (n < len) return false;
  for (; i < line.length; i++) if (line[i] !== ' ' && line[i] !== '\t') return false;
  return true;
}

/** All fenced blocks of a markdown text, in order. Linear in the text's length. */
export function fencedBlocks(text: string): CodeBlock[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: CodeBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const at = fenceStart(line);
    const c = at >= 0 ? line[at] : '';
    const m = c === '`' || c === '~' ? FENCE_OPEN.exec(line) : null;
    if (!m) {
      i++;
      continue;
    }
    const fence = m[1];
    const tag = m[2].toLowerCase().replace(/^\{\.?|\}$/g, '');
    let j = i + 1;
    while (j < lines.length && !closesFence(lines[j], fence[0], fence.length)) j++;
    const code = lines.slice(i + 1, j).join('\n');
    blocks.push({ tag, language: FENCE_LANGUAGES[tag] ?? null, code, unclosed: j >= lines.length });
    i = j + 1;
  }
  return blocks;
}

/**
 * Whether `code` defines `name` at the top level: a def/class/function/const/let/var binding (or
 * an assignment) of that name starting at column 0, optionally `export`ed. Indented bindings do
 * not count: a function body that declares a local of the same name (HumanEval-X/106's
 * `let f = 1` inside `f`) is a continuation, not a definition.
 */
export function definesName(code: string, name: string): boolean {
  return definitionPattern(name).test(code);
}

function definitionPattern(name: string): RegExp {
  const n = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    `(?:^|\\n)(?:export\\s+)?(?:async\\s+)?(?:(?:def|class|function\\*?|const|let|var)\\s+${n}\\b|${n}\\s*=[^=])`,
  );
}

export interface Extracted {
  code: string;
  /** Language named by the chosen block's tag; null if untagged or extract = none. */
  language: 'python' | 'javascript' | 'typescript' | null;
  /** The chosen block's raw tag, when it was not a language we run (reported in details). */
  tag?: string;
}

/**
 * Pick the program out of a completion. `entryName` is the function/class the tests call (the
 * first segment of `Solution().twoSum` is `Solution`), used to prefer the block defining it.
 * Returns null when `mode` is `fenced` and no counted block exists.
 */
export function extractCode(
  completion: string,
  mode: 'fenced' | 'none',
  entryName?: string,
): Extracted | null {
  const text = stripThinking(completion);
  if (mode === 'none') return { code: text, language: null };
  const blocks = fencedBlocks(text).filter((b) => b.language !== null || b.tag === '');
  if (blocks.length === 0) return null;
  let chosen = blocks[blocks.length - 1];
  if (entryName) {
    const defines = definitionPattern(entryName);
    for (let k = blocks.length - 1; k >= 0; k--) {
      if (defines.test(blocks[k].code)) {
        chosen = blocks[k];
        break;
      }
    }
  }
  return { code: chosen.code, language: chosen.language };
}

/** The name that must be defined for an entry point: `Solution().twoSum` → `Solution`. */
export function entryName(entryPoint: string | undefined): string | undefined {
  if (!entryPoint) return undefined;
  const m = /^[A-Za-z_$][\w$]*/.exec(entryPoint);
  return m ? m[0] : undefined;
}
