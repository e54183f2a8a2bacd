import { Registry, collectDefaultMetrics } from 'prom-client';

/**
 * prom-client's defaults include gauges named *_total, which Prometheus conventions (and
 * `promtool check metrics`) reserve for counters; they are left out.
 */
const NON_CONFORMING_DEFAULTS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

/** One registry per process, with Node's standard process metrics (process_*, nodejs_*). */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  for (const name of NON_CONFORMING_DEFAULTS) registry.removeSingleMetric(name);
  return registry;
}
