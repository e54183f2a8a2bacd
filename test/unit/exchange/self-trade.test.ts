import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { StpModeName } from '../../../src/services/exchange/core/index.js';
import { buy, newBook, run, sell, strip } from './book-helpers.js';

/** Account 7 rests 5 @100 behind account 8's 3 @100; account 7 then sells 10 @100. */
function scenario(stpMode: StpModeName) {
  const book = newBook({ stpMode });
  run(book, buy(1, 100, 3, { account: 8 }), buy(2, 100, 5, { account: 7 }), buy(3, 100, 4, { account: 9 }));
  const events = strip(run(book, sell(10, 100, 10, { account: 7 }))).slice(1);
  return { book, events };
}

const trade = (maker: number, qty: number, takerLeaves: number, makerLeaves = 0) =>
  ({ type: 'trade', makerOrderId: maker, takerOrderId: 10, price: 100, qty, aggressorSide: 'sell', makerLeaves, takerLeaves });

describe('self-trade prevention', () => {
  it('cancel-newest: the incoming order stops at its own resting order; its rest is cancelled', () => {
    const { book, events } = scenario('cancel-newest');
    assert.deepEqual(events, [trade(1, 3, 7), { type: 'cancelled', orderId: 10, qty: 7, reason: 'self-trade' }]);
    assert.deepEqual(book.restingOrders(0).map((o) => o.orderId), [2, 3]);
  });

  it('cancel-oldest: the resting order is cancelled and matching goes on', () => {
    const { book, events } = scenario('cancel-oldest');
    assert.deepEqual(events, [
      trade(1, 3, 7), { type: 'cancelled', orderId: 2, qty: 5, reason: 'self-trade' }, trade(3, 4, 3),
    ]);
    assert.deepEqual(book.order(10)?.qty, 3, 'the rest of the sell rests');
  });

  it('cancel-both: both are cancelled', () => {
    const { book, events } = scenario('cancel-both');
    assert.deepEqual(events, [
      trade(1, 3, 7), { type: 'cancelled', orderId: 2, qty: 5, reason: 'self-trade' }, { type: 'cancelled', orderId: 10, qty: 7, reason: 'self-trade' },
    ]);
    assert.deepEqual(book.restingOrders(0).map((o) => o.orderId), [3]);
  });

  it('none: orders of one account trade with each other', () => {
    const { events } = scenario('none');
    assert.deepEqual(events, [trade(1, 3, 7), trade(2, 5, 2), trade(3, 2, 0, 2)]);
  });

  it('account 0 means no account and is never prevented', () => {
    const book = newBook({ stpMode: 'cancel-both' });
    run(book, buy(1, 100, 5));
    assert.equal(run(book, sell(2, 100, 5)).filter((e) => e.type === 'trade').length, 1);
  });

  it('a fill-or-kill order counts only what it could trade before its own order', () => {
    const blocked = newBook({ stpMode: 'cancel-newest' });
    run(blocked, buy(1, 100, 5, { account: 7 }), buy(2, 100, 5, { account: 8 }));
    assert.equal(run(blocked, sell(3, 100, 5, { account: 7, tif: 'FOK' }))[1]!.type, 'expired');
    const skipping = newBook({ stpMode: 'cancel-oldest' });
    run(skipping, buy(1, 100, 5, { account: 7 }), buy(2, 100, 5, { account: 8 }));
    assert.deepEqual(strip(run(skipping, sell(3, 100, 5, { account: 7, tif: 'FOK' }))).slice(1).map((e) => e.type), ['cancelled', 'trade']);
  });
});
