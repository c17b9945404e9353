/**
 * Shared set-up of the acceptance suites: real data rows → problems (the same converter the
 * problem store uses), the code grader over the real sandboxes of sandboxes/index.ts, and a
 * concurrent runner that grades a list of items and tallies verdicts.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createCodeGrader, type ProblemLookup } from '../../../../graders/code/index.ts';
import type { Problem } from '../../../../graders/code/problem.ts';
import { rowToProblem } from '../../../../graders/code/problems/formats.ts';
import { SANDBOXES } from '../../../../sandboxes/index.ts';
import type { GradeOutcome } from '../../../../src/core/grader.ts';
import type { SandboxDefinition } from '../../../../src/core/sandbox.ts';
import type { CodeOptions } from '../../../../src/schemas/code.ts';

export const DATA = '/work/shared/data/code';

/** Rows of a JSONL or JSONL.gz file under DATA. */
export function readRows<T = Record<string, unknown>>(file: string): T[] {
  const buf = readFileSync(`${DATA}/${file}`);
  const text = file.endsWith('.gz') ? gunzipSync(buf).toString('utf8') : buf.toString('utf8');
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** Problems of rows, keyed by id, as a lookup. Throws if a row does not convert. */
export function lookupOf(rows: unknown[]): { lookup: ProblemLookup; problems: Problem[] } {
  const problems = rows.map((r) => {
    const res = rowToProblem(r);
    if (!res.ok) throw new Error(res.reason);
    return res.problem;
  });
  const map = new Map(problems.map((p) => [p.id, p]));
  return { lookup: { get: (id) => map.get(id) ?? null }, problems };
}

/** The sandbox registered for a language, if any. */
export function sandboxFor(language: string): SandboxDefinition | undefined {
  return SANDBOXES.find((s) => s.id === language);
}

/** Registered and available here (bubblewrap present…). */
export async function usable(language: string): Promise<boolean> {
  const sb = sandboxFor(language);
  if (!sb) return false;
  return (await sb.available()).ok;
}

export function graderOver(lookup: ProblemLookup) {
  return createCodeGrader({ sandboxes: () => SANDBOXES, problems: () => lookup });
}

export interface Item {
  key: string;
  completion: string;
  reference: unknown;
  options?: CodeOptions;
}

export interface Tally {
  byVerdict: Record<string, number>;
  accepted: Set<string>;
  failed: Map<string, GradeOutcome>;
  ms: number;
}

/** Grade all items at once (the grader's queue and the sandbox pools bound the concurrency). */
export async function gradeAll(grader: ReturnType<typeof graderOver>, items: Item[]): Promise<Tally> {
  const started = performance.now();
  const outcomes = await Promise.all(
    items.map((it) =>
      grader.grade({ completion: it.completion, reference: it.reference, options: it.options ?? {} }),
    ),
  );
  const t: Tally = { byVerdict: {}, accepted: new Set(), failed: new Map(), ms: performance.now() - started };
  outcomes.forEach((o, i) => {
    t.byVerdict[o.verdict] = (t.byVerdict[o.verdict] ?? 0) + 1;
    if (o.verdict === 'Accepted') t.accepted.add(items[i].key);
    else t.failed.set(items[i].key, o);
  });
  return t;
}

/** One line for the log: counts, time and rate. */
export function summary(name: string, t: Tally, n: number): string {
  const s = t.ms / 1000;
  return `${name}: ${JSON.stringify(t.byVerdict)} in ${s.toFixed(1)} s (${(n / s).toFixed(1)} solutions/s)`;
}

export async function closeSandboxes(): Promise<void> {
  await Promise.allSettled(SANDBOXES.map((s) => s.close()));
}
