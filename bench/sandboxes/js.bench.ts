/**
 * HumanEval-X JS canonical solutions per second (assert mode, `console.assert` tests), two ways,
 * in the same run:
 * - sandbox: the JS sandbox (isolated-vm, one child per core, fresh isolate per solution and
 *   fresh context per test), all 164 submitted at once, repeated;
 * - baseline: a fresh `node` process per solution (what an exit-code harness does), as many at
 *   once as there are cores, with a throwing console.assert prepended so it checks the same thing.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createJsSandboxes } from '../../sandboxes/js/index.ts';
import type { ExecSpec } from '../../src/core/sandbox.ts';
import type { Bench, BenchRow } from '../lib.ts';

const LIMITS = { timeMs: 4000, memoryMb: 256, outputBytes: 1024 * 1024 };
const THROWING_ASSERT =
  'console.assert = (c, ...m) => { if (!c) throw new Error("Assertion failed " + m.join(" ")); };\n';

interface Task {
  task_id: string;
  prompt: string;
  canonical_solution: string;
  test: string;
}

function tasks(): Task[] {
  return gunzipSync(
    readFileSync(new URL('../../../shared/data/code/humaneval_x_js.jsonl.gz', import.meta.url)),
  )
    .toString()
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Task);
}

const TICK_MS = 10; // USER_HZ = 100 on Linux

/** CPU of a process, ms: [own, reaped children] from /proc/<pid>/stat (utime+stime, cutime+cstime). */
function cpuMs(pid: number | 'self'): [number, number] {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    return [(f[11] + f[12]) * TICK_MS, (f[13] + f[14]) * TICK_MS];
  } catch {
    return [0, 0];
  }
}

/** Run `n` node processes, `width` at a time; returns how many exited 0. */
async function processPerRun(files: string[], width: number): Promise<number> {
  let next = 0;
  let ok = 0;
  const lane = async () => {
    while (next < files.length) {
      const f = files[next++];
      const code = await new Promise<number | null>((resolve) => {
        const p = spawn(process.execPath, [f], { stdio: 'ignore' });
        p.on('exit', (c) => resolve(c));
      });
      if (code === 0) ok++;
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
  return ok;
}

const bench: Bench = {
  name: 'JS sandbox: HumanEval-X canonical solutions',
  async run(): Promise<BenchRow[]> {
    const cores = availableParallelism();
    const all = tasks();
    const specs: ExecSpec[] = all.map((t) => ({
      language: 'javascript',
      source: t.prompt + t.canonical_solution,
      mode: 'assert',
      tests: [t.test],
      limits: LIMITS,
    }));

    // Baseline: a fresh node per solution, `cores` at a time.
    const dir = mkdtempSync(join(tmpdir(), 'rlvr-js-bench-'));
    let baseRate: number;
    let basePassed: number;
    let baseCpu = 0;
    try {
      const files = all.map((t, i) => {
        const f = join(dir, `${i}.js`);
        writeFileSync(f, `${THROWING_ASSERT}${t.prompt}${t.canonical_solution}\n${t.test}`);
        return f;
      });
      await processPerRun(files.slice(0, 8), cores); // warm the page cache
      const [self0, kids0] = cpuMs('self');
      const t0 = performance.now();
      basePassed = await processPerRun(files, cores);
      baseRate = files.length / ((performance.now() - t0) / 1000);
      const [self1, kids1] = cpuMs('self');
      baseCpu = (self1 - self0 + kids1 - kids0) / files.length;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    // Sandbox: every solution submitted at once, 5 rounds after a warm-up round.
    const { javascript, pids } = createJsSandboxes({ size: cores });
    let rate: number;
    let passed = 0;
    let cpu = 0;
    const rounds = 5;
    try {
      await Promise.all(specs.map((s) => javascript.execute(s)));
      const children = pids();
      const cpuNow = () => cpuMs('self')[0] + children.reduce((a, p) => a + cpuMs(p)[0], 0);
      const c0 = cpuNow();
      const t0 = performance.now();
      for (let r = 0; r < rounds; r++) {
        const res = await Promise.all(specs.map((s) => javascript.execute(s)));
        passed = res.filter((x) => x.cases.every((c) => c.status === 'ok')).length;
      }
      rate = (rounds * specs.length) / ((performance.now() - t0) / 1000);
      cpu = (cpuNow() - c0) / (rounds * specs.length);
    } finally {
      await javascript.close();
    }

    const baseName = `process per run (fresh node per solution, ${cores} at once)`;
    return [
      { name: baseName, value: baseRate, unit: 'sol/s', note: `${basePassed}/${all.length} passed` },
      {
        name: `isolated-vm sandbox (${cores} children)`,
        value: rate,
        unit: 'sol/s',
        baseline: baseName,
        note: `${passed}/${all.length} passed, ${rounds}×${all.length} solutions`,
      },
      { name: 'process per run: CPU per solution', value: baseCpu, unit: 'ms' },
      {
        name: 'sandbox: CPU per solution (host + children)',
        value: cpu,
        unit: 'ms',
        baseline: 'process per run: CPU per solution',
        note: `≈ ${Math.round((cores * 1000) / cpu)} sol/s on ${cores} idle cores`,
      },
    ];
  },
};

export default bench;
