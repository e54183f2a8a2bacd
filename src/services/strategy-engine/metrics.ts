import { Counter, Gauge } from 'prom-client';
import { MICROS } from '../../contracts/trading.js';
import type { StrategyStatus } from './core/index.js';
import { splitSignalKey } from './core/index.js';
import type { MetricsRegistry } from '../../platform/telemetry/index.js';

/** Labels are bounded: configured strategies and symbols, signal names, catalogue codes. */
export function createStrategyMetrics(registry: MetricsRegistry) {
  const m = {
    intents: new Counter({ name: 'tradewatch_strategy_orders_sent_total', help: 'Orders and cancels a strategy sent to risk', labelNames: ['strategy', 'kind'], registers: [registry] }),
    rejected: new Counter({ name: 'tradewatch_strategy_orders_rejected_total', help: 'Strategy orders refused by risk or the exchange, by code', labelNames: ['strategy', 'code'], registers: [registry] }),
    fills: new Gauge({ name: 'tradewatch_strategy_fills', help: 'Fills of the strategy since start', labelNames: ['strategy'], registers: [registry] }),
    realized: new Gauge({ name: 'tradewatch_strategy_realized_pnl_dollars', help: 'Realized P&L', labelNames: ['strategy'], registers: [registry] }),
    unrealized: new Gauge({ name: 'tradewatch_strategy_unrealized_pnl_dollars', help: 'Unrealized P&L at the market mid', labelNames: ['strategy'], registers: [registry] }),
    position: new Gauge({ name: 'tradewatch_strategy_position_lots', help: 'Signed position', labelNames: ['strategy', 'symbol'], registers: [registry] }),
    openOrders: new Gauge({ name: 'tradewatch_strategy_open_orders', help: 'Orders open at the exchange', labelNames: ['strategy'], registers: [registry] }),
    paused: new Gauge({ name: 'tradewatch_strategy_paused', help: '1 while the strategy is paused', labelNames: ['strategy'], registers: [registry] }),
    signal: new Gauge({ name: 'tradewatch_strategy_signal', help: 'The latest value of a strategy signal', labelNames: ['strategy', 'symbol', 'signal'], registers: [registry] }),
  };
  return {
    ...m,
    /** Sets the gauges from a status snapshot. */
    observe(statuses: StrategyStatus[]): void {
      for (const s of statuses) {
        m.fills.set({ strategy: s.name }, s.fills);
        m.realized.set({ strategy: s.name }, s.realized / MICROS);
        m.unrealized.set({ strategy: s.name }, s.unrealized / MICROS);
        m.openOrders.set({ strategy: s.name }, s.openOrders);
        m.paused.set({ strategy: s.name }, s.paused ? 1 : 0);
        for (const p of s.positions) m.position.set({ strategy: s.name, symbol: p.symbol }, p.qty);
        for (const [key, value] of Object.entries(s.signals)) {
          const { symbol, signal } = splitSignalKey(key);
          if (Number.isFinite(value)) m.signal.set({ strategy: s.name, symbol, signal }, value);
        }
      }
    },
  };
}

export type StrategyMetrics = ReturnType<typeof createStrategyMetrics>;
