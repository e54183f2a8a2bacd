import type { Book, EventSink, Side } from '../../src/services/exchange/core/index.js';
import { SIDE } from '../../src/services/exchange/core/index.js';
import { bookFingerprint, OP, type FingerprintLevel, type OrderStream } from './ob-stream-1.js';

/**
 * The benchmark's lean event mode: the book emits every event through the same calls as in
 * service use; this sink only counts them, so the matching work is the same but no event
 * objects are built.
 */
export class CountingSink implements EventSink {
  acceptedCount = 0;
  rejectedCount = 0;
  tradeCount = 0;
  tradedQty = 0;
  cancelledCount = 0;
  otherCount = 0;

  accepted(): void { this.acceptedCount++; }
  rejected(): void { this.rejectedCount++; }
  trade(_symbol: string, _seq: number, _timeMs: number, _maker: number, _taker: number, _price: number, qty: number): void {
    this.tradeCount++;
    this.tradedQty += qty;
  }
  cancelled(): void { this.cancelledCount++; }
  expired(): void { this.otherCount++; }
  replaced(): void { this.otherCount++; }
  halted(): void { this.otherCount++; }
  resumed(): void { this.otherCount++; }
  referencePriceSet(): void { this.otherCount++; }
}

/** Replays ops [from, to) of the stream; op i happens at time i ms. Market orders carry id 0. */
export function replayOnBook(book: Book, s: OrderStream, from = 0, to = s.ops): void {
  const kind = s.kind, side = s.side, id = s.id, price = s.price, qty = s.qty;
  for (let i = from; i < to; i++) {
    const k = kind[i];
    if (k === OP.LIMIT) book.limit(i, id[i]!, side[i] as Side, price[i]!, qty[i]!);
    else if (k === OP.CANCEL) book.cancel(i, id[i]!);
    else book.market(i, 0, side[i] as Side, qty[i]!);
  }
}

/** Runs op i alone (for latency sampling). */
export function replayOne(book: Book, s: OrderStream, i: number): void {
  replayOnBook(book, s, i, i + 1);
}

export function bookLevels(book: Book): FingerprintLevel[] {
  const levels: FingerprintLevel[] = [];
  for (const side of [SIDE.BUY, SIDE.SELL] as const) {
    for (const [price, qty] of book.depth(side)) levels.push({ side, price, qty });
  }
  return levels;
}

export const engineFingerprint = (book: Book): string => bookFingerprint(bookLevels(book));
