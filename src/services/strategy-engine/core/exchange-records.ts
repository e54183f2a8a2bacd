import type { OrderRecord, TradeRecord } from '../../../contracts/orders.js';
import type { OrderUpdate } from './order-tracker.js';
import type { StrategyFill } from './runner.js';

/** The exchange's order record as the runner takes it. */
export function orderUpdateOf(o: OrderRecord): OrderUpdate {
  return { account: o.account, orderId: o.orderId, clientOrderId: o.clientOrderId, symbol: o.symbol, side: o.side, priceTicks: o.price, qtyLots: o.qty, filledLots: o.filled, status: o.status };
}

/** A trade as the fills of its two sides (the runner ignores accounts that are not strategies). */
export function fillsOf(t: TradeRecord): [StrategyFill, StrategyFill] {
  const fill = { symbol: t.symbol, priceTicks: t.price, qtyLots: t.qty, timeMs: t.timeMs };
  return [{ ...fill, account: t.buyAccount, side: 'buy' }, { ...fill, account: t.sellAccount, side: 'sell' }];
}
