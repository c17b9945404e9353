/**
 * Math comparisons per second on the peer cases (`../shared/data/math/cases/*.jsonl`, `verify`
 * rows: gold → reference, pred → completion), three ways:
 * - in-process: the math grader called in a loop on this thread (the baseline: one core, no pool);
 * - pool: `engine.gradeBatch` with one worker per core and the default CHUNK_SIZE;
 * - pool, CHUNK_SIZE=1: one piscina task per item, to show the per-task overhead chunks amortize.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import Value from 'typebox/value';
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

/** Wall rate, and CPU per item of the whole process (all threads): the latter does not depend on
 * what else runs on the machine. */
interface Measure {
  rate: number;
  cpuUs: number;
}

async function measure(n: number, fn: () => unknown | Promise<unknown>): Promise<Measure> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { rate: n / (wall / 1000), cpuUs: (cpu.user + cpu.system) / n };
}

async function pool(items: RewardItem[], chunk: number): Promise<Measure> {
  const engine = createEngine({ config: defaultConfig({ CHUNK_SIZE: chunk }), graders: GRADERS });
  try {
    await engine.gradeBatch(items.slice(0, 300)); // warm-up: workers loaded, JIT warm
    return await measure(items.length, () => engine.gradeBatch(items));
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

    // Baseline: in-process, one thread, with the same default options the engine applies.
    const options = Value.Default(math.options, {}) as Record<string, unknown>;
    const inProc = repeat(base, 3_000);
    const grade = (it: RewardItem) =>
      math.grade({ completion: it.completion, reference: it.reference, options });
    for (const it of inProc.slice(0, 300)) grade(it);
    const one = await measure(inProc.length, () => {
      for (const it of inProc) grade(it);
    });

    const cores = availableParallelism();
    const chunk = defaultConfig().CHUNK_SIZE;
    const pooled = await pool(items, chunk);
    const single = await pool(items.slice(0, 3_000), 1);
    const BASE = 'in-process, 1 thread (baseline)';
    const BASE_CPU = 'in-process: CPU per item (baseline)';
    return [
      {
        name: BASE,
        value: one.rate,
        unit: 'items/s',
        note: `${base.length} peer cases cycled, ${inProc.length} items`,
      },
      {
        name: `pool, ${cores} workers, CHUNK_SIZE=${chunk}`,
        value: pooled.rate,
        unit: 'items/s',
        baseline: BASE,
        note: `${n} items in one batch`,
      },
      {
        name: `pool, ${cores} workers, CHUNK_SIZE=1`,
        value: single.rate,
        unit: 'items/s',
        baseline: BASE,
        note: '3000 items, one task per item',
      },
      { name: BASE_CPU, value: one.cpuUs, unit: 'µs' },
      {
        name: `pool, CHUNK_SIZE=${chunk}: CPU per item (all threads)`,
        value: pooled.cpuUs,
        unit: 'µs',
        baseline: BASE_CPU,
        note: `≈ ${Math.round((cores * 1e6) / pooled.cpuUs)} items/s on ${cores} idle cores`,
      },
      {
        name: 'pool, CHUNK_SIZE=1: CPU per item (all threads)',
        value: single.cpuUs,
        unit: 'µs',
        baseline: BASE_CPU,
        note: `≈ ${Math.round((cores * 1e6) / single.cpuUs)} items/s on ${cores} idle cores`,
      },
    ];
  },
};
export default bench;
