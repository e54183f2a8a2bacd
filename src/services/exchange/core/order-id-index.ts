/**
 * Order id -> resting-order handle. Ids handed out by a venue are mostly small and dense, so they
 * index a typed array directly (one load, no hashing); ids beyond the dense limit, or sparse ids
 * from elsewhere, fall back to a Map. A stored 0 means "not resting" (handle 0 is never issued).
 */
const DENSE_LIMIT = 1 << 24;

export class OrderIdIndex {
  private dense: Int32Array;
  private readonly sparse = new Map<number, number>();

  constructor(initialDense = 1 << 16) {
    this.dense = new Int32Array(Math.min(DENSE_LIMIT, Math.max(16, initialDense)));
  }

  get(orderId: number): number {
    if (orderId < this.dense.length) return this.dense[orderId]!;
    return this.sparse.get(orderId) ?? 0;
  }

  set(orderId: number, handle: number): void {
    if (orderId >= this.dense.length && orderId < DENSE_LIMIT) this.growDense(orderId);
    if (orderId < this.dense.length) this.dense[orderId] = handle;
    else this.sparse.set(orderId, handle);
  }

  delete(orderId: number): void {
    if (orderId < this.dense.length) this.dense[orderId] = 0;
    else this.sparse.delete(orderId);
  }

  private growDense(orderId: number): void {
    let n = this.dense.length * 2;
    while (n <= orderId) n *= 2;
    const grown = new Int32Array(Math.min(n, DENSE_LIMIT));
    grown.set(this.dense);
    this.dense = grown;
    // Ids that were sparse before the growth now belong in the dense part.
    for (const [id, handle] of this.sparse) {
      if (id < grown.length) {
        grown[id] = handle;
        this.sparse.delete(id);
      }
    }
  }
}
