import { restingLots, type OrderRecord } from '../../../contracts/orders.js';
import type { TrackedOrder } from './types.js';

/** The exchange's order record as risk tracks it for `strategy` (0 open lots once it closed). */
export function trackedOrderOf(o: OrderRecord, strategy: string): TrackedOrder {
  return { orderId: o.orderId, strategy, symbol: o.symbol, side: o.side, openLots: restingLots(o) };
}
