/**
 * End to end: the real server, started as the README says (`npm start`), on an ephemeral port,
 * over real HTTP, with the real graders (graders/index.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counterSum, gsm8kCompletions, gsm8kGold, post, type Server, startServer } from './helpers.ts';

const GRADE_TIMEOUT_MS = 3000;
const WORKERS = 2;

describe('rlvr-server started with npm start', () => {
  let server: Server;
  let tasks: string[] = [];
  beforeAll(async () => {
    server = await startServer({ GRADE_TIMEOUT_MS: String(GRADE_TIMEOUT_MS), WORKERS: String(WORKERS) });
    tasks = ((await (await fetch(`${server.url}/readyz`)).json()) as { tasks: string[] }).tasks;
  });
  afterAll(async () => {
    server?.signal('SIGTERM');
    await server?.exited;
  });

  it('answers /healthz and lists tasks in /readyz', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(tasks.length).toBeGreaterThan(0);
  });

  it('grades 512 GSM8K completions in order, agrees with OpenAI’s labels, and counts them in /metrics', async (ctx) => {
    if (!tasks.includes('math')) ctx.skip(); // until graders/math is registered
    const sample = gsm8kCompletions().slice(0, 512);
    const before = counterSum(await (await fetch(`${server.url}/metrics`)).text(), 'rlvr_items_total', {
      task: 'math',
    });
    const res = await post(`${server.url}/reward`, {
      items: sample.map((s) => ({
        id: s.id,
        task: 'math',
        completion: s.completion,
        reference: s.reference,
      })),
    });
    expect(res.status).toBe(200);
    expect(res.json.results).toHaveLength(512);
    expect(res.json.results.map((r: { id: string }) => r.id)).toEqual(sample.map((s) => s.id));
    expect(res.json.rewards).toEqual(res.json.results.map((r: { reward: number | null }) => r.reward));
    const disagreements = sample.filter((s, i) => (res.json.rewards[i] === 1) !== s.isCorrect);
    if (disagreements.length)
      console.log(
        'GSM8K disagreements:',
        disagreements.map((d) => d.id),
      );
    // OpenAI's labels are themselves imperfect (SOURCES.md); the math grader's own test covers all 5,276.
    expect(disagreements.length / 512).toBeLessThanOrEqual(0.01);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(counterSum(metrics, 'rlvr_items_total', { task: 'math' }) - before).toBe(512);
    expect(counterSum(metrics, 'rlvr_batch_size_count', { route: 'reward' })).toBeGreaterThanOrEqual(1);
  });

  it('answers hostile items within the deadline plus slack, in a batch whose normal items are graded right', async (ctx) => {
    if (!tasks.includes('math')) ctx.skip();
    const gold = gsm8kGold().slice(0, 16);
    const normal = gold.flatMap((g, i) => [
      {
        id: `ok-${i}`,
        task: 'math',
        completion: `So the answer is \\boxed{${g.answer}}.`,
        reference: g.answer,
      },
      {
        id: `no-${i}`,
        task: 'math',
        completion: `So the answer is \\boxed{${Number(g.answer) + 1}}.`,
        reference: g.answer,
      },
    ]);
    const reasoning = 'We add the two numbers and carry the one, then check the sum twice. ';
    const hostile = [
      { id: 'tower', task: 'math', completion: 'The answer is $\\boxed{5^{5^{5^{5^{5}}}}}$', reference: '5' },
      {
        id: 'braces',
        task: 'math',
        completion: `The answer is \\boxed{${'{'.repeat(10_000)}1${'}'.repeat(10_000)}}`,
        reference: '2',
      },
      { id: 'factorial', task: 'math', completion: 'The answer is \\boxed{1000000!}', reference: '1' },
      {
        id: 'megabyte',
        task: 'math',
        completion: `${reasoning.repeat(Math.ceil(1_048_576 / reasoning.length))}The answer is \\boxed{42}.`,
        reference: '42',
      },
    ];
    expect(hostile[3].completion.length).toBeGreaterThan(1_048_576);
    const items = [...normal.slice(0, 16), ...hostile, ...normal.slice(16)];
    const res = await post(`${server.url}/reward`, { items });
    expect(res.status).toBe(200);
    const byId = new Map(res.json.results.map((r: { id: string }) => [r.id, r]));
    expect(res.json.results.map((r: { id: string }) => r.id)).toEqual(items.map((i) => i.id));
    // Every hostile item has an answer; none of the wrong ones is rewarded.
    for (const id of ['tower', 'braces', 'factorial']) {
      const r = byId.get(id) as { reward: number | null; verdict: string };
      expect(r.reward, id).not.toBe(1);
      expect(r.verdict, id).not.toBe('correct');
    }
    expect(byId.get('megabyte')).toMatchObject({ verdict: 'correct', reward: 1 });
    for (let i = 0; i < 16; i++) {
      expect(byId.get(`ok-${i}`), `ok-${i}`).toMatchObject({ verdict: 'correct', reward: 1 });
      expect(byId.get(`no-${i}`), `no-${i}`).toMatchObject({ verdict: 'wrong', reward: 0 });
    }
    // Worst case: the hostile items each use their full deadline, two workers in parallel.
    const bound = Math.ceil(hostile.length / WORKERS) * GRADE_TIMEOUT_MS + 5000;
    expect(res.ms).toBeLessThan(bound);
  });

  it('answers hostile completions under the r1 preset (countdown, format, consistency) next to normal items', async () => {
    const ref = { target: 24, numbers: [4, 6, 1, 1] };
    const good =
      '<think>\nFour times six is twenty-four, times one times one.\n</think>\n<answer>\n4 * 6 * 1 * 1\n</answer>';
    const reasoning = 'We multiply the numbers and check that the product reaches the target. ';
    const hostile = [
      `<think>\n${'{'.repeat(10_000)}\n</think>\n<answer>\n${'('.repeat(10_000)}4${')'.repeat(10_000)}\n</answer>`,
      `<think>\n${reasoning.repeat(Math.ceil(1_048_576 / reasoning.length))}\n</think>\n<answer>\n4 * 6 * 1 * 1\n</answer>`,
      '<think>\npower tower\n</think>\n<answer>\n5^5^5^5^5\n</answer>',
      `${'<think>'.repeat(5000)}${'</answer>'.repeat(5000)}`,
    ];
    const items = [
      { id: 'good-0', task: 'countdown', completion: good, reference: ref },
      ...hostile.map((completion, i) => ({
        id: `hostile-${i}`,
        task: 'countdown',
        completion,
        reference: ref,
      })),
      { id: 'good-1', task: 'countdown', completion: good, reference: ref },
    ];
    const res = await post(`${server.url}/reward`, { items, preset: 'r1' });
    expect(res.status).toBe(200);
    expect(res.json.results.map((r: { id: string }) => r.id)).toEqual(items.map((i) => i.id));
    for (const id of ['good-0', 'good-1']) {
      const r = res.json.results.find((x: { id: string }) => x.id === id);
      expect(r.components.accuracy, id).toBe(1);
      expect(r.components.format, id).toBe(1);
      expect(r.components.consistency, id).toBeGreaterThan(0.9);
    }
    const byId = new Map(res.json.results.map((r: { id: string }) => [r.id, r]));
    // The megabyte completion is long but right: it must be graded, and graded correct.
    expect(byId.get('hostile-1')).toMatchObject({ components: { accuracy: 1, format: 1 } });
    for (const id of ['hostile-0', 'hostile-2', 'hostile-3']) {
      const r = byId.get(id) as { reward: number | null; components: { accuracy: number | null } };
      expect(r.components.accuracy, id).not.toBe(1);
      expect(typeof r.reward, id).toBe('number'); // graded, not an error of ours
    }
    expect(res.ms).toBeLessThan(Math.ceil(hostile.length / WORKERS) * GRADE_TIMEOUT_MS + 5000);
  });
});

describe('graceful shutdown', () => {
  it('finishes an in-flight batch after SIGTERM, then exits 0 (and npm start with it)', async () => {
    const server = await startServer({ WORKERS: '1' });
    try {
      const items = Array.from({ length: 8000 }, (_, i) => ({
        id: `c${i}`,
        task: 'countdown',
        completion: `<answer>(${i % 10} + 4) * 2</answer>`,
        reference: { target: 2 * ((i % 10) + 4), numbers: [i % 10, 4, 2] },
      }));
      const pending = post(`${server.url}/reward`, { items });
      // Wait until the batch is being graded, then ask the server to stop.
      for (let k = 0; k < 400; k++) {
        const m = await (await fetch(`${server.url}/metrics`)).text();
        if (counterSum(m, 'rlvr_items_in_flight') > 0) break;
        await new Promise((r) => setTimeout(r, 5));
      }
      // As a process manager would: the signal goes to the server; npm passes its exit code on.
      server.signalServer('SIGTERM');
      const res = await pending;
      expect(res.status).toBe(200);
      expect(res.json.results).toHaveLength(8000);
      expect(res.json.rewards.every((r: number) => r === 1)).toBe(true);
      expect(await server.exited).toBe(0);
      expect(server.logs()).toContain('shutting down: finishing in-flight batches');
      // After shutdown nothing listens any more.
      await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    } finally {
      server.signal('SIGKILL');
    }
  });
});
