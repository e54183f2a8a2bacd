import type { TrackedOrder } from './types.js';

/** A strategy's resting orders, with open lots per symbol and side kept current for the checks. */
export class OpenOrders {
  private readonly orders = new Map<number, TrackedOrder>();
  private readonly lots = new Map<string, { buy: number; sell: number }>();

  get count(): number {
    return this.orders.size;
  }

  /** Inserts or updates an order; openLots 0 removes it. */
  upsert(order: TrackedOrder): void {
    if (!Number.isSafeInteger(order.openLots) || order.openLots < 0) throw new RangeError(`order ${order.orderId}: openLots must be a whole number >= 0, got ${order.openLots}`);
    const previous = this.orders.get(order.orderId);
    if (previous) this.adjust(previous, -previous.openLots);
    if (order.openLots === 0) {
      this.orders.delete(order.orderId);
      return;
    }
    this.orders.set(order.orderId, { ...order });
    this.adjust(order, order.openLots);
  }

  /** Open lots resting in `symbol` on `side`. */
  lotsOn(symbol: string, side: 'buy' | 'sell'): number {
    return this.lots.get(symbol)?.[side] ?? 0;
  }

  list(): TrackedOrder[] {
    return [...this.orders.values()].map((o) => ({ ...o }));
  }

  private adjust(order: TrackedOrder, lots: number): void {
    const entry = this.lots.get(order.symbol) ?? { buy: 0, sell: 0 };
    entry[order.side] += lots;
    this.lots.set(order.symbol, entry);
  }
}
