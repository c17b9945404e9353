/**
 * Parsing a code item's `reference`: inline tests or a stored problem id, given as an object or
 * as a JSON string (trainers such as verl and OpenRLHF keep ground truth as strings).
 *
 * Shapes (src/schemas/code.ts):
 *   {"language": "python"|"javascript"|"typescript", "tests": {…inline tests…}}
 *   {"problem_id": "HumanEval/0"}
 */
import { Compile } from 'typebox/compile';
import {
  AssertTestsSchema,
  type CodeTests,
  FunctionTestsSchema,
  StdioTestsSchema,
} from '../../src/schemas/code.ts';
import type { Problem, Variant, VariantKey } from './problem.ts';
import { convertEach, convertedTests } from './python-asserts.ts';

const VALIDATORS = {
  function: Compile(FunctionTestsSchema),
  stdio: Compile(StdioTestsSchema),
  assert: Compile(AssertTestsSchema),
} as const;

export type ParsedReference =
  | { kind: 'problem'; problemId: string }
  | { kind: 'inline'; problem: Problem }
  | { kind: 'invalid'; message: string };

const LANGS = new Set(['python', 'javascript', 'typescript']);

/** Validate inline tests; returns a message naming the first problem, or null when valid. */
export function checkTests(tests: unknown): string | null {
  const kind = (tests as { kind?: unknown } | null)?.kind;
  if (kind !== 'function' && kind !== 'stdio' && kind !== 'assert') {
    return 'invalid tests: kind must be "function", "stdio" or "assert"';
  }
  const validator = VALIDATORS[kind];
  if (validator.Check(tests)) return null;
  const first = validator.Errors(tests)[0] as { instancePath?: string; message?: string } | undefined;
  return `invalid ${kind} tests${first ? ` at ${first.instancePath || '/'}: ${first.message}` : ''}`;
}

/** Turn a reference (object or JSON string) into a problem id or an inline problem. */
export function parseReference(reference: unknown): ParsedReference {
  let ref = reference;
  if (typeof ref === 'string') {
    try {
      ref = JSON.parse(ref);
    } catch {
      return { kind: 'invalid', message: 'reference is a string but not JSON' };
    }
  }
  if (ref === null || typeof ref !== 'object' || Array.isArray(ref)) {
    return { kind: 'invalid', message: 'reference must be {"problem_id"} or {"language", "tests"}' };
  }
  const r = ref as Record<string, unknown>;
  if (typeof r.problem_id === 'string' || typeof r.problem_id === 'number') {
    return { kind: 'problem', problemId: String(r.problem_id) };
  }
  if (r.tests === undefined)
    return { kind: 'invalid', message: 'reference has neither problem_id nor tests' };
  if (r.language !== undefined && !LANGS.has(r.language as string)) {
    return { kind: 'invalid', message: `unknown reference language ${JSON.stringify(r.language)}` };
  }
  const bad = checkTests(r.tests);
  if (bad) return { kind: 'invalid', message: bad };
  const key: VariantKey = (r.language as VariantKey | undefined) ?? '*';
  const tests = r.tests as CodeTests;
  const variants: Partial<Record<VariantKey, Variant>> = {};
  // Python asserts (language python, or none: untagged code runs as Python) convert to
  // host-compared function tests when they can; the original stays for other languages.
  const converted = key === 'python' || key === '*' ? convertInlineAsserts(tests) : null;
  if (converted) variants.python = { tests: converted };
  if (!converted || key === '*') variants[key] = { tests };
  return { kind: 'inline', problem: { id: 'inline', source: 'inline', variants } };
}

/**
 * Security review #1 for inline tests: Python `kind: "assert"` tests whose every case is one
 * convertible assert calling the entry point or `candidate_name` (`assert f(<literals>) == <literal>`…,
 * graders/code/python-asserts.ts) become function tests with `compare: 'python'`, exactly as the
 * problem loader converts stored HumanEval/MBPP/LeetCodeDataset problems
 * (graders/code/problems/formats.ts): the expected values never enter the solution's process.
 * Null (the tests stay in assert mode) for any other tests: not assert kind, no `entry_point`, a
 * `preamble` (its names could be what the asserts call, as MBPP's `test_setup_code`), or any case
 * that is not exactly one convertible assert. The tests' `limits` carry over.
 */
export function convertInlineAsserts(tests: CodeTests): CodeTests | null {
  if (tests.kind !== 'assert' || !tests.entry_point || tests.preamble !== undefined) return null;
  const names = new Set([tests.entry_point]);
  if (tests.candidate_name) names.add(tests.candidate_name);
  const out = convertedTests(
    tests.entry_point,
    convertEach(
      tests.cases.map((c) => c.code),
      names,
    ),
  );
  if (!out) return null;
  return tests.limits ? { ...out, limits: tests.limits } : out;
}
