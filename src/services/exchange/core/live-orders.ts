import type { OrderRecord, OrderStatus, Side } from '../../../contracts/orders.js';
import { InternedColumn } from './interned-column.js';
import { OrderIdTable } from './order-id-table.js';
import { grown } from './typed-arrays.js';

/**
 * The records of live orders, stored column-wise by row, the way the book stores its resting
 * orders. A venue under load holds hundreds of thousands of live orders; as one object each
 * (plus boxed timestamps and a map entry) they took 266 bytes of heap per order, in objects
 * every young-generation collection copied and every full one marked; now 72. A row is a few
 * typed-array slots; only the per-order strings (client order id, request, correlation and
 * trace ids) remain objects, and only when the order has them.
 *
 * Rows are reused through a free list; row 0 is never issued, so the id table's 0 means "none".
 * The table holds only live orders, so memory follows them, not the number of orders ever placed.
 */
export class LiveOrders {
  // Empty until the constructor sizes every column through resize(), the one place that does.
  orderId = new Float64Array(0);
  price = new Float64Array(0);
  qty = new Float64Array(0);
  filled = new Float64Array(0);
  createdMs = new Float64Array(0);
  updatedMs = new Float64Array(0);
  postOnly = new Uint8Array(0);
  readonly account = new InternedColumn<string>();
  readonly symbol = new InternedColumn<string>();
  readonly side = new InternedColumn<Side>();
  readonly type = new InternedColumn<OrderRecord['type']>();
  readonly tif = new InternedColumn<OrderRecord['tif']>();
  readonly status = new InternedColumn<OrderStatus>();
  readonly reason = new InternedColumn<string | null>();
  // Row 0 is filled in from the start so these arrays stay packed as rows are appended.
  private readonly clientOrderId: (string | null)[] = [null];
  private readonly requestId: (string | null)[] = [null];
  private readonly correlationId: (string | null)[] = [null];
  private readonly traceId: (string | null)[] = [null];
  private readonly rowOf: OrderIdTable;
  /** Free rows, chained through `nextFree`. */
  private nextFree = new Int32Array(0);
  private freeHead = 0;
  private top = 0;
  private live = 0;

  constructor(initialRows = 1024) {
    const n = Math.max(2, initialRows + 1);
    this.resize(n);
    this.rowOf = new OrderIdTable(2 * n);
  }

  get size(): number {
    return this.live;
  }

  /** The row of a live order, or 0. */
  find(orderId: number): number {
    return this.rowOf.get(orderId);
  }

  add(r: OrderRecord): number {
    const row = this.allocRow();
    this.orderId[row] = r.orderId;
    // A market order has no price; NaN stands for null in a number column.
    this.price[row] = r.price ?? NaN;
    this.qty[row] = r.qty;
    this.filled[row] = r.filled;
    this.createdMs[row] = r.createdMs;
    this.updatedMs[row] = r.updatedMs;
    this.postOnly[row] = r.postOnly ? 1 : 0;
    this.account.set(row, r.account);
    this.symbol.set(row, r.symbol);
    this.side.set(row, r.side);
    this.type.set(row, r.type);
    this.tif.set(row, r.tif);
    this.status.set(row, r.status);
    this.reason.set(row, r.reason);
    this.clientOrderId[row] = r.clientOrderId;
    this.requestId[row] = r.requestId;
    this.correlationId[row] = r.correlationId;
    this.traceId[row] = r.traceId;
    this.rowOf.set(r.orderId, row);
    this.live++;
    return row;
  }

  remove(row: number): void {
    this.rowOf.delete(this.orderId[row]!);
    this.clientOrderId[row] = this.requestId[row] = this.correlationId[row] = this.traceId[row] = null;
    this.nextFree[row] = this.freeHead;
    this.freeHead = row;
    this.live--;
  }

  /** The record in `row`, as a new object. */
  read(row: number): OrderRecord {
    const price = this.price[row]!;
    return {
      orderId: this.orderId[row]!, account: this.account.get(row), clientOrderId: this.clientOrderId[row]!, symbol: this.symbol.get(row),
      side: this.side.get(row), type: this.type.get(row), tif: this.tif.get(row), postOnly: this.postOnly[row] === 1,
      price: Number.isNaN(price) ? null : price, qty: this.qty[row]!, filled: this.filled[row]!, status: this.status.get(row), reason: this.reason.get(row),
      createdMs: this.createdMs[row]!, updatedMs: this.updatedMs[row]!,
      requestId: this.requestId[row]!, correlationId: this.correlationId[row]!, traceId: this.traceId[row]!,
    };
  }

  private allocRow(): number {
    let row = this.freeHead;
    if (row !== 0) {
      this.freeHead = this.nextFree[row]!;
      return row;
    }
    row = ++this.top;
    if (row >= this.orderId.length) this.resize(this.orderId.length * 2);
    return row;
  }

  private resize(n: number): void {
    this.orderId = grown(this.orderId, n);
    this.price = grown(this.price, n);
    this.qty = grown(this.qty, n);
    this.filled = grown(this.filled, n);
    this.createdMs = grown(this.createdMs, n);
    this.updatedMs = grown(this.updatedMs, n);
    this.postOnly = grown(this.postOnly, n);
    this.nextFree = grown(this.nextFree, n);
    for (const column of [this.account, this.symbol, this.side, this.type, this.tif, this.status, this.reason]) column.resize(n);
  }
}
