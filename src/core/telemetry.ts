/**
 * Telemetry port: how graders, sandboxes and the engine report counts and timings without
 * importing prom-client. `src/server/plugins/metrics.ts` is the only implementation that exports
 * to Prometheus; it declares every `rlvr_*` metric once. Names are listed here so a typo is a type
 * error, not a silently new metric.
 */

/** Every metric name the project emits (Prometheus names, without label values). */
export const METRIC_NAMES = [
  'rlvr_items_total', // counter {task, verdict}
  'rlvr_grade_duration_seconds', // histogram {task}
  'rlvr_batch_size', // histogram {route}
  'rlvr_items_in_flight', // gauge
  'rlvr_timeouts_total', // counter {task}
  'rlvr_worker_restarts_total', // counter {pool}
  'rlvr_sandbox_queue_depth', // gauge {language}
  'rlvr_executions_total', // counter {language, verdict}
  'rlvr_sandbox_start_failures_total', // counter {language}
  'rlvr_sandbox_restarts_total', // counter {language}
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];
export type Labels = Record<string, string>;

export interface Telemetry {
  /** Add `n` (default 1) to a counter. */
  inc(name: MetricName, labels?: Labels, n?: number): void;
  /** Record one observation (seconds for durations) in a histogram. */
  observe(name: MetricName, labels: Labels, value: number): void;
  /** Set a gauge, or add `delta` to it with `add`. */
  set(name: MetricName, labels: Labels, value: number): void;
  add(name: MetricName, labels: Labels, delta: number): void;
}

/** Telemetry that records nothing (tests, the CLI). */
export const NOOP_TELEMETRY: Telemetry = Object.freeze({
  inc() {},
  observe() {},
  set() {},
  add() {},
});

let current: Telemetry = NOOP_TELEMETRY;

/** The process-wide telemetry sink; the server installs the Prometheus one at start-up. */
export function telemetry(): Telemetry {
  return current;
}

export function setTelemetry(t: Telemetry): void {
  current = t;
}
