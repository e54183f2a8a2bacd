import type { BookSnapshot, MarketUpdate } from '../../contracts/market-data.js';

interface SymbolBook {
  seq: number;
  ts: number;
  bids: Map<number, number>;
  asks: Map<number, number>;
  last: MarketUpdate | null;
}

export type ApplyResult = 'applied' | 'stale' | 'gap';

/**
 * The gateway's copy of each instrument's book, kept from the market-data feed:
 * a snapshot, then updates applied in sequence. An update that skips a sequence number is a
 * gap: the book is stale until a fresh snapshot arrives.
 */
export class MarketBookCache {
  private readonly books = new Map<string, SymbolBook>();

  has(symbol: string): boolean {
    return this.books.has(symbol);
  }

  symbols(): string[] {
    return [...this.books.keys()].sort();
  }

  loadSnapshot(snap: BookSnapshot): void {
    const current = this.books.get(snap.symbol);
    if (current && current.seq > snap.seq) return; // an older snapshot than what we hold
    this.books.set(snap.symbol, {
      seq: snap.seq, ts: snap.ts,
      bids: new Map(snap.bids), asks: new Map(snap.asks),
      last: current?.last ?? null,
    });
  }

  apply(update: MarketUpdate): ApplyResult {
    const book = this.books.get(update.symbol);
    if (!book) return 'gap';
    if (update.seq <= book.seq) return 'stale';
    if (update.seq !== book.seq + 1) return 'gap';
    for (const c of update.changes) {
      const side = c.side === 'bid' ? book.bids : book.asks;
      if (c.qty === 0) side.delete(c.price);
      else side.set(c.price, c.qty);
    }
    book.seq = update.seq;
    book.ts = update.ts;
    book.last = update;
    return 'applied';
  }

  lastUpdate(symbol: string): MarketUpdate | null {
    return this.books.get(symbol)?.last ?? null;
  }

  snapshot(symbol: string, depth = Number.POSITIVE_INFINITY): BookSnapshot | null {
    const book = this.books.get(symbol);
    if (!book) return null;
    return {
      symbol, seq: book.seq, ts: book.ts,
      bids: [...book.bids].sort((a, b) => b[0] - a[0]).slice(0, depth),
      asks: [...book.asks].sort((a, b) => a[0] - b[0]).slice(0, depth),
    };
  }
}
