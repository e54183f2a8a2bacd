import { isOpenStatus, restingLots, type OrderRecord, type TradeRecord } from '../../../contracts/orders.js';
import type { Custody, ReserveResult } from './custody.js';
import type { Settlement } from './settlement.js';

/**
 * Keeps a Custody in step with the exchange's order and trade records: an order's first open
 * state reserves what is left of it, its closing releases the rest, each trade opens a settlement.
 * Market orders are never reserved (they have no price); their trades draw on available funds.
 */
export class ExchangeFollower {
  private readonly reserved = new Set<number>();

  constructor(private readonly custody: Custody) {}

  /** Returns the reservation's result when this update reserved, else null. */
  onOrder(o: OrderRecord): ReserveResult | null {
    if (isOpenStatus(o.status)) {
      if (this.reserved.has(o.orderId) || o.price === null) return null;
      this.reserved.add(o.orderId);
      return this.custody.reserve({ orderId: o.orderId, account: o.account, symbol: o.symbol, side: o.side, priceTicks: o.price, qtyLots: restingLots(o) });
    }
    if (this.reserved.delete(o.orderId)) this.custody.release(o.orderId);
    return null;
  }

  onTrade(t: TradeRecord): Settlement {
    return this.custody.onTrade({
      tradeId: t.tradeId, symbol: t.symbol, priceTicks: t.price, qtyLots: t.qty, buyAccount: t.buyAccount, sellAccount: t.sellAccount,
      buyOrderId: t.aggressor === 'buy' ? t.takerOrderId : t.makerOrderId,
      sellOrderId: t.aggressor === 'sell' ? t.takerOrderId : t.makerOrderId,
      timeMs: t.timeMs,
    });
  }
}
