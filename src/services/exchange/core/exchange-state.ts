import type { OrderCommand, OrderRecord, OrderReply, SubmitOrder } from '../../../contracts/orders.js';
import type { Book, SavedBook } from './book.js';
import { resolveBookConfig, type BookConfig } from './book-config.js';
import { ClientOrderIds, type SavedClientOrderIds } from './client-order-ids.js';
import { MatchingEngine, type EngineCommand } from './engine.js';
import type { ExchangeEvent } from './events.js';
import { OrderLedger, type LedgerChanges, type SavedLedger } from './order-ledger.js';
import type { StateCapture } from './snapshot-json.js';

/** Everything that changes the books, in the order it happened: what the journal holds. */
export type JournalEntry =
  | { kind: 'order'; timeMs: number; command: OrderCommand }
  | { kind: 'reference'; timeMs: number; symbol: string; price: number }
  | { kind: 'advance'; timeMs: number; symbol: string }
  /** An operator halts (halted: true) or resumes a book; the reason is kept for the record only. */
  | { kind: 'halt'; timeMs: number; symbol: string; halted: boolean; reason?: string };

export interface Applied {
  journal: true;
  /** For order commands: the order as it now is, and its trades. */
  reply: OrderReply | null;
  /** A cancel, replace, halt or resume the book refused (e.g. BOOK_HALTED, BOOK_NOT_HALTED). */
  refused: string | null;
  changes: LedgerChanges;
  events: ExchangeEvent[];
}

export interface Refused {
  journal: false;
  error: { code: string; message: string; status: number };
}

/**
 * The whole state after a journal entry, as plain JSON: restoring it into a new ExchangeState and
 * applying the entries after it gives what replaying the whole journal gives.
 */
export interface ExchangeSnapshot {
  version: typeof SNAPSHOT_VERSION;
  /** What the state was built with (books, their settings, the client order id window): restored only under the same. */
  settings: string;
  nextOrderId: number;
  /** Account names in the order they were numbered: account n is accounts[n - 1]. */
  accounts: string[];
  books: Record<string, SavedBook>;
  ledger: SavedLedger;
  clientOrderIds: SavedClientOrderIds;
}

const SNAPSHOT_VERSION = 1;

export interface ExchangeStateOptions {
  /** How long a client order id stays taken for its account (ms of journal time; see ClientOrderIds). */
  clientOrderIdWindowMs?: number;
  /**
   * Most orders resting in one book. A full book refuses new GTC limit orders (BOOK_FULL), which
   * might rest; IOC, FOK and market orders, cancels and replaces go on. Every resting order costs
   * memory, and without a bound a client could fill the process's heap until it crashed.
   */
  maxRestingOrdersPerBook?: number;
  /**
   * The most one order may be worth (fat-finger limit): its limit price, or for a market order
   * the reference price, times its quantity. `notional` is the limit in the quote currency;
   * `ticksLots` the same per book in ticks × lots. A book without an entry has none.
   */
  maxOrderValue?: { notional: number; ticksLots: ReadonlyMap<string, number> };
}

/**
 * The exchange's whole state as a pure function of its journal: books, live orders, ids.
 * The service journals every entry that returns `journal: true`; replaying those entries into a
 * fresh ExchangeState (mode 'replay') rebuilds exactly the same state (same stateHash).
 */
export class ExchangeState {
  readonly engine: MatchingEngine;
  readonly ledger = new OrderLedger();
  private readonly accounts = new Map<string, number>();
  private readonly clientOrders: ClientOrderIds;
  private readonly maxRestingOrdersPerBook: number;
  private readonly maxOrderValue: ExchangeStateOptions['maxOrderValue'];
  private nextOrderId = 1;
  /** What a snapshot must have been taken under to be restored here (see ExchangeSnapshot.settings). */
  private readonly settings: string;

  constructor(symbols: readonly string[], bookConfig: BookConfig, options: ExchangeStateOptions = {}) {
    this.engine = new MatchingEngine({ defaults: bookConfig });
    for (const s of symbols) this.engine.addBook(s);
    this.clientOrders = new ClientOrderIds(options.clientOrderIdWindowMs);
    // Everything that decides how entries apply; the initial capacity only sizes arrays.
    const { initialOrderCapacity: _, ...book } = resolveBookConfig(bookConfig);
    this.settings = JSON.stringify({ symbols: [...symbols].sort(), book, clientOrderIdWindowMs: options.clientOrderIdWindowMs ?? null });
    this.maxRestingOrdersPerBook = options.maxRestingOrdersPerBook ?? Infinity;
    this.maxOrderValue = options.maxOrderValue;
  }

  /**
   * Applies one entry. In 'replay' mode the entry is one the journal holds, which was accepted
   * when it was first processed: neither its client order id, the room in its book nor its value
   * is checked again, so that replay gives the same orders even if those limits were changed in
   * between.
   */
  process(entry: JournalEntry, mode: 'live' | 'replay' = 'live'): Applied | Refused {
    if (entry.kind === 'reference') return this.run({ type: 'set-reference-price', symbol: entry.symbol, timeMs: entry.timeMs, price: entry.price }, entry.timeMs, null);
    if (entry.kind === 'advance') return this.run({ type: 'advance-time', symbol: entry.symbol, timeMs: entry.timeMs }, entry.timeMs, null);
    if (entry.kind === 'halt') {
      if (!this.engine.book(entry.symbol)) return refuse('UNKNOWN_SYMBOL', `symbol: unknown symbol "${entry.symbol}"; known: ${this.engine.symbols.join(', ')}`, 400);
      return this.run({ type: entry.halted ? 'halt' : 'resume', symbol: entry.symbol, timeMs: entry.timeMs }, entry.timeMs, null);
    }
    const cmd = entry.command;
    if (cmd.kind === 'submit') return this.submit(cmd, entry.timeMs, mode);
    const order = this.ledger.get(cmd.orderId);
    if (!order || order.account !== cmd.account) {
      return refuse('ORDER_NOT_FOUND', `order ${cmd.orderId} is not open for account ${cmd.account}`, 404);
    }
    if (cmd.kind === 'cancel') return this.run({ type: 'cancel', symbol: order.symbol, timeMs: entry.timeMs, orderId: order.orderId }, entry.timeMs, order.orderId);
    const price = cmd.price ?? order.price;
    if (price === null) return refuse('INVALID_REQUEST', 'a market order has no price to replace', 400);
    const openQty = cmd.qty ?? order.qty - order.filled;
    const tooLarge = mode === 'live' ? this.tooLarge(order.symbol, price, openQty) : null;
    if (tooLarge) return tooLarge;
    return this.run({ type: 'replace', symbol: order.symbol, timeMs: entry.timeMs, orderId: order.orderId, price, qty: openQty }, entry.timeMs, order.orderId);
  }

  stateHash(): string {
    return this.engine.stateHash();
  }

  /**
   * The whole state as it is now, copied at once without an object per order (typed arrays and
   * pages of them), so that the pause it takes stays short: write it out with snapshotJson.
   */
  capture(): StateCapture {
    return {
      version: SNAPSHOT_VERSION, settings: this.settings, nextOrderId: this.nextOrderId, accounts: [...this.accounts.keys()],
      books: this.engine.symbols.map((s) => [s, this.engine.book(s)!.capture()]),
      ledger: this.ledger.capture(), clientOrderIds: this.clientOrders.capture(),
    };
  }

  /**
   * Why `snapshot` cannot be restored into this state (another version, or taken with other
   * books or settings, under which the journal after it would apply differently); null if it can.
   */
  snapshotMismatch(snapshot: ExchangeSnapshot): string | null {
    if (snapshot.version !== SNAPSHOT_VERSION) return `it is of version ${snapshot.version}, not ${SNAPSHOT_VERSION}`;
    if (snapshot.settings !== this.settings) return `it was taken with other books or book settings (${snapshot.settings}; now ${this.settings})`;
    return null;
  }

  /** Makes this new state the one `snapshot` describes; check snapshotMismatch first. */
  restore(snapshot: ExchangeSnapshot): void {
    const mismatch = this.snapshotMismatch(snapshot);
    if (mismatch) throw new Error(`the snapshot cannot be restored: ${mismatch}`);
    if (this.nextOrderId !== 1) throw new Error('only a new exchange state can be restored from a snapshot');
    for (const [symbol, saved] of Object.entries(snapshot.books)) this.engine.book(symbol)!.restore(saved);
    this.ledger.restore(snapshot.ledger);
    this.clientOrders.restore(snapshot.clientOrderIds);
    snapshot.accounts.forEach((name, i) => this.accounts.set(name, i + 1));
    this.nextOrderId = snapshot.nextOrderId;
  }

  private submit(cmd: SubmitOrder, timeMs: number, mode: 'live' | 'replay'): Applied | Refused {
    const book = this.engine.book(cmd.symbol);
    if (!book) return refuse('UNKNOWN_SYMBOL', `unknown symbol ${cmd.symbol}`, 404);
    if (cmd.type === 'limit' && cmd.price === null) return refuse('INVALID_REQUEST', 'price is required for a limit order', 400);
    const limited = mode === 'live' ? this.overLiveLimits(cmd, book) : null;
    if (limited) return limited;
    // A reused id means a known account, so this never numbers an account the refusal then drops.
    const account = this.accountNumber(cmd.account);
    if (cmd.clientOrderId !== null && mode === 'live') {
      const existing = this.clientOrders.find(account, cmd.clientOrderId, timeMs);
      if (existing !== undefined) return refuse('DUPLICATE_CLIENT_ORDER_ID', `client_order_id "${cmd.clientOrderId}" was already used by order ${existing} of account ${cmd.account}`, 409);
    }
    const orderId = this.nextOrderId++;
    if (cmd.clientOrderId !== null) this.clientOrders.remember(account, cmd.clientOrderId, orderId, timeMs);
    const record: OrderRecord = {
      orderId, account: cmd.account, clientOrderId: cmd.clientOrderId, symbol: cmd.symbol, side: cmd.side, type: cmd.type,
      tif: cmd.tif, postOnly: cmd.postOnly, price: cmd.type === 'limit' ? cmd.price : null, qty: cmd.qty, filled: 0,
      status: 'open', reason: null, createdMs: timeMs, updatedMs: timeMs,
      requestId: cmd.requestId ?? null, correlationId: cmd.correlationId ?? null, traceId: cmd.traceId ?? null,
    };
    this.ledger.open(record);
    const engineCmd: EngineCommand = cmd.type === 'limit'
      ? { type: 'limit', symbol: cmd.symbol, timeMs, orderId, side: cmd.side, price: cmd.price!, qty: cmd.qty, tif: cmd.tif, postOnly: cmd.postOnly, account }
      : { type: 'market', symbol: cmd.symbol, timeMs, orderId, side: cmd.side, qty: cmd.qty, account };
    return this.run(engineCmd, timeMs, orderId);
  }

  /**
   * What a new order is refused for now but was not always (see process: a replay skips these):
   * a market order's terms, a full book, the order's value. A journal from before the market
   * order rule may hold market orders marked GTC, which must replay as they went then.
   */
  private overLiveLimits(cmd: SubmitOrder, book: Book): Refused | null {
    const problem = cmd.type === 'market' ? marketOrderProblem(cmd) : null;
    if (problem) return refuse('INVALID_REQUEST', problem, 400);
    if (cmd.type === 'limit' && cmd.tif === 'GTC' && book.orderCount >= this.maxRestingOrdersPerBook) {
      return refuse('BOOK_FULL', `the ${cmd.symbol} book holds ${book.orderCount} resting orders, the most it takes (exchange.maxRestingOrdersPerBook): cancel resting orders, or send IOC or FOK orders`, 422);
    }
    return this.tooLarge(cmd.symbol, cmd.price ?? book.referencePrice, cmd.qty);
  }

  /** ORDER_TOO_LARGE when `qty` at `price` is worth more than maxOrderValue allows in the book (no price yet: not checked). */
  private tooLarge(symbol: string, price: number | undefined, qty: number): Refused | null {
    const limit = this.maxOrderValue?.ticksLots.get(symbol);
    // The limit in ticks × lots is a quotient of decimals (1e7 / (0.01 × 0.0001) gives
    // 9999999999999.998): an order worth exactly the limit must not fall on the wrong side.
    if (limit === undefined || price === undefined || price * qty <= limit * (1 + 1e-12)) return null;
    const { notional } = this.maxOrderValue!;
    const worth = (price * qty / limit) * notional;
    return refuse('ORDER_TOO_LARGE', `quantity: the order is worth ${quote(worth)}, more than one ${symbol} order may be, ${quote(notional)} (exchange.maxOrderNotional): send smaller orders`, 422);
  }

  private run(cmd: EngineCommand, timeMs: number, orderId: number | null): Applied {
    const events = this.engine.submit(cmd);
    const changes = this.ledger.apply(events, timeMs);
    const order = orderId === null ? undefined : changes.orders.find((o) => o.orderId === orderId) ?? this.ledger.get(orderId);
    return {
      journal: true, events, changes, refused: changes.refused,
      reply: order ? { order, trades: changes.trades.filter((t) => t.takerOrderId === orderId || t.makerOrderId === orderId) } : null,
    };
  }

  /** Accounts become small integers for self-trade prevention, in order of first use. */
  private accountNumber(name: string): number {
    let n = this.accounts.get(name);
    if (n === undefined) {
      n = this.accounts.size + 1;
      this.accounts.set(name, n);
    }
    return n;
  }
}

/**
 * A market order takes what the book offers at once and the rest is cancelled: it is IOC, and
 * never post-only. Anything else it says about itself would be shown on its record, untrue.
 */
function marketOrderProblem(cmd: SubmitOrder): string | null {
  if (cmd.postOnly) return 'post_only: a market order takes liquidity, so it cannot be post-only';
  if (cmd.tif !== 'IOC') return `time_in_force: a market order is IOC (what it cannot fill at once is cancelled), not ${cmd.tif}; for all or nothing, send a limit order with FOK`;
  return null;
}

/** An amount of the quote currency in words, to 6 digits (the value is a float product): 12,500,000.5. */
const quote = (amount: number): string => Number(amount.toPrecision(6)).toLocaleString('en-US', { maximumFractionDigits: 2 });

function refuse(code: string, message: string, status: number): Refused {
  return { journal: false, error: { code, message, status } };
}
