import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { OrderCommand, OrderRecord } from '../../../src/contracts/orders.js';
import { ExchangeState } from '../../../src/services/exchange/core/index.js';

const account = fc.constantFrom('alice', 'bob', 'carol');
const submit = fc.record({
  kind: fc.constant('submit' as const), account, symbol: fc.constant('AAA'), side: fc.constantFrom('buy' as const, 'sell' as const),
  type: fc.constantFrom('limit' as const, 'limit' as const, 'limit' as const, 'market' as const), price: fc.integer({ min: 95, max: 105 }),
  qty: fc.integer({ min: 1, max: 20 }), tif: fc.constantFrom('GTC' as const, 'GTC' as const, 'IOC' as const, 'FOK' as const),
  postOnly: fc.boolean(), clientOrderId: fc.constant(null),
}).map((s) => ({ ...s, price: s.type === 'market' ? null : s.price }));
const orderId = fc.integer({ min: 1, max: 40 });
const command: fc.Arbitrary<OrderCommand> = fc.oneof(
  { weight: 6, arbitrary: submit },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), account, orderId }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('replace' as const), account, orderId,
      price: fc.option(fc.integer({ min: 97, max: 103 })), qty: fc.option(fc.integer({ min: 1, max: 15 })),
    }),
  },
);

describe('order ledger', () => {
  it('keeps one record per live order that says what the book holds, and hands out each change once, with fills that add up', () => {
    fc.assert(fc.property(fc.array(command, { minLength: 1, maxLength: 120 }), (commands) => {
      const state = new ExchangeState(['AAA'], {});
      const book = state.engine.book('AAA')!;
      const filledByTrades = new Map<number, number>();
      const last = new Map<number, OrderRecord>();
      commands.forEach((cmd, i) => {
        const outcome = state.process({ kind: 'order', timeMs: 1000 + i, command: cmd });
        if (!outcome.journal) return;
        const ids = outcome.changes.orders.map((o) => o.orderId);
        assert.equal(new Set(ids).size, ids.length, 'each touched order once');
        for (const t of outcome.changes.trades) {
          for (const id of [t.makerOrderId, t.takerOrderId]) filledByTrades.set(id, (filledByTrades.get(id) ?? 0) + t.qty);
        }
        for (const o of outcome.changes.orders) {
          last.set(o.orderId, o);
          assert.equal(o.filled, filledByTrades.get(o.orderId) ?? 0, `order ${o.orderId}: filled is the sum of its trades`);
          assert.ok(o.filled <= o.qty);
          assert.equal(o.updatedMs, 1000 + i);
          const live = state.ledger.get(o.orderId);
          if (o.status === 'open' || o.status === 'partially_filled') assert.deepEqual(live, o, 'a live order reads as its last change');
          else assert.equal(live, undefined, `a ${o.status} order has left the ledger`);
        }
      });
      // Live in the ledger exactly when resting in the book, with the book's open quantity and price.
      let live = 0;
      for (const o of last.values()) {
        const resting = book.order(o.orderId);
        const inLedger = state.ledger.get(o.orderId);
        assert.equal(inLedger !== undefined, resting !== undefined, `order ${o.orderId} (${o.status})`);
        if (!resting || !inLedger) continue;
        live++;
        assert.deepEqual([resting.qty, resting.price, resting.side], [inLedger.qty - inLedger.filled, inLedger.price, inLedger.side]);
      }
      assert.equal(state.ledger.liveCount, live);
      assert.equal(book.orderCount, live);
    }), { numRuns: 200 });
  });
});
