import { Counter, Gauge, Histogram } from 'prom-client';
import type { MetricsRegistry } from '../../platform/telemetry/index.js';

/** What the market-data service produces. Labels: symbol only (a fixed, configured set). */
export function createMarketDataMetrics(registry: MetricsRegistry) {
  return {
    updates: new Counter({
      name: 'tradewatch_marketdata_updates_total', help: 'Market-data updates published', labelNames: ['symbol'], registers: [registry],
    }),
    lastPrice: new Gauge({
      name: 'tradewatch_marketdata_last_price', help: 'Last traded price in quote currency', labelNames: ['symbol'], registers: [registry],
    }),
    midPrice: new Gauge({
      name: 'tradewatch_marketdata_mid_price', help: 'Mid of best bid and ask in quote currency', labelNames: ['symbol'], registers: [registry],
    }),
    spread: new Gauge({
      name: 'tradewatch_marketdata_spread_ticks', help: 'Best ask minus best bid, in ticks', labelNames: ['symbol'], registers: [registry],
    }),
    tickDuration: new Histogram({
      name: 'tradewatch_marketdata_tick_duration_seconds', help: 'Time to compute and publish one tick for all instruments',
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05], registers: [registry],
    }),
    publishErrors: new Counter({
      name: 'tradewatch_marketdata_publish_errors_total', help: 'Updates that could not be published on the bus', registers: [registry],
    }),
  };
}

export type MarketDataMetrics = ReturnType<typeof createMarketDataMetrics>;
