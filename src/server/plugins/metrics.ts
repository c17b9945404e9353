/**
 * Prometheus metrics: the only module that imports prom-client. It implements the Telemetry port
 * (src/core/telemetry.ts) and declares every name in METRIC_NAMES exactly once, with its labels
 * (undici's diagnostics-channel list is the model: names are data, declared in one place).
 * Each app gets its own registry, so tests can build several apps in one process.
 */
import type { FastifyInstance } from 'fastify';
import client from 'prom-client';
import type { Labels, MetricName, Telemetry } from '../../core/telemetry.ts';

type AnyMetric = client.Counter<string> | client.Histogram<string> | client.Gauge<string>;

/** Buckets for grading durations, seconds: 0.1 ms … 60 s. */
const DURATION_BUCKETS = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60];
/** Buckets for batch sizes, items. */
const BATCH_BUCKETS = [1, 4, 16, 64, 128, 256, 512, 1024, 2048, 4096, 8192];

/** Every metric: kind, help text and label names. Keys must be exactly METRIC_NAMES (type-checked). */
const DECLARATIONS: Record<
  MetricName,
  { kind: 'counter' | 'histogram' | 'gauge'; help: string; labels: string[]; buckets?: number[] }
> = {
  rlvr_items_total: {
    kind: 'counter',
    help: 'Items graded, by task and verdict.',
    labels: ['task', 'verdict'],
  },
  rlvr_grade_duration_seconds: {
    kind: 'histogram',
    help: 'Time spent grading one item (worker time for pool graders), seconds, by task.',
    labels: ['task'],
    buckets: DURATION_BUCKETS,
  },
  rlvr_batch_size: {
    kind: 'histogram',
    help: 'Items per request, by route.',
    labels: ['route'],
    buckets: BATCH_BUCKETS,
  },
  rlvr_items_in_flight: { kind: 'gauge', help: 'Items accepted and not yet answered.', labels: [] },
  rlvr_timeouts_total: {
    kind: 'counter',
    help: 'Items that hit their grading deadline (verdict timeout), by task.',
    labels: ['task'],
  },
  rlvr_worker_restarts_total: {
    kind: 'counter',
    help: 'Grading workers terminated (deadline or crash) and replaced, by pool.',
    labels: ['pool'],
  },
  rlvr_sandbox_queue_depth: {
    kind: 'gauge',
    help: 'Code executions waiting for a sandbox, by language.',
    labels: ['language'],
  },
  rlvr_executions_total: {
    kind: 'counter',
    help: 'Code executions, by language and verdict.',
    labels: ['language', 'verdict'],
  },
  rlvr_sandbox_start_failures_total: {
    kind: 'counter',
    help: 'Sandboxes that failed to start (our side), by language.',
    labels: ['language'],
  },
  rlvr_sandbox_restarts_total: {
    kind: 'counter',
    help: 'Sandbox processes that died and were replaced, by language.',
    labels: ['language'],
  },
};

export interface Metrics {
  registry: client.Registry;
  telemetry: Telemetry;
}

/** What this server can label its failure counters with, known at start-up. */
export interface KnownLabels {
  /** Task grader ids (`math`, `countdown`, `code`…): `rlvr_timeouts_total{task}`. */
  tasks?: readonly string[];
  /** Sandbox languages (`python`, `javascript`, `typescript`): the `rlvr_sandbox_*_total{language}` counters. */
  languages?: readonly string[];
}

/** The engine's one worker pool (src/engine/pool.ts labels its restarts `pool="grade"`). */
const POOLS = ['grade'];

/**
 * A fresh registry with every rlvr_* metric and the default process metrics.
 *
 * The failure counters (timeouts, worker restarts, sandbox start failures and restarts) start
 * with a 0 series for every label value in `known`: a counter with no series until its first
 * increase breaks `rate()` and `increase()`-based alerts and leaves dashboards empty (the
 * Prometheus instrumentation guide's advice: initialise the label values you know in advance).
 */
export function createMetrics(known: KnownLabels = {}): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const metrics = new Map<MetricName, AnyMetric>();
  for (const [name, d] of Object.entries(DECLARATIONS) as [MetricName, (typeof DECLARATIONS)[MetricName]][]) {
    const common = { name, help: d.help, labelNames: d.labels, registers: [registry] };
    const m =
      d.kind === 'counter'
        ? new client.Counter(common)
        : d.kind === 'gauge'
          ? new client.Gauge(common)
          : new client.Histogram({ ...common, buckets: d.buckets });
    metrics.set(name, m);
  }
  const zero = (name: MetricName, label: string, values: readonly string[]) => {
    const m = metrics.get(name);
    if (m instanceof client.Counter) for (const v of values) m.inc({ [label]: v }, 0);
  };
  zero('rlvr_timeouts_total', 'task', known.tasks ?? []);
  zero('rlvr_worker_restarts_total', 'pool', POOLS);
  zero('rlvr_sandbox_start_failures_total', 'language', known.languages ?? []);
  zero('rlvr_sandbox_restarts_total', 'language', known.languages ?? []);
  const get = <T extends AnyMetric>(name: MetricName, kind: new (...a: never[]) => T): T => {
    const m = metrics.get(name);
    if (!(m instanceof kind)) throw new Error(`metric ${name} is not a ${kind.name}`);
    return m;
  };
  const telemetry: Telemetry = {
    inc(name, labels: Labels = {}, n = 1) {
      get(name, client.Counter).inc(labels, n);
    },
    observe(name, labels, value) {
      get(name, client.Histogram).observe(labels, value);
    },
    set(name, labels, value) {
      get(name, client.Gauge).set(labels, value);
    },
    add(name, labels, delta) {
      get(name, client.Gauge).inc(labels, delta);
    },
  };
  return { registry, telemetry: Object.freeze(telemetry) };
}

/** `GET /metrics` in the Prometheus text format. */
export async function metricsRoute(app: FastifyInstance, opts: { metrics: Metrics }): Promise<void> {
  app.get(
    '/metrics',
    {
      schema: {
        tags: ['ops'],
        summary: 'Prometheus metrics',
        description: 'rlvr_* metrics (see docs/api.md) and default process metrics, Prometheus text format.',
        produces: ['text/plain'],
        response: { 200: { type: 'string', description: 'Prometheus exposition format.' } },
      },
    },
    async (_req, reply) => {
      reply.header('content-type', opts.metrics.registry.contentType);
      return opts.metrics.registry.metrics();
    },
  );
}
