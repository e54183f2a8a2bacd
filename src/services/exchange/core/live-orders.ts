import type { OrderRecord, OrderStatus, Side } from '../../../contracts/orders.js';
import { InternedColumn } from './interned-column.js';
import { OrderIdTable } from './order-id-table.js';
import { grown } from './typed-arrays.js';

/**
 * The records of live orders, stored column-wise by row, the way the book stores its resting
 * orders. A venue under load holds hundreds of thousands of live orders; as one object each
 * (plus boxed numbers and a map entry) they were about 260 bytes in five or so objects per
 * order, which every young-generation collection copied and every full one marked. Here a row
 * is a few typed-array slots; only the per-order strings (client order id, request, correlation
 * and trace ids) remain objects, and only when the order has them.
 *
 * Rows are reused through a free list; row 0 is never issued, so the id table's 0 means "none".
 * The table holds only live orders, so memory follows them, not the number of orders ever placed.
 */
export class LiveOrders {
  orderId: Float64Array;
  price: Float64Array;
  qty: Float64Array;
  filled: Float64Array;
  createdMs: Float64Array;
  updatedMs: Float64Array;
  postOnly: Uint8Array;
  readonly account: InternedColumn<string>;
  readonly symbol: InternedColumn<string>;
  readonly side: InternedColumn<Side>;
  readonly type: InternedColumn<OrderRecord['type']>;
  readonly tif: InternedColumn<OrderRecord['tif']>;
  readonly status: InternedColumn<OrderStatus>;
  readonly reason: InternedColumn<string | null>;
  // Row 0 is filled in from the start so these arrays stay packed as rows are appended.
  private readonly clientOrderId: (string | null)[] = [null];
  private readonly requestId: (string | null)[] = [null];
  private readonly correlationId: (string | null)[] = [null];
  private readonly traceId: (string | null)[] = [null];
  private readonly rowOf: OrderIdTable;
  /** Free rows, chained through `nextFree`. */
  private nextFree: Int32Array;
  private freeHead = 0;
  private top = 0;
  private live = 0;

  constructor(initialRows = 1024) {
    const n = Math.max(2, initialRows + 1);
    this.orderId = new Float64Array(n);
    this.price = new Float64Array(n);
    this.qty = new Float64Array(n);
    this.filled = new Float64Array(n);
    this.createdMs = new Float64Array(n);
    this.updatedMs = new Float64Array(n);
    this.postOnly = new Uint8Array(n);
    this.nextFree = new Int32Array(n);
    this.rowOf = new OrderIdTable(2 * n);
    this.account = new InternedColumn(n);
    this.symbol = new InternedColumn(n);
    this.side = new InternedColumn(n);
    this.type = new InternedColumn(n);
    this.tif = new InternedColumn(n);
    this.status = new InternedColumn(n);
    this.reason = new InternedColumn(n);
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
