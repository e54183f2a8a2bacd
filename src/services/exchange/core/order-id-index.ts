import { PagedColumn } from './paged-column.js';

/**
 * Order id -> resting-order handle. Ids handed out by a venue are mostly small and dense, so they
 * index a paged column directly (no hashing; growing adds pages, never copies); ids beyond the
 * dense limit fall back to a Map. A stored 0 means "not resting" (handle 0 is never issued).
 */
const DENSE_LIMIT = 1 << 24;

export class OrderIdIndex {
  private readonly dense: PagedColumn<Int32Array>;
  private readonly sparse = new Map<number, number>();

  constructor(initialDense = 1 << 16) {
    this.dense = new PagedColumn(Int32Array, Math.min(DENSE_LIMIT, Math.max(16, initialDense)));
  }

  get(orderId: number): number {
    if (orderId < this.dense.capacity) return this.dense.get(orderId);
    return this.sparse.get(orderId) ?? 0;
  }

  set(orderId: number, handle: number): void {
    if (orderId < DENSE_LIMIT) {
      this.dense.reserve(orderId + 1);
      this.dense.set(orderId, handle);
    } else {
      this.sparse.set(orderId, handle);
    }
  }

  delete(orderId: number): void {
    if (orderId < this.dense.capacity) this.dense.set(orderId, 0);
    else this.sparse.delete(orderId);
  }
}
