/**
 * Configuration: the only module that reads `process.env`.
 *
 * One TypeBox schema lists every variable with its description and default (piston's
 * `{desc, default, parser}` table, as data). The README's configuration table is generated from
 * it (test/server/readme.test.ts checks it). Adding a variable is one line in {@link ConfigSchema}.
 * Bad values fail start-up with every problem listed; the resulting object is frozen.
 */
import { accessSync, constants } from 'node:fs';
import { availableParallelism } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import Type, { type Static } from 'typebox';
import Value from 'typebox/value';
import { errors } from './core/errors.ts';

const MiB = 1024 * 1024;

export const ConfigSchema = Type.Object({
  HOST: Type.String({ default: '127.0.0.1', description: 'Interface to listen on.' }),
  PORT: Type.Integer({
    minimum: 0,
    maximum: 65535,
    default: 8000,
    description: 'TCP port (0: any free port).',
  }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info', description: 'pino log level.' },
  ),
  WORKERS: Type.Integer({
    minimum: 0,
    default: 0,
    description: 'Grading worker threads (pool graders: math, format, consistency); 0 = one per core.',
  }),
  GRADE_TIMEOUT_MS: Type.Integer({
    minimum: 1,
    default: 5000,
    description:
      'Deadline per item in the worker pool, ms. On expiry the worker is terminated and the item gets verdict `timeout`, reward 0.',
  }),
  WORKER_MEMORY_MB: Type.Integer({
    minimum: 16,
    default: 512,
    description: 'Heap limit of each grading worker, MiB; an item that exhausts it gets verdict `timeout`.',
  }),
  CHUNK_SIZE: Type.Integer({
    minimum: 1,
    default: 32,
    description:
      'Most items sent to a worker in one task (amortizes per-task overhead; see docs/benchmarks.md).',
  }),
  HOST_CONCURRENCY: Type.Integer({
    minimum: 1,
    default: 16,
    description: 'Most host-grader items (code) graded at once; the rest wait in a queue.',
  }),
  HOST_GRADE_TIMEOUT_MS: Type.Integer({
    minimum: 1,
    default: 300_000,
    description:
      'Wait per host-grader item (code), ms, counted from the start of grading and again when its run gets a sandbox slot. Code items keep their execution 3 s below it, so a slow solution is Time Limit Exceeded (reward 0). On expiry (a hung sandbox, or an item that waited this long for a slot) the verdict is `error`, reward null, and the run is aborted.',
  }),
  MAX_ITEMS: Type.Integer({ minimum: 1, default: 8192, description: 'Most items in one request.' }),
  MAX_ITEMS_IN_FLIGHT: Type.Integer({
    minimum: 1,
    default: 65_536,
    description:
      'Most items accepted and not yet answered, over all requests; beyond it a request gets 503 RLVR_ERR_SERVER_BUSY (retry later) instead of queueing without bound. A single batch is always accepted when nothing else is in flight.',
  }),
  MAX_COMPLETION_CHARS: Type.Integer({
    minimum: 1,
    default: 2 * MiB,
    description: 'Most characters (UTF-16 code units) in one completion.',
  }),
  BODY_LIMIT_BYTES: Type.Integer({
    minimum: 1,
    default: 64 * MiB,
    description: 'Largest request body, bytes.',
  }),
  SHUTDOWN_GRACE_MS: Type.Integer({
    minimum: 0,
    default: 30_000,
    description:
      'On SIGTERM/SIGINT, how long in-flight batches may take to finish before the process exits, ms.',
  }),
  PROBLEMS: Type.String({
    default: '',
    description:
      'Problem sets with hidden tests for code items (`{"problem_id"}`): comma-separated JSONL(.gz) files or directories, loaded at start-up (docs/code-grading.md).',
  }),
  PYTHON_PATH: Type.String({
    default: '/usr/bin/python3',
    description:
      "Interpreter of the Python sandbox (issue 3: Debian's). It must live under `/usr` but not `/usr/local`: the sandbox mounts only `/usr`, read-only, and hides `/usr/local`. If it cannot run, `/readyz` says why and Python code items get verdict `error`, reward null.",
  }),
  BWRAP_PATH: Type.String({
    default: '',
    description:
      'bubblewrap binary of the Python sandbox; empty: `bwrap` found on PATH, else `/usr/bin/bwrap` (docs/sandbox-python.md).',
  }),
});

export type Config = Readonly<Static<typeof ConfigSchema>>;

/** Variable names, in table order. */
export const CONFIG_KEYS = Object.keys(ConfigSchema.properties) as (keyof Config)[];

/**
 * Build the configuration from an environment (default `process.env`), applying defaults.
 * `overrides` (e.g. command-line flags) win over the environment and are checked the same way.
 * Empty strings count as unset. Throws `RLVR_ERR_CONFIG_INVALID` listing every bad variable.
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Record<string, string | undefined> = {},
): Config {
  if (Object.keys(overrides).length > 0) env = { ...env, ...overrides };
  const raw: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    const v = env[key];
    if (v === undefined || v.trim() === '') continue;
    const s = v.trim();
    // Strict: "1.5" or "0x10" stay strings and fail the integer check (Value.Convert would truncate).
    raw[key] =
      (ConfigSchema.properties[key] as { type?: string }).type === 'integer' && /^-?\d+$/.test(s)
        ? Number(s)
        : s;
  }
  const value = Value.Default(ConfigSchema, raw) as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of CONFIG_KEYS) {
    const prop = ConfigSchema.properties[key];
    if (!Value.Check(prop, value[key])) {
      const why = 'anyOf' in prop ? `must be one of ${prop.anyOf.map((l) => l.const).join(', ')}` : '';
      const first = [...Value.Errors(prop, value[key])][0]?.message ?? 'invalid';
      problems.push(`${key}=${JSON.stringify(raw[key])}: ${why || first}`);
    }
  }
  if (problems.length > 0) throw new errors.RLVR_ERR_CONFIG_INVALID(problems.join('; '));
  // Table order, whatever order the defaults were filled in.
  const ordered = Object.fromEntries(CONFIG_KEYS.map((k) => [k, value[k]]));
  return Object.freeze(ordered as Static<typeof ConfigSchema>);
}

/** Worker threads actually used: WORKERS, or one per core when 0. */
export function workerCount(config: Pick<Config, 'WORKERS'>): number {
  return config.WORKERS > 0 ? config.WORKERS : availableParallelism();
}

/**
 * The Python sandbox's binaries: PYTHON_PATH as given, and BWRAP_PATH or, when empty, the first
 * executable `bwrap` in the environment's PATH (default `process.env`; relative entries such as
 * `.` are skipped), else `/usr/bin/bwrap`.
 * The sandbox checks both when asked `available()`, so a wrong path is reported, not thrown.
 */
export function pythonSandboxPaths(
  config: Pick<Config, 'PYTHON_PATH' | 'BWRAP_PATH'>,
  env: Record<string, string | undefined> = process.env,
): { pythonPath: string; bwrapPath: string } {
  return { pythonPath: config.PYTHON_PATH, bwrapPath: config.BWRAP_PATH || findOnPath('bwrap', env) };
}

function findOnPath(name: string, env: Record<string, string | undefined>): string {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!isAbsolute(dir)) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return `/usr/bin/${name}`;
}

/** The defaults alone (tests and the CLI start from these). */
export function defaultConfig(overrides: Partial<Config> = {}): Config {
  return Object.freeze({ ...loadConfig({}), ...overrides });
}

/**
 * The configuration table as Markdown (variable, default, description), generated from
 * {@link ConfigSchema}; README.md embeds it between `<!-- config:begin -->` and
 * `<!-- config:end -->` (test/server/readme.test.ts keeps them equal).
 */
export function configMarkdownTable(): string {
  const rows = CONFIG_KEYS.map((key) => {
    const p = ConfigSchema.properties[key] as {
      default?: unknown;
      description?: string;
      anyOf?: { const: string }[];
    };
    const dflt = p.default === '' ? '(empty)' : `\`${String(p.default)}\``;
    const choices = p.anyOf ? ` One of ${p.anyOf.map((l) => `\`${l.const}\``).join(', ')}.` : '';
    return `| \`${key}\` | ${dflt} | ${(p.description ?? '').replaceAll('|', '\\|')}${choices} |`;
  });
  return ['| Variable | Default | Meaning |', '| --- | --- | --- |', ...rows].join('\n');
}
