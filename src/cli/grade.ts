/**
 * `rlvr grade <file>`: score a file of model outputs for an evaluation job.
 *
 * Reads JSONL or JSON (optionally .gz), maps fields with flags, grades every sample with the same
 * engine as the server (in-process, or `--server URL`), shows a progress bar (cli-progress, on a
 * TTY), writes one scored JSON line per sample, and prints a report (accuracy, pass@k, maj@k,
 * per-group tables, verdict histogram, time per sample); `--report file.html` also saves a
 * self-contained HTML page, `--report file.json` the report as JSON. Code items with
 * `{"problem_id"}` references need the problem sets: `--problems` / PROBLEMS, loaded in-process as
 * by `rlvr serve`. See docs/evaluation.md.
 *
 * Exit codes: 0 graded (whatever the accuracy), 1 bad input or flags, 2 grading failed.
 */
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import type { GradeBatchOptions } from '../engine/index.ts';
import { type GradeBackend, inProcessBackend, serverBackend } from '../eval/backend.ts';
import { type EvaluateResult, evaluate, InputError, readRecords } from '../eval/evaluate.ts';
import { renderHtml } from '../eval/html.ts';
import { renderText } from '../eval/report.ts';

export interface GradeFlags {
  completionField: string;
  referenceField: string;
  promptField?: string;
  idField?: string;
  labelField?: string;
  groupBy?: string;
  models?: string;
  join?: string;
  task: string;
  preset?: string;
  weights?: string;
  options?: string;
  k?: string;
  vote: boolean;
  server?: string;
  problems?: string;
  out?: string;
  report?: string;
  json?: boolean;
  progress: boolean;
  limit?: string;
  batchSize: string;
}

const list = (s?: string) =>
  s
    ? s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : undefined;

function positiveInt(name: string, s: string): number {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1) throw new InputError(`${name} must be a positive integer (got "${s}")`);
  return n;
}

function jsonFlag<T extends object>(name: string, s?: string): T | undefined {
  if (s === undefined) return undefined;
  try {
    const v = JSON.parse(s);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v;
  } catch {}
  throw new InputError(`${name} must be a JSON object (got ${s})`);
}

/**
 * The in-process backend, configured from the environment like `rlvr serve`; `--problems`
 * overrides PROBLEMS. A bad variable or an unreadable problem set is bad input (exit 1).
 */
async function localBackend(problems: string | undefined): Promise<GradeBackend> {
  try {
    const config = loadConfig(undefined, problems !== undefined ? { PROBLEMS: problems } : {});
    return await inProcessBackend(config);
  } catch (e) {
    throw new InputError((e as Error).message);
  }
}

/**
 * Run `rlvr grade` with parsed flags. Returns the result; writes the scored JSONL to `--out`
 * (default `<file>.scored.jsonl`, `-` for none) and reports to stdout / `--report`; the paths
 * written are named on stderr (`scored samples: …`, `report: …`).
 */
export async function runGrade(
  file: string,
  flags: GradeFlags,
  backend?: GradeBackend,
): Promise<EvaluateResult> {
  if (flags.server && flags.problems !== undefined) {
    throw new InputError('--problems grades in-process; with --server, the server loads its own PROBLEMS');
  }
  const records = await readRecords(file);
  const ks = list(flags.k)?.map((k) => positiveInt('--k', k));
  const weights = jsonFlag<NonNullable<GradeBatchOptions['weights']>>('--weights', flags.weights);
  const options = jsonFlag<NonNullable<GradeBatchOptions['options']>>('--options', flags.options);
  const be = backend ?? (flags.server ? serverBackend(flags.server) : await localBackend(flags.problems));
  const tty = flags.progress && process.stderr.isTTY;
  const bar = tty
    ? new cliProgress.SingleBar(
        {
          format: 'grading [{bar}] {percentage}% | {value}/{total} samples | {eta_formatted} left',
          stream: process.stderr,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  let result: EvaluateResult;
  try {
    result = await evaluate(records, {
      completionField: flags.completionField,
      referenceField: flags.referenceField,
      promptField: flags.promptField,
      idField: flags.idField,
      labelField: flags.labelField,
      groupBy: list(flags.groupBy),
      models: list(flags.models),
      joinCompletion: flags.join?.replace(/\\n/g, '\n'),
      task: flags.task,
      backend: be,
      gradeOptions: {
        ...(flags.preset ? { preset: flags.preset } : {}),
        ...(weights ? { weights } : {}),
        ...(options ? { options } : {}),
      },
      ks,
      noVote: !flags.vote,
      batchSize: positiveInt('--batch-size', flags.batchSize),
      limit: flags.limit !== undefined ? positiveInt('--limit', flags.limit) : undefined,
      input: file,
      onProgress: (done, total) => {
        if (!bar) return;
        if (done === 0) bar.start(total, 0);
        else bar.update(done);
      },
    });
  } finally {
    bar?.stop();
    if (!backend) await be.close();
  }
  const out = flags.out ?? `${file.replace(/\.gz$/, '').replace(/\.jsonl?$/, '')}.scored.jsonl`;
  if (out !== '-') {
    const ws = createWriteStream(out);
    for (const s of result.samples) ws.write(`${JSON.stringify(s)}\n`);
    ws.end();
    await finished(ws);
  }
  if (flags.report) {
    const content = flags.report.endsWith('.json')
      ? `${JSON.stringify(result.report, null, 2)}\n`
      : flags.report.endsWith('.html') || flags.report.endsWith('.htm')
        ? renderHtml(result.report)
        : `${renderText(result.report)}\n`;
    await writeFile(flags.report, content);
  }
  process.stdout.write(
    flags.json ? `${JSON.stringify(result.report, null, 2)}\n` : `${renderText(result.report)}\n`,
  );
  if (out !== '-') process.stderr.write(`scored samples: ${out}\n`);
  if (flags.report) process.stderr.write(`report: ${flags.report}\n`);
  return result;
}

/** Register `grade` on the `rlvr` program (src/cli/main.ts). */
export function registerGradeCommand(program: Command): Command {
  return program
    .command('grade')
    .description('Grade a JSONL/JSON file of model outputs and report accuracy, pass@k and maj@k')
    .argument('<file>', 'JSONL or JSON array of records (.gz accepted)')
    .option(
      '--completion-field <path>',
      'dotted path of the completion: a string, or an array of n samples',
      'completion',
    )
    .option('--reference-field <path>', 'dotted path of the reference (gold answer or solution)', 'reference')
    .option('--prompt-field <path>', 'dotted path of the prompt (optional)')
    .option('--id-field <path>', 'dotted path of a record id (default: the record index)')
    .option('--label-field <path>', "the dataset's own correctness label(s), to report agreement")
    .option('--group-by <fields>', 'comma-separated fields for per-group tables, e.g. subject,level')
    .option(
      '--models <fields>',
      'wide files: comma-separated fields, one per model; completion/label paths are read inside each',
    )
    .option(
      '--join <sep>',
      'the completion field is an array of steps, not samples: join it with <sep> (\\n for newline)',
    )
    .option('--task <task>', 'task grader for every record', 'math')
    .option('--preset <name>', 'weights preset: accuracy (default), r1, r1_zero')
    .option('--weights <json>', 'component weights, e.g. {"accuracy":1,"format":0.5}')
    .option('--options <json>', 'grader options keyed by grader id, e.g. {"math":{"boxed":"fallback"}}')
    .option('--k <list>', 'k values for pass@k and maj@k (default: 1,2,4,… up to n)')
    .option('--no-vote', 'skip maj@k')
    .option('--server <url>', 'grade through a running rlvr server instead of in-process')
    .option(
      '--problems <paths>',
      'override PROBLEMS: problem sets for code items with {"problem_id"} references (files or directories, comma-separated)',
    )
    .option('--out <file>', 'scored JSONL, one line per sample (default <file>.scored.jsonl; - for none)')
    .option('--report <file>', 'save the report: .html (self-contained page with charts), .json, or text')
    .option('--json', 'print the report as JSON instead of tables')
    .option('--no-progress', 'no progress bar')
    .option('--limit <n>', 'only the first n records')
    .option('--batch-size <n>', 'samples per grading call', '512')
    .action(async (file: string, flags: GradeFlags) => {
      try {
        await runGrade(file, flags);
      } catch (e) {
        process.stderr.write(`rlvr grade: ${(e as Error).message}\n`);
        process.exitCode = e instanceof InputError ? 1 : 2;
      }
    });
}
