/**
 * Latency of `POST /reward` with a 512-item batch of GSM8K completions (OpenAI's GPT-3 solutions
 * against the GSM8K test answers) over real HTTP on loopback, p50 and p99 over repeated requests,
 * against the same batch through `engine.gradeBatch` without HTTP (the baseline). Uses the math
 * grader when registered, else says so.
 */
import { GRADERS } from '../../graders/index.ts';
import { defaultConfig } from '../../src/config.ts';
import type { RewardItem } from '../../src/schemas/reward.ts';
import { buildApp } from '../../src/server/app.ts';
import { gsm8kCompletions } from '../../test/e2e/helpers.ts';
import { type Bench, type BenchRow, percentile } from '../lib.ts';

const ROUNDS = 60;

/** The first `n` GSM8K completions (4 GPT-3 models per question), as the e2e tests read them. */
function gsm8kBatch(n: number): RewardItem[] {
  return gsm8kCompletions()
    .slice(0, n)
    .map(({ id, completion, reference }) => ({ id, task: 'math', completion, reference }));
}

const bench: Bench = {
  name: 'POST /reward, 512 GSM8K completions',
  async run(): Promise<BenchRow[]> {
    if (!GRADERS.some((g) => g.id === 'math'))
      return [{ name: 'skipped: no math grader registered', value: 0, unit: '' }];
    const items = gsm8kBatch(512);
    const body = JSON.stringify({ items });
    const app = await buildApp({ config: defaultConfig({ PORT: 0 }), logger: false });
    const url = `${await app.listen({ host: '127.0.0.1', port: 0 })}/reward`;
    try {
      const http: number[] = [];
      const direct: number[] = [];
      let httpCpu = 0;
      let directCpu = 0;
      // Interleaved, so both see the same load on the shared machine; 3 warm-up rounds.
      for (let r = 0; r < ROUNDS + 3; r++) {
        let c0 = process.cpuUsage();
        let t0 = performance.now();
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        const json = (await res.json()) as { results: unknown[] };
        if (json.results.length !== 512) throw new Error('bad reply');
        if (r >= 3) {
          http.push(performance.now() - t0);
          const c = process.cpuUsage(c0);
          httpCpu += (c.user + c.system) / 1000;
        }
        c0 = process.cpuUsage();
        t0 = performance.now();
        const injected = await app.inject({
          method: 'POST',
          url: '/reward',
          payload: body,
          headers: { 'content-type': 'application/json' },
        });
        if (injected.json().results.length !== 512) throw new Error('bad reply');
        if (r >= 3) {
          direct.push(performance.now() - t0);
          const c = process.cpuUsage(c0);
          directCpu += (c.user + c.system) / 1000;
        }
      }
      return [
        { name: 'app.inject, no socket (baseline): p50', value: percentile(direct, 50), unit: 'ms' },
        { name: 'app.inject, no socket (baseline): p99', value: percentile(direct, 99), unit: 'ms' },
        {
          name: 'HTTP loopback: p50',
          value: percentile(http, 50),
          unit: 'ms',
          baseline: 'app.inject, no socket (baseline): p50',
          note: `${ROUNDS} sequential requests, ${(body.length / 1024).toFixed(0)} KiB body`,
        },
        {
          name: 'HTTP loopback: p99',
          value: percentile(http, 99),
          unit: 'ms',
          baseline: 'app.inject, no socket (baseline): p99',
        },
        {
          name: 'HTTP loopback: items/s at p50',
          value: 512 / (percentile(http, 50) / 1000),
          unit: 'items/s',
        },
        { name: 'app.inject: CPU per request (baseline)', value: directCpu / ROUNDS, unit: 'ms' },
        {
          name: 'HTTP loopback: CPU per request',
          value: httpCpu / ROUNDS,
          unit: 'ms',
          baseline: 'app.inject: CPU per request (baseline)',
          note: 'all threads of this process: fetch client, server, grading workers',
        },
      ];
    } finally {
      await app.close();
    }
  },
};
export default bench;
