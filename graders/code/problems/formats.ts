/**
 * Data-set rows → normalized problems (graders/code/problem.ts). The format is detected per row
 * from its fields, so one directory may mix files of several data sets. Formats (field lists and
 * caveats from /work/shared/data/code/SOURCES.md):
 *
 * | format           | detected by                                   | tests                         |
 * |------------------|-----------------------------------------------|-------------------------------|
 * | inline           | `tests.kind` (+ `id`/`problem_id`)            | as given                      |
 * | humaneval        | `task_id` HumanEval/…, `prompt`, `test`, `entry_point` | assert: `check(candidate)` |
 * | humaneval-x      | `declaration`, `test`, `prompt` (`JavaScript/…`, `Python/…`) | assert: the `testX()` script |
 * | mbpp             | `test_list`, `code`, `text`                   | assert: one case per line (after `test_setup_code`) |
 * | multipl-e        | `tests` string, `prompt`, `name`, `language`  | assert: the test script       |
 * | leetcodedataset  | `entry_point` `Solution().m`, `test`, `prompt`, `starter_code` | assert: one case per `assert` line |
 * | leetcode_js_py   | `python` + `javascript` + `tests[]`           | function, float compare       |
 * | code_contests    | `test` = JSON list of {input:{stdin}, output:{stdout}} | stdio, tokens          |
 * | livecodebench    | decoded rows: `fn_name`, `inputs`, `outputs`  | stdio (tokens) or function    |
 *
 * LiveCodeBench's raw rows keep tests as base64(zlib(pickle)): they are *skipped* with a reason,
 * never unpickled (arbitrary code execution on load); load the decoded file instead.
 */
import type { SandboxLanguage } from '../../../src/core/sandbox.ts';
import type { CodeLimits, CodeTests } from '../../../src/schemas/code.ts';
import { parseJsonExact } from '../compare.ts';
import type { Problem, Variant, VariantKey } from '../problem.ts';
import { convertEach, convertedTests, convertHumanEvalCheck } from '../python-asserts.ts';
import { checkTests } from '../reference.ts';

export type RowResult = { ok: true; problem: Problem } | { ok: false; reason: string };

type Row = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function fail(reason: string): RowResult {
  return { ok: false, reason };
}

/**
 * Limits per data set, fitted to its reference solutions as measured here with headroom for a
 * loaded machine (the sandboxes time each case by the wall clock): MBPP task 123's last assert
 * needs 1.3 s of CPU; LeetCodeDataset's heaviest assert 3.1 s of CPU
 * (find-the-number-of-subsequences-with-equal-gcd) and count-beautiful-numbers ~340 MiB (its cache
 * grows over the ~100 cases of one run). HumanEval's own harness allows 3 s per problem.
 * Stored problems may raise the sandbox defaults up to the grader's ceiling (graders/code/index.ts).
 */
export const FORMAT_LIMITS: Readonly<Record<string, CodeLimits>> = Object.freeze({
  humaneval: { time_ms: 6000 },
  'humaneval-x': { time_ms: 6000 },
  mbpp: { time_ms: 6000 },
  'multipl-e': { time_ms: 6000 },
  leetcodedataset: { time_ms: 10_000, memory_mb: 1024 },
});

function problem(
  id: string,
  source: string,
  variants: Problem['variants'],
  info?: Problem['info'],
): RowResult {
  const limits = FORMAT_LIMITS[source];
  for (const [lang, v] of Object.entries(variants)) {
    if (limits && !(v as Variant).tests.limits) (v as Variant).tests.limits = { ...limits };
    const bad = checkTests((v as Variant).tests);
    if (bad) return fail(`${id} (${lang}): ${bad}`);
  }
  return { ok: true, problem: { id, source, variants, info } };
}

/** Our own shape: `{id, language?, tests, title?, difficulty?, tags?, prompt?}`. */
function fromInline(row: Row): RowResult {
  const id = str(row.id) ?? str(row.problem_id) ?? (typeof row.id === 'number' ? String(row.id) : undefined);
  if (!id) return fail('inline row without id');
  const lang = (str(row.language) ?? '*') as VariantKey;
  return problem(
    id,
    'inline',
    {
      [lang]: {
        tests: row.tests as CodeTests,
        preamble: str(row.preamble),
        prompt: str(row.continuation_prompt),
      },
    },
    {
      title: str(row.title),
      difficulty: str(row.difficulty),
      tags: Array.isArray(row.tags) ? row.tags.map(String) : undefined,
      prompt: str(row.prompt),
    },
  );
}

/**
 * Offset of the last line of `text` that starts (at column 0) with `pattern`, or -1. The entry
 * point's declaration ends a prompt; its name also appears in the doc comment above ("Write a
 * function vowelsCount which…"), which must not count.
 */
function lastLineStart(text: string, pattern: string): number {
  let at = -1;
  for (const m of text.matchAll(new RegExp(`^${pattern}`, 'gm'))) at = m.index ?? at;
  return at;
}

/** OpenAI HumanEval: `prompt + completion + test + check(entry_point)`. */
function fromHumanEval(row: Row): RowResult {
  const id = str(row.task_id)!;
  const entry = str(row.entry_point)!;
  const prompt = str(row.prompt)!;
  // The prompt's helpers (HumanEval/32 `poly`, /38 `encode_cyclic`, /50 `encode_shift`) are what
  // the tests check against: they are re-run in the test's namespace after the solution, or a
  // solution redefining them (`def poly(*a): return 0`) passes — checked through the sandbox.
  const at = lastLineStart(prompt, `def\\s+${entry}\\b`);
  const helpers = at > 0 ? `${prompt.slice(0, at).trimEnd()}\n` : '';
  const tests: CodeTests = convertedTests(entry, convertHumanEvalCheck(str(row.test)!, entry)) ?? {
    kind: 'assert',
    entry_point: entry,
    candidate_name: 'candidate',
    cases: [{ code: `${helpers}${str(row.test)}\ncheck(candidate)\n` }],
  };
  return problem(id, 'humaneval', { python: { tests, prompt, preamble: prompt } }, { prompt });
}

/** The last `const f =` / `function f` / `def f` declared in a HumanEval-X declaration. */
function lastDeclared(declaration: string): string | undefined {
  const names = [...declaration.matchAll(/(?:const|let|var|function|def)\s+([A-Za-z_$][\w$]*)/g)].map(
    (m) => m[1],
  );
  return names[names.length - 1];
}

/** HumanEval-X (CodeGeeX): `prompt + completion + test`; JS tests use `console.assert`. */
function fromHumanEvalX(row: Row): RowResult {
  const id = str(row.task_id)!;
  const prompt = str(row.prompt)!;
  const declaration = str(row.declaration)!;
  const lang = id.split('/')[0].toLowerCase();
  const language: SandboxLanguage | null =
    lang === 'javascript' || lang === 'js' ? 'javascript' : lang === 'python' ? 'python' : null;
  if (!language) return fail(`${id}: HumanEval-X language ${lang} is not run here`);
  const entry = lastDeclared(declaration);
  if (!entry) return fail(`${id}: no entry point in declaration`);
  // Helper functions the prompt defines before the entry point (e.g. isPalindrome in /10).
  const at = lastLineStart(prompt, `(?:const|let|var|function|def)\\s+${entry}\\b`);
  const helpers =
    at > 0
      ? prompt
          .slice(0, at)
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .trim()
      : '';
  // Tests that use a prompt helper (JS/32 `poly`, /38 `encodeCyclic`, /50 `encodeShift`) get the
  // data set's own copy, declared in a block so it shadows whatever the solution bound globally.
  const test = str(row.test)!;
  const code = helpers ? `{\n${helpers}\n${test}\n}\n` : test;
  const tests: CodeTests = { kind: 'assert', entry_point: entry, cases: [{ code }] };
  return problem(
    id,
    'humaneval-x',
    { [language]: { tests, prompt, preamble: helpers || undefined } },
    { prompt },
  );
}

/** The function an MBPP task tests: a `def` of the reference that the asserts call. */
function mbppEntry(code: string, tests: string[]): string | undefined {
  const joined = tests.join('\n');
  for (const m of code.matchAll(/^def\s+([A-Za-z_]\w*)/gm)) {
    if (new RegExp(`\\b${m[1]}\\s*\\(`).test(joined)) return m[1];
  }
  return /assert\s+(?:not\s+)?\(?\s*([A-Za-z_]\w*)\s*\(/.exec(tests[0] ?? '')?.[1];
}

/** MBPP (Austin et al. 2021): `test_setup_code`, then each `assert` line of `test_list` is a test. */
function fromMbpp(row: Row): RowResult {
  const id = `mbpp/${row.task_id}`;
  const list = (row.test_list as unknown[]).map(String);
  const entry = mbppEntry(str(row.code) ?? '', list);
  // `test_setup_code` runs after the solution, before the asserts (it may use the solution's
  // classes: tasks 367 and 927 build trees of the solution's `Node`). Run before the solution, as
  // a preamble, it fails with NameError — the "two known-bad references" of SOURCES.md.
  const setup = (str(row.test_setup_code) ?? '').replace(/\r\n?/g, '\n').trim();
  // Only asserts that call the entry point itself convert (a helper of the reference would not
  // exist in a solution); test_setup_code keeps the problem in assert mode.
  const converted = entry && !setup ? convertEach(list, new Set([entry])) : null;
  const tests: CodeTests = (entry && convertedTests(entry, converted)) || {
    kind: 'assert',
    entry_point: entry,
    cases: list.map((code) => ({ code: setup ? `${setup}\n${code}` : code })),
  };
  const text = str(row.text);
  return problem(
    id,
    'mbpp',
    { python: { tests } },
    { prompt: text ? `${text}\n${list[0] ?? ''}` : undefined },
  );
}

/** MultiPL-E (Cassano et al. 2023): `prompt + completion + tests`; JS tests use `assert.deepEqual`. */
function fromMultiPLE(row: Row): RowResult {
  const id = str(row.name) ?? str(row.task_id)!;
  const language = str(row.language);
  if (language !== 'js' && language !== 'javascript' && language !== 'ts' && language !== 'typescript') {
    return fail(`${id}: MultiPL-E language ${language} is not run here`);
  }
  const prompt = str(row.prompt)!;
  const entry = lastDeclared(prompt);
  const tests: CodeTests = { kind: 'assert', entry_point: entry, cases: [{ code: str(row.tests)! }] };
  const key: VariantKey = language.startsWith('t') ? 'typescript' : 'javascript';
  return problem(
    `multipl-e/${key === 'typescript' ? 'ts' : 'js'}/${id}`,
    'multipl-e',
    { [key]: { tests, prompt } },
    { prompt },
  );
}

/** LeetCodeDataset (newfacade): `prompt` (imports, ListNode/TreeNode) + `class Solution` + asserts. */
function fromLeetCodeDataset(row: Row): RowResult {
  const id = str(row.task_id)!;
  const lines = (str(row.test) ?? '').split('\n');
  const asserts = lines.filter((l) => /^\s+assert\s/.test(l)).map((l) => l.trim());
  if (asserts.length === 0) return fail(`${id}: no assert lines in test`);
  // The prompt defines the helpers the asserts call (`is_same_list`, `tree_node`…): re-run it in
  // each test's namespace so a solution cannot redefine them (`is_same_list = lambda *a: True`).
  const prompt = str(row.prompt) ?? '';
  const tests: CodeTests = convertedTests(
    str(row.entry_point)!,
    convertEach(asserts, new Set(['candidate'])),
  ) ?? {
    kind: 'assert',
    entry_point: str(row.entry_point)!,
    candidate_name: 'candidate',
    cases: asserts.map((code) => ({ code: prompt ? `${prompt.trimEnd()}\n${code}` : code })),
  };
  return problem(
    id,
    'leetcodedataset',
    { python: { tests, preamble: str(row.prompt) } },
    {
      title: id,
      difficulty: str(row.difficulty),
      tags: Array.isArray(row.tags) ? row.tags.map(String) : undefined,
      prompt: `${str(row.problem_description) ?? ''}\n${str(row.starter_code) ?? ''}`.trim(),
    },
  );
}

/** Our derived LeetCode set with a Python and a JavaScript entry point per problem. */
function fromLeetCodeJsPy(row: Row): RowResult {
  const id = str(row.id)!;
  const py = row.python as Row;
  const js = row.javascript as Row;
  const cases = (row.tests as { args: unknown[]; expected: unknown }[]).map((t) => ({
    args: t.args,
    expected: t.expected,
  }));
  const fn = (entry: string): CodeTests => ({
    kind: 'function',
    entry_point: entry,
    cases,
    compare: 'float',
  });
  const variants: Problem['variants'] = {};
  if (str(py?.entry_point)) {
    variants.python = { tests: fn(str(py.entry_point)!), preamble: str(py.prompt_preamble) };
  }
  if (str(js?.function_name)) variants.javascript = { tests: fn(str(js.function_name)!) };
  return problem(id, 'leetcode_js_py', variants, {
    title: str(row.task_id),
    difficulty: str(row.difficulty),
    prompt: str(row.problem_description),
  });
}

/** CodeContests (Li et al. 2022) as redistributed by SandboxFusion: stdin/stdout, token checker. */
function fromCodeContests(
  row: Row,
  tests: { input?: { stdin?: string }; output?: { stdout?: string } }[],
): RowResult {
  const id = `code_contests/${row.id}`;
  let labels: Row = {};
  try {
    labels = typeof row.labels === 'string' ? JSON.parse(row.labels) : ((row.labels as Row) ?? {});
  } catch {}
  const cases = tests.map((t) => ({ stdin: t.input?.stdin ?? '', expected_stdout: t.output?.stdout ?? '' }));
  return problem(
    id,
    'code_contests',
    { '*': { tests: { kind: 'stdio', cases, compare: 'tokens' } } },
    { title: str(labels.name), difficulty: str(labels.difficulty), prompt: str(row.content) },
  );
}

function parseMaybeJson<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

/** LiveCodeBench rows decoded without unpickling (see SOURCES.md): stdio or call-based. */
function fromLiveCodeBench(row: Row): RowResult {
  const id = str(row.task_id) ?? String(row.id);
  const inputs = parseMaybeJson<string[]>(row.inputs);
  const outputs = parseMaybeJson<string[]>(row.outputs);
  const info = { difficulty: str(row.difficulty), prompt: str(row.question) };
  if (row.fn_name === null || row.fn_name === undefined || row.fn_name === '') {
    const cases = inputs.map((stdin, i) => ({ stdin, expected_stdout: outputs[i] }));
    return problem(
      id,
      'livecodebench',
      { '*': { tests: { kind: 'stdio', cases, compare: 'tokens' } } },
      info,
    );
  }
  const cases = inputs.map((inp, i) => ({
    args: inp
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l)),
    expected: parseJsonExact(outputs[i]),
  }));
  const tests: CodeTests = {
    kind: 'function',
    entry_point: `Solution().${row.fn_name}`,
    cases,
    compare: 'exact',
  };
  return problem(id, 'livecodebench', { python: { tests } }, info);
}

/** Detect the format of one row and convert it. Never executes or unpickles anything. */
export function rowToProblem(row: unknown): RowResult {
  if (row === null || typeof row !== 'object' || Array.isArray(row)) return fail('row is not a JSON object');
  const r = row as Row;
  try {
    if (r.tests && typeof r.tests === 'object' && !Array.isArray(r.tests) && 'kind' in (r.tests as Row)) {
      return fromInline(r);
    }
    if (r.python && r.javascript && Array.isArray(r.tests)) return fromLeetCodeJsPy(r);
    if (Array.isArray(r.test_list) && typeof r.code === 'string') return fromMbpp(r);
    if (typeof r.declaration === 'string' && typeof r.test === 'string' && typeof r.prompt === 'string') {
      return fromHumanEvalX(r);
    }
    if (typeof r.tests === 'string' && typeof r.prompt === 'string' && typeof r.language === 'string') {
      return fromMultiPLE(r);
    }
    if (
      typeof r.entry_point === 'string' &&
      r.entry_point.includes('().') &&
      typeof r.test === 'string' &&
      typeof r.prompt === 'string'
    ) {
      return fromLeetCodeDataset(r);
    }
    if (
      typeof r.task_id === 'string' &&
      typeof r.entry_point === 'string' &&
      typeof r.prompt === 'string' &&
      typeof r.test === 'string'
    ) {
      return fromHumanEval(r);
    }
    if ('inputs' in r && 'outputs' in r && 'fn_name' in r) return fromLiveCodeBench(r);
    if (typeof r.test === 'string' && 'content' in r) {
      let tests: unknown;
      try {
        tests = JSON.parse(r.test);
      } catch {
        return fail(
          `row ${String(r.id)}: tests are not JSON (LiveCodeBench's pickled tests are never unpickled; load the decoded file)`,
        );
      }
      if (Array.isArray(tests)) return fromCodeContests(r, tests);
    }
  } catch (e) {
    return fail(`row ${String(r.id ?? r.task_id ?? '?')}: ${(e as Error).message}`);
  }
  return fail(`row ${String(r.id ?? r.task_id ?? '?')}: unknown format`);
}
