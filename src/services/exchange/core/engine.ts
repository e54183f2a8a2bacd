import { REJECT, type CommandKind } from './codes.js';
import { Book } from './book.js';
import type { BookConfig } from './book-config.js';
import type { BookCommand } from './commands.js';
import type { EventSink, ExchangeEvent, RejectedEvent } from './events.js';
import { FNV_OFFSET, fnvInt32, toHex32 } from './fnv.js';

export type EngineCommand = BookCommand & { symbol: string };

export interface MatchingEngineOptions {
  /** Config every book starts from; addBook's config overrides it field by field. */
  defaults?: BookConfig;
  /** Shared by all books. Without it each book collects event objects for submit(). */
  sink?: EventSink;
}

const COMMAND_KIND: Record<BookCommand['type'], CommandKind | null> = {
  limit: 'limit', market: 'market', cancel: 'cancel', replace: 'replace',
  'set-reference-price': 'set-reference-price', resume: 'resume', halt: 'halt', 'advance-time': null,
};

/** One Book per symbol; routes commands to them. */
export class MatchingEngine {
  private readonly books = new Map<string, Book>();

  constructor(private readonly options: MatchingEngineOptions = {}) {}

  addBook(symbol: string, config: BookConfig = {}): Book {
    if (this.books.has(symbol)) throw new Error(`book ${symbol} already exists`);
    const book = new Book(symbol, { ...this.options.defaults, ...config }, this.options.sink);
    this.books.set(symbol, book);
    return book;
  }

  book(symbol: string): Book | undefined {
    return this.books.get(symbol);
  }

  get symbols(): string[] {
    return [...this.books.keys()];
  }

  /**
   * Runs one command and returns its events (engines without a shared sink). A command for an
   * unknown symbol is rejected with SYMBOL_UNKNOWN and seq 0: no book sequenced it.
   */
  submit(cmd: EngineCommand): ExchangeEvent[] {
    const book = this.books.get(cmd.symbol);
    if (book) return book.submit(cmd);
    const kind = COMMAND_KIND[cmd.type];
    if (kind === null) return [];
    const event: RejectedEvent = { type: 'rejected', symbol: cmd.symbol, seq: 0, timeMs: cmd.timeMs, command: kind, orderId: orderIdOf(cmd), code: REJECT.SYMBOL_UNKNOWN };
    return [event];
  }

  /** Runs one command; events go to the shared sink (unknown symbols are rejected with seq 0). */
  execute(cmd: EngineCommand): void {
    const book = this.books.get(cmd.symbol);
    if (book) {
      book.execute(cmd);
      return;
    }
    const kind = COMMAND_KIND[cmd.type];
    if (kind !== null) this.options.sink?.rejected(cmd.symbol, 0, cmd.timeMs, kind, orderIdOf(cmd), REJECT.SYMBOL_UNKNOWN);
  }

  /** One hash over every book's stateHash, in symbol order. */
  stateHash(): string {
    let h = FNV_OFFSET;
    for (const symbol of [...this.books.keys()].sort()) {
      for (let i = 0; i < symbol.length; i++) h = fnvInt32(h, symbol.charCodeAt(i));
      h = fnvInt32(h, parseInt(this.books.get(symbol)!.stateHash(), 16));
    }
    return toHex32(h);
  }
}

const orderIdOf = (cmd: EngineCommand): number => ('orderId' in cmd ? cmd.orderId : 0);
