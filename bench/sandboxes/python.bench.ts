/**
 * HumanEval canonical solutions per second through the Python sandbox (assert mode,
 * `check(candidate)`), two ways, in the same run:
 * - sandbox: `createPythonSandbox()` (bubblewrap, per-run cgroups, one sandbox process per
 *   solution, one slot per core), all 164 submitted at once, twice;
 * - baseline: a fresh, unsandboxed `/usr/bin/python3 -c prompt+solution+test+check(entry)` per
 *   solution (what an exit-code harness does), as many at once as there are cores.
 * Goal from issue 3: ≥ 60 solutions/s on 2 cores.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { createPythonSandbox } from '../../sandboxes/python/index.ts';
import type { ExecSpec } from '../../src/core/sandbox.ts';
import type { Bench, BenchRow } from '../lib.ts';

const LIMITS = { timeMs: 4000, memoryMb: 512, outputBytes: 1024 * 1024 };
const ROUNDS = 2;

interface Task {
  task_id: string;
  prompt: string;
  canonical_solution: string;
  test: string;
  entry_point: string;
}

function tasks(): Task[] {
  return gunzipSync(readFileSync(new URL('../../../shared/data/code/HumanEval.jsonl.gz', import.meta.url)))
    .toString()
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Task);
}

/**
 * CPU ms used so far by this process and its reaped descendants (/proc/self/stat utime, stime,
 * cutime, cstime; clock ticks of 10 ms). Unlike wall time it does not depend on the other load
 * of the machine, so it tells what the 2 cores could do when idle.
 */
function cpuMs(): number {
  const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * 10;
}

async function processPerRun(programs: string[], width: number): Promise<number> {
  let next = 0;
  let ok = 0;
  const lane = async () => {
    while (next < programs.length) {
      const program = programs[next++];
      const code = await new Promise<number | null>((resolve) => {
        const p = spawn('/usr/bin/python3', ['-c', program], { stdio: 'ignore', env: {} });
        p.on('exit', (c) => resolve(c));
      });
      if (code === 0) ok++;
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
  return ok;
}

const bench: Bench = {
  name: 'Python sandbox: HumanEval canonical solutions',
  async run(): Promise<BenchRow[]> {
    const cores = availableParallelism();
    const all = tasks();
    const sandbox = createPythonSandbox();
    const ready = await sandbox.available();
    if (!ready.ok) throw new Error(`python sandbox unavailable: ${ready.reason}`);
    const specs: ExecSpec[] = all.map((t) => ({
      language: 'python',
      mode: 'assert',
      source: t.prompt + t.canonical_solution,
      entryPoint: t.entry_point,
      candidateName: 'candidate',
      tests: [`${t.test}\ncheck(candidate)\n`],
      limits: LIMITS,
    }));
    await Promise.all(specs.slice(0, 8).map((s) => sandbox.execute(s))); // warm-up
    let accepted = 0;
    const c0 = cpuMs();
    const t0 = performance.now();
    for (let r = 0; r < ROUNDS; r++) {
      const results = await Promise.all(specs.map((s) => sandbox.execute(s)));
      accepted += results.filter((x) => x.cases.every((c) => c.status === 'ok')).length;
    }
    const sandboxRate = (ROUNDS * all.length) / ((performance.now() - t0) / 1000);
    const sandboxCpu = (cpuMs() - c0) / (ROUNDS * all.length);
    await sandbox.close();

    const programs = all.map(
      (t) => `${t.prompt}${t.canonical_solution}\n${t.test}\ncheck(${t.entry_point})\n`,
    );
    const c1 = cpuMs();
    const t1 = performance.now();
    let baseOk = 0;
    for (let r = 0; r < ROUNDS; r++) baseOk += await processPerRun(programs, cores);
    const baseRate = (ROUNDS * all.length) / ((performance.now() - t1) / 1000);
    const baseCpu = (cpuMs() - c1) / (ROUNDS * all.length);

    return [
      {
        name: 'process per run (python3 -c, no sandbox)',
        value: baseRate,
        unit: 'sol/s',
        note: `${baseOk}/${ROUNDS * all.length} exit 0, ${cores} at once`,
      },
      {
        name: `sandbox (bubblewrap + cgroups ${String(ready.details?.cgroups)}, ${cores} slots)`,
        value: sandboxRate,
        unit: 'sol/s',
        baseline: 'process per run (python3 -c, no sandbox)',
        note: `${accepted}/${ROUNDS * all.length} Accepted`,
      },
      { name: 'process per run: CPU per solution', value: baseCpu, unit: 'ms' },
      {
        name: 'sandbox: CPU per solution (host + sandbox)',
        value: sandboxCpu,
        unit: 'ms',
        baseline: 'process per run: CPU per solution',
        note: `≈ ${Math.floor((cores * 1000) / sandboxCpu)} sol/s on ${cores} idle cores`,
      },
    ];
  },
};

export default bench;
