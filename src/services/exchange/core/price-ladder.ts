/**
 * Price levels of both sides in one array window indexed by `price - base`. One window serves
 * both sides because a book at rest is never crossed: every non-empty level below the best ask
 * holds bids and every one above the best bid holds asks, so a level's side is implied by where
 * it sits. Each level is an intrusive FIFO (head/tail handles into the OrderStore) plus its total.
 * A bitmap of non-empty levels lets the book find the next best level 32 prices at a time.
 *
 * The window starts small around the first price and is recentred or doubled when a price falls
 * outside it; prices whose inclusion would stretch the live range past `maxSpan` are refused.
 */
export class PriceLadder {
  base = 0;
  size: number;
  head: Int32Array;
  tail: Int32Array;
  total: Float64Array;
  private bits: Uint32Array;
  private started = false;
  private readonly maxSize: number;

  constructor(readonly maxSpan: number, initialSize = 4096) {
    this.maxSize = nextPowerOfTwo(maxSpan);
    this.size = Math.min(this.maxSize, nextPowerOfTwo(Math.max(64, initialSize)));
    this.head = new Int32Array(this.size);
    this.tail = new Int32Array(this.size);
    this.total = new Float64Array(this.size);
    this.bits = new Uint32Array(this.size >>> 5);
  }

  covers(price: number): boolean {
    return this.started && (price - this.base) >>> 0 < this.size;
  }

  /** Makes `price` addressable; false when the live range plus `price` would exceed maxSpan. */
  cover(price: number): boolean {
    if (this.covers(price)) return true;
    const low = this.scanUp(0);
    if (!this.started || low < 0) {
      this.started = true;
      this.base = price - (this.size >>> 1);
      return true;
    }
    const lowest = Math.min(this.base + low, price);
    const highest = Math.max(this.base + this.scanDown(this.size - 1), price);
    const span = highest - lowest + 1;
    if (span > this.maxSpan) return false;
    const size = Math.min(this.maxSize, Math.max(this.size, nextPowerOfTwo(span * 2)));
    this.rebuild(size, lowest - ((size - span) >>> 1));
    return true;
  }

  markNonEmpty(i: number): void {
    this.bits[i >>> 5]! |= 1 << (i & 31);
  }

  markEmpty(i: number): void {
    this.bits[i >>> 5]! &= ~(1 << (i & 31));
  }

  /** Index of the lowest non-empty level at or above `i`, or -1. */
  scanUp(i: number): number {
    if (i >= this.size) return -1;
    const bits = this.bits;
    let w = i >>> 5;
    let word = bits[w]! & (-1 << (i & 31));
    while (word === 0) {
      if (++w >= bits.length) return -1;
      word = bits[w]!;
    }
    return (w << 5) + 31 - Math.clz32(word & -word);
  }

  /** Index of the highest non-empty level at or below `i`, or -1. */
  scanDown(i: number): number {
    if (i < 0) return -1;
    const bits = this.bits;
    let w = i >>> 5;
    let word = bits[w]! & (-1 >>> (31 - (i & 31)));
    while (word === 0) {
      if (--w < 0) return -1;
      word = bits[w]!;
    }
    return (w << 5) + 31 - Math.clz32(word);
  }

  /**
   * Visits non-empty levels from the one at `fromPrice` outwards (downwards for bids, upwards for
   * asks) until `visit` returns false. Past a side's best price every non-empty level is that side's.
   */
  walk(fromPrice: number, downwards: boolean, visit: (price: number, total: number, head: number) => boolean): void {
    let i = fromPrice - this.base;
    while (i >= 0 && i < this.size) {
      if (!visit(this.base + i, this.total[i]!, this.head[i]!)) return;
      i = downwards ? this.scanDown(i - 1) : this.scanUp(i + 1);
    }
  }

  private rebuild(size: number, base: number): void {
    const head = new Int32Array(size);
    const tail = new Int32Array(size);
    const total = new Float64Array(size);
    const bits = new Uint32Array(size >>> 5);
    for (let i = this.scanUp(0); i >= 0; i = this.scanUp(i + 1)) {
      const j = this.base + i - base;
      head[j] = this.head[i]!;
      tail[j] = this.tail[i]!;
      total[j] = this.total[i]!;
      bits[j >>> 5]! |= 1 << (j & 31);
    }
    this.head = head;
    this.tail = tail;
    this.total = total;
    this.bits = bits;
    this.size = size;
    this.base = base;
  }
}

function nextPowerOfTwo(n: number): number {
  let p = 64;
  while (p < n) p *= 2;
  return p;
}
