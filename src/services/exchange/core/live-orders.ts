import type { OrderRecord, OrderStatus, Side } from '../../../contracts/orders.js';
import { grown } from './typed-arrays.js';

/**
 * The records of live orders, column-wise: numbers in typed arrays, strings in plain arrays, a
 * slot per order. A venue holds tens of thousands of resting orders; as one object each (with its
 * times as boxed numbers) they were most of the objects every full garbage collection marks,
 * which showed in the acknowledgement p99. Records are made on demand (`record`) and are the
 * caller's to keep.
 */
export class LiveOrders {
  private readonly slots = new Map<number, number>();
  private readonly freeSlots: number[] = [];
  private used = 0;
  private orderId = new Float64Array(1024);
  /** NaN for a market order's null price. */
  private price = new Float64Array(1024);
  private qty = new Float64Array(1024);
  private filled = new Float64Array(1024);
  private createdMs = new Float64Array(1024);
  private updatedMs = new Float64Array(1024);
  private postOnly = new Uint8Array(1024);
  // Plain arrays of shared strings (accounts, symbols, enum values) and the order's own ids.
  private readonly account: string[] = [];
  private readonly clientOrderId: (string | null)[] = [];
  private readonly symbol: string[] = [];
  private readonly side: Side[] = [];
  private readonly type: OrderRecord['type'][] = [];
  private readonly tif: OrderRecord['tif'][] = [];
  private readonly status: OrderStatus[] = [];
  private readonly reason: (string | null)[] = [];
  private readonly requestId: (string | null)[] = [];
  private readonly correlationId: (string | null)[] = [];
  private readonly traceId: (string | null)[] = [];

  get size(): number {
    return this.slots.size;
  }

  slotOf(orderId: number): number | undefined {
    return this.slots.get(orderId);
  }

  add(r: OrderRecord): void {
    const slot = this.freeSlots.pop() ?? this.newSlot();
    this.slots.set(r.orderId, slot);
    this.orderId[slot] = r.orderId;
    this.price[slot] = r.price ?? NaN;
    this.qty[slot] = r.qty;
    this.filled[slot] = r.filled;
    this.createdMs[slot] = r.createdMs;
    this.updatedMs[slot] = r.updatedMs;
    this.postOnly[slot] = r.postOnly ? 1 : 0;
    this.account[slot] = r.account;
    this.clientOrderId[slot] = r.clientOrderId;
    this.symbol[slot] = r.symbol;
    this.side[slot] = r.side;
    this.type[slot] = r.type;
    this.tif[slot] = r.tif;
    this.status[slot] = r.status;
    this.reason[slot] = r.reason;
    this.requestId[slot] = r.requestId;
    this.correlationId[slot] = r.correlationId;
    this.traceId[slot] = r.traceId;
  }

  /** The order in a slot as a new record. */
  record(slot: number): OrderRecord {
    const price = this.price[slot]!;
    return {
      orderId: this.orderId[slot]!, account: this.account[slot]!, clientOrderId: this.clientOrderId[slot]!, symbol: this.symbol[slot]!,
      side: this.side[slot]!, type: this.type[slot]!, tif: this.tif[slot]!, postOnly: this.postOnly[slot] === 1,
      price: Number.isNaN(price) ? null : price, qty: this.qty[slot]!, filled: this.filled[slot]!, status: this.status[slot]!,
      reason: this.reason[slot]!, createdMs: this.createdMs[slot]!, updatedMs: this.updatedMs[slot]!,
      requestId: this.requestId[slot]!, correlationId: this.correlationId[slot]!, traceId: this.traceId[slot]!,
    };
  }

  accountOf(slot: number): string {
    return this.account[slot]!;
  }

  filledOf(slot: number): number {
    return this.filled[slot]!;
  }

  update(slot: number, change: { status?: OrderStatus; reason?: string; filled?: number; price?: number; qty?: number }, timeMs: number): void {
    if (change.status !== undefined) this.status[slot] = change.status;
    if (change.reason !== undefined) this.reason[slot] = change.reason;
    if (change.filled !== undefined) this.filled[slot] = change.filled;
    if (change.price !== undefined) this.price[slot] = change.price;
    if (change.qty !== undefined) this.qty[slot] = change.qty;
    this.updatedMs[slot] = timeMs;
  }

  /** Frees the order's slot; its strings are let go. */
  remove(orderId: number): void {
    const slot = this.slots.get(orderId);
    if (slot === undefined) return;
    this.slots.delete(orderId);
    this.clientOrderId[slot] = this.reason[slot] = this.requestId[slot] = this.correlationId[slot] = this.traceId[slot] = null;
    this.freeSlots.push(slot);
  }

  private newSlot(): number {
    if (this.used === this.orderId.length) {
      const n = this.used * 2;
      this.orderId = grown(this.orderId, n);
      this.price = grown(this.price, n);
      this.qty = grown(this.qty, n);
      this.filled = grown(this.filled, n);
      this.createdMs = grown(this.createdMs, n);
      this.updatedMs = grown(this.updatedMs, n);
      this.postOnly = grown(this.postOnly, n);
    }
    return this.used++;
  }
}
