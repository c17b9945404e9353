/**
 * PYTHON_PATH and BWRAP_PATH (issue 3: "Debian's /usr/bin/python3 (configurable)"): the server
 * builds its Python sandbox from them. A wrong interpreter path is not a start-up failure: /readyz
 * names it, Python items get verdict `error` with reward null (never 0), and JavaScript items still
 * grade. Items are HumanEval / HumanEval-X canonical solutions by problem_id.
 */
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { javascriptSandbox } from '../../sandboxes/js/index.ts';
import { defaultConfig, loadConfig, pythonSandboxPaths } from '../../src/config.ts';
import { buildApp } from '../../src/server/app.ts';

import { DATA, readRows } from '../graders/code/acceptance/helpers.ts';

/** A data set's canonical solution for a task id. */
function canon(file: string, id: string): string {
  const row = readRows<{ task_id: string; canonical_solution: string }>(file).find((r) => r.task_id === id);
  if (!row) throw new Error(`${id} not in ${file}`);
  return row.canonical_solution;
}

describe('pythonSandboxPaths', () => {
  it('defaults to Debian python3 and bwrap found on PATH, else /usr/bin/bwrap', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rlvr-bwrap-path-'));
    const empty = join(dir, 'empty');
    const bin = join(dir, 'bin');
    mkdirSync(empty);
    mkdirSync(bin);
    writeFileSync(join(bin, 'bwrap'), '#!/bin/sh\n');
    chmodSync(join(bin, 'bwrap'), 0o755);
    const c = loadConfig({});
    expect(pythonSandboxPaths(c, { PATH: `relative:${empty}:${bin}` })).toEqual({
      pythonPath: '/usr/bin/python3',
      bwrapPath: join(bin, 'bwrap'),
    });
    expect(pythonSandboxPaths(c, { PATH: empty }).bwrapPath).toBe('/usr/bin/bwrap');
    expect(pythonSandboxPaths(c, {}).bwrapPath).toBe('/usr/bin/bwrap');
  });

  it('takes PYTHON_PATH and BWRAP_PATH as given', () => {
    const c = loadConfig({ PYTHON_PATH: '/usr/bin/python3.11', BWRAP_PATH: '/opt/bwrap' });
    expect(pythonSandboxPaths(c, { PATH: '/usr/bin' })).toEqual({
      pythonPath: '/usr/bin/python3.11',
      bwrapPath: '/opt/bwrap',
    });
  });
});

interface ReadyGrader {
  id: string;
  available: boolean;
  reason?: string;
  details?: { languages?: Record<string, string> };
}

interface Result {
  id: string;
  reward: number | null;
  verdict: string;
  error?: { code: string; message: string };
}

describe.skipIf(!(await javascriptSandbox.available()).ok)('PYTHON_PATH=/nonexistent', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({
      config: defaultConfig({
        WORKERS: 1,
        PYTHON_PATH: '/nonexistent',
        PROBLEMS: `${DATA}/HumanEval.jsonl.gz,${DATA}/humaneval_x_js.jsonl.gz`,
      }),
      logger: false,
    });
    await app.ready();
  });
  afterAll(() => app?.close());

  it('starts, and /readyz says Python is unavailable and why', async () => {
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { tasks: string[]; graders: ReadyGrader[] };
    const code = body.graders.find((g) => g.id === 'code');
    expect(code?.available).toBe(true);
    expect(body.tasks).toContain('code');
    expect(code?.details?.languages?.python).toBe('unavailable: python not found at /nonexistent');
    expect(code?.details?.languages?.javascript).toBe('available');
  });

  it('gives Python items a clear error with reward null, and still grades JavaScript', async () => {
    // The canonical solutions of both data sets (bodies that continue the prompt).
    const items = [
      { id: 'py', task: 'code', completion: canon('HumanEval.jsonl.gz', 'HumanEval/0') },
      { id: 'js', task: 'code', completion: canon('humaneval_x_js.jsonl.gz', 'JavaScript/0') },
    ].map((it) => ({ ...it, reference: { problem_id: it.id === 'py' ? 'HumanEval/0' : 'JavaScript/0' } }));
    const res = await app.inject({
      method: 'POST',
      url: '/reward',
      payload: { items, options: { code: { extract: 'none' } } },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { rewards: (number | null)[]; results: Result[] };
    expect(body.rewards).toEqual([null, 1]);
    const [py, js] = body.results;
    expect(py.verdict).toBe('error');
    expect(py.error?.code).toBe('RLVR_ERR_SANDBOX_UNAVAILABLE');
    expect(py.error?.message).toBe('python sandbox unavailable: python not found at /nonexistent');
    expect(js.verdict).toBe('Accepted');
  });
});
