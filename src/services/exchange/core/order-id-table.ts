/** Slots of the smaller table a change moves into the grown one, while the table grows. */
const MOVES_PER_CHANGE = 8;
/** In a table being emptied by a growth: a slot whose entry left. Lookups probe past it. */
const MOVED = -1;

interface Slots {
  keys: Float64Array;
  rows: Int32Array;
  mask: number;
}

const slotsOf = (n: number): Slots => ({ keys: new Float64Array(n), rows: new Int32Array(n), mask: n - 1 });

/**
 * Order id -> row, for a set of orders that comes and goes (the live ones): an open-addressing
 * hash table with linear probing in typed arrays, so it holds no object per entry and its size
 * follows the orders it holds, not the highest id ever seen. Never more than half full; a
 * removal shifts the entries after it back, so no tombstones build up. Row 0 means "none".
 *
 * It grows without re-inserting everything at once (with hundreds of thousands of live orders,
 * a stall of several milliseconds in the order stream): the entries move to a table twice as
 * large a few slots per set or delete. Until the last has moved, a lookup that misses in the new
 * table probes the old one, where moved and deleted entries are marked MOVED instead of shifted.
 */
export class OrderIdTable {
  private table: Slots;
  private count = 0;
  /** While growing: the table being emptied, its entries not yet moved, and the next slot to move. */
  private old: Slots | null = null;
  private oldCount = 0;
  private nextToMove = 0;

  constructor(initialSlots = 1024) {
    let n = 16;
    while (n < initialSlots) n *= 2;
    this.table = slotsOf(n);
  }

  get size(): number {
    return this.count + this.oldCount;
  }

  /** An independent copy (a copy of its arrays). */
  copy(): OrderIdTable {
    const c = new OrderIdTable(16);
    const copySlots = (s: Slots): Slots => ({ keys: s.keys.slice(), rows: s.rows.slice(), mask: s.mask });
    c.table = copySlots(this.table);
    c.count = this.count;
    c.old = this.old && copySlots(this.old);
    c.oldCount = this.oldCount;
    c.nextToMove = this.nextToMove;
    return c;
  }

  get(orderId: number): number {
    const row = this.table.rows[find(this.table, orderId)]!;
    if (row !== 0 || this.old === null) return row;
    return this.old.rows[find(this.old, orderId)]!;
  }

  /** Adds or replaces the row of `orderId` (`row` must not be 0). */
  set(orderId: number, row: number): void {
    if (this.old === null && (this.count + 1) * 2 > this.table.rows.length) this.startGrowth();
    this.growthStep(orderId);
    this.put(orderId, row);
  }

  delete(orderId: number): void {
    this.growthStep(orderId);
    const { keys, rows, mask } = this.table;
    let hole = find(this.table, orderId);
    if (rows[hole] === 0) return;
    this.count--;
    // Backward-shift deletion: move later entries of the probe run into the hole when their home
    // slot does not lie (cyclically) between the hole and where they sit.
    for (let next = (hole + 1) & mask; rows[next] !== 0; next = (next + 1) & mask) {
      const home = homeOf(keys[next]!, mask);
      const reachable = hole <= next ? home > hole && home <= next : home > hole || home <= next;
      if (reachable) continue;
      keys[hole] = keys[next]!;
      rows[hole] = rows[next]!;
      hole = next;
    }
    rows[hole] = 0;
  }

  private put(orderId: number, row: number): void {
    const slot = find(this.table, orderId);
    if (this.table.rows[slot] === 0) this.count++;
    this.table.keys[slot] = orderId;
    this.table.rows[slot] = row;
  }

  /**
   * Growth begins at half full. The old table's slots then all move within an eighth as many
   * changes as it has slots, long before the new one, twice as large, could be half full.
   */
  private startGrowth(): void {
    this.old = this.table;
    this.oldCount = this.count;
    this.nextToMove = 0;
    this.table = slotsOf(this.old.rows.length * 2);
    this.count = 0;
  }

  /** While growing, each set or delete moves a few more entries, and takes `orderId` out of the old table. */
  private growthStep(orderId: number): void {
    if (this.old === null) return;
    this.moveSome();
    this.forgetOld(orderId);
  }

  private moveSome(): void {
    const old = this.old!;
    const until = Math.min(old.rows.length, this.nextToMove + MOVES_PER_CHANGE);
    for (; this.nextToMove < until; this.nextToMove++) {
      const row = old.rows[this.nextToMove]!;
      if (row <= 0) continue;
      this.put(old.keys[this.nextToMove]!, row);
      old.rows[this.nextToMove] = MOVED;
      this.oldCount--;
    }
    if (this.nextToMove === old.rows.length) this.old = null;
  }

  /** Marks `orderId` MOVED in the old table, if it is still there: the new table has its say now. */
  private forgetOld(orderId: number): void {
    if (this.old === null) return;
    const slot = find(this.old, orderId);
    if (this.old.rows[slot]! > 0) {
      this.old.rows[slot] = MOVED;
      this.oldCount--;
    }
  }
}

/** Order ids are mostly consecutive: a multiplicative hash spreads them over the table. */
function homeOf(orderId: number, mask: number): number {
  return (Math.imul(orderId | 0, 0x9e3779b1) ^ ((orderId / 4294967296) | 0)) & mask;
}

/** The slot holding `orderId`, or else the empty slot (row 0) where its probe ends. */
function find(t: Slots, orderId: number): number {
  let slot = homeOf(orderId, t.mask);
  while (t.rows[slot] !== 0 && (t.rows[slot] === MOVED || t.keys[slot] !== orderId)) slot = (slot + 1) & t.mask;
  return slot;
}
