import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SIDE, type Book } from '../../../src/services/exchange/core/index.js';
import { buy, newBook, only, run, sell, strip, types } from './book-helpers.js';

const replace = (orderId: number, price: number, qty: number) => ({ type: 'replace' as const, timeMs: 0, orderId, price, qty });
const queueAt = (book: Book, price: number) => book.restingOrders(SIDE.BUY).filter((o) => o.price === price).map((o) => o.orderId);

/** Two bids at 100, order 1 first in the queue. */
function twoBids(): Book {
  const book = newBook();
  run(book, buy(1, 100, 10), buy(2, 100, 10));
  return book;
}

describe('cancel', () => {
  it('removes the order and reports its open quantity', () => {
    const book = newBook();
    run(book, buy(1, 100, 10), sell(2, 100, 4));
    const events = book.submit({ type: 'cancel', timeMs: 0, orderId: 1 });
    assert.deepEqual(strip(events), [{ type: 'cancelled', orderId: 1, qty: 6, reason: 'user' }]);
    assert.equal(book.orderCount, 0);
    assert.equal(book.bestBid, undefined);
  });

  it('moves the best price to the next level when the best level empties', () => {
    const book = newBook();
    run(book, buy(1, 100, 1), buy(2, 97, 1), { type: 'cancel', timeMs: 0, orderId: 1 });
    assert.equal(book.bestBid, 97);
  });
});

describe('cancel-replace priority', () => {
  it('a size reduction at the same price keeps the place in the queue', () => {
    const book = twoBids();
    const replaced = only(book.submit(replace(1, 100, 4)), 'replaced');
    assert.deepEqual([replaced.priorityKept, replaced.previousQty, replaced.qty], [true, 10, 4]);
    assert.deepEqual(queueAt(book, 100), [1, 2]);
    assert.deepEqual(book.depth(SIDE.BUY), [[100, 14]]);
    assert.equal(only(run(book, sell(3, 100, 1)), 'trade').makerOrderId, 1);
  });

  it('a size increase loses priority', () => {
    const book = twoBids();
    assert.equal(only(book.submit(replace(1, 100, 11)), 'replaced').priorityKept, false);
    assert.deepEqual(queueAt(book, 100), [2, 1]);
    assert.deepEqual(book.depth(SIDE.BUY), [[100, 21]]);
  });

  it('a price change loses priority, even back to the old price', () => {
    const book = twoBids();
    run(book, replace(1, 99, 10), replace(1, 100, 10));
    assert.deepEqual(queueAt(book, 100), [2, 1]);
  });

  it('a replace that crosses trades as an incoming order and rests the rest', () => {
    const book = newBook();
    run(book, sell(1, 101, 3), buy(2, 100, 5));
    const events = book.submit(replace(2, 101, 5));
    assert.deepEqual(types(events), ['replaced', 'trade']);
    assert.equal(only(events, 'trade').takerOrderId, 2);
    assert.deepEqual(book.order(2), { orderId: 2, side: 'buy', price: 101, qty: 2, account: 0, postOnly: false });
  });

  it('a post-only order cannot be replaced into a crossing price, and stays as it was', () => {
    const book = newBook();
    run(book, sell(1, 101, 3), buy(2, 100, 5, { postOnly: true }));
    assert.equal(only(book.submit(replace(2, 101, 5)), 'rejected').code, 'POST_ONLY_WOULD_TRADE');
    assert.equal(book.order(2)?.price, 100);
  });
});
