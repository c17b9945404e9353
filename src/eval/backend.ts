/**
 * Where `rlvr grade` and `/vote` get verdicts from: the same engine as the server, in-process, or
 * a running server over HTTP (`--server URL`). Both expose one call, `grade(items, opts)`, that
 * returns one result per item in order, exactly like `POST /reward`.
 */
import { type Config, loadConfig, pythonSandboxPaths } from '../config.ts';
import { createEngine, type Engine, type GradeBatchOptions } from '../engine/index.ts';
import type { ItemResult, RewardItem } from '../schemas/reward.ts';

export interface GradeBackend {
  /** Grade items; one result per item, in order. Rejects only for request errors. */
  grade(items: readonly RewardItem[], opts?: GradeBatchOptions): Promise<ItemResult[]>;
  close(): Promise<void>;
}

/** Adapt an existing engine (the server's, or one built by the caller). `close` is a no-op. */
export function engineBackend(engine: Pick<Engine, 'gradeBatch'>): GradeBackend {
  return { grade: (items, opts) => engine.gradeBatch(items, opts), close: async () => {} };
}

/** PROBLEMS → list of paths (comma-separated; empty entries ignored). */
export function problemPaths(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * A fresh in-process engine with the registered graders (graders/index.ts) and the configuration
 * from the environment (same variables as the server: WORKERS, GRADE_TIMEOUT_MS…), wired like
 * `rlvr serve`: the code grader gets sandboxes built from PYTHON_PATH / BWRAP_PATH and, when
 * PROBLEMS names problem sets, their store (so `{"problem_id"}` references grade). `close()`
 * stops the engine, the sandboxes and the store.
 */
export async function inProcessBackend(config: Config = loadConfig()): Promise<GradeBackend> {
  const [{ GRADERS }, { configureCodeGrader }, { loadProblems }, { createSandboxes }] = await Promise.all([
    import('../../graders/index.ts'),
    import('../../graders/code/index.ts'),
    import('../../graders/code/problems/store.ts'),
    import('../../sandboxes/index.ts'),
  ]);
  const paths = problemPaths(config.PROBLEMS);
  const problems = paths.length > 0 ? await loadProblems(paths) : null;
  const sandboxes = createSandboxes({ python: pythonSandboxPaths(config) });
  configureCodeGrader({ sandboxes, problems });
  const engine = createEngine({ config, graders: GRADERS });
  return {
    grade: (items, opts) => engine.gradeBatch(items, opts),
    async close() {
      await engine.close();
      await Promise.allSettled(sandboxes.map((s) => s.close()));
      problems?.close();
    },
  };
}

export interface ServerBackendOptions {
  /** Per-request timeout, ms (default 300,000). */
  timeoutMs?: number;
  /** Retries on connection errors, 429 and 5xx (default 5), with exponential backoff from 250 ms. */
  retries?: number;
}

/** Thrown when the server refuses a request (4xx): retrying cannot help. */
export class ServerRequestError extends Error {
  readonly status: number;
  readonly code?: string;
  /** 0-based index of the offending item, when the server names one (`item_index`). */
  readonly itemIndex?: number;
  constructor(status: number, code: string | undefined, message: string, itemIndex?: number) {
    super(`HTTP ${status}${code ? ` ${code}` : ''}: ${message}`);
    this.status = status;
    this.code = code;
    if (itemIndex !== undefined) this.itemIndex = itemIndex;
  }
}

/**
 * Grade a batch so that one bad item cannot sink the others: when the backend refuses the whole
 * batch because of one item (an error carrying `itemIndex`, e.g. a completion over
 * MAX_COMPLETION_CHARS or an unknown task), that item gets verdict `error` with the refusal's code
 * (reward null, like any item our side could not grade) and the rest are graded again. Errors
 * without an item index are rethrown, and so is the refusal after `maxRefused` items of one batch
 * were refused (a whole dataset with a bad field should fail loudly, not crawl item by item).
 *
 * @returns one result per item, in order; at most one extra grading call per refused item
 */
export async function gradeEach(
  backend: Pick<GradeBackend, 'grade'>,
  items: readonly RewardItem[],
  opts?: GradeBatchOptions,
  maxRefused = 16,
): Promise<ItemResult[]> {
  const out: (ItemResult | undefined)[] = new Array(items.length);
  let pending = items.map((_, i) => i);
  let refused = 0;
  while (pending.length > 0) {
    try {
      const res = await backend.grade(
        pending.map((i) => items[i]),
        opts,
      );
      pending.forEach((i, k) => {
        out[i] = res[k];
      });
      pending = [];
    } catch (e) {
      const at = (e as { itemIndex?: unknown }).itemIndex;
      if (typeof at !== 'number' || !Number.isInteger(at) || at < 0 || at >= pending.length) throw e;
      if (++refused > maxRefused) throw e;
      const i = pending[at];
      const code = (e as { code?: unknown }).code;
      out[i] = {
        id: items[i].id,
        reward: null,
        components: {},
        verdict: 'error',
        extracted: null,
        error: {
          code: typeof code === 'string' ? code : 'RLVR_ERR_REQUEST_INVALID',
          message: (e as Error).message,
        },
      };
      pending = pending.filter((_, k) => k !== at);
    }
  }
  return out as ItemResult[];
}

/** `POST {url}/reward` with retries (the route is idempotent and deterministic). */
export function serverBackend(url: string, o: ServerBackendOptions = {}): GradeBackend {
  const base = url.replace(/\/+$/, '');
  const retries = o.retries ?? 5;
  const timeoutMs = o.timeoutMs ?? 300_000;
  return {
    async grade(items, opts = {}) {
      const body = JSON.stringify({ items, ...opts });
      let last = '';
      for (let attempt = 0; attempt <= retries; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(10_000, 250 * 2 ** (attempt - 1))));
        let res: Response;
        try {
          res = await fetch(`${base}/reward`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
            signal: AbortSignal.timeout(timeoutMs),
          });
        } catch (e) {
          last = (e as Error).message;
          continue;
        }
        const text = await res.text();
        if (res.ok) {
          const reply = JSON.parse(text) as { results: ItemResult[] };
          if (reply.results.length !== items.length) {
            throw new Error(`server returned ${reply.results.length} results for ${items.length} items`);
          }
          return reply.results;
        }
        if (res.status !== 429 && res.status < 500) {
          let code: string | undefined;
          let message = text;
          let itemIndex: number | undefined;
          try {
            const j = JSON.parse(text) as { code?: string; message?: string; item_index?: number };
            code = j.code;
            message = j.message ?? text;
            itemIndex = j.item_index;
          } catch {}
          throw new ServerRequestError(res.status, code, message, itemIndex);
        }
        last = `HTTP ${res.status}: ${text.slice(0, 200)}`;
      }
      throw new Error(`POST ${base}/reward failed after ${retries + 1} attempts: ${last}`);
    },
    close: async () => {},
  };
}
