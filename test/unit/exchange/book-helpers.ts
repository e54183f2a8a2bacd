import { Book, type BookCommand, type BookConfig, type ExchangeEvent, type LimitCommand } from '../../../src/services/exchange/core/index.js';
import type { ModelEvent } from './model-book.js';

export const SYMBOL = 'TEST';

export const newBook = (config: BookConfig = {}): Book => new Book(SYMBOL, config);

/** Events without the envelope (symbol, seq, timeMs), for comparing outcomes. */
export const strip = (events: ExchangeEvent[]): ModelEvent[] => events.map(({ symbol: _s, seq: _q, timeMs: _t, ...rest }) => rest as ModelEvent);

export const types = (events: ExchangeEvent[]): string[] => events.map((e) => e.type);

type LimitExtras = Partial<Pick<LimitCommand, 'tif' | 'postOnly' | 'account' | 'timeMs'>>;

export const buy = (orderId: number, price: number, qty: number, extras: LimitExtras = {}): BookCommand =>
  ({ type: 'limit', timeMs: 0, orderId, side: 'buy', price, qty, ...extras });
export const sell = (orderId: number, price: number, qty: number, extras: LimitExtras = {}): BookCommand =>
  ({ type: 'limit', timeMs: 0, orderId, side: 'sell', price, qty, ...extras });

/** Runs commands in order and returns all their events. */
export function run(book: Book, ...cmds: BookCommand[]): ExchangeEvent[] {
  return cmds.flatMap((cmd) => book.submit(cmd));
}

/** The one event of `type` in `events` (fails loudly if there is not exactly one). */
export function only<T extends ExchangeEvent['type']>(events: ExchangeEvent[], type: T): Extract<ExchangeEvent, { type: T }> {
  const found = events.filter((e) => e.type === type);
  if (found.length !== 1) throw new Error(`expected one ${type} event, got ${found.length}: ${JSON.stringify(events)}`);
  return found[0] as Extract<ExchangeEvent, { type: T }>;
}
