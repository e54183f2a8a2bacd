import { ALL_TARGET, targetNames } from '../platform/lifecycle/index.js';

export const GATEWAY_PORT = 8080;
const METRICS_PORT_BASE = 9400;

/**
 * Default HTTP port of a process: 8080 for the gateway (and `all`), and in distributed mode a
 * fixed port per target from 9400 up, so Prometheus knows where to scrape each one. A process
 * running several modules takes the gateway's port if it runs the gateway, else its first module's.
 */
const TARGET_PORTS: Record<string, number> = {
  [ALL_TARGET]: GATEWAY_PORT,
  gateway: GATEWAY_PORT,
  'market-data': METRICS_PORT_BASE + 1,
  exchange: METRICS_PORT_BASE + 2,
  'strategy-engine': METRICS_PORT_BASE + 3,
  'risk-monitor': METRICS_PORT_BASE + 4,
  custodian: METRICS_PORT_BASE + 5,
  chaos: METRICS_PORT_BASE + 6,
  'audit-correlator': METRICS_PORT_BASE + 7,
  observability: METRICS_PORT_BASE + 8,
};

export function portFor(target: string): number {
  const names = targetNames(target);
  return TARGET_PORTS[names.includes('gateway') ? 'gateway' : names[0]!] ?? METRICS_PORT_BASE;
}
