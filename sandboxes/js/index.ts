/**
 * JavaScript and TypeScript sandboxes (issue 3, item 5): isolated-vm isolates inside a pool of
 * child processes (pool.ts → child.ts → runner.ts → harness.js). Both languages share one pool;
 * TypeScript is stripped by sucrase in the child (transpile.ts).
 *
 * Per solution: a fresh isolate with the memory limit; per case a fresh context (function mode:
 * one context, reloaded after a case that ended badly). Expected values never enter the
 * sandbox; the harness returns plain JSON data (function mode), stdout (stdio) or whether the
 * test ran to completion (assert), and the host compares. See docs/sandbox-js.md.
 *
 * Usage: `createJsSandboxes(options)` → `{ javascript, typescript }`; `javascriptSandbox` and
 * `typescriptSandbox` are the instances with defaults that `sandboxes/index.ts` lists.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  defineSandbox,
  type ExecLimits,
  type ExecOptions,
  type ExecResult,
  type ExecSpec,
  resolveLimits,
  type SandboxDefinition,
  SandboxError,
} from '../../src/core/sandbox.ts';
import { JsPool } from './pool.ts';

export interface JsSandboxOptions {
  /** Default (and maximum) limits; a request may only lower them. */
  defaults?: Partial<ExecLimits>;
  /** Child processes (each runs one solution at a time). Default: the number of cores. */
  size?: number;
  /** Solutions waiting for a child before `execute` rejects with RLVR_ERR_SANDBOX_BUSY. Default 1024. */
  maxQueue?: number;
  /** Host watchdog slack over the per-case budget, ms. Default 1000. */
  graceMs?: number;
  /** Child start-up + transpile + compile budget, ms. Default 10000. */
  startupTimeoutMs?: number;
  /** Cap on one function-mode return value, bytes of JSON. Default 16 MiB. */
  valueBytes?: number;
  /** Longest accepted solution source, bytes; longer is a Compile Error. Default 1 MiB. */
  maxSourceBytes?: number;
  /** Node ≥ 24 binary for the children. Default: this process's, else the `node` devDependency's. */
  nodePath?: string;
}

/** Default limits (issue 3's inline example, same as Python): 4 s per case, 512 MiB, 1 MiB output. */
export const JS_DEFAULT_LIMITS: ExecLimits = Object.freeze({
  timeMs: 4000,
  memoryMb: 512,
  outputBytes: 1024 * 1024,
});

/** A Node ≥ 24 binary: this process's if new enough, else the one the `node` package installs. */
function defaultNodePath(): string {
  if (Number(process.versions.node.split('.')[0]) >= 24) return process.execPath;
  const local = fileURLToPath(new URL('../../node_modules/.bin/node', import.meta.url));
  return existsSync(local) ? local : process.execPath;
}

const SMOKE: ExecSpec = {
  language: 'javascript',
  source: 'const add = (a, b) => a + b;',
  mode: 'function',
  entryPoint: 'add',
  calls: [{ args: [1, 2] }],
  limits: { timeMs: 5000, memoryMb: 64, outputBytes: 4096 },
};

export function createJsSandboxes(options: JsSandboxOptions = {}): {
  javascript: SandboxDefinition;
  typescript: SandboxDefinition;
  /** Live sandbox child pids (tests check that attacks leave no process behind). */
  pids: () => number[];
} {
  const defaults: ExecLimits = Object.freeze({ ...JS_DEFAULT_LIMITS, ...options.defaults });
  const maxSourceBytes = options.maxSourceBytes ?? 1024 * 1024;
  let pool: JsPool | undefined;
  let availability: Promise<{ ok: boolean; reason?: string; details?: Record<string, unknown> }> | undefined;
  const getPool = () =>
    (pool ??= new JsPool({
      size: Math.max(1, options.size ?? availableParallelism()),
      maxQueue: options.maxQueue ?? 1024,
      graceMs: options.graceMs ?? 1000,
      startupTimeoutMs: options.startupTimeoutMs ?? 10_000,
      rssCapMb: (memoryMb) => 384 + 3 * memoryMb,
      nodePath: options.nodePath ?? defaultNodePath(),
      language: 'javascript',
      valueBytes: options.valueBytes ?? 16 * 1024 * 1024,
    }));

  async function execute(spec: ExecSpec, options?: ExecOptions): Promise<ExecResult> {
    const limits = resolveLimits(defaults, spec.limits);
    if (Buffer.byteLength(spec.source) + Buffer.byteLength(spec.preamble ?? '') > maxSourceBytes) {
      const n =
        spec.mode === 'function'
          ? spec.calls?.length
          : spec.mode === 'stdio'
            ? spec.stdins?.length
            : spec.tests?.length;
      return {
        compileError: `source longer than ${maxSourceBytes} bytes`,
        cases: Array.from({ length: n ?? 0 }, () => ({
          status: 'runtime_error' as const,
          stdout: '',
          stderr: '',
          timeMs: 0,
          error: 'compile error',
        })),
      };
    }
    return getPool().execute({ ...spec, limits }, options?.signal, options?.onStart);
  }

  function available() {
    availability ??= (async () => {
      try {
        const r = await getPool().execute(SMOKE);
        const c = r.cases[0];
        if (c?.status !== 'ok' || c.value !== 3)
          return { ok: false, reason: `smoke test failed: ${JSON.stringify(c)}` };
        return {
          ok: true,
          details: { engine: 'isolated-vm', children: options.size ?? availableParallelism() },
        };
      } catch (e) {
        return { ok: false, reason: `smoke test failed: ${(e as Error).message}` };
      }
    })();
    return availability;
  }

  async function close() {
    const p = pool;
    pool = undefined;
    availability = undefined;
    await p?.close();
  }

  const base = { defaults, available, close };
  return {
    pids: () => pool?.pids() ?? [],
    javascript: defineSandbox({
      ...base,
      id: 'javascript',
      aliases: ['js', 'javascript', 'node', 'nodejs', 'mjs', 'cjs', 'jsx'],
      execute: (spec, options) => execute({ ...spec, language: 'javascript' }, options),
    }),
    typescript: defineSandbox({
      ...base,
      id: 'typescript',
      aliases: ['ts', 'typescript', 'tsx', 'mts', 'cts'],
      execute: (spec, options) => {
        if (spec.language !== 'typescript' && spec.language !== 'javascript')
          return Promise.reject(
            new SandboxError('RLVR_ERR_SANDBOX_SPEC', `not a JS/TS spec: ${spec.language}`),
          );
        return execute({ ...spec, language: 'typescript' }, options);
      },
    }),
  };
}

const defaultSandboxes = createJsSandboxes();
export const javascriptSandbox: SandboxDefinition = defaultSandboxes.javascript;
export const typescriptSandbox: SandboxDefinition = defaultSandboxes.typescript;
