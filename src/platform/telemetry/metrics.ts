import { Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process, with Node's standard process metrics (process_*, nodejs_*). */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}
