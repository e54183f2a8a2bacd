import { DEFAULT_INSTRUMENTS } from '../../../src/services/market-data/core/instruments.js';
import { tradingInstrument, type TradingInstrument } from '../../../src/contracts/trading.js';
import { createRng, RandomStreams, type Rng } from '../../../src/platform/random/index.js';
import type { Intent, MarketView, OpenOrder, PendingOrder, PlaceIntent, StrategyState } from '../../../src/services/strategy-engine/core/index.js';

export const INSTRUMENTS: ReadonlyMap<string, TradingInstrument> = new Map(DEFAULT_INSTRUMENTS.map((s) => [s.symbol, tradingInstrument(s)]));

export const view = (symbol: string, bid: number, ask: number, timeMs = 0): MarketView => ({ symbol, bid, ask, timeMs });

export const state = (position = 0, openOrders: OpenOrder[] = [], pending: PendingOrder[] = []): StrategyState => ({ position, openOrders, pending });

export const rng = (): Rng => createRng(42);

/** The runner's rng factory: one named stream per strategy from a root seed. */
export const streams = (seed: number) => (name: string): Rng => new RandomStreams(seed).get(`strategy/${name}`);

export const places = (intents: Intent[]): PlaceIntent[] => intents.filter((i): i is PlaceIntent => i.type === 'place');

/** An open order standing for a placed quote (as the exchange would report it). */
export const opened = (p: PlaceIntent, orderId: number): OpenOrder => ({
  orderId, clientOrderId: p.clientOrderId, symbol: p.symbol, side: p.side, priceTicks: p.priceTicks ?? 0, openLots: p.qtyLots,
});

export const inFlight = (p: PlaceIntent): PendingOrder => ({ clientOrderId: p.clientOrderId, symbol: p.symbol, side: p.side, priceTicks: p.priceTicks, qtyLots: p.qtyLots });

/** Views of one symbol at the given mids (spread 2 ticks), 100 ms apart from `startMs`. */
export function path(symbol: string, mids: number[], startMs = 0): MarketView[] {
  return mids.map((mid, i) => view(symbol, mid - 1, mid + 1, startMs + i * 100));
}
