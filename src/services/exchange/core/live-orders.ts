import type { OrderRecord, OrderStatus, Side } from '../../../contracts/orders.js';
import { InternedColumn } from './interned-column.js';
import { OrderIdTable } from './order-id-table.js';
import { PagedColumn } from './paged-column.js';

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
 * The columns grow by pages and the id table a few entries at a time, so that growing never
 * stops the order stream to copy them whole.
 */
export class LiveOrders {
  // Empty until the constructor sizes every column through reserve(), the one place that does.
  readonly orderId = new PagedColumn(Float64Array, 0);
  readonly price = new PagedColumn(Float64Array, 0);
  readonly qty = new PagedColumn(Float64Array, 0);
  readonly filled = new PagedColumn(Float64Array, 0);
  readonly createdMs = new PagedColumn(Float64Array, 0);
  readonly updatedMs = new PagedColumn(Float64Array, 0);
  readonly postOnly = new PagedColumn(Uint8Array, 0);
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
  private readonly nextFree = new PagedColumn(Int32Array, 0);
  private freeHead = 0;
  private top = 0;
  /** Rows every column can hold. */
  private rows = 0;
  private live = 0;

  /** With `copyOf`: an independent copy of it (see copy()). */
  constructor(initialRows = 1024, copyOf?: LiveOrders) {
    if (copyOf) {
      const f = copyOf;
      this.orderId = f.orderId.copy(); this.price = f.price.copy(); this.qty = f.qty.copy(); this.filled = f.filled.copy();
      this.createdMs = f.createdMs.copy(); this.updatedMs = f.updatedMs.copy(); this.postOnly = f.postOnly.copy(); this.nextFree = f.nextFree.copy();
      this.account = f.account.copy(); this.symbol = f.symbol.copy(); this.side = f.side.copy(); this.type = f.type.copy();
      this.tif = f.tif.copy(); this.status = f.status.copy(); this.reason = f.reason.copy();
      this.clientOrderId = f.clientOrderId.slice(); this.requestId = f.requestId.slice(); this.correlationId = f.correlationId.slice(); this.traceId = f.traceId.slice();
      this.rowOf = f.rowOf.copy();
      this.freeHead = f.freeHead; this.top = f.top; this.rows = f.rows; this.live = f.live;
      return;
    }
    const n = Math.max(2, initialRows + 1);
    this.reserve(n);
    this.rowOf = new OrderIdTable(2 * n);
  }

  /**
   * An independent copy, made of copies of whole column pages and arrays, with no object per
   * order: what a snapshot takes in its one pause, to write out later while this goes on.
   */
  copy(): LiveOrders {
    return new LiveOrders(0, this);
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
    this.orderId.set(row, r.orderId);
    // A market order has no price; NaN stands for null in a number column.
    this.price.set(row, r.price ?? NaN);
    this.qty.set(row, r.qty);
    this.filled.set(row, r.filled);
    this.createdMs.set(row, r.createdMs);
    this.updatedMs.set(row, r.updatedMs);
    this.postOnly.set(row, r.postOnly ? 1 : 0);
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
    this.rowOf.delete(this.orderId.get(row));
    this.clientOrderId[row] = this.requestId[row] = this.correlationId[row] = this.traceId[row] = null;
    this.nextFree.set(row, this.freeHead);
    this.freeHead = row;
    this.live--;
  }

  /** The record in `row`, as a new object. */
  read(row: number): OrderRecord {
    const price = this.price.get(row);
    return {
      orderId: this.orderId.get(row), account: this.account.get(row), clientOrderId: this.clientOrderId[row]!, symbol: this.symbol.get(row),
      side: this.side.get(row), type: this.type.get(row), tif: this.tif.get(row), postOnly: this.postOnly.get(row) === 1,
      price: Number.isNaN(price) ? null : price, qty: this.qty.get(row), filled: this.filled.get(row), status: this.status.get(row), reason: this.reason.get(row),
      createdMs: this.createdMs.get(row), updatedMs: this.updatedMs.get(row),
      requestId: this.requestId[row]!, correlationId: this.correlationId[row]!, traceId: this.traceId[row]!,
    };
  }

  /** Every live order's record, in row order. */
  *records(): Generator<OrderRecord> {
    for (let row = 1; row <= this.top; row++) if (this.rowOf.get(this.orderId.get(row)) === row) yield this.read(row);
  }

  private allocRow(): number {
    let row = this.freeHead;
    if (row !== 0) {
      this.freeHead = this.nextFree.get(row);
      return row;
    }
    row = ++this.top;
    if (row >= this.rows) this.reserve(this.rows * 2);
    return row;
  }

  /** Makes rows 0 .. rows - 1 usable in every column (each may round up on its own). */
  private reserve(rows: number): void {
    this.rows = rows;
    const columns = [this.orderId, this.price, this.qty, this.filled, this.createdMs, this.updatedMs, this.postOnly, this.nextFree,
      this.account, this.symbol, this.side, this.type, this.tif, this.status, this.reason];
    for (const column of columns) column.reserve(rows);
  }
}
