/**
 * The README is part of the contract: exactly the two set-up commands, the configuration table
 * generated from src/config.ts, every endpoint of openapi.yaml, and links that resolve.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configMarkdownTable, defaultConfig } from '../../src/config.ts';
import { buildApp } from '../../src/server/app.ts';

const root = new URL('../../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');

describe('README.md', () => {
  it('has exactly the two set-up commands', () => {
    const shellBlocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1].trim());
    const setup = shellBlocks.filter((b) => b.startsWith('npm ci'));
    expect(setup).toEqual(['npm ci && npm start', 'npm ci && npm test']);
  });

  it('embeds the configuration table generated from the config schema', () => {
    const m = /<!-- config:begin[^>]*-->\n([\s\S]*?)\n<!-- config:end -->/.exec(readme);
    expect(m, 'config markers').not.toBeNull();
    expect(m![1]).toBe(configMarkdownTable());
  });

  it('lists every endpoint of openapi.yaml', () => {
    const doc = parse(readFileSync(new URL('openapi.yaml', root), 'utf8'));
    for (const path of Object.keys(doc.paths)) {
      const shown = path.replace('{*}', '{id}');
      expect(readme, path).toContain(shown);
    }
  });

  it('links only to files that exist', () => {
    for (const [, target] of readme.matchAll(/\]\(((?!https?:)[^)#]+)(#[^)]*)?\)/g)) {
      expect(existsSync(new URL(target, root)), target).toBe(true);
    }
  });

  it('shows a curl example whose reply is what the server answers', async () => {
    const body = /curl -s localhost:8000\/reward .*-d '([\s\S]*?)'\n/.exec(readme)?.[1];
    expect(body, 'curl example').toBeDefined();
    const shown = JSON.parse(/```json\n(\{"rewards"[\s\S]*?)```/.exec(readme)![1]);
    const app = await buildApp({ config: defaultConfig({ WORKERS: 1 }), logger: false });
    try {
      const res = await app.inject({ method: 'POST', url: '/reward', payload: JSON.parse(body!) });
      expect(res.statusCode).toBe(200);
      const got = res.json();
      expect(got.rewards).toEqual(shown.rewards);
      for (const [i, r] of shown.results.entries()) {
        expect(got.results[i]).toMatchObject({
          id: r.id,
          reward: r.reward,
          components: r.components,
          verdict: r.verdict,
          extracted: r.extracted,
        });
      }
    } finally {
      await app.close();
    }
  });
});
