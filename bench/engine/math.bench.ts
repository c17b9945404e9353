/**
 * Math comparisons per second on the peer cases (`../shared/data/math/cases/*.jsonl`, `verify`
 * rows: gold → reference, pred → completion), three ways:
 * - in-process: the math grader called in a loop on this thread (the baseline: one core, no pool);
 * - pool: `engine.gradeBatch` with one worker per core and the default CHUNK_SIZE;
 * - pool, CHUNK_SIZE=1: one piscina task per item, to show the per-task overhead chunks amortize.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { GRADERS } from '../../graders/index.ts';
import { defaultConfig } from '../../src/config.ts';
import { createEngine } from '../../src/engine/index.ts';
import type { RewardItem } from '../../src/schemas/reward.ts';
import type { Bench, BenchRow } from '../lib.ts';

/** The shared read-only data, next to the clone (`../shared/data/`). */
const DATA = new URL('../../../shared/data/', import.meta.url);

const CASES = ['mathverify_public.jsonl', 'other_graders_public.jsonl'];

function peerItems(): RewardItem[] {
  const items: RewardItem[] = [];
  for (const file of CASES) {
    for (const line of readFileSync(new URL(`math/cases/${file}`, DATA), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const row = JSON.parse(line);
      if (row.kind !== 'verify') continue;
      items.push({ id: row.id, task: 'math', completion: String(row.pred), reference: String(row.gold) });
    }
  }
  return items;
}

const repeat = <T>(xs: T[], n: number): T[] => Array.from({ length: n }, (_, i) => xs[i % xs.length]);

async function poolRate(items: RewardItem[], chunk: number): Promise<number> {
  const engine = createEngine({
    config: defaultConfig({ CHUNK_SIZE: chunk }),
    graders: GRADERS,
  });
  try {
    await engine.gradeBatch(items.slice(0, 200)); // warm-up: workers loaded, JIT warm
    const t0 = performance.now();
    await engine.gradeBatch(items);
    return items.length / ((performance.now() - t0) / 1000);
  } finally {
    await engine.close();
  }
}

const bench: Bench = {
  name: 'math comparisons (peer cases)',
  async run(): Promise<BenchRow[]> {
    const math = GRADERS.find((g) => g.id === 'math');
    if (!math) return [{ name: 'skipped: no math grader registered', value: 0, unit: '' }];
    const base = peerItems();
    const n = 10_000;
    const items = repeat(base, n).map((it, i) => ({ ...it, id: `${it.id}#${i}` }));

    // Baseline: in-process, one thread.
    const options = {};
    const inProc = repeat(base, 2_000);
    for (const it of inProc.slice(0, 200))
      math.grade({ completion: it.completion, reference: it.reference, options });
    const t0 = performance.now();
    for (const it of inProc) math.grade({ completion: it.completion, reference: it.reference, options });
    const inProcRate = inProc.length / ((performance.now() - t0) / 1000);

    const cores = availableParallelism();
    const pooled = await poolRate(items, defaultConfig().CHUNK_SIZE);
    const single = await poolRate(items.slice(0, 3_000), 1);
    return [
      {
        name: 'in-process, 1 thread (baseline)',
        value: inProcRate,
        unit: 'items/s',
        note: `${base.length} peer cases cycled, ${inProc.length} items`,
      },
      {
        name: `pool, ${cores} workers, CHUNK_SIZE=${defaultConfig().CHUNK_SIZE}`,
        value: pooled,
        unit: 'items/s',
        baseline: 'in-process, 1 thread (baseline)',
        note: `${n} items in one batch`,
      },
      {
        name: `pool, ${cores} workers, CHUNK_SIZE=1`,
        value: single,
        unit: 'items/s',
        baseline: 'in-process, 1 thread (baseline)',
        note: '3000 items, one task per item',
      },
    ];
  },
};
export default bench;
