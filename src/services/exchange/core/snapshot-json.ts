import type { CapturedBook } from './book.js';
import type { CapturedClientOrderIds } from './client-order-ids.js';
import type { CapturedLedger } from './order-ledger.js';

/**
 * The exchange state as ExchangeState.capture() copies it in one short pause, to be written out
 * as an ExchangeSnapshot afterwards (snapshotJson) while the exchange goes on. Read once.
 */
export interface StateCapture {
  version: number;
  settings: string;
  nextOrderId: number;
  accounts: string[];
  books: [string, CapturedBook][];
  ledger: CapturedLedger;
  clientOrderIds: CapturedClientOrderIds;
}

/** List items per piece of text: 250 live orders' records make one in about a millisecond. */
const ITEMS_PER_PIECE = 250;

/**
 * The captured state as the JSON text of an ExchangeSnapshot, in pieces that join to it, so that
 * a caller can let orders in between pieces: the capture does not change meanwhile.
 */
export function* snapshotJson(c: StateCapture): Generator<string> {
  yield `{"version":${c.version},"settings":${JSON.stringify(c.settings)},"nextOrderId":${c.nextOrderId},"accounts":${JSON.stringify(c.accounts)},"books":{`;
  for (const [i, [symbol, book]] of c.books.entries()) {
    // JSON has no Infinity: an operator halt, with no end, has null.
    const controls = { ...book.controls, haltEndMs: Number.isFinite(book.controls.haltEndMs) ? book.controls.haltEndMs : null };
    yield `${i === 0 ? '' : ','}${JSON.stringify(symbol)}:{"seq":${book.seq},"lastTrade":${book.lastTrade},"controls":${JSON.stringify(controls)},"bids":`;
    yield* list(book.bids.saved());
    yield ',"asks":';
    yield* list(book.asks.saved());
    yield '}';
  }
  yield `},"ledger":{"nextTradeId":${c.ledger.nextTradeId},"live":`;
  yield* list(c.ledger.live);
  const ids = c.clientOrderIds;
  yield `},"clientOrderIds":{"currentSince":${JSON.stringify(ids.currentSince)},"current":`;
  yield* list(ids.current);
  yield ',"previous":';
  if (ids.previous) yield* list(ids.previous);
  else yield 'null';
  yield '}}';
}

/** A JSON array of `items`, ITEMS_PER_PIECE of them to a piece. */
function* list(items: Iterable<unknown>): Generator<string> {
  yield '[';
  let piece: unknown[] = [];
  let separator = '';
  for (const item of items) {
    piece.push(item);
    if (piece.length === ITEMS_PER_PIECE) {
      yield separator + JSON.stringify(piece).slice(1, -1);
      separator = ',';
      piece = [];
    }
  }
  if (piece.length > 0) yield separator + JSON.stringify(piece).slice(1, -1);
  yield ']';
}
