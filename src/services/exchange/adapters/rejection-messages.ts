import type { OrderRecord } from '../../../contracts/orders.js';
import type { Book } from '../core/index.js';
import { EXCHANGE_CODES } from '../error-codes.js';

/** A price in ticks as the API shows it ("65123.45"). */
export type PriceFormat = (symbol: string, ticks: number) => string;

/**
 * Why the book rejected an order, in words a trader can act on: the band that applies now, how
 * long a halt lasts, the price a post-only order would have traded at. Codes without more to say
 * get their catalogue meaning.
 */
export function rejectionMessage(order: OrderRecord, code: string, book: Book, price: PriceFormat): string {
  const head = `order ${order.orderId}`;
  const at = (ticks: number) => price(order.symbol, ticks);
  switch (code) {
    case 'PRICE_OUTSIDE_BAND': {
      const band = book.priceBand;
      if (!band || order.price === null) break;
      return `${head}: price ${at(order.price)} is outside the ${order.symbol} price band, ${at(band.low)} to ${at(band.high)} ` +
        `around the reference price ${at(book.referencePrice!)} (exchange.priceBandBps)`;
    }
    case 'BOOK_HALTED': {
      const halt = book.haltStatus;
      const until = halt.level === 0 ? 'by an operator until resumed (tradewatch resume)'
        : `by circuit breaker level ${halt.level} ${Number.isFinite(halt.untilMs) ? `until ${new Date(halt.untilMs).toISOString()}` : 'until an operator resumes it'}`;
      return `${head}: trading in ${order.symbol} is halted ${until}; the book accepts cancels only`;
    }
    case 'POST_ONLY_WOULD_TRADE': {
      const best = order.side === 'buy' ? book.bestAsk : book.bestBid;
      if (best === undefined || order.price === null) break;
      return `${head}: post-only ${order.side} at ${at(order.price)} would trade against the best ${order.side === 'buy' ? 'ask' : 'bid'} ` +
        `${at(best)}; price it ${order.side === 'buy' ? 'below' : 'above'} that to rest`;
    }
    default:
      break;
  }
  const meaning = (EXCHANGE_CODES as Record<string, string>)[code];
  return `${head} rejected by the book (${code})${meaning ? `: ${meaning}` : ''}`;
}
