import { OrderBook, Side } from 'nodejs-order-book';
import { bookFingerprint, OP, STREAM_SIDE, type FingerprintLevel, type OrderStream } from './ob-stream-1.js';

/**
 * Drives the npm package nodejs-order-book (the comparison point of the matching benchmark)
 * with the same stream. Its ids are strings, so they are built once up front and the timed
 * replay measures the book only.
 */
export interface ReferenceStream {
  stream: OrderStream;
  ids: string[];
  sides: Side[];
}

export function prepareReferenceStream(stream: OrderStream): ReferenceStream {
  const ids: string[] = new Array<string>(stream.ops);
  const sides: Side[] = new Array<Side>(stream.ops);
  for (let i = 0; i < stream.ops; i++) {
    ids[i] = String(stream.id[i]);
    sides[i] = stream.side[i] === STREAM_SIDE.BUY ? Side.BUY : Side.SELL;
  }
  return { stream, ids, sides };
}

/** Replays ops [from, to): GTC limits, cancels (unknown ids are no-ops there too), markets. */
export function replayOnReference(book: OrderBook, r: ReferenceStream, from = 0, to = r.stream.ops): void {
  const { kind, price, qty } = r.stream;
  const { ids, sides } = r;
  for (let i = from; i < to; i++) {
    const k = kind[i];
    if (k === OP.LIMIT) book.limit({ id: ids[i]!, side: sides[i]!, size: qty[i]!, price: price[i]! });
    else if (k === OP.CANCEL) book.cancel(ids[i]!);
    else book.market({ side: sides[i]!, size: qty[i]! });
  }
}

export function referenceFingerprint(book: OrderBook): string {
  const [asks, bids] = book.depth();
  const levels: FingerprintLevel[] = [];
  for (const [price, qty] of [...bids].sort((a, b) => b[0] - a[0])) levels.push({ side: STREAM_SIDE.BUY, price, qty });
  for (const [price, qty] of [...asks].sort((a, b) => a[0] - b[0])) levels.push({ side: STREAM_SIDE.SELL, price, qty });
  return bookFingerprint(levels);
}
