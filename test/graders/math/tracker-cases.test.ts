/**
 * Regression corpus of real math-grading bugs reported in peers' trackers (Math-Verify,
 * latex2sympy2_extended, verl, open-r1, TRL, Qwen2.5-Math, NeMo-Skills, lm-evaluation-harness,
 * hendrycks/math, sympy…): `cases/tracker_cases.jsonl`, one case per line, each with its source
 * (issue, PR or test file) and the mathematically correct verdict, which is often *not* what the
 * peer's tool said. Rows and failures are described in docs/math-tracker-cases.md.
 *
 * Every row goes through the registered math grader's public `grade()` with `options: {}` (or the
 * row's own `options`, for multiple-choice rows):
 * - `verify` row: completion = `pred`, reference = `gold`; passes when (verdict === 'correct') === expected;
 * - `extract` row: the completion graded against `expected_answer` as the reference must be
 *   `correct`; with `expected_answer: null` the verdict must be `no_answer`.
 *
 * Not every row passes yet; the failing ones are listed, grouped by the rule that would fix them,
 * in docs/math-tracker-cases.md. The tests guard the measured pass rate and false-positive count
 * so a regression fails loudly; no row is skipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GradeOutcome, GraderDefinition } from '../../../src/core/grader.ts';

const CASES = fileURLToPath(new URL('./cases/tracker_cases.jsonl', import.meta.url));
const GRADER = new URL('../../../graders/math/index.ts', import.meta.url);
const graderExists = existsSync(fileURLToPath(GRADER));

/**
 * Pass rate measured on 2026-11-30: 145 of 146 rows (99.3 %) at commit 2b27032 (the extraction
 * fixes of 17fa553 and later: hedges, choice letters, prose anchors, display `Answer:`,
 * non-answers, sentence references; and compare.ts 7657832 for the two mv2 rounded decimals);
 * rounded down. It was 136 (93.2 %) at d43bfb2. 146 of 146 since math grader 1.2.0 (the last row,
 * lmeval4039-digit-tuple: a reference `0,1` is also read as the pair, index.ts
 * `referenceAlternative`). Raise it when rows are fixed; never lower it to get green.
 */
const MIN_PASS_PERCENT = 100;
/** Rows whose correct verdict is "not correct" but that the grader rewarded (measured: 0; was 2). */
const MAX_FALSE_POSITIVES = 0;
/** In-thread wall time a hostile row may take (ms); the pool's deadline is 5 s (issue 2). */
const HOSTILE_BUDGET_MS = 2_000;

interface BaseRow {
  id: string;
  source: string;
  why: string;
  policy?: string;
  hostile?: boolean;
  options?: Record<string, unknown>;
}
interface VerifyRow extends BaseRow {
  kind: 'verify';
  gold: string;
  pred: string;
  expected: boolean;
}
interface ExtractRow extends BaseRow {
  kind: 'extract';
  completion: string;
  expected_answer: string | null;
}
type Row = VerifyRow | ExtractRow;

const rows: Row[] = readFileSync(CASES, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Row);

/** Reference used for `extract` rows with `expected_answer: null` (any readable answer will do). */
const NULL_ROW_REFERENCE = '137';

interface Run {
  row: Row;
  outcome: GradeOutcome;
  pass: boolean;
  /** A reward where the correct verdict is not `correct`. */
  falsePositive: boolean;
  ms: number;
}

function run(grader: GraderDefinition, row: Row): Run {
  const completion = row.kind === 'verify' ? row.pred : row.completion;
  const reference = row.kind === 'verify' ? row.gold : (row.expected_answer ?? NULL_ROW_REFERENCE);
  const t0 = performance.now();
  const outcome = grader.grade({ completion, reference, options: row.options ?? {} }) as GradeOutcome;
  const ms = performance.now() - t0;
  const correct = outcome.verdict === 'correct';
  let pass: boolean;
  let shouldReward: boolean;
  if (row.kind === 'verify') {
    pass = correct === row.expected;
    shouldReward = row.expected;
  } else if (row.expected_answer === null) {
    pass = outcome.verdict === 'no_answer';
    shouldReward = false;
  } else {
    pass = correct;
    shouldReward = true;
  }
  return { row, outcome, pass, falsePositive: correct && !shouldReward, ms };
}

describe('tracker cases: the data', () => {
  it('has unique ids, a source and a reason on every row, and 80–150 rows', () => {
    const ids = rows.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(rows.length).toBeGreaterThanOrEqual(80);
    expect(rows.length).toBeLessThanOrEqual(150);
    for (const r of rows) {
      expect(r.source, r.id).toMatch(/\S/);
      expect(r.why, r.id).toMatch(/\S/);
      if (r.kind === 'verify') {
        expect(typeof r.gold, r.id).toBe('string');
        expect(typeof r.pred, r.id).toBe('string');
        expect(typeof r.expected, r.id).toBe('boolean');
      } else {
        expect(r.kind, r.id).toBe('extract');
        expect(typeof r.completion, r.id).toBe('string');
        expect(r.expected_answer === null || typeof r.expected_answer === 'string', r.id).toBe(true);
      }
    }
  });

  it('covers both verdicts and both kinds', () => {
    const verify = rows.filter((r): r is VerifyRow => r.kind === 'verify');
    expect(verify.filter((r) => r.expected).length).toBeGreaterThan(20);
    expect(verify.filter((r) => !r.expected).length).toBeGreaterThan(20);
    expect(rows.filter((r) => r.kind === 'extract').length).toBeGreaterThan(10);
    expect(rows.filter((r) => r.hostile).length).toBeGreaterThanOrEqual(5);
  });
});

describe.skipIf(!graderExists)('tracker cases through the math grader', () => {
  let grader: GraderDefinition;
  let runs: Run[];

  beforeAll(async () => {
    grader = (await import(GRADER.href)).default as GraderDefinition;
    runs = rows.map((r) => run(grader, r));
  });

  it('uses the grader registered as task math', () => {
    expect(grader.id).toBe('math');
    expect(grader.kind).toBe('task');
  });

  it(`agrees with the correct verdict on ≥ ${MIN_PASS_PERCENT}% of rows`, () => {
    const failing = runs.filter((x) => !x.pass).map((x) => `${x.row.id} (${x.outcome.verdict})`);
    const percent = (100 * (runs.length - failing.length)) / runs.length;
    expect(percent, `failing rows: ${failing.join(', ')}`).toBeGreaterThanOrEqual(MIN_PASS_PERCENT);
  });

  it(`rewards at most ${MAX_FALSE_POSITIVES} rows whose correct verdict is not correct`, () => {
    const fp = runs.filter((x) => x.falsePositive).map((x) => x.row.id);
    expect(fp.length, `false positives: ${fp.join(', ')}`).toBeLessThanOrEqual(MAX_FALSE_POSITIVES);
  });

  it('never rewards a row whose reference is unreadable (invalid_reference scores null)', () => {
    for (const x of runs.filter((r) => r.outcome.verdict === 'invalid_reference')) {
      expect(x.outcome.score, x.row.id).toBeNull();
    }
  });

  it(`answers every hostile row (power towers, huge literals, garbage) within ${HOSTILE_BUDGET_MS} ms and never rewards one wrongly`, () => {
    const hostile = runs.filter((x) => x.row.hostile);
    expect(hostile.length).toBeGreaterThanOrEqual(5);
    for (const x of hostile) {
      expect(x.ms, x.row.id).toBeLessThan(HOSTILE_BUDGET_MS);
      expect(x.falsePositive, x.row.id).toBe(false);
    }
  });
});
