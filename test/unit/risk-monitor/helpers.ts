import { MICROS, tradingInstrument, type TradingInstrument } from '../../../src/contracts/trading.js';
import { RiskEngine, DEFAULT_RISK_LIMITS, type BuyingPower, type RiskLimits, type RiskOrder } from '../../../src/services/risk-monitor/core/index.js';

/**
 * BTC-USD: tick $0.01, lot 0.0001 BTC, so notional micros = ticks x lots (1 lot at $60,000 = $6).
 * AAPL: tick $0.01, lot 1 share, so notional micros = ticks x lots x 10,000.
 */
export const INSTRUMENTS: ReadonlyMap<string, TradingInstrument> = new Map([
  tradingInstrument({ symbol: 'BTC-USD', assetClass: 'crypto', tickSize: '0.01', lotSize: '0.0001', initialPrice: '60000' }),
  tradingInstrument({ symbol: 'AAPL', assetClass: 'equity', tickSize: '0.01', lotSize: '1', initialPrice: '190' }),
].map((i) => [i.symbol, i]));

export const BTC_PRICE = 6_000_000;
export const AAPL_PRICE = 19_000;
export const dollars = (n: number) => n * MICROS;

/** Enough of everything: buying power never decides unless a test says so. */
export const RICH: BuyingPower = { quoteAvailable: dollars(1e9), baseAvailable: dollars(1e9) };

/** An engine with both references set at time 0. */
export function newEngine(patch: Partial<RiskLimits> = {}): RiskEngine {
  const engine = new RiskEngine(INSTRUMENTS, { ...DEFAULT_RISK_LIMITS, ...patch });
  engine.onReference('BTC-USD', BTC_PRICE, 0);
  engine.onReference('AAPL', AAPL_PRICE, 0);
  return engine;
}

/** A $60 limit buy of 10 lots of BTC-USD at the reference, by strategy s1. */
export function order(fields: Partial<RiskOrder> = {}): RiskOrder {
  return {
    strategy: 's1', account: 'acct-1', kind: 'submit', symbol: 'BTC-USD', side: 'buy', type: 'limit',
    priceTicks: BTC_PRICE, qtyLots: 10, clientOrderId: null, ...fields,
  };
}

/** The code of a decision, or 'OK'. */
export function codeOf(decision: { ok: boolean; code?: string }): string {
  return decision.ok ? 'OK' : decision.code!;
}

export const fill = (fields: { strategy?: string; symbol?: string; side?: 'buy' | 'sell'; priceTicks?: number; qtyLots: number; timeMs?: number }) => ({
  strategy: 's1', symbol: 'BTC-USD', side: 'buy' as const, priceTicks: BTC_PRICE, timeMs: 0, ...fields,
});
