/**
 * Start the real server the way the README does (`npm start`), on an ephemeral port, as a child
 * process in its own process group; stop it by that group id.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** The shared read-only data, next to the clone (`../shared/data/`). */
const DATA = new URL('../../../shared/data/', import.meta.url);

export const ROOT = new URL('../../', import.meta.url).pathname;

export interface Server {
  url: string;
  child: ChildProcess;
  /** Everything the server wrote to stdout/stderr so far (pino JSON lines). */
  logs(): string;
  /** Send a signal to the whole process group (npm and the server). */
  signal(sig: NodeJS.Signals): void;
  /** Send a signal to the server process only (its pid, from its own log lines). */
  signalServer(sig: NodeJS.Signals): void;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
}

export async function startServer(env: Record<string, string> = {}, timeoutMs = 60_000): Promise<Server> {
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, sig) => resolve(code ?? sig ?? 'unknown')),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), timeoutMs);
    const look = () => {
      const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', look);
    child.on('exit', () => {
      clearTimeout(timer);
      reject(new Error(`server exited:\n${out}`));
    });
  });
  return {
    url,
    child,
    logs: () => out,
    signal: (sig) => {
      if (child.pid && child.exitCode === null) process.kill(-child.pid, sig);
    },
    signalServer: (sig) => {
      const pid = /"pid":(\d+)/.exec(out)?.[1];
      if (!pid) throw new Error('server pid not logged yet');
      process.kill(Number(pid), sig);
    },
    exited,
  };
}

/** GSM8K test set: question and answer (the number after `####`), in file order. */
export function gsm8kGold(): { question: string; answer: string }[] {
  return readFileSync(new URL('math/gold/openai_grade-school-math/test.jsonl', DATA), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .map((r) => ({ question: r.question, answer: (r.answer as string).split('####')[1].trim() }));
}

export interface LabeledCompletion {
  id: string;
  completion: string;
  reference: string;
  isCorrect: boolean;
}

/**
 * OpenAI's GPT-3 GSM8K solutions with their `is_correct` labels, row by row, 4 models per row;
 * the reference is the answer of the same question in the gold test set.
 */
export function gsm8kCompletions(): LabeledCompletion[] {
  const rows = gunzipSync(
    readFileSync(new URL('math/completions/openai_grade-school-math/example_model_solutions.jsonl.gz', DATA)),
  )
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  const gold = gsm8kGold();
  const out: LabeledCompletion[] = [];
  rows.forEach((row, i) => {
    if (gold[i]?.question !== row.question)
      throw new Error(`row ${i}: question differs from the gold test set`);
    const reference = gold[i].answer;
    for (const model of ['6b_finetuning', '6b_verification', '175b_finetuning', '175b_verification']) {
      const s = row[model];
      if (s)
        out.push({ id: `gsm8k-${i}-${model}`, completion: s.solution, reference, isCorrect: s.is_correct });
    }
  });
  return out;
}

// biome-ignore lint/suspicious/noExplicitAny: test replies are checked field by field
export async function post(url: string, body: unknown): Promise<{ status: number; json: any; ms: number }> {
  const t0 = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  return { status: res.status, json, ms: performance.now() - t0 };
}

/** Sum of a Prometheus counter over the label sets that match `filter`. */
export function counterSum(metrics: string, name: string, filter: Record<string, string> = {}): number {
  let total = 0;
  for (const line of metrics.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labels = Object.fromEntries([...line.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(filter).every(([k, v]) => labels[k] === v)) total += Number(line.split(' ').at(-1));
  }
  return total;
}
