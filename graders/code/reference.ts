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
import type { Problem, VariantKey } from './problem.ts';

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
  return {
    kind: 'inline',
    problem: { id: 'inline', source: 'inline', variants: { [key]: { tests: r.tests as CodeTests } } },
  };
}
