import { Counter, Gauge, Histogram } from 'prom-client';
import type { MetricsRegistry } from '../../platform/telemetry/index.js';

/** Labels are bounded: state and outcome enums, reason codes from the catalogue, asset classes. */
export function createCustodianMetrics(registry: MetricsRegistry) {
  return {
    settlements: new Counter({ name: 'tradewatch_custodian_settlements_total', help: 'Settlement attempts by outcome (settled, retried, failed)', labelNames: ['outcome'], registers: [registry] }),
    failures: new Counter({ name: 'tradewatch_custodian_settlement_failures_total', help: 'Failed settlement attempts by reason', labelNames: ['reason'], registers: [registry] }),
    pending: new Gauge({ name: 'tradewatch_custodian_settlements_pending', help: 'Settlements not yet final (pending or waiting for a retry)', registers: [registry] }),
    oldestPendingAge: new Gauge({ name: 'tradewatch_custodian_oldest_pending_settlement_age_seconds', help: 'Age of the oldest unfinished settlement', registers: [registry] }),
    latency: new Histogram({
      name: 'tradewatch_custodian_settlement_duration_seconds', help: 'From trade to final settlement', labelNames: ['asset_class'],
      buckets: [1, 2, 5, 10, 30, 60, 300, 3600, 86_400, 172_800], registers: [registry],
    }),
    reserveRefused: new Counter({ name: 'tradewatch_custodian_reservations_refused_total', help: 'Orders the custodian could not reserve funds or inventory for', registers: [registry] }),
  };
}

export type CustodianMetrics = ReturnType<typeof createCustodianMetrics>;
