/**
 * From what the sandbox measured (per case) to judge verdicts (per test and overall).
 *
 * The sandbox reports resource statuses (it alone can measure them); the host compares outputs
 * (compare.ts). Overall verdict: the first test, in order, that is not Accepted (Codeforces and
 * Judge0 report the first failing test the same way); Accepted only if every test is. Cases the
 * sandbox `skipped` (after a failing one, with binary reward) are not reported per test: they are
 * counted in `skipped` and never passed.
 */
import type { CaseRun, ExecResult } from '../../src/core/sandbox.ts';
import type { CodeTests } from '../../src/schemas/code.ts';
import type { CODE_VERDICTS } from '../../src/schemas/verdict.ts';
import { compareStdout, compareValue, DEFAULT_FLOAT_TOL, decodeExpected, type FloatTol } from './compare.ts';

export type CodeVerdict = (typeof CODE_VERDICTS)[number];

/** Details of one test, as reported in a result's `details.tests`. */
export interface TestReport {
  verdict: CodeVerdict;
  /** Time spent in this test, ms (wall clock, as the sandbox measured it). */
  time_ms: number;
  /** CPU time of this test, ms, when the sandbox measures it (Python). */
  cpu_ms?: number;
  /** Runtime error text or why a return value was rejected. */
  error?: string;
  /** Truncated stdout/stderr; only for tests that did not pass. */
  stdout?: string;
  stderr?: string;
}

/** Characters of stdout/stderr kept per failing test in a result. */
export const DETAIL_CHARS = 512;

function truncate(s: string | undefined): string | undefined {
  if (!s) return undefined;
  return s.length > DETAIL_CHARS ? `${s.slice(0, DETAIL_CHARS)}…[${s.length - DETAIL_CHARS} more]` : s;
}

function tolOf(tests: CodeTests): FloatTol {
  const t = tests.kind === 'assert' ? undefined : tests.float_tol;
  return { abs: t?.abs ?? DEFAULT_FLOAT_TOL.abs, rel: t?.rel ?? DEFAULT_FLOAT_TOL.rel };
}

/** Verdict of case `i` given what the sandbox measured. */
export function caseVerdict(tests: CodeTests, i: number, run: CaseRun): CodeVerdict {
  switch (run.status) {
    case 'timeout':
      return 'Time Limit Exceeded';
    case 'memory':
      return 'Memory Limit Exceeded';
    case 'output_limit':
      return 'Output Limit Exceeded';
    case 'runtime_error':
      // A failed assertion of an assert-kind test is a wrong result, as judges call a mismatch
      // (HumanEval/MBPP `assert`, HumanEval-X `console.assert`, MultiPL-E `assert.deepEqual`); any
      // other exception is a Runtime Error. Same reward either way.
      return tests.kind === 'assert' && /^AssertionError\b/.test(run.error ?? '')
        ? 'Wrong Answer'
        : 'Runtime Error';
    case 'invalid_return':
      // The solution returned something that is not plain data (always-equal object, function…).
      return 'Wrong Answer';
    case 'skipped':
      // Not run: never Accepted (judge() leaves these out of the per-test reports).
      return 'Runtime Error';
    case 'ok':
      break;
    default:
      return 'Runtime Error';
  }
  switch (tests.kind) {
    case 'assert':
      return 'Accepted';
    case 'function': {
      const c = tests.cases[i];
      const tol = tests.float_tol ? tolOf(tests) : undefined;
      const mode = tests.compare ?? 'exact';
      // LeetCode prints an empty ListNode/TreeNode (null) as [].
      const value = tests.return_kind && run.value === null ? [] : run.value;
      return compareValue(mode, decodeExpected(c.expected), value, mode === 'float' ? tolOf(tests) : tol)
        ? 'Accepted'
        : 'Wrong Answer';
    }
    case 'stdio': {
      const c = tests.cases[i];
      return compareStdout(tests.compare ?? 'lines', c.expected_stdout, run.stdout, tolOf(tests))
        ? 'Accepted'
        : 'Wrong Answer';
    }
  }
}

export interface Judged {
  verdict: CodeVerdict;
  passed: number;
  total: number;
  /** Reports of the tests that ran, in order (a prefix of the tests when some were skipped). */
  tests: TestReport[];
  /** Tests not run because an earlier one failed (the spec's `stopOnFailure`). */
  skipped: number;
  compileError?: string;
}

/** Judge a whole execution. Assumes `result.cases.length === tests.cases.length` (checked by the caller). */
export function judge(tests: CodeTests, result: ExecResult): Judged {
  const total = tests.cases.length;
  if (result.compileError !== undefined) {
    return {
      verdict: 'Compile Error',
      passed: 0,
      total,
      tests: [],
      skipped: 0,
      compileError: truncate(result.compileError) ?? 'compile error',
    };
  }
  const reports: TestReport[] = [];
  let passed = 0;
  let overall: CodeVerdict = 'Accepted';
  let skipped = 0;
  for (let i = 0; i < total; i++) {
    const run = result.cases[i];
    if (run.status === 'skipped') {
      skipped++;
      continue;
    }
    const verdict = caseVerdict(tests, i, run);
    const report: TestReport = { verdict, time_ms: Math.round((run.timeMs ?? 0) * 1000) / 1000 };
    if (typeof run.cpuMs === 'number') report.cpu_ms = Math.round(run.cpuMs * 1000) / 1000;
    if (verdict === 'Accepted') passed++;
    else {
      if (overall === 'Accepted') overall = verdict;
      if (run.error) report.error = truncate(run.error);
      report.stdout = truncate(run.stdout);
      report.stderr = truncate(run.stderr);
      if (run.status === 'invalid_return' && !report.error)
        report.error = 'returned a value that is not plain data';
    }
    reports.push(report);
  }
  return { verdict: overall, passed, total, tests: reports, skipped };
}
