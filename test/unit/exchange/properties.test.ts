import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SIDE, type Book, type BookConfig, type ExchangeEvent } from '../../../src/services/exchange/core/index.js';
import { anyCommand, orderCommand, stpModes, timed } from './arbitraries.js';
import { newBook, strip } from './book-helpers.js';
import { ModelBook } from './model-book.js';

const RUNS = { numRuns: 150 };
const commands = (arb: fc.Arbitrary<import('../../../src/services/exchange/core/index.js').BookCommand>) =>
  fc.array(arb, { minLength: 1, maxLength: 200, size: 'max' }).map(timed);

/** Bands and breakers tight enough that random prices around 100 trip them. */
const CONTROLLED: BookConfig = { priceBandBps: 800, circuitBreakerBps: [300, 600, 900], haltDurationsMs: [5, 10, Infinity], stpMode: 'cancel-both' };

function assertUncrossedAndConsistent(book: Book): void {
  const bid = book.bestBid, ask = book.bestAsk;
  if (bid !== undefined && ask !== undefined) assert.ok(bid < ask, `crossed book: bid ${bid} >= ask ${ask}`);
  for (const side of [SIDE.BUY, SIDE.SELL] as const) {
    const levels = book.depth(side);
    const fromOrders = new Map<number, number>();
    for (const o of book.restingOrders(side)) fromOrders.set(o.price, (fromOrders.get(o.price) ?? 0) + o.qty);
    assert.deepEqual(levels, [...fromOrders], 'level totals match the resting orders, best first');
    assert.equal(levels[0]?.[0], side === SIDE.BUY ? bid : ask);
  }
}

describe('matching core properties (fast-check)', () => {
  for (const stpMode of stpModes) {
    it(`events and resting orders match a naive reference model (stp ${stpMode})`, () => {
      fc.assert(fc.property(commands(orderCommand), (cmds) => {
        const book = newBook({ stpMode });
        const model = new ModelBook(stpMode);
        for (const cmd of cmds) assert.deepEqual(strip(book.submit(cmd)), model.apply(cmd), JSON.stringify(cmd));
        assert.deepEqual(book.restingOrders(SIDE.BUY), model.orders('buy'));
        assert.deepEqual(book.restingOrders(SIDE.SELL), model.orders('sell'));
      }), RUNS);
    });
  }

  it('matches the model with a price increment (off-tick prices rejected)', () => {
    fc.assert(fc.property(commands(orderCommand), (cmds) => {
      const book = newBook({ tickSize: 2 });
      const model = new ModelBook('cancel-newest', 2);
      for (const cmd of cmds) assert.deepEqual(strip(book.submit(cmd)), model.apply(cmd));
    }), RUNS);
  });

  it('a book at rest is never crossed, and level totals equal their orders', () => {
    fc.assert(fc.property(commands(anyCommand), (cmds) => {
      const book = newBook(CONTROLLED);
      for (const cmd of cmds) {
        book.submit(cmd);
        assertUncrossedAndConsistent(book);
      }
    }), RUNS);
  });

  it('quantity is conserved per order and in total; sequence numbers rise by one', () => {
    fc.assert(fc.property(commands(anyCommand), (cmds) => {
      const book = newBook(CONTROLLED);
      const open = new Map<number, number>();
      const totals = { submitted: 0, filled: 0, cancelled: 0, expired: 0, reduced: 0 };
      const move = (id: number, delta: number) => open.set(id, (open.get(id) ?? 0) + delta);
      let seq = 0;
      for (const cmd of cmds) {
        for (const e of book.submit(cmd)) {
          assert.equal(e.seq, ++seq);
          account(e);
        }
        for (const [id, qty] of open) {
          assert.ok(qty >= 0, `order ${id} open ${qty}`);
          assert.equal(book.order(id)?.qty ?? 0, qty, `order ${id}: open per events vs resting`);
        }
      }
      const resting = [...open.values()].reduce((a, b) => a + b, 0);
      assert.equal(totals.submitted, totals.filled + resting + totals.cancelled + totals.expired + totals.reduced);

      function account(e: ExchangeEvent): void {
        switch (e.type) {
          case 'accepted': move(e.orderId, e.qty); totals.submitted += e.qty; break;
          // Each trade fills the same quantity on both orders.
          case 'trade': move(e.makerOrderId, -e.qty); move(e.takerOrderId, -e.qty); totals.filled += 2 * e.qty; break;
          case 'cancelled': move(e.orderId, -e.qty); totals.cancelled += e.qty; break;
          case 'expired': move(e.orderId, -e.qty); totals.expired += e.qty; break;
          case 'replaced': {
            const delta = e.qty - e.previousQty;
            move(e.orderId, delta);
            if (delta > 0) totals.submitted += delta; else totals.reduced -= delta;
            break;
          }
          default:
        }
      }
    }), RUNS);
  });

  it('replaying the same commands gives the same events and the same stateHash', () => {
    fc.assert(fc.property(commands(anyCommand), (cmds) => {
      const a = newBook(CONTROLLED), b = newBook(CONTROLLED);
      for (const cmd of cmds) {
        assert.deepEqual(a.submit(cmd), b.submit(cmd));
        assert.equal(a.stateHash(), b.stateHash());
      }
    }), RUNS);
  });

  it('the stateHash tells different books apart', () => {
    fc.assert(fc.property(commands(orderCommand), (cmds) => {
      const a = newBook(), b = newBook();
      for (const cmd of cmds) a.submit(cmd);
      for (const cmd of cmds) b.submit(cmd);
      b.submit({ type: 'limit', timeMs: 0, orderId: 999, side: 'buy', price: 1, qty: 1 });
      assert.notEqual(a.stateHash(), b.stateHash());
    }), { numRuns: 50 });
  });
});
