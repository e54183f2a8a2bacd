import type { Rng } from '../../../platform/random/index.js';
import type { StrategyConfig } from './config.js';
import type { OrderIds } from './order-ids.js';
import { jitterLots, roomLots } from './sizing.js';
import { signalKey, type Intent, type MarketView, type Strategy, type StrategyState } from './types.js';

type MarketMakerConfig = Extract<StrategyConfig, { kind: 'market-maker' }>;
type Side = 'buy' | 'sell';

/** A price and the most lots the position limit allows there. */
interface Quote {
  priceTicks: number;
  maxLots: number;
}

const SIDES: readonly Side[] = ['buy', 'sell'];

/**
 * Quotes a post-only GTC bid and ask around the mid at halfSpreadBps, both shifted against its
 * inventory by skewBps x inventory / maxInventoryLots (long: lower, to sell more and buy less).
 * A side whose fill would pass maxInventoryLots is not quoted (sizes shrink to fit before that).
 * Keeps at most one live quote per side: a quote is kept while the mid stays within requoteBps
 * of the mid it was placed at; otherwise it is cancelled and replaced (cancels come first). No
 * new quote goes out while a placement on that side is still in flight.
 */
export class MarketMaker implements Strategy {
  /** Per symbol: the mid each of our live or in-flight quotes was placed at, by client order id. */
  private readonly quoteMids = new Map<string, Map<string, number>>();
  private readonly latest: Record<string, number> = {};

  constructor(private readonly config: MarketMakerConfig, private readonly ids: OrderIds, private readonly rng: Rng) {
    for (const s of config.symbols) this.quoteMids.set(s, new Map());
  }

  decide(view: MarketView, state: StrategyState): Intent[] {
    const mids = this.quoteMids.get(view.symbol);
    if (!mids) return [];
    forgetClosed(mids, state);
    const mid = (view.bid + view.ask) / 2;
    const targets = this.targets(view, mid, state.position);
    const cancels: Intent[] = [];
    const places: Intent[] = [];
    for (const side of SIDES) {
      const target = targets[side];
      const other = targets[side === 'buy' ? 'sell' : 'buy'];
      const live = state.openOrders.filter((o) => o.side === side);
      // Quotes placed by someone else (rate-multiplier repeats, an earlier run) have no mid: never
      // kept. Nor is a quote the other side's new quote would reach: post-only would refuse that
      // one on every view while the old quote stays (the mid may move by more than the spread
      // before it moves by requoteBps).
      const kept = target ? live.find((o) => this.isFresh(mids.get(o.clientOrderId), mid) && !reaches(o, side, other)) : undefined;
      for (const o of live) if (o !== kept) cancels.push({ type: 'cancel', symbol: view.symbol, orderId: o.orderId });
      if (!target || kept || state.pending.some((p) => p.side === side)) continue;
      const clientOrderId = this.ids.next();
      mids.set(clientOrderId, mid);
      places.push({
        type: 'place', symbol: view.symbol, side, priceTicks: target.priceTicks,
        qtyLots: Math.min(jitterLots(this.rng, this.config.quoteLots), target.maxLots), tif: 'GTC', postOnly: true, clientOrderId,
      });
    }
    return [...cancels, ...places];
  }

  signals(): Record<string, number> {
    return { ...this.latest };
  }

  /** Where to quote each side now, or null for a side the inventory limit closes. Bid < ask, both whole ticks. */
  private targets(view: MarketView, mid: number, inventory: number): Record<Side, Quote | null> {
    const c = this.config;
    const skewBps = c.skewBps * Math.max(-1, Math.min(1, inventory / c.maxInventoryLots));
    const centre = mid * (1 - skewBps / 10_000);
    // floor(x) < ceil(y) for x < y, and the clamps only widen: the bid stays below the ask. The
    // clamps keep a strongly skewed quote from crossing the market, which post-only would refuse.
    const bid = Math.min(Math.floor(centre * (1 - c.halfSpreadBps / 10_000)), view.ask - 1);
    const ask = Math.max(Math.ceil(centre * (1 + c.halfSpreadBps / 10_000)), view.bid + 1);
    const bidLots = roomLots(inventory, 'buy', c.maxInventoryLots);
    const askLots = roomLots(inventory, 'sell', c.maxInventoryLots);
    const quotes = {
      buy: bid >= 1 && bidLots >= 1 ? { priceTicks: bid, maxLots: bidLots } : null,
      sell: askLots >= 1 ? { priceTicks: ask, maxLots: askLots } : null,
    };
    this.latest[signalKey(view.symbol, 'skewBps')] = skewBps;
    this.latest[signalKey(view.symbol, 'bid')] = quotes.buy?.priceTicks ?? 0;
    this.latest[signalKey(view.symbol, 'ask')] = quotes.sell?.priceTicks ?? 0;
    return quotes;
  }

  private isFresh(quotedMid: number | undefined, mid: number): boolean {
    return quotedMid !== undefined && Math.abs(mid - quotedMid) * 10_000 <= this.config.requoteBps * quotedMid;
  }
}

/** Whether a resting quote on `side` is at or through the other side's new quote. */
function reaches(quote: { priceTicks: number }, side: Side, other: Quote | null): boolean {
  if (!other) return false;
  return side === 'buy' ? quote.priceTicks >= other.priceTicks : quote.priceTicks <= other.priceTicks;
}

/** Drops the mids of quotes that are neither live nor in flight any more. */
function forgetClosed(mids: Map<string, number>, state: StrategyState): void {
  if (mids.size === 0) return;
  const current = new Set<string>();
  for (const o of state.openOrders) current.add(o.clientOrderId);
  for (const p of state.pending) current.add(p.clientOrderId);
  for (const id of mids.keys()) if (!current.has(id)) mids.delete(id);
}
