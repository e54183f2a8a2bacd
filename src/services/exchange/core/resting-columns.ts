/** A resting order in a snapshot: [orderId, price, open qty, account, postOnly (1) or not (0)]. */
export type SavedRestingOrder = [number, number, number, number, 0 | 1];

/**
 * One side's resting orders in priority order, copied into columns: a snapshot copies a book in
 * the one pause it takes, and typed arrays copy without an object per order.
 */
export class RestingColumns {
  count = 0;
  private readonly orderId: Float64Array;
  private readonly price: Int32Array;
  private readonly qty: Float64Array;
  private readonly account: Int32Array;
  private readonly postOnly: Uint8Array;

  constructor(capacity: number) {
    this.orderId = new Float64Array(capacity);
    this.price = new Int32Array(capacity);
    this.qty = new Float64Array(capacity);
    this.account = new Int32Array(capacity);
    this.postOnly = new Uint8Array(capacity);
  }

  push(orderId: number, price: number, qty: number, account: number, postOnly: number): void {
    const i = this.count++;
    this.orderId[i] = orderId;
    this.price[i] = price;
    this.qty[i] = qty;
    this.account[i] = account;
    this.postOnly[i] = postOnly;
  }

  /** The orders as a snapshot writes them, in priority order. */
  *saved(): Generator<SavedRestingOrder> {
    for (let i = 0; i < this.count; i++) yield [this.orderId[i]!, this.price[i]!, this.qty[i]!, this.account[i]!, this.postOnly[i] === 1 ? 1 : 0];
  }
}
