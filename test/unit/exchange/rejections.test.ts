import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { REJECT, type BookCommand, type BookConfig, type RejectCode } from '../../../src/services/exchange/core/index.js';
import { buy, newBook, only, run, sell } from './book-helpers.js';

function rejects(cmd: BookCommand, code: RejectCode, config: BookConfig = {}, setup: BookCommand[] = []): void {
  const book = newBook(config);
  run(book, ...setup);
  const before = book.orderCount;
  const events = book.submit(cmd);
  assert.equal(events.length, 1, JSON.stringify(events));
  const rejected = only(events, 'rejected');
  assert.equal(rejected.code, code);
  assert.equal(rejected.seq, book.sequence, 'a rejection is sequenced like any other outcome');
  assert.equal(book.orderCount, before);
}

describe('rejection codes', () => {
  it('ORDER_QTY_INVALID for zero, negative, fractional and non-finite quantities', () => {
    for (const qty of [0, -5, 1.5, NaN, Infinity]) rejects(buy(1, 100, qty), REJECT.ORDER_QTY_INVALID);
    rejects({ type: 'market', timeMs: 0, orderId: 1, side: 'buy', qty: 0 }, REJECT.ORDER_QTY_INVALID);
    rejects({ type: 'replace', timeMs: 0, orderId: 1, price: 100, qty: 0 }, REJECT.ORDER_QTY_INVALID, {}, [buy(1, 100, 5)]);
  });

  it('ORDER_PRICE_INVALID for prices that are not positive whole ticks', () => {
    for (const price of [0, -1, 100.5, NaN, 2 ** 31]) rejects(buy(1, price, 5), REJECT.ORDER_PRICE_INVALID);
  });

  it('PRICE_OFF_TICK when the book has a price increment', () => {
    rejects(buy(1, 101, 5), REJECT.PRICE_OFF_TICK, { tickSize: 5 });
    rejects({ type: 'replace', timeMs: 0, orderId: 1, price: 103, qty: 5 }, REJECT.PRICE_OFF_TICK, { tickSize: 5 }, [buy(1, 100, 5)]);
    const book = newBook({ tickSize: 5 });
    assert.equal(book.submit(buy(1, 105, 5))[0]!.type, 'accepted');
  });

  it('ORDER_UNKNOWN when cancelling or replacing an order that is not resting', () => {
    rejects({ type: 'cancel', timeMs: 0, orderId: 42 }, REJECT.ORDER_UNKNOWN);
    rejects({ type: 'replace', timeMs: 0, orderId: 42, price: 100, qty: 1 }, REJECT.ORDER_UNKNOWN);
    rejects({ type: 'cancel', timeMs: 0, orderId: 1 }, REJECT.ORDER_UNKNOWN, {}, [sell(1, 100, 5), buy(2, 100, 5)]);
  });

  it('ORDER_ID_DUPLICATE while an order with that id rests; the id is free again once it is gone', () => {
    rejects(sell(1, 105, 5), REJECT.ORDER_ID_DUPLICATE, {}, [buy(1, 100, 5)]);
    const book = newBook();
    run(book, buy(1, 100, 5), { type: 'cancel', timeMs: 0, orderId: 1 });
    assert.equal(book.submit(buy(1, 100, 5))[0]!.type, 'accepted');
  });

  it('ORDER_ID_INVALID, SIDE_INVALID, TIF_INVALID, ACCOUNT_INVALID for malformed fields', () => {
    rejects(buy(-1, 100, 5), REJECT.ORDER_ID_INVALID);
    rejects({ type: 'cancel', timeMs: 0, orderId: 0.5 }, REJECT.ORDER_ID_INVALID);
    rejects({ type: 'limit', timeMs: 0, orderId: 1, side: 'up' as 'buy', price: 100, qty: 5 }, REJECT.SIDE_INVALID);
    rejects(buy(1, 100, 5, { tif: 'DAY' as 'GTC' }), REJECT.TIF_INVALID);
    rejects(buy(1, 100, 5, { account: -3 }), REJECT.ACCOUNT_INVALID);
  });

  it('PRICE_OUT_OF_RANGE when resting would stretch the book past its price span', () => {
    rejects(sell(2, 2_000, 5), REJECT.PRICE_OUT_OF_RANGE, { maxPriceSpanTicks: 1_000 }, [buy(1, 100, 5)]);
    // An IOC order never rests, so the span does not limit it.
    const book = newBook({ maxPriceSpanTicks: 1_000 });
    run(book, buy(1, 100, 5));
    assert.equal(book.submit(sell(2, 5_000, 5, { tif: 'IOC' }))[0]!.type, 'accepted');
  });

  it('REFERENCE_PRICE_INVALID and BOOK_NOT_HALTED for control commands', () => {
    rejects({ type: 'set-reference-price', timeMs: 0, price: 0 }, REJECT.REFERENCE_PRICE_INVALID);
    rejects({ type: 'resume', timeMs: 0 }, REJECT.BOOK_NOT_HALTED);
  });
});
