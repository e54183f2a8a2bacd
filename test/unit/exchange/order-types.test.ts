import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SIDE } from '../../../src/services/exchange/core/index.js';
import { buy, newBook, only, run, sell, strip, types } from './book-helpers.js';

describe('limit orders (GTC)', () => {
  it('rests when nothing crosses and is accepted with its terms', () => {
    const book = newBook();
    const events = run(book, buy(1, 100, 5));
    assert.deepEqual(strip(events), [{ type: 'accepted', orderId: 1, orderType: 'limit', side: 'buy', price: 100, qty: 5, tif: 'GTC', postOnly: false, account: 0 }]);
    assert.equal(book.bestBid, 100);
    assert.equal(book.bestAsk, undefined);
  });

  it('trades at the resting price, best price first, then by arrival within a level', () => {
    const book = newBook();
    run(book, sell(1, 102, 5), sell(2, 101, 5), sell(3, 101, 5));
    const trades = run(book, buy(4, 103, 12)).filter((e) => e.type === 'trade');
    assert.deepEqual(trades.map((t) => [t.makerOrderId, t.price, t.qty]), [[2, 101, 5], [3, 101, 5], [1, 102, 2]]);
    assert.deepEqual(book.order(1), { orderId: 1, side: 'sell', price: 102, qty: 3, account: 0, postOnly: false });
    assert.equal(book.bestBid, undefined, 'the buy filled completely and does not rest');
  });

  it('rests the unfilled part at its limit price', () => {
    const book = newBook();
    run(book, sell(1, 100, 4));
    const events = run(book, buy(2, 101, 10));
    assert.deepEqual(types(events), ['accepted', 'trade']);
    assert.deepEqual(book.order(2), { orderId: 2, side: 'buy', price: 101, qty: 6, account: 0, postOnly: false });
    assert.deepEqual([book.bestBid, book.bestAsk], [101, undefined]);
  });

  it('reports aggressor side and what is left of both orders on each trade', () => {
    const book = newBook();
    run(book, buy(1, 100, 10));
    const trade = only(run(book, sell(2, 99, 4)), 'trade');
    assert.deepEqual(
      { maker: trade.makerOrderId, taker: trade.takerOrderId, price: trade.price, qty: trade.qty, side: trade.aggressorSide, ml: trade.makerLeaves, tl: trade.takerLeaves },
      { maker: 1, taker: 2, price: 100, qty: 4, side: 'sell', ml: 6, tl: 0 },
    );
  });
});

describe('immediate-or-cancel and fill-or-kill', () => {
  it('IOC trades what it can and cancels the rest', () => {
    const book = newBook();
    run(book, sell(1, 100, 3));
    const events = run(book, buy(2, 100, 5, { tif: 'IOC' }));
    assert.deepEqual(types(events), ['accepted', 'trade', 'cancelled']);
    assert.deepEqual([only(events, 'cancelled').qty, only(events, 'cancelled').reason], [2, 'ioc-remainder']);
    assert.equal(book.orderCount, 0);
  });

  it('FOK fills in full across levels when it can', () => {
    const book = newBook();
    run(book, sell(1, 100, 3), sell(2, 101, 3));
    assert.deepEqual(types(run(book, buy(3, 101, 6, { tif: 'FOK' }))), ['accepted', 'trade', 'trade']);
    assert.equal(book.orderCount, 0);
  });

  it('FOK expires without touching the book when it cannot fill in full', () => {
    const book = newBook();
    run(book, sell(1, 100, 3), sell(2, 102, 3));
    const before = book.stateHash();
    const events = run(book, buy(3, 101, 6, { tif: 'FOK' }));
    assert.deepEqual(strip(events).slice(1), [{ type: 'expired', orderId: 3, qty: 6 }]);
    assert.deepEqual(book.depth(SIDE.SELL), [[100, 3], [102, 3]]);
    assert.notEqual(book.stateHash(), before, 'the sequence number moved');
  });
});

describe('post-only', () => {
  it('rests when it would not trade', () => {
    const book = newBook();
    run(book, sell(1, 101, 5));
    assert.deepEqual(types(run(book, buy(2, 100, 5, { postOnly: true }))), ['accepted']);
    assert.equal(book.order(2)?.postOnly, true);
  });

  it('is rejected when it would trade on arrival', () => {
    const book = newBook();
    run(book, sell(1, 101, 5));
    const rejected = only(run(book, buy(2, 101, 5, { postOnly: true })), 'rejected');
    assert.equal(rejected.code, 'POST_ONLY_WOULD_TRADE');
    assert.equal(book.order(1)?.qty, 5);
  });
});

describe('market orders', () => {
  it('sweep the book and drop the unfilled rest', () => {
    const book = newBook();
    run(book, buy(1, 100, 3), buy(2, 99, 3));
    const events = book.submit({ type: 'market', timeMs: 0, orderId: 3, side: 'sell', qty: 10 });
    assert.deepEqual(types(events), ['accepted', 'trade', 'trade', 'cancelled']);
    assert.deepEqual(only(events, 'accepted').price, null);
    assert.deepEqual([only(events, 'cancelled').qty, only(events, 'cancelled').reason], [4, 'market-remainder']);
    assert.equal(book.orderCount, 0);
  });

  it('on an empty side are accepted and cancelled in full', () => {
    const book = newBook();
    const events = book.submit({ type: 'market', timeMs: 0, orderId: 1, side: 'buy', qty: 5 });
    assert.deepEqual(strip(events).map((e) => e.type), ['accepted', 'cancelled']);
  });
});
