/**
 * Hostile JavaScript programs (one per file in this folder, attack and expected verdict in the
 * header comment) run through the JS sandbox. After each: the expected status, no file the
 * attack tried to create, no process left under a sandbox child, and the sandbox answers a
 * benign job submitted at the same time.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createJsSandboxes } from '../../../../sandboxes/js/index.ts';
import type { ExecSpec } from '../../../../src/core/sandbox.ts';

const DIR = new URL('./', import.meta.url);
const sandboxes = createJsSandboxes({ size: 2, graceMs: 1000 });
const js = sandboxes.javascript;
const LIMITS = { timeMs: 1000, memoryMb: 64, outputBytes: 64 * 1024 };

interface Attack {
  file: string;
  attack: string;
  spec: ExecSpec;
  expect: string;
  stdout?: string;
  /** function mode: the value the host must receive (JSON). */
  value?: string;
  mustNotExist: string[];
}

function parse(file: string): Attack {
  const text = readFileSync(new URL(file, DIR), 'utf8');
  const header: Record<string, string[]> = {};
  for (const line of text.split('\n')) {
    const m = /^\/\/ ([a-z-]+):(?: (.*))?$/.exec(line);
    if (!m) break;
    (header[m[1]] ??= []).push(m[2] ?? '');
  }
  const one = (k: string) => header[k]?.[0];
  const mode = one('mode') as ExecSpec['mode'];
  const spec: ExecSpec = { language: 'javascript', source: text, mode, limits: LIMITS };
  if (mode === 'function') {
    spec.entryPoint = one('entry');
    spec.calls = [{ args: [1] }];
  } else if (mode === 'stdio') spec.stdins = [''];
  else spec.tests = [one('test')!];
  return {
    file,
    attack: one('attack')!,
    spec,
    expect: one('expect')!,
    stdout: one('stdout'),
    value: one('value'),
    mustNotExist: header['must-not-exist'] ?? [],
  };
}

/** Processes whose parent is one of `pids`. */
function childrenOf(pids: number[]): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (pids.includes(ppid)) out.push(Number(d));
    } catch {}
  }
  return out;
}

const attacks = readdirSync(DIR)
  .filter((f) => f.endsWith('.js'))
  .sort()
  .map(parse);

const BENIGN: ExecSpec = {
  language: 'javascript',
  source: 'const add = (a, b) => a + b;',
  mode: 'function',
  entryPoint: 'add',
  calls: [{ args: [2, 3] }],
  limits: LIMITS,
};

describe('JS sandbox escapes', () => {
  afterAll(async () => {
    const pids = sandboxes.pids();
    await js.close();
    for (const pid of pids) expect(existsSync(`/proc/${pid}`)).toBe(false);
  });

  it('has at least 20 hostile programs, each naming its attack and verdict', () => {
    expect(attacks.length).toBeGreaterThanOrEqual(20);
    for (const a of attacks) {
      expect(a.attack, a.file).toBeTruthy();
      expect(['ok', 'runtime_error', 'timeout', 'memory', 'output_limit', 'invalid_return']).toContain(a.expect);
    }
  });

  for (const a of attacks) {
    it(`${a.file}: ${a.attack} → ${a.expect}`, async () => {
      const [r, benign] = await Promise.all([js.execute(a.spec), js.execute(BENIGN)]);
      expect(r.compileError, JSON.stringify(r)).toBeUndefined();
      expect(r.cases[0].status, JSON.stringify(r.cases[0]).slice(0, 500)).toBe(a.expect);
      if (a.stdout !== undefined) expect(r.cases[0].stdout.trim()).toBe(a.stdout);
      if (a.value !== undefined) expect(r.cases[0].value).toEqual(JSON.parse(a.value));
      for (const p of a.mustNotExist) expect(existsSync(p), p).toBe(false);
      expect(benign.cases[0]).toMatchObject({ status: 'ok', value: 5 });
      expect(childrenOf(sandboxes.pids())).toEqual([]);
    });
  }
});
