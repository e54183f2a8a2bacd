import { Counter, Gauge, Histogram } from 'prom-client';
import type { MetricsRegistry } from '../../platform/telemetry/index.js';

/** Labels are bounded: configured strategies, limit names, catalogue codes, severities. */
export function createRiskMetrics(registry: MetricsRegistry) {
  return {
    decisions: new Counter({ name: 'tradewatch_risk_decisions_total', help: 'Pre-trade decisions by outcome and code', labelNames: ['outcome', 'code'], registers: [registry] }),
    checkLatency: new Histogram({
      name: 'tradewatch_risk_check_duration_seconds', help: 'Pre-trade check time, buying-power lookup included',
      buckets: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.1, 0.5], registers: [registry],
    }),
    killSwitch: new Gauge({ name: 'tradewatch_risk_kill_switch_engaged', help: '1 while a kill switch is engaged (scope: global or the strategy)', labelNames: ['scope'], registers: [registry] }),
    utilization: new Gauge({ name: 'tradewatch_risk_limit_utilization_ratio', help: 'Share of a limit in use (1 = at the limit)', labelNames: ['strategy', 'limit'], registers: [registry] }),
    breaches: new Counter({ name: 'tradewatch_risk_limit_breaches_total', help: 'Limit breach events by severity', labelNames: ['limit', 'severity'], registers: [registry] }),
    pnl: new Gauge({ name: 'tradewatch_risk_pnl_dollars', help: 'P&L per strategy as risk sees it', labelNames: ['strategy', 'kind'], registers: [registry] }),
  };
}

export type RiskMetrics = ReturnType<typeof createRiskMetrics>;
