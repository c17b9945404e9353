/**
 * The whole stack: buildApp with PROBLEMS and the real sandboxes, one POST /reward batch mixing
 * HumanEval (Python) and HumanEval-X (JS) items by problem_id — canonical continuations, `pass` /
 * `return undefined` bodies — answered in request order with the right rewards, and counted in
 * /metrics by language and verdict.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../../src/config.ts';
import { buildApp } from '../../../../src/server/app.ts';
import { DATA, readRows, usable } from './helpers.ts';

interface Row {
  task_id: string;
  canonical_solution: string;
}
const py = readRows<Row>('HumanEval.jsonl.gz');
const js = readRows<Row>('humaneval_x_js.jsonl.gz');
const JS_KNOWN_BAD = new Set(['JavaScript/112', 'JavaScript/155', 'JavaScript/162']);

describe.skipIf(!((await usable('python')) && (await usable('javascript'))))(
  'POST /reward with code items',
  () => {
    let app: FastifyInstance;
    beforeAll(async () => {
      app = await buildApp({
        config: defaultConfig({
          WORKERS: 1,
          PROBLEMS: `${DATA}/HumanEval.jsonl.gz,${DATA}/humaneval_x_js.jsonl.gz`,
        }),
        logger: false,
      });
      await app.ready();
    });
    afterAll(() => app?.close());

    it('grades a mixed 656-item batch in order', { timeout: 300_000 }, async () => {
      const items = [
        ...py.flatMap((r) => [
          {
            id: `${r.task_id}:canon`,
            completion: r.canonical_solution,
            reference: { problem_id: r.task_id },
          },
          {
            id: `${r.task_id}:pass`,
            completion: '    pass\n',
            reference: JSON.stringify({ problem_id: r.task_id }),
          },
        ]),
        ...js.flatMap((r) => [
          {
            id: `${r.task_id}:canon`,
            completion: r.canonical_solution,
            reference: { problem_id: r.task_id },
          },
          {
            id: `${r.task_id}:undef`,
            completion: '  return undefined;\n}\n',
            reference: { problem_id: r.task_id },
          },
        ]),
      ].map((it) => ({ ...it, task: 'code' }));
      const started = performance.now();
      const res = await app.inject({
        method: 'POST',
        url: '/reward',
        payload: { items, options: { code: { extract: 'none' } } },
      });
      const s = (performance.now() - started) / 1000;
      console.log(
        `${items.length} code items over HTTP in ${s.toFixed(1)} s (${(items.length / s).toFixed(1)} items/s)`,
      );
      expect(res.statusCode).toBe(200);
      const body = res.json() as { rewards: (number | null)[]; results: { id: string; verdict: string }[] };
      expect(body.results.map((r) => r.id)).toEqual(items.map((i) => i.id));
      const expected = items.map((i) => {
        const [task, kind] = [i.id.slice(0, i.id.lastIndexOf(':')), i.id.slice(i.id.lastIndexOf(':') + 1)];
        return kind === 'canon' && !JS_KNOWN_BAD.has(task) ? 1 : 0;
      });
      expect(body.rewards).toEqual(expected);

      const metrics = (await app.inject({ url: '/metrics' })).body;
      expect(metrics).toMatch(
        /rlvr_executions_total\{[^}]*language="python"[^}]*verdict="Accepted"[^}]*\} 164/,
      );
      expect(metrics).toMatch(
        /rlvr_executions_total\{[^}]*language="javascript"[^}]*verdict="Accepted"[^}]*\} 161/,
      );
    });
  },
);
