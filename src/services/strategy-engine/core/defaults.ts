import { decimalToTicks, type AssetClass, type InstrumentSpec } from '../../../contracts/market-data.js';
import { MICROS, notionalMicros, tradingInstrument } from '../../../contracts/trading.js';
import type { StrategyConfig } from './config.js';

/** Dollars a market maker quotes per side, and a taker trades per order. */
const QUOTE_DOLLARS = 2_000;
const ORDER_DOLLARS = 1_500;
const FLOW_DOLLARS = 1_000;
/** Position limits, in orders (or quotes) worth. */
const MAX_POSITION_ORDERS = 5;

/**
 * Market-maker quoting per asset class. The half spreads put the quotes at or just inside the
 * feed's own touch (about 0.5 bps wide for crypto, 1 tick for equities and stablecoins) so the
 * taking strategies' IOCs at the touch find them; requotes every couple of bps keep the order
 * rate modest while stale quotes can still be picked off in a fast move, as on a real venue.
 */
const MM_SHAPE: Record<AssetClass, { halfSpreadBps: number; skewBps: number; requoteBps: number }> = {
  crypto: { halfSpreadBps: 0.2, skewBps: 2, requoteBps: 2 },
  equity: { halfSpreadBps: 0.2, skewBps: 2, requoteBps: 2 },
  stablecoin: { halfSpreadBps: 0.5, skewBps: 1, requoteBps: 1 },
};

/** Dollar micros of one lot at the instrument's initial price. */
function lotNotional(spec: InstrumentSpec): number {
  return notionalMicros(tradingInstrument(spec), decimalToTicks(spec.initialPrice, spec.tickSize), 1);
}

/** Lots worth about `dollars` of every one of `specs` at most (one size serves them all), at least 1. */
function lotsWorth(dollars: number, specs: readonly InstrumentSpec[]): number {
  const largestLot = Math.max(...specs.map(lotNotional));
  return Math.max(1, Math.round((dollars * MICROS) / largestLot));
}

const ofClass = (instruments: readonly InstrumentSpec[], ...classes: AssetClass[]) => instruments.filter((i) => classes.includes(i.assetClass));

/**
 * A sensible default set for `instruments`: a market maker per instrument (~$2k a side, up to
 * ~$10k of inventory), momentum on crypto, mean reversion on equities and crypto and peg
 * arbitrage on stablecoins (~$1.5k-$2k an order, up to 5 orders of position), and client flow
 * per asset class (~$1k IOCs, 20 a minute per symbol). Windows count
 * market views (20 a second by default). Strategies without instruments are left out.
 */
export function defaultStrategies(instruments: readonly InstrumentSpec[]): StrategyConfig[] {
  const configs: StrategyConfig[] = instruments.map((spec) => {
    const quoteLots = lotsWorth(QUOTE_DOLLARS, [spec]);
    return {
      kind: 'market-maker', name: `mm-${spec.symbol.toLowerCase()}`, symbols: [spec.symbol], ...MM_SHAPE[spec.assetClass],
      quoteLots, maxInventoryLots: quoteLots * MAX_POSITION_ORDERS,
    };
  });
  const taker = (specs: InstrumentSpec[], dollars: number) => {
    const orderLots = lotsWorth(dollars, specs);
    return { symbols: specs.map((s) => s.symbol), orderLots, maxPositionLots: orderLots * MAX_POSITION_ORDERS };
  };
  const crypto = ofClass(instruments, 'crypto');
  if (crypto.length > 0) {
    configs.push({ kind: 'momentum', name: 'momentum-crypto', ...taker(crypto, ORDER_DOLLARS), fastWindow: 20, slowWindow: 200, thresholdBps: 3, cooldownMs: 10_000 });
  }
  const risky = ofClass(instruments, 'equity', 'crypto');
  if (risky.length > 0) {
    configs.push({ kind: 'mean-reversion', name: 'meanrev-multi', ...taker(risky, ORDER_DOLLARS), window: 200, entryZ: 2.5, exitZ: 0.5, cooldownMs: 10_000 });
  }
  const stables = ofClass(instruments, 'stablecoin');
  if (stables.length > 0) {
    const pegTicks = Object.fromEntries(stables.map((s) => [s.symbol, decimalToTicks('1', s.tickSize)]));
    configs.push({ kind: 'peg-arbitrage', name: 'peg-arb-stables', ...taker(stables, QUOTE_DOLLARS), pegTicks, thresholdBps: 5, cooldownMs: 5_000 });
  }
  // Client flow per asset class (sizes differ too much across classes for one order size).
  for (const assetClass of ['crypto', 'stablecoin', 'equity'] as const) {
    const specs = ofClass(instruments, assetClass);
    if (specs.length > 0) configs.push({ kind: 'client-flow', name: `flow-${assetClass}`, ...taker(specs, FLOW_DOLLARS), ordersPerMinute: 20, slippageBps: 5, cooldownMs: 1_000 });
  }
  return configs;
}
