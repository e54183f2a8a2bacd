import type { OrderRecord, Side, TradeRecord } from '../../../contracts/orders.js';
import type { ExchangeEvent } from './events.js';
import { LiveOrders } from './live-orders.js';

export interface LedgerChanges {
  orders: OrderRecord[];
  trades: TradeRecord[];
  /** A cancel or replace the book refused, with its code. */
  refused: string | null;
}

/**
 * Order records derived from the book's events: fills, status, reasons. Only live orders are
 * kept in memory (see LiveOrders); finished ones leave with their last change (the store keeps them).
 */
export class OrderLedger {
  private readonly live = new LiveOrders();
  private nextTradeId = 1;

  /** A live order as a new record (changing it changes nothing here). */
  get(orderId: number): OrderRecord | undefined {
    const slot = this.live.slotOf(orderId);
    return slot === undefined ? undefined : this.live.record(slot);
  }

  get liveCount(): number {
    return this.live.size;
  }

  open(record: OrderRecord): void {
    this.live.add(record);
  }

  /** Applies one command's events; every record they touched is returned once, as it now is. */
  apply(events: ExchangeEvent[], timeMs: number): LedgerChanges {
    // By order id, in order of first touch: the final record of an order that finished here, or
    // null for one still live (its record is made at the end, as it then is).
    const touched = new Map<number, OrderRecord | null>();
    const trades: TradeRecord[] = [];
    let refused: string | null = null;
    const touch = (orderId: number, change: Parameters<LiveOrders['update']>[1] = {}) => {
      const slot = this.live.slotOf(orderId);
      if (slot === undefined) return;
      this.live.update(slot, change, timeMs);
      const finished = change.status !== undefined && change.status !== 'open' && change.status !== 'partially_filled';
      touched.set(orderId, finished ? this.live.record(slot) : null);
      if (finished) this.live.remove(orderId);
    };
    for (const e of events) {
      switch (e.type) {
        case 'accepted':
          touch(e.orderId);
          break;
        case 'rejected':
          if (e.command === 'limit' || e.command === 'market') touch(e.orderId, { status: 'rejected', reason: e.code });
          else refused = e.code;
          break;
        case 'trade': {
          const maker = this.live.slotOf(e.makerOrderId);
          const taker = this.live.slotOf(e.takerOrderId);
          const accountOf = (slot: number | undefined) => (slot === undefined ? '' : this.live.accountOf(slot));
          const fill = (slot: number | undefined, leaves: number) => ({
            filled: (slot === undefined ? 0 : this.live.filledOf(slot)) + e.qty, status: leaves === 0 ? 'filled' as const : 'partially_filled' as const,
          });
          const buyer = e.aggressorSide === 'buy' ? taker : maker;
          const seller = e.aggressorSide === 'buy' ? maker : taker;
          trades.push({
            tradeId: this.nextTradeId++, symbol: e.symbol, price: e.price, qty: e.qty, makerOrderId: e.makerOrderId, takerOrderId: e.takerOrderId,
            aggressor: e.aggressorSide as Side, buyAccount: accountOf(buyer), sellAccount: accountOf(seller), timeMs: e.timeMs, seq: e.seq,
          });
          touch(e.makerOrderId, fill(maker, e.makerLeaves));
          touch(e.takerOrderId, fill(taker, e.takerLeaves));
          break;
        }
        case 'cancelled':
          touch(e.orderId, { status: 'cancelled', reason: e.reason });
          break;
        case 'expired':
          touch(e.orderId, { status: 'expired', reason: 'fok-not-filled' });
          break;
        case 'replaced': {
          const slot = this.live.slotOf(e.orderId);
          if (slot !== undefined) touch(e.orderId, { price: e.price, qty: this.live.filledOf(slot) + e.qty });
          break;
        }
        default:
          break; // halts, resumes and reference prices concern the book, not an order
      }
    }
    const orders: OrderRecord[] = [];
    for (const [orderId, record] of touched) orders.push(record ?? this.live.record(this.live.slotOf(orderId)!));
    return { orders, trades, refused };
  }
}
