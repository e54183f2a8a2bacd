import { isOpenStatus, type OrderRecord, type OrderStatus, type Side, type TradeRecord } from '../../../contracts/orders.js';
import type { ExchangeEvent } from './events.js';
import { LiveOrders } from './live-orders.js';

export interface LedgerChanges {
  orders: OrderRecord[];
  trades: TradeRecord[];
  /** A cancel or replace the book refused, with its code. */
  refused: string | null;
}

/** The ledger as a snapshot keeps it. */
export interface SavedLedger {
  nextTradeId: number;
  /** The live orders' records. */
  live: OrderRecord[];
}

/** SavedLedger as captured: the live orders to be read once, later. */
export interface CapturedLedger {
  nextTradeId: number;
  live: Iterable<OrderRecord>;
}

/**
 * Order records derived from the book's events: fills, status, reasons. Only live orders are
 * kept in memory (column-wise, see LiveOrders); finished ones leave with their last change (the
 * store keeps them).
 */
export class OrderLedger {
  private readonly live = new LiveOrders();
  private nextTradeId = 1;

  /** A copy of the live order's record as it now is; undefined once the order is finished. */
  get(orderId: number): OrderRecord | undefined {
    const row = this.live.find(orderId);
    return row === 0 ? undefined : this.live.read(row);
  }

  get liveCount(): number {
    return this.live.size;
  }

  open(record: OrderRecord): void {
    this.live.add(record);
  }

  /** What a snapshot keeps: a copy of the live orders (LiveOrders.copy), read later. */
  capture(): CapturedLedger {
    return { nextTradeId: this.nextTradeId, live: this.live.copy().records() };
  }

  /** Takes on what `saved` holds (this ledger must be new). */
  restore(saved: SavedLedger): void {
    if (this.live.size !== 0 || this.nextTradeId !== 1) throw new Error('only a new ledger can be restored from a snapshot');
    this.nextTradeId = saved.nextTradeId;
    for (const record of saved.live) this.live.add(record);
  }

  /** Applies one command's events; every record they touched is returned once, as it now is. */
  apply(events: ExchangeEvent[], timeMs: number): LedgerChanges {
    const live = this.live;
    // Rows in the order first touched (a Set keeps insertion order).
    const touched = new Set<number>();
    const trades: TradeRecord[] = [];
    let refused: string | null = null;
    for (const e of events) {
      switch (e.type) {
        case 'accepted':
          this.touch(e.orderId, timeMs, touched);
          break;
        case 'rejected':
          if (e.command === 'limit' || e.command === 'market') this.finish(this.touch(e.orderId, timeMs, touched), 'rejected', e.code);
          else refused = e.code;
          break;
        case 'trade': {
          const maker = this.touch(e.makerOrderId, timeMs, touched);
          const taker = this.touch(e.takerOrderId, timeMs, touched);
          const buyer = e.aggressorSide === 'buy' ? taker : maker;
          const seller = e.aggressorSide === 'buy' ? maker : taker;
          trades.push({
            tradeId: this.nextTradeId++, symbol: e.symbol, price: e.price, qty: e.qty, makerOrderId: e.makerOrderId, takerOrderId: e.takerOrderId,
            aggressor: e.aggressorSide as Side, buyAccount: buyer === 0 ? '' : live.account.get(buyer), sellAccount: seller === 0 ? '' : live.account.get(seller),
            timeMs: e.timeMs, seq: e.seq,
          });
          this.fill(maker, e.qty, e.makerLeaves);
          this.fill(taker, e.qty, e.takerLeaves);
          break;
        }
        case 'cancelled':
          this.finish(this.touch(e.orderId, timeMs, touched), 'cancelled', e.reason);
          break;
        case 'expired':
          this.finish(this.touch(e.orderId, timeMs, touched), 'expired', 'fok-not-filled');
          break;
        case 'replaced': {
          const row = this.touch(e.orderId, timeMs, touched);
          if (row !== 0) {
            live.price.set(row, e.price);
            live.qty.set(row, live.filled.get(row) + e.qty);
          }
          break;
        }
        default:
          break; // halts, resumes and reference prices concern the book, not an order
      }
    }
    const orders: OrderRecord[] = [];
    for (const row of touched) orders.push(live.read(row));
    for (const row of touched) if (!isOpenStatus(live.status.get(row))) live.remove(row);
    return { orders, trades, refused };
  }

  /** The row of an order still open before this event, marked as touched at `timeMs`; 0 if none. */
  private touch(orderId: number, timeMs: number, touched: Set<number>): number {
    const row = this.live.find(orderId);
    if (row === 0 || !isOpenStatus(this.live.status.get(row))) return 0;
    this.live.updatedMs.set(row, timeMs);
    touched.add(row);
    return row;
  }

  private finish(row: number, status: OrderStatus, reason: string | null): void {
    if (row === 0) return;
    this.live.status.set(row, status);
    this.live.reason.set(row, reason);
  }

  private fill(row: number, qty: number, leaves: number): void {
    if (row === 0) return;
    this.live.filled.set(row, this.live.filled.get(row) + qty);
    this.live.status.set(row, leaves === 0 ? 'filled' : 'partially_filled');
  }
}
