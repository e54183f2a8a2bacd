/**
 * Order id -> row, for a set of orders that comes and goes (the live ones): an open-addressing
 * hash table with linear probing in typed arrays, so it holds no object per entry and its size
 * follows the orders it holds, not the highest id ever seen. Never more than half full; a
 * removal shifts the entries after it back, so no tombstones build up. Row 0 means "none".
 */
export class OrderIdTable {
  private keys: Float64Array;
  private rows: Int32Array;
  private mask: number;
  private count = 0;

  constructor(initialSlots = 1024) {
    let n = 16;
    while (n < initialSlots) n *= 2;
    this.keys = new Float64Array(n);
    this.rows = new Int32Array(n);
    this.mask = n - 1;
  }

  get size(): number {
    return this.count;
  }

  get(orderId: number): number {
    for (let slot = this.home(orderId); ; slot = (slot + 1) & this.mask) {
      const row = this.rows[slot]!;
      if (row === 0 || this.keys[slot] === orderId) return row;
    }
  }

  /** Adds or replaces the row of `orderId` (`row` must not be 0). */
  set(orderId: number, row: number): void {
    if ((this.count + 1) * 2 > this.rows.length) this.resize(this.rows.length * 2);
    let slot = this.home(orderId);
    while (this.rows[slot] !== 0 && this.keys[slot] !== orderId) slot = (slot + 1) & this.mask;
    if (this.rows[slot] === 0) this.count++;
    this.keys[slot] = orderId;
    this.rows[slot] = row;
  }

  delete(orderId: number): void {
    let slot = this.home(orderId);
    for (; ; slot = (slot + 1) & this.mask) {
      if (this.rows[slot] === 0) return;
      if (this.keys[slot] === orderId) break;
    }
    this.count--;
    // Backward-shift deletion: move later entries of the probe run into the hole when their home
    // slot does not lie (cyclically) between the hole and where they sit.
    let hole = slot;
    for (let next = (hole + 1) & this.mask; this.rows[next] !== 0; next = (next + 1) & this.mask) {
      const home = this.home(this.keys[next]!);
      const reachable = hole <= next ? home > hole && home <= next : home > hole || home <= next;
      if (reachable) continue;
      this.keys[hole] = this.keys[next]!;
      this.rows[hole] = this.rows[next]!;
      hole = next;
    }
    this.rows[hole] = 0;
  }

  /** Order ids are mostly consecutive: a multiplicative hash spreads them over the table. */
  private home(orderId: number): number {
    return (Math.imul(orderId | 0, 0x9e3779b1) ^ ((orderId / 4294967296) | 0)) & this.mask;
  }

  private resize(slots: number): void {
    const { keys, rows } = this;
    this.keys = new Float64Array(slots);
    this.rows = new Int32Array(slots);
    this.mask = slots - 1;
    this.count = 0;
    for (let i = 0; i < rows.length; i++) if (rows[i] !== 0) this.set(keys[i]!, rows[i]!);
  }
}
