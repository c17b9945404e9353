/**
 * The evaluation report of `rlvr grade`: accuracy, pass@k, maj@k, per-group tables, verdict
 * histogram and timing, computed from graded samples. Pure module: no I/O (rendering to text is
 * here, to HTML in `html.ts`).
 *
 * Definitions (stated in docs/evaluation.md):
 * - A *problem* is one input row (one per `--models` field in wide files); its *samples* are its
 *   completions (a string field gives one sample, an array field gives n).
 * - accuracy = samples with a correct verdict / all samples. Samples our side could not grade
 *   (verdict `error`/`invalid_reference`) count as not correct *and* are reported in `errors`, so
 *   an infrastructure failure can never raise accuracy.
 * - pass@k: the unbiased estimator of Chen et al. 2021 averaged over problems with n ≥ k
 *   (`passk.ts`).
 * - maj@k: share of problems (with n ≥ k) whose majority answer over their *first k* samples is
 *   correct (self-consistency, Wang et al. 2022; clustering and ties in `vote.ts`). A vote with no
 *   answer at all is not correct.
 */
import { meanPassAtK } from './passk.ts';

/** One graded sample. */
export interface SampleOutcome {
  /** Problem index (0-based, in input order). */
  problem: number;
  /** Sample index within its problem. */
  sample: number;
  /** Group values of the problem (`--group-by` fields, plus `model` for `--models`). */
  groups: Readonly<Record<string, string>>;
  /** Reward, or null when our side could not grade it. */
  reward: number | null;
  verdict: string;
  /** Whether the verdict is a correct one (`correct`, `Accepted`). */
  correct: boolean;
  /** The dataset's own correctness label for this sample, when `--label-field` is given. */
  label?: boolean | null;
}

/** maj@k outcome for one problem: whether its first-k vote is correct (null: n < k). */
export interface ProblemVote {
  problem: number;
  /** k → correct? (only for k ≤ n) */
  correct: Readonly<Record<number, boolean>>;
}

export interface Metrics {
  problems: number;
  samples: number;
  correct: number;
  /** Samples our side could not grade (reward null). */
  errors: number;
  /** correct / samples, in [0, 1]. */
  accuracy: number;
  /** Mean reward over graded samples, or null when none was graded. */
  meanReward: number | null;
  /** k → mean pass@k (null when no problem has k samples). */
  passAtK: Record<number, number | null>;
  /** k → maj@k accuracy (null when no problem has k samples or no votes were computed). */
  majAtK: Record<number, number | null>;
  /** With labels: labelled-correct / labelled samples (the dataset's own accuracy). */
  labelAccuracy?: number;
  /** With labels: share of labelled samples where our verdict agrees with the label. */
  agreement?: number;
  labelled?: number;
}

export interface GroupTable {
  field: string;
  rows: { value: string; metrics: Metrics }[];
}

export interface EvalReport {
  input?: string;
  task?: string;
  ks: number[];
  overall: Metrics;
  groups: GroupTable[];
  /** verdict → number of samples. */
  verdicts: Record<string, number>;
  timing: { samples: number; totalMs: number; msPerSample: number; samplesPerSecond: number };
  /** Samples whose verdict disagrees with the dataset's label (first 50), for inspection. */
  disagreements?: { problem: number; sample: number; verdict: string; label: boolean }[];
}

/** Compute the metrics of a subset of samples and votes. */
export function metricsOf(
  samples: readonly SampleOutcome[],
  votes: ReadonlyMap<number, ProblemVote>,
  ks: readonly number[],
): Metrics {
  const perProblem = new Map<number, { n: number; c: number }>();
  let correct = 0;
  let errors = 0;
  let rewardSum = 0;
  let graded = 0;
  let labelled = 0;
  let labelCorrect = 0;
  let agree = 0;
  for (const s of samples) {
    const p = perProblem.get(s.problem) ?? { n: 0, c: 0 };
    p.n++;
    if (s.correct) {
      p.c++;
      correct++;
    }
    perProblem.set(s.problem, p);
    if (s.reward === null) errors++;
    else {
      graded++;
      rewardSum += s.reward;
    }
    if (typeof s.label === 'boolean') {
      labelled++;
      if (s.label) labelCorrect++;
      if (s.label === s.correct) agree++;
    }
  }
  const problems = [...perProblem.values()];
  const passAtK: Record<number, number | null> = {};
  const majAtK: Record<number, number | null> = {};
  for (const k of ks) {
    passAtK[k] = meanPassAtK(problems, k)?.value ?? null;
    let votesK = 0;
    let majCorrect = 0;
    for (const id of perProblem.keys()) {
      const v = votes.get(id)?.correct[k];
      if (v === undefined) continue;
      votesK++;
      if (v) majCorrect++;
    }
    majAtK[k] = votesK === 0 ? null : majCorrect / votesK;
  }
  const m: Metrics = {
    problems: perProblem.size,
    samples: samples.length,
    correct,
    errors,
    accuracy: samples.length === 0 ? 0 : correct / samples.length,
    meanReward: graded === 0 ? null : rewardSum / graded,
    passAtK,
    majAtK,
  };
  if (labelled > 0) {
    m.labelled = labelled;
    m.labelAccuracy = labelCorrect / labelled;
    m.agreement = agree / labelled;
  }
  return m;
}

/**
 * Build the full report.
 *
 * @param samples every graded sample
 * @param votes maj@k outcomes by problem index
 * @param groupFields the group dimensions, in table order
 * @param totalMs wall-clock grading time, ms
 */
export function buildReport(opts: {
  samples: readonly SampleOutcome[];
  votes: ReadonlyMap<number, ProblemVote>;
  ks: readonly number[];
  groupFields: readonly string[];
  totalMs: number;
  input?: string;
  task?: string;
}): EvalReport {
  const { samples, votes, ks, groupFields, totalMs } = opts;
  const groups: GroupTable[] = groupFields.map((field) => {
    const byValue = new Map<string, SampleOutcome[]>();
    for (const s of samples) {
      const v = s.groups[field] ?? '(none)';
      const list = byValue.get(v);
      if (list) list.push(s);
      else byValue.set(v, [s]);
    }
    const rows = [...byValue.entries()]
      .sort(([a], [b]) => naturalCompare(a, b))
      .map(([value, list]) => ({ value, metrics: metricsOf(list, votes, ks) }));
    return { field, rows };
  });
  const verdicts: Record<string, number> = {};
  for (const s of samples) verdicts[s.verdict] = (verdicts[s.verdict] ?? 0) + 1;
  const disagreements = samples
    .filter((s) => typeof s.label === 'boolean' && s.label !== s.correct)
    .slice(0, 50)
    .map((s) => ({ problem: s.problem, sample: s.sample, verdict: s.verdict, label: s.label as boolean }));
  const report: EvalReport = {
    ks: [...ks],
    overall: metricsOf(samples, votes, ks),
    groups,
    verdicts: Object.fromEntries(Object.entries(verdicts).sort((a, b) => b[1] - a[1])),
    timing: {
      samples: samples.length,
      totalMs,
      msPerSample: samples.length === 0 ? 0 : totalMs / samples.length,
      samplesPerSecond: totalMs <= 0 ? 0 : (samples.length * 1000) / totalMs,
    },
  };
  if (opts.input) report.input = opts.input;
  if (opts.task) report.task = opts.task;
  if (samples.some((s) => typeof s.label === 'boolean')) report.disagreements = disagreements;
  return report;
}

/** Compare strings with embedded numbers naturally (`Level 2` < `Level 10`). */
export function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : `${(100 * x).toFixed(1)}`;

/** Column headers and cells of a metrics table row (shared by the text and HTML renderers). */
export function metricColumns(ks: readonly number[], withLabels: boolean): string[] {
  const cols = ['problems', 'samples', 'accuracy %'];
  for (const k of ks) cols.push(`pass@${k} %`);
  for (const k of ks) cols.push(`maj@${k} %`);
  cols.push('errors');
  if (withLabels) cols.push('label acc %', 'agree %');
  return cols;
}

export function metricCells(m: Metrics, ks: readonly number[], withLabels: boolean): string[] {
  const cells = [String(m.problems), String(m.samples), pct(m.accuracy)];
  for (const k of ks) cells.push(pct(m.passAtK[k]));
  for (const k of ks) cells.push(pct(m.majAtK[k]));
  cells.push(String(m.errors));
  if (withLabels) cells.push(pct(m.labelAccuracy), pct(m.agreement));
  return cells;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Plain-text rendering for the terminal. */
export function renderText(r: EvalReport): string {
  const withLabels = r.overall.labelled !== undefined;
  const cols = metricColumns(r.ks, withLabels);
  const out: string[] = [];
  out.push(`rlvr grade report${r.input ? ` — ${r.input}` : ''}${r.task ? ` (task ${r.task})` : ''}`);
  out.push('');
  out.push(table(['', ...cols], [['overall', ...metricCells(r.overall, r.ks, withLabels)]]));
  for (const g of r.groups) {
    out.push('');
    out.push(
      table(
        [g.field, ...cols],
        g.rows.map((row) => [row.value, ...metricCells(row.metrics, r.ks, withLabels)]),
      ),
    );
  }
  out.push('');
  out.push(
    table(
      ['verdict', 'samples', '%'],
      Object.entries(r.verdicts).map(([v, n]) => [v, String(n), pct(n / r.timing.samples)]),
    ),
  );
  out.push('');
  out.push(
    `time: ${(r.timing.totalMs / 1000).toFixed(2)} s for ${r.timing.samples} samples — ${r.timing.msPerSample.toFixed(2)} ms/sample, ${r.timing.samplesPerSecond.toFixed(0)} samples/s`,
  );
  return out.join('\n');
}
