import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { SubmitOrder } from '../../../src/contracts/orders.js';
import { ClientOrderIds, ExchangeState, type JournalEntry } from '../../../src/services/exchange/core/index.js';

const HOUR = 3_600_000;

describe('ClientOrderIds', () => {
  it('finds exactly what was remembered, per account, through many growths of its tables', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.string({ minLength: 1, maxLength: 64 })), { minLength: 1, maxLength: 3000 }),
      (uses) => {
        const ids = new ClientOrderIds(HOUR);
        const model = new Map<string, number>();
        uses.forEach(([account, id], i) => {
          const key = `${account}/${id}`;
          assert.equal(ids.find(account, id, 0), model.get(key));
          if (!model.has(key)) {
            ids.remember(account, id, i + 1, 0);
            model.set(key, i + 1);
          }
        });
        for (const [key, orderId] of model) {
          const slash = key.indexOf('/');
          assert.equal(ids.find(Number(key.slice(0, slash)), key.slice(slash + 1), 0), orderId);
        }
        assert.equal(ids.size, model.size);
      },
    ), { numRuns: 30 });
  });

  it('finds every id while its slots grow a few entries at a time and its columns grow by pages', () => {
    const ids = new ClientOrderIds(HOUR);
    const count = 200_000; // past three pages of entries and many slot growths
    for (let i = 0; i < count; i++) {
      assert.equal(ids.find(i % 7, `order-${i}`, 0), undefined);
      ids.remember(i % 7, `order-${i}`, i + 1, 0);
      // An earlier id, looked up while the entries may be moving between the old and new slots.
      const earlier = (i * 7919) % (i + 1);
      assert.equal(ids.find(earlier % 7, `order-${earlier}`, 0), earlier + 1, `order-${earlier} after ${i + 1} adds`);
    }
    assert.equal(ids.size, count);
    for (let i = 0; i < count; i++) assert.equal(ids.find(i % 7, `order-${i}`, 0), i + 1);
    assert.equal(ids.find(1, 'order-0', 0), undefined, 'another account');
  });

  it('tells apart ids that differ only in a character above one byte, or in length', () => {
    const ids = new ClientOrderIds(HOUR);
    ids.remember(1, 'a\u0101', 1, 0);
    ids.remember(1, 'a', 2, 0);
    assert.deepEqual(['a\u0001', 'a\u0101', 'a', 'aa'].map((id) => ids.find(1, id, 0)), [undefined, 1, 2, undefined]);
  });

  it('remembers an id for at least the window and forgets it after twice the window', () => {
    const ids = new ClientOrderIds(HOUR);
    ids.remember(1, 'first', 1, 0);
    ids.remember(1, 'second', 2, HOUR - 1);
    ids.remember(1, 'third', 3, HOUR); // a new generation starts
    assert.deepEqual(['first', 'second', 'third'].map((id) => ids.find(1, id, 2 * HOUR - 1)), [1, 2, 3]);
    // At twice the window the generation of 'first' and 'second' goes: found no more at once, dropped at the next remember.
    assert.deepEqual(['first', 'second', 'third'].map((id) => ids.find(1, id, 2 * HOUR)), [undefined, undefined, 3]);
    assert.equal(ids.size, 3);
    ids.remember(1, 'fourth', 4, 2 * HOUR);
    assert.deepEqual(['first', 'third', 'fourth'].map((id) => ids.find(1, id, 2 * HOUR)), [undefined, 3, 4]);
    assert.equal(ids.size, 2);
  });

  it('turn generations only as ids are remembered: looking one up changes nothing', () => {
    const looked = new ClientOrderIds(HOUR), untouched = new ClientOrderIds(HOUR);
    for (const ids of [looked, untouched]) ids.remember(1, 'first', 1, 0);
    assert.equal(looked.find(1, 'other', HOUR), undefined);
    for (const ids of [looked, untouched]) ids.remember(1, 'second', 2, HOUR + 10);
    const saved = (ids: ClientOrderIds) => {
      const { currentSince, current, previous } = ids.capture();
      return { currentSince, current: [...current], previous: previous && [...previous] };
    };
    assert.deepEqual(saved(looked), saved(untouched));
    assert.deepEqual(saved(looked), { currentSince: HOUR + 10, current: [[1, 'second', 2]], previous: [[1, 'first', 1]] });
  });

  it('refuses a window that is not positive', () => {
    assert.throws(() => new ClientOrderIds(0), /window must be positive, got 0/);
  });
});

describe('client order ids in the exchange state', () => {
  const submit = (account: string, clientOrderId: string, price: number): SubmitOrder => ({
    kind: 'submit', account, symbol: 'AAA', side: 'buy', type: 'limit', price, qty: 1, tif: 'GTC', postOnly: false, clientOrderId,
  });
  const order = (timeMs: number, command: SubmitOrder): JournalEntry => ({ kind: 'order', timeMs, command });

  it('refuse a reuse by the same account within the window, naming the order, and accept it once forgotten', () => {
    const state = new ExchangeState(['AAA'], {}, { clientOrderIdWindowMs: HOUR });
    assert.ok(state.process(order(0, submit('alice', 'c-1', 100))).journal);
    assert.ok(state.process(order(1, submit('bob', 'c-1', 100))).journal, 'another account may use the same id');
    const reused = state.process(order(HOUR - 1, submit('alice', 'c-1', 101)));
    assert.ok(!reused.journal);
    assert.deepEqual([reused.error.code, reused.error.status], ['DUPLICATE_CLIENT_ORDER_ID', 409]);
    assert.match(reused.error.message, /"c-1" was already used by order 1 of account alice/);
    state.process(order(HOUR, submit('carol', 'x', 100)));
    state.process(order(2 * HOUR, submit('carol', 'y', 100)));
    assert.ok(state.process(order(2 * HOUR, submit('alice', 'c-1', 102))).journal);
  });

  it('replay the journal to the same state even under a longer window, where a reused id would now be refused', () => {
    const live = new ExchangeState(['AAA'], {}, { clientOrderIdWindowMs: 1000 });
    const entries = [order(0, submit('alice', 'c-1', 100)), order(1000, submit('alice', 'c-2', 100)), order(2000, submit('alice', 'c-1', 99))];
    const journal = entries.filter((e) => live.process(e).journal);
    assert.equal(journal.length, 3);
    const replayed = new ExchangeState(['AAA'], {}, { clientOrderIdWindowMs: HOUR });
    for (const e of journal) assert.ok(replayed.process(e, 'replay').journal);
    assert.equal(replayed.stateHash(), live.stateHash());
    const checked = new ExchangeState(['AAA'], {}, { clientOrderIdWindowMs: HOUR });
    assert.deepEqual(journal.map((e) => checked.process(e).journal), [true, true, false], 'processed live, the reuse is refused');
  });
});
