/**
 * Hostile Python programs, one per file in this directory, each naming its attack and expected
 * per-case statuses in a header comment (`# attack:`, `# mode:`, `# expect:` …). While each one
 * runs, a well-behaved solution in the other slot must get its answer; after it, the host must
 * have no new file, no surviving sandbox process, no leftover run cgroup, and still answer. Issue 3, "Done when" (escapes).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExecSpec } from '../../../../src/core/sandbox.ts';
import { createPythonSandbox } from '../../../../sandboxes/python/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '../../../..');
const files = readdirSync(here)
  .filter((f) => f.endsWith('.py'))
  .sort();

interface Header {
  attack: string;
  mode: ExecSpec['mode'];
  expect: string[][];
  [k: string]: unknown;
}

function header(text: string): Header {
  const h: Record<string, unknown> = {};
  for (const line of text.split('\n')) {
    const m = /^# (\w+): (.*)$/.exec(line);
    if (!m) break;
    h[m[1]] = m[1] === 'attack' || m[1] === 'mode' || m[1] === 'entry' || m[1] === 'candidate' ? m[2] : m[2];
  }
  return {
    ...h,
    attack: String(h.attack),
    mode: h.mode as ExecSpec['mode'],
    expect: String(h.expect)
      .split(',')
      .map((s) => s.split('|')),
  };
}

/** Real uids of every process on the host (from /proc/<pid>/status). */
function processUids(): Map<number, number> {
  const out = new Map<number, number>();
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const m = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) out.set(Number(p), Number(m[1]));
    } catch {}
  }
  return out;
}

const ping = () =>
  sandbox.execute({
    language: 'python',
    source: 'def add(a, b):\n    return a + b\n',
    mode: 'function',
    entryPoint: 'add',
    calls: [{ args: [1, 2] }],
    limits: { timeMs: 2000, memoryMb: 128, outputBytes: 1024 },
  });

const MARKERS = ['/tmp', '/', '/usr', repo, here].map((d) => join(d, 'rlvr_escape_marker'));
const sandbox = createPythonSandbox({ maxConcurrency: 2 });
let ready: { ok: boolean; reason?: string; details?: Record<string, unknown> };
let server: Server;
let port = 0;
let connections = 0;

beforeAll(async () => {
  ready = await sandbox.available();
  server = createServer((s) => {
    connections++;
    s.destroy();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  server?.close();
  await sandbox.close();
});

describe('python sandbox escapes', () => {
  it('has at least 20 hostile programs, each naming its attack and expected verdicts', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
    for (const f of files) {
      const h = header(readFileSync(join(here, f), 'utf8'));
      expect(h.attack.length, f).toBeGreaterThan(10);
      expect(['function', 'stdio', 'assert'], f).toContain(h.mode);
      expect(h.expect.length, f).toBeGreaterThan(0);
    }
  });

  it('sandbox is available (bubblewrap installed; .ci/run installs it)', () => {
    expect(ready.reason ?? 'ok').toBe('ok');
  });

  for (const file of files) {
    const source = readFileSync(join(here, file), 'utf8');
    const h = header(source);
    it(`${file}: ${h.attack}`, async () => {
      if (!ready.ok) return expect.fail(`python sandbox unavailable: ${ready.reason}`);
      const limits = { timeMs: 1000, memoryMb: 256, outputBytes: 1 << 20, ...JSON.parse(String(h.limits ?? '{}')) };
      const spec: ExecSpec = { language: 'python', source, mode: h.mode, limits };
      if (h.preamble) spec.preamble = JSON.parse(String(h.preamble));
      if (h.mode === 'function') {
        const calls = JSON.parse(String(h.calls).replace('"{{PORT}}"', String(port))) as unknown[][];
        spec.entryPoint = String(h.entry);
        spec.calls = calls.map((args) => ({ args }));
      } else if (h.mode === 'stdio') {
        spec.stdins = JSON.parse(String(h.stdins));
      } else {
        spec.entryPoint = h.entry ? String(h.entry) : undefined;
        spec.candidateName = h.candidate ? String(h.candidate) : undefined;
        spec.tests = JSON.parse(String(h.tests));
      }
      const before = processUids();
      // A well-behaved solution runs beside the hostile one (the other slot) and must be unaffected.
      const [result, during] = await Promise.all([sandbox.execute(spec), ping()]);
      expect(during.cases[0]).toMatchObject({ status: 'ok', value: 3 });
      const statuses = result.cases.map((c) => c.status);
      expect(result.compileError).toBeUndefined();
      expect(statuses.length).toBe(h.expect.length);
      statuses.forEach((s, i) => {
        expect(h.expect[i], `case ${i}: ${s} (${result.cases[i].error ?? ''})`).toContain(s);
      });
      if (h.values) {
        expect(result.cases.map((c) => c.value)).toEqual(JSON.parse(String(h.values)));
      }
      if (h.stdout) expect(result.cases.map((c) => c.stdout)).toEqual(JSON.parse(String(h.stdout)));
      for (const c of result.cases) expect(c.stdout.length + c.stderr.length).toBeLessThanOrEqual(2 * limits.outputBytes);

      // The host: no new file, no surviving sandbox process, no run cgroup left, still answering.
      for (const m of MARKERS) expect(existsSync(m), m).toBe(false);
      const [lo, hi] = ready.details!.uids as number[];
      const survivors = [...processUids()].filter(([pid, uid]) => uid >= lo && uid <= hi && !before.has(pid));
      expect(survivors).toEqual([]);
      const cgroupDetail = String(ready.details!.cgroupsDetail ?? '');
      for (const base of cgroupDetail.matchAll(/: (\/sys\/fs\/cgroup\/\S+?)(?:,|$)/g)) {
        expect(readdirSync(base[1]).filter((d) => d.startsWith('run-'))).toEqual([]);
      }
      const after = await ping();
      expect(after.cases[0]).toMatchObject({ status: 'ok', value: 3 });
      expect(connections).toBe(0);
    });
  }
});
