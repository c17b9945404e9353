/**
 * Main-thread cost per item of `engine.gradeBatch` before any grading happens (validation, option
 * merge, pool submission), with and without request-level `options`. The synchronous part of
 * `gradeBatch` is timed, so the pool's grading does not count; the batch is then awaited.
 *
 * Items: the `verify` rows of `../shared/data/math/cases/mathverify_public.jsonl` (gold →
 * reference, pred → completion), cycled to 8,192. Run:
 * `node_modules/.bin/node bench/engine/options-merge.ts [ENGINE_MODULE]` (default: src/engine/index.ts;
 * pass e.g. a copy of an older `src/engine/index.ts` in the same folder to compare before/after).
 */
import { readFileSync } from 'node:fs';
import { GRADERS } from '../../graders/index.ts';
import { defaultConfig } from '../../src/config.ts';
import type { GradeBatchOptions } from '../../src/engine/index.ts';
import type { RewardItem } from '../../src/schemas/reward.ts';

const DATA = new URL('../../../shared/data/', import.meta.url);
const N = 8192;
const ROUNDS = 7;

const base: RewardItem[] = [];
for (const line of readFileSync(new URL('math/cases/mathverify_public.jsonl', DATA), 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const row = JSON.parse(line);
  if (row.kind === 'verify')
    base.push({ id: row.id, task: 'math', completion: String(row.pred), reference: String(row.gold) });
}
const items = Array.from({ length: N }, (_, i) => base[i % base.length]);

const { createEngine } = (await import(
  process.argv[2] ? new URL(process.argv[2], `file://${process.cwd()}/`).href : '../../src/engine/index.ts'
)) as typeof import('../../src/engine/index.ts');
const engine = createEngine({ config: defaultConfig({ WORKERS: 2 }), graders: GRADERS });
const OWN: GradeBatchOptions = {};
const rows: [string, GradeBatchOptions][] = [
  ['no options', {}],
  ['request options {"math":{"boxed":"fallback"}}', { options: { math: { boxed: 'fallback' } } }],
];
rows.push(['each item\'s own options {"math":{"boxed":"fallback"}}', OWN]);
const own = items.map((x) => ({ ...x, options: { math: { boxed: 'fallback' } } }));
try {
  await engine.gradeBatch(items.slice(0, 300)); // workers loaded, JIT warm
  for (const [name, opts] of rows) {
    const times: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const t0 = performance.now();
      const p = engine.gradeBatch(opts === OWN ? own : items, opts === OWN ? {} : opts);
      times.push(performance.now() - t0);
      await p;
    }
    times.sort((a, b) => a - b);
    const med = times[ROUNDS >> 1];
    console.log(
      `${name}: main thread ${med.toFixed(1)} ms per ${N} items (${((med * 1000) / N).toFixed(1)} µs/item, median of ${ROUNDS})`,
    );
  }
} finally {
  await engine.close();
}
