import { MICROS, tradingInstrument, type TradingInstrument } from '../../../src/contracts/trading.js';
import { Custody, DEFAULT_CUSTODY_CONFIG, type CustodyConfig, type CustodyTrade } from '../../../src/services/custodian/core/index.js';

/** BTC-USD: 1 tick = $0.01, 1 lot = 0.0001 BTC = 100 micros; notional micros = ticks x lots. */
export const BTC = tradingInstrument({ symbol: 'BTC-USD', assetClass: 'crypto', tickSize: '0.01', lotSize: '0.0001', initialPrice: '65000' });
/** USDC-USD: 1 tick = $0.0001, 1 lot = 1 USDC; notional micros = 100 x ticks x lots. */
export const USDC = tradingInstrument({ symbol: 'USDC-USD', assetClass: 'stablecoin', tickSize: '0.0001', lotSize: '1', initialPrice: '1' });
/** AAPL: 1 tick = $0.01, 1 lot = 1 share; notional micros = 10_000 x ticks x lots. */
export const AAPL = tradingInstrument({ symbol: 'AAPL', assetClass: 'equity', tickSize: '0.01', lotSize: '1', initialPrice: '190' });

export const INSTRUMENTS: ReadonlyMap<string, TradingInstrument> = new Map([BTC, USDC, AAPL].map((i) => [i.symbol, i]));

export const dollars = (n: number): number => n * MICROS;

/** Never fails: every draw is above any failure rate below 1. */
export const NEVER_FAIL = (): number => 0.999;
/** Always fails (and always picks the first failure reason). */
export const ALWAYS_FAIL = (): number => 0;

/** What accounts not opened explicitly start with in tests: plenty of every asset, so trades are funded. */
export const TEST_BALANCES = { USD: dollars(1_000_000), BTC: dollars(100), USDC: dollars(1_000_000), AAPL: dollars(10_000) };

export function newCustody(config: Partial<CustodyConfig> = {}, random: () => number = NEVER_FAIL): Custody {
  return new Custody(INSTRUMENTS, { ...DEFAULT_CUSTODY_CONFIG, defaultBalances: TEST_BALANCES, ...config }, random);
}

let nextTradeId = 1;

/** A trade with sensible defaults: buyer "alice" (order 1), seller "bob" (order 2), 1 BTC lot at $65,000, time 0. */
export function trade(fields: Partial<CustodyTrade> = {}): CustodyTrade {
  return {
    tradeId: nextTradeId++, symbol: BTC.symbol, priceTicks: 6_500_000, qtyLots: 1,
    buyAccount: 'alice', sellAccount: 'bob', buyOrderId: 1, sellOrderId: 2, timeMs: 0, ...fields,
  };
}
