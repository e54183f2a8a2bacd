import { Counter, Gauge, Histogram } from 'prom-client';
import type { MetricsRegistry } from '../../platform/telemetry/index.js';

/** Labels are bounded: symbol (configured set), reason (catalogue codes), type/outcome enums. */
export function createExchangeMetrics(registry: MetricsRegistry) {
  return {
    received: new Counter({ name: 'tradewatch_exchange_orders_received_total', help: 'Order commands received', labelNames: ['command'], registers: [registry] }),
    accepted: new Counter({ name: 'tradewatch_exchange_orders_accepted_total', help: 'Orders accepted by the book', labelNames: ['symbol'], registers: [registry] }),
    rejected: new Counter({ name: 'tradewatch_exchange_orders_rejected_total', help: 'Order commands rejected, by reason code', labelNames: ['reason'], registers: [registry] }),
    trades: new Counter({ name: 'tradewatch_exchange_trades_total', help: 'Trades executed', labelNames: ['symbol'], registers: [registry] }),
    tradedQty: new Counter({ name: 'tradewatch_exchange_traded_lots_total', help: 'Quantity traded, in lots', labelNames: ['symbol'], registers: [registry] }),
    matchLatency: new Histogram({
      name: 'tradewatch_exchange_match_duration_seconds', help: 'Time the matching engine took for one command',
      buckets: [0.000001, 0.000005, 0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.005], registers: [registry],
    }),
    ackLatency: new Histogram({
      name: 'tradewatch_exchange_order_ack_duration_seconds', help: 'From receiving an order command to its durable acknowledgement',
      labelNames: ['command'], buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1], registers: [registry],
      enableExemplars: true,
    }),
    commitBatch: new Histogram({ name: 'tradewatch_exchange_commit_batch_size', help: 'Journal entries per group commit', buckets: [1, 2, 5, 10, 50, 100, 500, 1000, 5000], registers: [registry] }),
    commitLatency: new Histogram({
      name: 'tradewatch_exchange_commit_duration_seconds', help: 'Time of one group commit (database write latency)',
      buckets: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1], registers: [registry],
    }),
    bookDepth: new Gauge({ name: 'tradewatch_exchange_book_depth_lots', help: 'Resting quantity in the top 10 levels', labelNames: ['symbol', 'side'], registers: [registry] }),
    spread: new Gauge({ name: 'tradewatch_exchange_spread_ticks', help: 'Best ask minus best bid of the exchange book', labelNames: ['symbol'], registers: [registry] }),
    restingOrders: new Gauge({ name: 'tradewatch_exchange_resting_orders', help: 'Orders resting in the book', labelNames: ['symbol'], registers: [registry] }),
    halted: new Gauge({ name: 'tradewatch_exchange_trading_halted', help: '1 while the book is halted', labelNames: ['symbol'], registers: [registry] }),
    halts: new Counter({ name: 'tradewatch_exchange_halts_total', help: 'Trading halts, by circuit-breaker level (0: an operator halt)', labelNames: ['symbol', 'level'], registers: [registry] }),
    available: new Gauge({ name: 'tradewatch_exchange_available', help: '1 while the exchange accepts orders', registers: [registry] }),
    entriesSinceSnapshot: new Gauge({
      name: 'tradewatch_exchange_journal_entries_since_snapshot', help: 'Journal entries after the newest stored snapshot of the exchange state: what a start would replay', registers: [registry],
    }),
  };
}

export type ExchangeMetrics = ReturnType<typeof createExchangeMetrics>;
