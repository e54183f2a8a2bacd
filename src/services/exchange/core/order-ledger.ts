import type { OrderRecord, Side, TradeRecord } from '../../../contracts/orders.js';
import type { ExchangeEvent } from './events.js';

export interface LedgerChanges {
  orders: OrderRecord[];
  trades: TradeRecord[];
  /** A cancel or replace the book refused, with its code. */
  refused: string | null;
}

/**
 * Order records derived from the book's events: fills, status, reasons. Only live orders are
 * kept in memory; finished ones leave with their last change (the store keeps them).
 */
export class OrderLedger {
  private readonly live = new Map<number, OrderRecord>();
  private nextTradeId = 1;

  get(orderId: number): OrderRecord | undefined {
    return this.live.get(orderId);
  }

  get liveCount(): number {
    return this.live.size;
  }

  open(record: OrderRecord): void {
    this.live.set(record.orderId, record);
  }

  /** Applies one command's events; every record they touched is returned once, as it now is. */
  apply(events: ExchangeEvent[], timeMs: number): LedgerChanges {
    const touched = new Map<number, OrderRecord>();
    const trades: TradeRecord[] = [];
    let refused: string | null = null;
    const touch = (orderId: number, fn: (r: OrderRecord) => void) => {
      const r = this.live.get(orderId);
      if (!r) return;
      fn(r);
      r.updatedMs = timeMs;
      touched.set(orderId, r);
      if (r.status !== 'open' && r.status !== 'partially_filled') this.live.delete(orderId);
    };
    for (const e of events) {
      switch (e.type) {
        case 'accepted':
          touch(e.orderId, () => undefined);
          break;
        case 'rejected':
          if (e.command === 'limit' || e.command === 'market') touch(e.orderId, (r) => { r.status = 'rejected'; r.reason = e.code; });
          else refused = e.code;
          break;
        case 'trade': {
          const maker = this.live.get(e.makerOrderId);
          const taker = this.live.get(e.takerOrderId);
          const fill = (leaves: number) => (r: OrderRecord) => { r.filled += e.qty; if (leaves === 0) r.status = 'filled'; else r.status = 'partially_filled'; };
          const buyer = e.aggressorSide === 'buy' ? taker : maker;
          const seller = e.aggressorSide === 'buy' ? maker : taker;
          trades.push({
            tradeId: this.nextTradeId++, symbol: e.symbol, price: e.price, qty: e.qty, makerOrderId: e.makerOrderId, takerOrderId: e.takerOrderId,
            aggressor: e.aggressorSide as Side, buyAccount: buyer?.account ?? '', sellAccount: seller?.account ?? '', timeMs: e.timeMs, seq: e.seq,
          });
          touch(e.makerOrderId, fill(e.makerLeaves));
          touch(e.takerOrderId, fill(e.takerLeaves));
          break;
        }
        case 'cancelled':
          touch(e.orderId, (r) => { r.status = 'cancelled'; r.reason = e.reason; });
          break;
        case 'expired':
          touch(e.orderId, (r) => { r.status = 'expired'; r.reason = 'fok-not-filled'; });
          break;
        case 'replaced':
          touch(e.orderId, (r) => { r.price = e.price; r.qty = r.filled + e.qty; });
          break;
        default:
          break; // halts, resumes and reference prices concern the book, not an order
      }
    }
    return { orders: [...touched.values()].map((r) => ({ ...r })), trades, refused };
  }
}
