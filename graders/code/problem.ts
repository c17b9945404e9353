/**
 * The normalized problem: what every data-set format and every inline reference becomes before
 * grading, and what the problem store keeps (as JSON) per id.
 *
 * A problem has one *variant* per accepted language (`python`, `javascript`, `typescript`, or `*`
 * for any language — stdin/stdout problems). A variant holds the tests in the inline shape
 * (src/schemas/code.ts) plus the code the data set runs around a solution:
 * - `prompt`: the data set's prompt for *continuations* (HumanEval's signature + docstring). When
 *   the extracted code does not define the entry point, the program is `prompt + code`.
 * - `preamble`: code run before a solution that does define the entry point (imports, helpers,
 *   LeetCode's ListNode/TreeNode classes, MBPP's `test_setup_code`).
 */
import type { ExecSpec, SandboxLanguage } from '../../src/core/sandbox.ts';
import type { CodeTests } from '../../src/schemas/code.ts';
import { definesName, entryName } from './extract.ts';

export type VariantKey = SandboxLanguage | '*';

export interface Variant {
  tests: CodeTests;
  prompt?: string;
  preamble?: string;
}

export interface ProblemInfo {
  title?: string;
  difficulty?: string;
  tags?: string[];
  /** Statement or starter code shown by `GET /problems/{id}`; never the tests. */
  prompt?: string;
}

export interface Problem {
  id: string;
  /** Format it came from: humaneval, humaneval-x, mbpp, multipl-e, leetcodedataset, leetcode_js_py… */
  source: string;
  variants: Partial<Record<VariantKey, Variant>>;
  info?: ProblemInfo;
}

/** Which language a solution runs in, and with which variant; or why it cannot run. */
export type Resolved =
  | { ok: true; language: SandboxLanguage; variant: Variant }
  | { ok: false; message: string };

/**
 * Choose the language and variant. `requested` is the fence tag's language or `options.language`;
 * untagged code takes the problem's language (the first variant; python for `*`). TypeScript runs
 * JavaScript variants (TS is a superset once types are stripped) and JavaScript runs TypeScript ones.
 */
export function resolveVariant(problem: Problem, requested: SandboxLanguage | null): Resolved {
  const v = problem.variants;
  if (requested) {
    const variant =
      v[requested] ??
      (requested === 'typescript' ? v.javascript : requested === 'javascript' ? v.typescript : undefined) ??
      v['*'];
    if (variant) return { ok: true, language: requested, variant };
    const accepted = Object.keys(v).join(', ');
    return {
      ok: false,
      message: `solution language ${requested} is not accepted by this problem (${accepted})`,
    };
  }
  const first = (Object.keys(v) as VariantKey[])[0];
  if (!first) return { ok: false, message: 'problem has no tests' };
  return { ok: true, language: first === '*' ? 'python' : first, variant: v[first]! };
}

/** The entry point a variant's tests call, if any. */
export function variantEntryPoint(variant: Variant): string | undefined {
  const t = variant.tests;
  return t.kind === 'stdio' ? undefined : t.entry_point;
}

/** Number of test cases. */
export function caseCount(tests: CodeTests): number {
  return tests.cases.length;
}

/** Top-level names a program declares (def/class/function/const/let/var at column 0). */
export function declaredNames(code: string): string[] {
  const re =
    /(?:^|\n)(?:export\s+)?(?:async\s+)?(?:def|class|function\*?|const|let|var)\s+([A-Za-z_$][\w$]*)/g;
  return [...code.matchAll(re)].map((m) => m[1]);
}

/**
 * Program text + preamble for the sandbox: continuation (`prompt + code`) or code after a
 * preamble. In JavaScript/TypeScript a preamble is dropped when the code redeclares one of its
 * names (a model that rewrote HumanEval-X/10's `isPalindrome` helper along with the solution
 * would otherwise get "Identifier has already been declared"); Python may redefine freely.
 */
export function assembleSource(
  variant: Variant,
  code: string,
  language: SandboxLanguage = 'python',
): { source: string; preamble?: string } {
  const name = entryName(variantEntryPoint(variant));
  if (variant.prompt !== undefined && name && !definesName(code, name)) {
    return { source: variant.prompt + code, preamble: undefined };
  }
  const preamble = variant.preamble || undefined;
  if (preamble && language !== 'python' && declaredNames(preamble).some((n) => definesName(code, n))) {
    return { source: code, preamble: undefined };
  }
  return { source: code, preamble };
}

/**
 * One line of Python run before each assert-mode test (defense in depth over the sandbox): the
 * test runs in the solution's namespace, so a solution could shadow what the test calls —
 * `set = lambda *a: 1`, `len = …`, `sorted = …`, `math = FakeMath()` — and turn every `assert`
 * true (checked here: all four earned a reward). The guard drops solution globals named like a
 * builtin (the test then sees the real builtin) and rebinds names of standard-library modules
 * that are not the real, loaded module (or drops them). Names in `keep` (the entry point, the
 * candidate, `Solution`) are left alone: MBPP/126's function under test is called `sum`.
 * Kept on one line so the sandbox's "test line N" stays off by one only. It calls only
 * `_rlvr_b.list/globals/hasattr` (the module from `import builtins`, which resolves through the
 * test's pristine `__builtins__`): a solution defining `list`, `globals` or `hasattr` once turned
 * it off (security review #2). The sandbox's runner applies the same filter before the test starts
 * (sandboxes/python/runner.py `filter_shadows`), where solution code cannot reach it.
 */
export function pythonAssertGuard(keep: readonly string[]): string {
  const k = JSON.stringify([...new Set(keep)]);
  return (
    'import builtins as _rlvr_b, sys as _rlvr_s; ' +
    `[_rlvr_b.globals().pop(_rlvr_k) if _rlvr_b.hasattr(_rlvr_b, _rlvr_k) or _rlvr_k not in _rlvr_s.modules else _rlvr_b.globals().__setitem__(_rlvr_k, _rlvr_s.modules[_rlvr_k]) for _rlvr_k in [_k for _k in _rlvr_b.list(_rlvr_b.globals()) if not _k.startswith('_') and _k not in ${k} and (_rlvr_b.hasattr(_rlvr_b, _k) or (_k in _rlvr_s.stdlib_module_names and _rlvr_b.globals()[_k] is not _rlvr_s.modules.get(_k)))]]; ` +
    'del _rlvr_b, _rlvr_s'
  );
}

/** Build the sandbox request. Expected values stay in the host: only inputs go in. */
export function buildExecSpec(
  language: SandboxLanguage,
  variant: Variant,
  code: string,
  limits: ExecSpec['limits'],
): ExecSpec {
  const { source, preamble } = assembleSource(variant, code, language);
  const t = variant.tests;
  const base = { language, source, preamble, limits };
  switch (t.kind) {
    case 'function':
      return {
        ...base,
        mode: 'function',
        entryPoint: t.entry_point,
        calls: t.cases.map((c) => ({ args: c.args })),
        argKinds: t.arg_kinds,
        // Converted Python asserts (graders/code/python-asserts.ts) keep Python types both ways.
        ...(t.compare === 'python' ? { values: 'python' as const } : {}),
      };
    case 'stdio':
      return { ...base, mode: 'stdio', stdins: t.cases.map((c) => c.stdin) };
    case 'assert': {
      const pre = [t.preamble, preamble].filter(Boolean).join('\n') || undefined;
      const guard =
        language === 'python'
          ? `${pythonAssertGuard([entryName(t.entry_point), t.candidate_name].filter((n): n is string => !!n))}\n`
          : '';
      return {
        ...base,
        preamble: pre,
        mode: 'assert',
        entryPoint: t.entry_point,
        candidateName: t.candidate_name,
        tests: t.cases.map((c) => guard + c.code),
      };
    }
  }
}
