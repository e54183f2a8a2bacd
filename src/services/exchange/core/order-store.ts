import { sideName, type SideName } from './events.js';
import { fnvFloat64, fnvInt32 } from './fnv.js';
import { grown } from './typed-arrays.js';

/** The handle that is no order: end of a queue, empty level, id not resting. */
export const NIL = 0;

export interface RestingOrder {
  orderId: number; side: SideName; price: number; qty: number; account: number; postOnly: boolean;
}

/**
 * Resting orders as a struct of typed arrays indexed by an integer handle. Handle 0 is never
 * issued, so a zeroed array slot reads as "no order" and links need no separate sentinel.
 * Freed handles are chained through `next` and reused first, which keeps the arrays compact
 * and hot in cache; the arrays double when full.
 */
export class OrderStore {
  orderId: Float64Array;
  qty: Float64Array;
  price: Int32Array;
  account: Int32Array;
  side: Uint8Array;
  postOnly: Uint8Array;
  /** Links of the price level's FIFO queue (and of the free list for freed handles). */
  next: Int32Array;
  prev: Int32Array;
  private freeHead = NIL;
  /** Highest handle ever issued. */
  private top = 0;
  private live = 0;

  constructor(initialCapacity = 1024) {
    const n = Math.max(2, initialCapacity + 1);
    this.orderId = new Float64Array(n);
    this.qty = new Float64Array(n);
    this.price = new Int32Array(n);
    this.account = new Int32Array(n);
    this.side = new Uint8Array(n);
    this.postOnly = new Uint8Array(n);
    this.next = new Int32Array(n);
    this.prev = new Int32Array(n);
  }

  get size(): number {
    return this.live;
  }

  alloc(orderId: number, side: number, price: number, qty: number, account: number, postOnly: boolean): number {
    let h = this.freeHead;
    if (h !== NIL) {
      this.freeHead = this.next[h]!;
    } else {
      h = ++this.top;
      if (h >= this.orderId.length) this.grow();
    }
    this.orderId[h] = orderId;
    this.side[h] = side;
    this.price[h] = price;
    this.qty[h] = qty;
    this.account[h] = account;
    this.postOnly[h] = postOnly ? 1 : 0;
    this.next[h] = NIL;
    this.prev[h] = NIL;
    this.live++;
    return h;
  }

  free(h: number): void {
    this.qty[h] = 0;
    this.next[h] = this.freeHead;
    this.freeHead = h;
    this.live--;
  }

  /** FNV-1a of the FIFO queue starting at `head`, continuing from `h`. */
  hashQueue(h: number, head: number): number {
    for (let k = head; k !== NIL; k = this.next[k]!) {
      h = fnvFloat64(h, this.orderId[k]!);
      h = fnvFloat64(fnvInt32(fnvInt32(h, this.price[k]!), this.side[k]!), this.qty[k]!);
      h = fnvInt32(fnvInt32(h, this.account[k]!), this.postOnly[k]!);
    }
    return h;
  }

  /** A plain-object copy of the order behind handle `h`. */
  describe(h: number): RestingOrder {
    return {
      orderId: this.orderId[h]!, side: sideName(this.side[h]!), price: this.price[h]!, qty: this.qty[h]!,
      account: this.account[h]!, postOnly: this.postOnly[h] === 1,
    };
  }

  private grow(): void {
    const n = this.orderId.length * 2;
    this.orderId = grown(this.orderId, n);
    this.qty = grown(this.qty, n);
    this.price = grown(this.price, n);
    this.account = grown(this.account, n);
    this.side = grown(this.side, n);
    this.postOnly = grown(this.postOnly, n);
    this.next = grown(this.next, n);
    this.prev = grown(this.prev, n);
  }
}
