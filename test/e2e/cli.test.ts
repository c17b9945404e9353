/**
 * The `rlvr` executable as a user runs it: started by the system's older Node, it re-runs itself
 * on the Node 24 in node_modules; a bad configuration stops `serve` with every bad variable named.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { ROOT } from './helpers.ts';

const run = (node: string, args: string[], env: Record<string, string> = {}) =>
  spawnSync(node, [`${ROOT}bin/rlvr.js`, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('bin/rlvr.js', () => {
  it.runIf(existsSync('/usr/bin/node'))('runs under the system Node (20) by re-running on Node 24', () => {
    const r = run('/usr/bin/node', ['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('refuses to serve with a bad configuration, naming each bad variable', () => {
    const r = run(process.execPath, ['serve'], { PORT: 'eighty', GRADE_TIMEOUT_MS: '-5' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Invalid configuration');
    expect(r.stderr).toContain('PORT="eighty"');
    expect(r.stderr).toContain('GRADE_TIMEOUT_MS');
  });
});
