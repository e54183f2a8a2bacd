import { Counter, Gauge, Histogram } from 'prom-client';
import type { MetricsRegistry } from '../../platform/telemetry/index.js';

/** What the gateway sees of the market-data feed it relays. */
export function createFeedMetrics(registry: MetricsRegistry) {
  return {
    feedLag: new Histogram({
      name: 'tradewatch_marketdata_feed_lag_seconds',
      help: 'Time from a market-data update being produced to the gateway receiving it',
      labelNames: ['symbol'], buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry],
    }),
    lastUpdateAge: new Gauge({
      name: 'tradewatch_marketdata_last_update_timestamp_seconds',
      help: 'When the gateway last received an update for the symbol (simulated clock time)',
      labelNames: ['symbol'], registers: [registry],
    }),
    gaps: new Counter({
      name: 'tradewatch_marketdata_sequence_gaps_total',
      help: 'Updates received that skipped a sequence number (the book was resynchronised from a snapshot)',
      labelNames: ['symbol'], registers: [registry],
    }),
    subscribers: new Gauge({
      name: 'tradewatch_marketdata_subscribers',
      help: 'WebSocket market-data subscriptions open on the gateway', labelNames: ['symbol'], registers: [registry],
    }),
    slowConsumers: new Counter({
      name: 'tradewatch_marketdata_slow_consumers_total',
      help: 'WebSocket feed clients disconnected because they could not keep up (feed: market for /ws/market, exchange for /ws/exchange)',
      labelNames: ['feed'], registers: [registry],
    }),
  };
}

export type FeedMetrics = ReturnType<typeof createFeedMetrics>;

/** Flow control of order entry over WebSocket. */
export function createOrderEntryMetrics(registry: MetricsRegistry) {
  return {
    throttled: new Counter({
      name: 'tradewatch_gateway_order_entry_throttled_total',
      help: 'Times a /ws/orders connection stopped being read: too many of its orders in flight, or too many answers it has not read (reason)',
      labelNames: ['reason'], registers: [registry],
    }),
  };
}

export type OrderEntryMetrics = ReturnType<typeof createOrderEntryMetrics>;
