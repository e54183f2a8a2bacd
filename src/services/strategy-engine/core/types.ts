/**
 * The vocabulary between strategies and their runner. Prices are integer ticks, quantities
 * integer lots, as on the exchange.
 */

/** Top of book of one symbol as a strategy sees it. */
export interface MarketView {
  symbol: string;
  bid: number;
  ask: number;
  timeMs: number;
}

/** An order of the strategy the exchange reported open (or partially filled). */
export interface OpenOrder {
  orderId: number;
  clientOrderId: string;
  symbol: string;
  side: 'buy' | 'sell';
  priceTicks: number;
  openLots: number;
}

/** A placement sent but not yet acknowledged by an order update or a rejection. */
export interface PendingOrder {
  clientOrderId: string;
  symbol: string;
  side: 'buy' | 'sell';
  priceTicks: number | null;
  qtyLots: number;
}

/** What a strategy asks for; the adapter sends it through risk to the exchange. */
export type Intent =
  | {
    type: 'place'; symbol: string; side: 'buy' | 'sell';
    /** null = market order. */
    priceTicks: number | null;
    qtyLots: number; tif: 'GTC' | 'IOC'; postOnly: boolean; clientOrderId: string;
  }
  | { type: 'cancel'; symbol: string; orderId: number };

export type PlaceIntent = Extract<Intent, { type: 'place' }>;

/** What a strategy knows of its own book in the view's symbol when it decides. */
export interface StrategyState {
  /** Signed position in lots (negative is short). */
  position: number;
  /** Orders open at the exchange that are not being cancelled. */
  openOrders: readonly OpenOrder[];
  /** Placements in flight. */
  pending: readonly PendingOrder[];
}

/** One trading strategy: decides intents from a market view and its own state. */
export interface Strategy {
  decide(view: MarketView, state: StrategyState): Intent[];
  /** The values of its latest decisions, keyed by signalKey(symbol, signal), for metrics. */
  signals(): Record<string, number>;
}

const SIGNAL_SEPARATOR = ':';

/** The key of one signal of one symbol: "BTC-USD:fast". Symbols never contain ':'. */
export function signalKey(symbol: string, signal: string): string {
  return `${symbol}${SIGNAL_SEPARATOR}${signal}`;
}

/** The inverse of signalKey. */
export function splitSignalKey(key: string): { symbol: string; signal: string } {
  const at = key.indexOf(SIGNAL_SEPARATOR);
  return { symbol: key.slice(0, at), signal: key.slice(at + 1) };
}
