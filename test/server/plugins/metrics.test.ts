/**
 * The failure counters have a 0 series from start-up (not only after their first increase), so
 * `rate()`/`increase()` alerts and dashboards work on a fresh server.
 */
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../../src/server/plugins/metrics.ts';
import { fixtureApp } from '../helpers.ts';

describe('metrics start at 0 for the label values known at start-up', () => {
  it('createMetrics: tasks, the grade pool and sandbox languages', async () => {
    const { registry, telemetry } = createMetrics({ tasks: ['math', 'code'], languages: ['python'] });
    let text = await registry.metrics();
    expect(text).toContain('rlvr_timeouts_total{task="math"} 0');
    expect(text).toContain('rlvr_timeouts_total{task="code"} 0');
    expect(text).toContain('rlvr_worker_restarts_total{pool="grade"} 0');
    expect(text).toContain('rlvr_sandbox_start_failures_total{language="python"} 0');
    expect(text).toContain('rlvr_sandbox_restarts_total{language="python"} 0');
    telemetry.inc('rlvr_timeouts_total', { task: 'math' });
    text = await registry.metrics();
    expect(text).toContain('rlvr_timeouts_total{task="math"} 1');
    expect(text).toContain('rlvr_timeouts_total{task="code"} 0');
  });

  it('the app initialises its own task graders before any request', async () => {
    const app = await fixtureApp({ WORKERS: 1 });
    try {
      const text = (await app.inject({ url: '/metrics' })).body;
      const tasks = [...text.matchAll(/^rlvr_timeouts_total\{task="([^"]+)"\} 0$/gm)].map((m) => m[1]);
      expect(tasks.length).toBeGreaterThan(0);
      expect(tasks).toContain('echo');
      expect(tasks).toContain('hazard');
      expect(text).toMatch(/^rlvr_worker_restarts_total\{pool="grade"\} 0$/m);
    } finally {
      await app.close();
    }
  });
});
