/**
 * `npm run bench`: runs every bench module in {@link BENCHES} and prints a table with each figure
 * and its ratio to the baseline measured in the same run. `--json FILE` also writes the rows.
 * Others add their bench modules to the list (one line each). Figures: docs/benchmarks.md.
 */
import { writeFile } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import mathBench from './engine/math.bench.ts';
import mathStagesBench from './graders/math.bench.ts';
import httpBench from './http/reward.bench.ts';
import type { Bench, BenchRow } from './lib.ts';
import jsSandboxBench from './sandboxes/js.bench.ts';
import pythonSandboxBench from './sandboxes/python.bench.ts';

/** Every bench, in order. */
const BENCHES: Bench[] = [mathStagesBench, mathBench, httpBench, jsSandboxBench, pythonSandboxBench];

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3));

const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
const jsonAt = process.argv.indexOf('--json');
const all: Record<string, BenchRow[]> = {};
console.log(
  `rlvr-server bench: Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'})`,
);
for (const bench of BENCHES) {
  if (only && !bench.name.includes(only)) continue;
  console.log(`\n## ${bench.name}`);
  const rows = await bench.run();
  all[bench.name] = rows;
  for (const r of rows) {
    const base = r.baseline ? rows.find((b) => b.name === r.baseline) : undefined;
    const ratio = base ? `  ${(r.value / base.value).toFixed(2)}× ${base.name}` : '';
    console.log(
      `${r.name.padEnd(58)} ${fmt(r.value).padStart(9)} ${r.unit.padEnd(8)}${ratio}${r.note ? `  (${r.note})` : ''}`,
    );
  }
}
if (jsonAt > 0 && process.argv[jsonAt + 1])
  await writeFile(process.argv[jsonAt + 1], JSON.stringify(all, null, 2));
