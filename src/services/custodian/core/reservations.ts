/** What one open order holds back: `remaining` micros of `asset` in `account`. */
export interface Reservation {
  orderId: number;
  account: string;
  asset: string;
  remaining: number;
}

/** Reservations by order id. Amounts only: the balances themselves live in the BalanceLedger. */
export class ReservationBook {
  private readonly byOrder = new Map<number, Reservation>();

  /** Records a new reservation; an order id that already holds one is a caller bug. */
  add(r: Reservation): void {
    if (this.byOrder.has(r.orderId)) throw new RangeError(`order ${r.orderId} already holds a reservation; release it first`);
    this.byOrder.set(r.orderId, { ...r });
  }

  /** Removes the reservation and returns it (undefined if the order held none). */
  remove(orderId: number): Reservation | undefined {
    const r = this.byOrder.get(orderId);
    this.byOrder.delete(orderId);
    return r;
  }

  /** Takes up to `amount` from the order's reservation and returns how much it took (0 without one). */
  consume(orderId: number, amount: number): number {
    const r = this.byOrder.get(orderId);
    if (!r) return 0;
    const taken = Math.min(r.remaining, amount);
    r.remaining -= taken;
    return taken;
  }

  /** Throws unless the order's reservation (if any) is of `asset` in `account`. */
  check(orderId: number, account: string, asset: string): void {
    const r = this.byOrder.get(orderId);
    if (r && (r.account !== account || r.asset !== asset)) {
      throw new RangeError(`order ${orderId} reserved ${r.asset} of account "${r.account}", but the trade needs ${asset} of "${account}"`);
    }
  }
}
