/**
 * An evaluation run: records of model outputs in, graded samples + report out. The engine of the
 * `rlvr grade` CLI (which only parses flags and writes files), usable from tests and scripts.
 *
 * Record mapping (dotted paths, e.g. `6b_finetuning.solution`, `code.0`):
 * - `completionField`: a string (one sample) or an array of strings (n samples of one problem);
 * - `referenceField`: the gold answer (string, number, or object for code tasks);
 * - `labelField`: optional, the dataset's own correctness label(s): boolean, 0/1, "True"/"False",
 *   or an array aligned with the samples; used to report agreement;
 * - `models`: for wide files holding several models' outputs side by side (OpenAI's GSM8K
 *   `example_model_solutions`): each listed field is one model; completion and label paths are
 *   read inside it, and every problem gets a `model` group.
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
import type { GradeBatchOptions } from '../engine/index.ts';
import type { ItemResult, RewardItem } from '../schemas/reward.ts';
import { isCorrectVerdict } from '../schemas/verdict.ts';
import { type GradeBackend, gradeEach } from './backend.ts';
import { gradingOracle, voteAnswer } from './majority.ts';
import { defaultKs } from './passk.ts';
import { buildReport, type EvalReport, type ProblemVote, type SampleOutcome } from './report.ts';
import { majorityCorrectAtK } from './vote.ts';

export interface FieldMapping {
  completionField: string;
  referenceField: string;
  promptField?: string;
  idField?: string;
  labelField?: string;
  groupBy?: string[];
  models?: string[];
  /** Join an array completion field into one completion with this separator (steps, not samples). */
  joinCompletion?: string;
}

export interface EvaluateOptions extends FieldMapping {
  task: string;
  backend: GradeBackend;
  gradeOptions?: GradeBatchOptions;
  /** k values for pass@k and maj@k (default: powers of two up to the largest n, plus n). */
  ks?: number[];
  /** Skip maj@k (no voting). */
  noVote?: boolean;
  /** Items per grading call (default 512). */
  batchSize?: number;
  /** Grading calls in flight at once (default 2). */
  concurrency?: number;
  /** Only the first `limit` records. */
  limit?: number;
  /** Called with (samples graded so far, total samples). */
  onProgress?: (done: number, total: number) => void;
  input?: string;
}

/** One scored sample, as written to the output JSONL. */
export interface ScoredSample {
  problem: number;
  sample: number;
  id: string;
  model?: string;
  groups: Record<string, string>;
  reward: number | null;
  verdict: string;
  extracted: string | null;
  components: ItemResult['components'];
  error?: ItemResult['error'];
  label?: boolean | null;
}

export interface EvaluateResult {
  samples: ScoredSample[];
  report: EvalReport;
}

/** Bad input (unreadable file, missing field): the caller's fault, exit code 1 in the CLI. */
export class InputError extends Error {}

/** Read JSONL, a JSON array, or either gzipped (`.gz`). Throws {@link InputError}. */
export async function readRecords(path: string): Promise<unknown[]> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (e) {
    throw new InputError(`cannot read ${path}: ${(e as Error).message}`);
  }
  if (path.endsWith('.gz') || (buf[0] === 0x1f && buf[1] === 0x8b)) buf = gunzipSync(buf);
  const text = buf.toString('utf8');
  const first = text.trimStart()[0];
  if (first === '[') {
    try {
      return JSON.parse(text) as unknown[];
    } catch (e) {
      throw new InputError(`${path}: not a JSON array (${(e as Error).message})`);
    }
  }
  const out: unknown[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      out.push(JSON.parse(line));
    } catch (e) {
      throw new InputError(`${path}:${i + 1}: not JSON (${(e as Error).message})`);
    }
  });
  return out;
}

/** Value at a dotted path (`a.b.0`); undefined when any step is missing. */
export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/**
 * A dataset label as a boolean: true/false, 1/0, and the strings "true"/"false", "1"/"0",
 * "correct"/"wrong"/"incorrect", "yes"/"no" (any case); anything else is null (unlabelled).
 */
export function toLabel(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number' && (v === 0 || v === 1)) return v === 1;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'true' || s === '1' || s === 'correct' || s === 'yes') return true;
    if (s === 'false' || s === '0' || s === 'wrong' || s === 'incorrect' || s === 'no') return false;
  }
  return null;
}

interface Problem {
  index: number;
  groups: Record<string, string>;
  model?: string;
  reference: unknown;
  prompt?: string;
  id: string;
  completions: string[];
  labels: (boolean | null)[] | null;
}

/** Turn records into problems according to the field mapping. Throws naming the record. */
export function toProblems(records: readonly unknown[], m: FieldMapping): Problem[] {
  const problems: Problem[] = [];
  const sources = m.models && m.models.length > 0 ? m.models : [null];
  records.forEach((rec, r) => {
    for (const model of sources) {
      const scope = model === null ? rec : getPath(rec, model);
      let raw = getPath(scope, m.completionField);
      if (m.joinCompletion !== undefined && Array.isArray(raw) && raw.every((x) => typeof x === 'string')) {
        raw = raw.join(m.joinCompletion);
      }
      const completions = Array.isArray(raw) ? raw : [raw];
      if (raw === undefined || completions.some((c) => typeof c !== 'string')) {
        throw new InputError(
          `record ${r}${model ? ` model ${model}` : ''}: field "${m.completionField}" is not a string or an array of strings`,
        );
      }
      const reference = getPath(rec, m.referenceField);
      if (reference === undefined || reference === null) {
        throw new InputError(`record ${r}: no reference at "${m.referenceField}"`);
      }
      const groups: Record<string, string> = {};
      if (model !== null) groups.model = model;
      for (const g of m.groupBy ?? []) {
        const v = getPath(rec, g);
        groups[g] = v === undefined || v === null ? '(none)' : String(v);
      }
      let labels: (boolean | null)[] | null = null;
      if (m.labelField) {
        const lv = getPath(scope, m.labelField);
        labels = Array.isArray(lv)
          ? completions.map((_, i) => toLabel(lv[i]))
          : completions.map(() => toLabel(lv));
      }
      const prompt = m.promptField ? getPath(rec, m.promptField) : undefined;
      const idv = m.idField ? getPath(rec, m.idField) : undefined;
      problems.push({
        index: problems.length,
        groups,
        ...(model !== null ? { model } : {}),
        reference: typeof reference === 'number' ? String(reference) : reference,
        ...(typeof prompt === 'string' ? { prompt } : {}),
        id: idv === undefined ? String(r) : String(idv),
        completions: completions as string[],
        labels,
      });
    }
  });
  return problems;
}

/**
 * Grade every sample, vote for maj@k, and build the report.
 *
 * @returns scored samples (problem-major order) and the report
 */
export async function evaluate(records: readonly unknown[], o: EvaluateOptions): Promise<EvaluateResult> {
  const problems = toProblems(o.limit !== undefined ? records.slice(0, o.limit) : records, o);
  const flat: { p: Problem; s: number; item: RewardItem }[] = [];
  for (const p of problems) {
    p.completions.forEach((completion, s) => {
      const item: RewardItem = {
        id: `${p.id}#${p.model ? `${p.model}#` : ''}${s}`,
        task: o.task,
        completion,
        reference: p.reference,
      };
      if (p.prompt !== undefined) item.prompt = p.prompt;
      flat.push({ p, s, item });
    });
  }
  const total = flat.length;
  const batchSize = Math.max(1, o.batchSize ?? 512);
  const results: ItemResult[] = new Array(total);
  const started = performance.now();
  let done = 0;
  let next = 0;
  o.onProgress?.(0, total);
  const worker = async () => {
    while (next < total) {
      const from = next;
      next = Math.min(total, next + batchSize);
      const slice = flat.slice(from, next);
      const res = await gradeEach(
        o.backend,
        slice.map((f) => f.item),
        o.gradeOptions,
      );
      res.forEach((r, i) => {
        results[from + i] = r;
      });
      done += slice.length;
      o.onProgress?.(done, total);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.concurrency ?? 2) }, worker));
  const gradeMs = performance.now() - started;

  const samples: ScoredSample[] = flat.map((f, i) => {
    const r = results[i];
    const out: ScoredSample = {
      problem: f.p.index,
      sample: f.s,
      id: f.item.id,
      groups: f.p.groups,
      reward: r.reward,
      verdict: r.verdict,
      extracted: r.extracted,
      components: r.components,
    };
    if (f.p.model) out.model = f.p.model;
    if (r.error) out.error = r.error;
    if (f.p.labels) out.label = f.p.labels[f.s];
    return out;
  });
  const outcomes: SampleOutcome[] = samples.map((s) => ({
    problem: s.problem,
    sample: s.sample,
    groups: s.groups,
    reward: s.reward,
    verdict: s.verdict,
    correct: isCorrectVerdict(s.verdict),
    ...(s.label !== undefined ? { label: s.label } : {}),
  }));

  const maxN = Math.max(0, ...problems.map((p) => p.completions.length));
  const ks = defaultKs(maxN, o.ks);
  const votes = new Map<number, ProblemVote>();
  if (!o.noVote && o.task === 'math') {
    const oracle = gradingOracle(o.backend, o.task);
    const byProblem = new Map<number, SampleOutcome[]>();
    for (const s of outcomes) {
      const list = byProblem.get(s.problem);
      if (list) list.push(s);
      else byProblem.set(s.problem, [s]);
    }
    await Promise.all(
      problems.map(async (p) => {
        const own = byProblem.get(p.index) ?? [];
        const correct = await majorityCorrectAtK(
          p.completions.map(voteAnswer),
          (i) => own[i].correct,
          ks,
          oracle,
        );
        votes.set(p.index, { problem: p.index, correct });
      }),
    );
  }
  const report = buildReport({
    samples: outcomes,
    votes,
    ks,
    groupFields: [...(o.models && o.models.length > 0 ? ['model'] : []), ...(o.groupBy ?? [])],
    totalMs: gradeMs,
    input: o.input,
    task: o.task,
  });
  return { samples, report };
}
