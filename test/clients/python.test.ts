/**
 * Runs the Python client's pytest suite (clients/python/tests) with Debian's /usr/bin/python3
 * against a real server listening on a free port, so `npm test` covers the client, its TRL and verl
 * adapters, and its retry logic. `.ci/run` installs python3-pytest.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.ts';
import { buildApp } from '../../src/server/app.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const TESTS = join(ROOT, 'clients/python/tests');

function run(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { cwd: join(ROOT, 'clients/python'), env });
    let out = '';
    p.stdout.on('data', (d) => {
      out += d;
    });
    p.stderr.on('data', (d) => {
      out += d;
    });
    p.on('close', (code) => resolve({ code, out }));
  });
}

describe('python client (pytest against a live server)', () => {
  let app: FastifyInstance;
  let url: string;
  beforeAll(async () => {
    app = await buildApp({ config: defaultConfig(), logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const addr = app.server.address();
    if (addr === null || typeof addr === 'string') throw new Error('no port');
    url = `http://127.0.0.1:${addr.port}`;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('passes every test, none skipped', async () => {
    const expected = readdirSync(TESTS)
      .filter((f) => /^test_.*\.py$/.test(f))
      .reduce((n, f) => n + (readFileSync(join(TESTS, f), 'utf8').match(/^def test_/gm) ?? []).length, 0);
    const { code, out } = await run(
      '/usr/bin/python3',
      ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'tests'],
      {
        ...process.env,
        RLVR_URL: url,
        PYTHONDONTWRITEBYTECODE: '1',
      },
    );
    expect(out, out).not.toMatch(/No module named pytest/);
    expect(code, out).toBe(0);
    const passed = Number(/(\d+) passed/.exec(out)?.[1] ?? 0);
    expect(passed, out).toBe(expected);
    expect(out).not.toMatch(/skipped|failed|error/);
  }, 300_000);
});
