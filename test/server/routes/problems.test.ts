/**
 * GET /problems and GET /problems/{id}: metadata of the problems loaded with PROBLEMS, never
 * their tests; the loaded store is installed in the code grader.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeGrader } from '../../../graders/code/index.ts';
import { defaultConfig } from '../../../src/config.ts';
import type { ExecSpec, SandboxDefinition } from '../../../src/core/sandbox.ts';
import { problemPaths } from '../../../src/eval/backend.ts';
import { buildApp } from '../../../src/server/app.ts';
import type { RouteDeps } from '../../../src/server/deps.ts';
import { problemsRoutes } from '../../../src/server/routes/problems.ts';

const DATA = '/work/shared/data/code';

describe('problems routes', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify({ logger: false });
    const deps = {
      config: defaultConfig({
        PROBLEMS: `${DATA}/HumanEval.jsonl.gz, ${DATA}/code_contests_sample.jsonl`,
      } as never),
      sandboxes: [],
    } as unknown as RouteDeps;
    await app.register(problemsRoutes, deps);
    await app.ready();
  });
  afterAll(() => app.close());

  it('parses PROBLEMS', () => {
    expect(problemPaths(' a.jsonl, ,dir ')).toEqual(['a.jsonl', 'dir']);
    expect(problemPaths('')).toEqual([]);
  });

  it('lists ids with counts per source', async () => {
    const res = await app.inject({ url: '/problems?limit=2&offset=1' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      count: 184,
      offset: 1,
      ids: ['HumanEval/1', 'HumanEval/2'],
      skipped: 0,
      by_source: { humaneval: 164, code_contests: 20 },
    });
  });

  it('shows metadata of an id containing a slash, never the tests', async () => {
    for (const url of ['/problems/HumanEval/0', '/problems/HumanEval%2F0']) {
      const res = await app.inject({ url });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({
        id: 'HumanEval/0',
        source: 'humaneval',
        languages: ['python'],
        // its literal asserts are loaded as 7 function cases (graders/code/python-asserts.ts)
        kind: 'function',
        n_tests: 7,
        entry_point: 'has_close_elements',
      });
      expect(body.prompt).toContain('def has_close_elements');
      expect(res.body).not.toContain('def check');
      expect(res.body).not.toContain('5.0, 2.2]'); // from the first hidden assert's arguments
    }
    const cc = await app.inject({ url: '/problems/code_contests/0' });
    expect(cc.json()).toMatchObject({ kind: 'stdio', n_tests: 101, languages: ['*'], difficulty: 'MEDIUM' });
    expect(cc.body).not.toContain('? 100 No'); // from the first hidden test's stdin
  });

  it('404 with a stable code for an unknown id, in the shape of every error reply', async () => {
    const res = await app.inject({ url: '/problems/HumanEval/999' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      statusCode: 404,
      code: 'RLVR_ERR_PROBLEM_NOT_FOUND',
      error: 'Not Found',
      message: 'Problem "HumanEval/999" not found',
    });
  });

  it('installs the store in the code grader (unknown ids are invalid_reference)', async () => {
    const out = await codeGrader.grade({
      completion: '```python\nprint(1)\n```',
      reference: { problem_id: 'HumanEval/999' },
      options: {},
    });
    expect(out).toMatchObject({ verdict: 'invalid_reference', score: null });
    expect(out.error?.message).toContain('unknown problem_id');
  });
});

describe('through buildApp and POST /reward', () => {
  let app: FastifyInstance;
  const seen: ExecSpec[] = [];
  // A scripted Python sandbox: an assert-mode problem's single case passes iff the program returns
  // early. HumanEval/53 stays in assert mode (its check loops over random pairs, not literals),
  // unlike HumanEval/0 and /31, whose literal asserts are loaded as function cases compared on the
  // host.
  const fake: SandboxDefinition = {
    id: 'python',
    aliases: ['py'],
    defaults: { timeMs: 2000, memoryMb: 256, outputBytes: 1 << 20 },
    available: async () => ({ ok: true }),
    execute: async (spec) => {
      seen.push(spec);
      const ok = spec.source.includes('return False');
      return { cases: [{ status: ok ? 'ok' : 'runtime_error', stdout: '', stderr: '', timeMs: 1 }] };
    },
    close: async () => {},
  };
  beforeAll(async () => {
    app = await buildApp({
      config: defaultConfig({ WORKERS: 1, PROBLEMS: `${DATA}/HumanEval.jsonl.gz` } as never),
      sandboxes: [fake],
      logger: false,
    });
    await app.ready();
  });
  afterAll(() => app.close());

  it('serves metadata and grades problem_id items with the loaded tests', async () => {
    expect((await app.inject({ url: '/problems/HumanEval/53' })).json()).toMatchObject({
      kind: 'assert',
      n_tests: 1,
    });
    const res = await app.inject({
      method: 'POST',
      url: '/reward',
      payload: {
        items: [
          {
            id: 'a',
            task: 'code',
            completion: '```python\ndef add(x, y):\n    return False\n```',
            reference: '{"problem_id": "HumanEval/53"}',
          },
          {
            id: 'b',
            task: 'code',
            completion: '```python\ndef add(x, y):\n    return 1\n```',
            reference: { problem_id: 'HumanEval/53' },
            options: { code: { reward: 'fraction' } },
          },
          { id: 'c', task: 'code', completion: '```python\npass\n```', reference: { problem_id: 'nope' } },
        ],
      },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.rewards).toEqual([1, 0, null]);
    expect(body.results.map((r: { verdict: string }) => r.verdict)).toEqual([
      'Accepted',
      'Runtime Error',
      'invalid_reference',
    ]);
    expect(seen[0]).toMatchObject({
      mode: 'assert',
      entryPoint: 'add',
      candidateName: 'candidate',
    });
    expect(seen[0].tests?.[0]).toContain('def check(candidate)');
  });
});
