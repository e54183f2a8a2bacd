import type { Command } from 'commander';
import { MAX_BOOK_LEVELS } from '../../contracts/orders.js';
import type { exchangeBookView } from '../../services/gateway/order-translate.js';
import { addApiOptions, apiTarget, callApi } from '../api-client.js';
import { wholeNumberOf } from '../exchange-options.js';
import { formatTable, printJson } from '../output.js';
import { withSpinner } from '../terminal.js';

type BookView = ReturnType<typeof exchangeBookView>;

/** Bids and asks side by side, best first: one row per level. */
export function bookTable(b: BookView): string {
  const rows = Array.from({ length: Math.max(b.bids.length, b.asks.length) }, (_, i) => {
    const [bid = '', bidQty = ''] = b.bids[i] ?? [];
    const [ask = '', askQty = ''] = b.asks[i] ?? [];
    return [bidQty, bid, ask, askQty];
  });
  const title = `${b.symbol} on the exchange, seq ${b.seq} at ${b.ts}`;
  if (rows.length === 0) return `${title}: no resting orders\n`;
  return `${title}\n${formatTable(['BID QTY', 'BID', 'ASK', 'ASK QTY'], rows)}\n`;
}

export function registerBook(program: Command): void {
  addApiOptions(program.command('book'))
    .summary('the exchange\'s order book for one symbol: top price levels of each side')
    .description('the exchange\'s own order book now (GET /api/v1/exchange/book/:symbol): the resting quantity at each of the best '
      + 'price levels, bids and asks side by side. These are the orders placed on this venue, not the market-data model\'s '
      + 'reference market (GET /api/v1/market/:symbol). No key needed')
    .requiredOption('--symbol <symbol>', 'the book, e.g. BTC-USD (symbols: GET /api/v1/market)')
    .option('--depth <n>', `price levels per side (1-${MAX_BOOK_LEVELS})`, wholeNumberOf(MAX_BOOK_LEVELS), 10)
    .action(async (opts: Record<string, unknown>) => {
      const path = `/api/v1/exchange/book/${encodeURIComponent(String(opts.symbol))}?depth=${String(opts.depth)}`;
      const book = await withSpinner('fetching the book', () => callApi<BookView>(apiTarget(opts), 'GET', path));
      if (opts.json) return printJson(book);
      process.stdout.write(bookTable(book));
    });
}
