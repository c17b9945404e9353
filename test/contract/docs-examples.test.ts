/**
 * The examples in docs/api.md and docs/trainers.md are requests a user will copy: each is sent to
 * the app built from the tree (real graders, no sandboxes) and its reply compared with the one the
 * page shows. `details` are left out of the pages, so they are not compared; grader version
 * numbers change with the graders, so only the graders named are.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.ts';
import { buildApp } from '../../src/server/app.ts';

const root = new URL('../../', import.meta.url);
/** The fenced ```json blocks of a doc, in order, parsed. */
const jsonBlocks = (doc: string): unknown[] =>
  [...readFileSync(new URL(doc, root), 'utf8').matchAll(/```json\n([\s\S]*?)```/g)].map((m) =>
    JSON.parse(m[1]),
  );

interface Result {
  id: string;
  [k: string]: unknown;
}

describe('docs examples are what the server answers', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({ config: defaultConfig({ WORKERS: 1 }), sandboxes: [], logger: false });
  });
  afterAll(() => app.close());
  const post = (url: string, payload: unknown) =>
    app.inject({ method: 'POST', url, payload: payload as object });

  it('docs/api.md: POST /reward request and response', async () => {
    const [request, shown] = jsonBlocks('docs/api.md') as [
      unknown,
      { rewards: unknown[]; results: Result[]; versions: object },
    ];
    const res = await post('/reward', request);
    expect(res.statusCode, res.body).toBe(200);
    const got = res.json();
    expect(got.rewards).toEqual(shown.rewards);
    expect(got.results.map(({ details: _, ...r }: Result) => r)).toEqual(shown.results);
    expect(Object.keys(got.versions).sort()).toEqual(Object.keys(shown.versions).sort());
  });

  it('docs/api.md: the request error example', async () => {
    const shown = jsonBlocks('docs/api.md')[2] as { item_index: number };
    const ok = { id: 'x', task: 'math', completion: '\\boxed{1}', reference: '1' };
    const items = [ok, ok, ok, { ...ok, task: 'maths' }];
    const res = await post('/reward', { items });
    expect(res.json()).toEqual(shown);
  });

  it('docs/trainers.md: OpenRLHF and slime examples', async () => {
    const [openrlhf, openrlhfReply, slime, slimeReply] = jsonBlocks('docs/trainers.md');
    expect((await post('/compat/openrlhf/get_reward', openrlhf)).json()).toEqual(openrlhfReply);
    expect((await post('/compat/slime', slime)).json()).toBe(1);
    expect((await post('/compat/slime?components=true', slime)).json()).toEqual(slimeReply);
  });

  it('docs/trainers.md: the NeMo-Gym /verify example echoes the request plus our fields', async () => {
    const verify = jsonBlocks('docs/trainers.md')[4] as Record<string, unknown>;
    const res = await post('/verify', verify);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      ...verify,
      reward: 0,
      verdict: 'wrong',
      extracted_answer: '\\frac{83}{499}',
    });
    expect(res.json().reward_components).toEqual({ accuracy: 0 });
  });
});
