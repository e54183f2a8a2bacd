import { isOpenStatus } from '../../../contracts/orders.js';
import type { OpenOrder, PendingOrder, PlaceIntent } from './types.js';

/** An order update from the exchange, as the adapter hands it to the runner. */
export interface OrderUpdate {
  account: string;
  orderId: number;
  clientOrderId: string | null;
  symbol: string;
  side: 'buy' | 'sell';
  priceTicks: number | null;
  qtyLots: number;
  filledLots: number;
  status: string;
}

/**
 * How long (market time) a placement or cancel may stay unanswered before it is presumed lost:
 * a lost placement would otherwise stop a market maker quoting that side for good, a lost cancel
 * would hide a live order from its strategy for good.
 */
export const IN_FLIGHT_TIMEOUT_MS = 30_000;


/**
 * One strategy's orders: open at the exchange (from order updates), placements in flight
 * (sent, not yet answered) and cancels in flight. Orders being cancelled are hidden from the
 * strategy and never cancelled twice.
 */
export class OrderTracker {
  private readonly open = new Map<number, OpenOrder & { cancelSentMs: number | null }>();
  private readonly pending = new Map<string, PendingOrder & { sentMs: number }>();

  get openCount(): number {
    return this.open.size;
  }

  placed(intent: PlaceIntent, nowMs: number): void {
    const { clientOrderId, symbol, side, priceTicks, qtyLots } = intent;
    this.pending.set(clientOrderId, { clientOrderId, symbol, side, priceTicks, qtyLots, sentMs: nowMs });
  }

  rejected(clientOrderId: string): void {
    this.pending.delete(clientOrderId);
  }

  update(u: OrderUpdate): void {
    if (u.clientOrderId !== null) this.pending.delete(u.clientOrderId);
    if (!isOpenStatus(u.status)) {
      this.open.delete(u.orderId);
      return;
    }
    const cancelSentMs = this.open.get(u.orderId)?.cancelSentMs ?? null;
    this.open.set(u.orderId, {
      orderId: u.orderId, clientOrderId: u.clientOrderId ?? '', symbol: u.symbol, side: u.side,
      // Only limit orders rest; a market order is never open long enough to be quoted against.
      priceTicks: u.priceTicks ?? 0, openLots: u.qtyLots - u.filledLots, cancelSentMs,
    });
  }

  /** Marks a cancel as sent; false (send nothing) unless the order is known open and not already being cancelled. */
  startCancel(orderId: number, nowMs: number): boolean {
    const order = this.open.get(orderId);
    if (!order || order.cancelSentMs !== null) return false;
    order.cancelSentMs = nowMs;
    return true;
  }

  /**
   * A cancel came back refused: the order is visible again (and cancelled again on the next
   * view) if it is still open; an order the exchange no longer knows is forgotten. Otherwise a
   * refused cancel would hide a live quote for IN_FLIGHT_TIMEOUT_MS, and new post-only quotes
   * would keep running into it.
   */
  cancelRefused(orderId: number, orderGone: boolean): void {
    if (orderGone) this.open.delete(orderId);
    else {
      const order = this.open.get(orderId);
      if (order) order.cancelSentMs = null;
    }
  }

  /** The strategy's view of `symbol` at `nowMs`; first forgets what has been in flight too long. */
  snapshot(symbol: string, nowMs: number): { openOrders: OpenOrder[]; pending: PendingOrder[] } {
    const openOrders: OpenOrder[] = [];
    const pending: PendingOrder[] = [];
    for (const o of this.open.values()) {
      if (o.symbol !== symbol) continue;
      if (o.cancelSentMs !== null && nowMs - o.cancelSentMs >= IN_FLIGHT_TIMEOUT_MS) o.cancelSentMs = null;
      if (o.cancelSentMs === null) {
        const { cancelSentMs: _c, ...order } = o;
        openOrders.push(order);
      }
    }
    for (const p of this.pending.values()) {
      if (p.symbol !== symbol) continue;
      if (nowMs - p.sentMs >= IN_FLIGHT_TIMEOUT_MS) this.pending.delete(p.clientOrderId);
      else {
        const { sentMs: _s, ...order } = p;
        pending.push(order);
      }
    }
    return { openOrders, pending };
  }
}
